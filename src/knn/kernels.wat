;; The exact kNN's inner loops in WebAssembly SIMD, compiled to kernels-wasm.ts by
;; scripts/gen-knn-assets.mjs: the tile scan (four float32 keys per instruction) and the group
;; minima that seed a diagonal tile's thresholds (scan.ts), and the float64 squared distance of
;; the recompute (distance.ts).
;;
;; scan(c, bi, bj, aNorm, bNorm, aThr, bThr, out) -> count
;;   c: the bi x bj float32 tile, row-major; aNorm/aThr: bi float32 each; bNorm/bThr: bj float32 each;
;;   all byte addresses into memory. For each row a and each group of four columns b..b+3 where some
;;   lane has a row key c + bNorm[b] < aThr[a] or a column key c + aNorm[a] < bThr[b] (float32 adds
;;   and compares, like the scalar code that reads the groups back), writes two int32 to out: the
;;   group's flat index a*bj + b and a lane mask (bit l: lane l passes the row check; bit 4 + l: the
;;   column check). A row's last, partial group (bj not a multiple of 4) is always written, with
;;   mask 0xff (the reader checks its lanes itself). Returns the number of groups written.
(module
  (import "env" "memory" (memory 1))
  (func (export "scan")
    (param $c i32) (param $bi i32) (param $bj i32) (param $an i32) (param $bn i32) (param $at i32) (param $bt i32) (param $out i32)
    (result i32)
    (local $a i32) (local $b i32) (local $row i32) (local $vecEnd i32) (local $n i32) (local $rowPtr i32) (local $mask i32)
    (local $tr v128) (local $na v128) (local $v v128)
    (local.set $vecEnd (i32.and (local.get $bj) (i32.const -4)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $a) (local.get $bi)))
        (local.set $tr (f32x4.splat (f32.load (i32.add (local.get $at) (i32.shl (local.get $a) (i32.const 2))))))
        (local.set $na (f32x4.splat (f32.load (i32.add (local.get $an) (i32.shl (local.get $a) (i32.const 2))))))
        (local.set $row (i32.mul (local.get $a) (local.get $bj)))
        (local.set $rowPtr (i32.add (local.get $c) (i32.shl (local.get $row) (i32.const 2))))
        (local.set $b (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $b) (local.get $vecEnd)))
            (local.set $v (v128.load align=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $b) (i32.const 2)))))
            (local.set $mask (i32.or
              (i32x4.bitmask
                (f32x4.lt
                  (f32x4.add (local.get $v) (v128.load align=4 (i32.add (local.get $bn) (i32.shl (local.get $b) (i32.const 2)))))
                  (local.get $tr)))
              (i32.shl
                (i32x4.bitmask
                  (f32x4.lt
                    (f32x4.add (local.get $v) (local.get $na))
                    (v128.load align=4 (i32.add (local.get $bt) (i32.shl (local.get $b) (i32.const 2))))))
                (i32.const 4))))
            (if (local.get $mask)
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (i32.add (local.get $row) (local.get $b)))
                (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (local.get $mask))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (br $cols)))
        (if (i32.lt_u (local.get $vecEnd) (local.get $bj))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (i32.add (local.get $row) (local.get $vecEnd)))
            (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (i32.const 255))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $rows)))
    (local.get $n))

  ;; groupMins(c, bi, bj, bNorm, out): for each row a of the bi x bj float32 tile and each full
  ;; group g of 16 columns (g < bj / 16), writes min over the group of the float32 keys
  ;; c[a][16g + l] + bNorm[16g + l] to out[a * (bj / 16) + g] (float32). Columns past the last
  ;; full group are left out.
  (func (export "groupMins") (param $c i32) (param $bi i32) (param $bj i32) (param $bn i32) (param $out i32)
    (local $a i32) (local $g i32) (local $groups i32) (local $p i32) (local $q i32) (local $m v128)
    (local.set $groups (i32.shr_u (local.get $bj) (i32.const 4)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $a) (local.get $bi)))
        (local.set $p (i32.add (local.get $c) (i32.shl (i32.mul (local.get $a) (local.get $bj)) (i32.const 2))))
        (local.set $q (local.get $bn))
        (local.set $g (i32.const 0))
        (block $groupsDone
          (loop $grp
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
            (local.set $m (f32x4.min
              (f32x4.min
                (f32x4.add (v128.load align=4 (local.get $p)) (v128.load align=4 (local.get $q)))
                (f32x4.add (v128.load offset=16 align=4 (local.get $p)) (v128.load offset=16 align=4 (local.get $q))))
              (f32x4.min
                (f32x4.add (v128.load offset=32 align=4 (local.get $p)) (v128.load offset=32 align=4 (local.get $q)))
                (f32x4.add (v128.load offset=48 align=4 (local.get $p)) (v128.load offset=48 align=4 (local.get $q))))))
            (local.set $m (f32x4.min (local.get $m) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m))))
            (local.set $m (f32x4.min (local.get $m) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $m) (local.get $m))))
            (f32.store (local.get $out) (f32x4.extract_lane 0 (local.get $m)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (local.set $q (i32.add (local.get $q) (i32.const 64)))
            (local.set $g (i32.add (local.get $g) (i32.const 1)))
            (br $grp)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $rows))))

  ;; dist32(p, q, d) -> f64: sum over c < d of (x[p][c] - x[q][c])^2 for two rows of d float32
  ;; values at byte addresses p and q, each difference and square in float64 (float32 -> float64
  ;; is exact). Columns c = 0, 1 mod 4 go to lanes of one accumulator, 2, 3 mod 4 to another, the
  ;; tail (d mod 4 columns) to a third; the result is ((s0 + s2) + (s1 + s3)) + tail, the order
  ;; distance.ts's JavaScript fallback uses too.
  (func (export "dist32") (param $p i32) (param $q i32) (param $d i32) (result f64)
    (local $c i32) (local $end i32) (local $va v128) (local $vb v128) (local $lo v128) (local $hi v128)
    (local $acc0 v128) (local $acc1 v128) (local $e f64) (local $tail f64)
    (local.set $end (i32.and (local.get $d) (i32.const -4)))
    (block $done
      (loop $cols
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $va (v128.load align=4 (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $vb (v128.load align=4 (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $lo (f64x2.sub (f64x2.promote_low_f32x4 (local.get $va)) (f64x2.promote_low_f32x4 (local.get $vb))))
        (local.set $hi (f64x2.sub
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $va) (local.get $va)))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $vb) (local.get $vb)))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $lo) (local.get $lo))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $hi) (local.get $hi))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cols)))
    (block $tailDone
      (loop $tailLoop
        (br_if $tailDone (i32.ge_u (local.get $c) (local.get $d)))
        (local.set $e (f64.sub
          (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 2)))))
          (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $tail (f64.add (local.get $tail) (f64.mul (local.get $e) (local.get $e))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tailLoop)))
    (f64.add
      (f64.add
        (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 0 (local.get $acc1)))
        (f64.add (f64x2.extract_lane 1 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc1))))
      (local.get $tail)))

  ;; dist64(p, q, d) -> f64: the same for rows of float64 values (same lanes, same order).
  (func (export "dist64") (param $p i32) (param $q i32) (param $d i32) (result f64)
    (local $c i32) (local $end i32) (local $lo v128) (local $hi v128) (local $o i32)
    (local $acc0 v128) (local $acc1 v128) (local $e f64) (local $tail f64)
    (local.set $end (i32.and (local.get $d) (i32.const -4)))
    (block $done
      (loop $cols
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $o (i32.shl (local.get $c) (i32.const 3)))
        (local.set $lo (f64x2.sub
          (v128.load align=8 (i32.add (local.get $p) (local.get $o)))
          (v128.load align=8 (i32.add (local.get $q) (local.get $o)))))
        (local.set $hi (f64x2.sub
          (v128.load offset=16 align=8 (i32.add (local.get $p) (local.get $o)))
          (v128.load offset=16 align=8 (i32.add (local.get $q) (local.get $o)))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $lo) (local.get $lo))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $hi) (local.get $hi))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cols)))
    (block $tailDone
      (loop $tailLoop
        (br_if $tailDone (i32.ge_u (local.get $c) (local.get $d)))
        (local.set $e (f64.sub
          (f64.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))
          (f64.load (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 3))))))
        (local.set $tail (f64.add (local.get $tail) (f64.mul (local.get $e) (local.get $e))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tailLoop)))
    (f64.add
      (f64.add
        (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 0 (local.get $acc1)))
        (f64.add (f64x2.extract_lane 1 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc1))))
      (local.get $tail))))
