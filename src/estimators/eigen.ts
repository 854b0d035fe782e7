/**
 * Eigenvalues of a real symmetric matrix (n×n, row-major), descending. Householder reduction to
 * tridiagonal form, then the QL algorithm with implicit shifts: Numerical Recipes 3rd ed. §11.3–11.4
 * (`tred2` with yesvecs = false, `tqli`), after EISPACK tred1/tql1. Eigenvalues only: no
 * eigenvector accumulation, which is most of the cost of ml-matrix's EigenvalueDecomposition.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  const z = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(z, n, d, e);
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  implicitQl(d, e, n);
  return d.sort().reverse();
}

function tridiagonalize(z: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    const ri = i * n;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k < i; k++) scale += Math.abs(z[ri + k]!);
      if (scale === 0) e[i] = z[ri + l]!;
      else {
        for (let k = 0; k < i; k++) {
          z[ri + k]! /= scale;
          h += z[ri + k]! * z[ri + k]!;
        }
        let f = z[ri + l]!;
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        z[ri + l] = f - g;
        f = 0;
        for (let j = 0; j < i; j++) {
          g = 0;
          for (let k = 0; k <= j; k++) g += z[j * n + k]! * z[ri + k]!;
          for (let k = j + 1; k < i; k++) g += z[k * n + j]! * z[ri + k]!;
          e[j] = g / h;
          f += e[j]! * z[ri + j]!;
        }
        const hh = f / (h + h);
        for (let j = 0; j < i; j++) {
          f = z[ri + j]!;
          e[j] = g = e[j]! - hh * f;
          for (let k = 0; k <= j; k++) z[j * n + k]! -= f * e[k]! + g * z[ri + k]!;
        }
      }
    } else e[i] = z[ri + l]!;
    d[i] = h;
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = z[i * n + i]!;
}

function implicitQl(d: Float64Array, e: Float64Array, n: number): void {
  const EPS = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= EPS * dd) break;
      }
      if (m !== l) {
        if (iter++ === 60) throw new Error('symmetricEigenvalues: QL iteration did not converge');
        let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
        let r = Math.hypot(g, 1);
        g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i]!;
          const b = c * e[i]!;
          e[i + 1] = r = Math.hypot(f, g);
          if (r === 0) {
            d[i + 1]! -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1]! - p;
          r = (d[i]! - g) * s + 2 * c * b;
          d[i + 1] = g + (p = s * r);
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l]! -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}
