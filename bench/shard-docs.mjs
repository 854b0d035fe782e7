// The "Past one machine" section of docs/benchmarks.md, from bench/shard.mjs's result.

const f = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const int = (x) => (x === undefined || x === null ? '–' : Math.round(x).toLocaleString('en-US'));

export function shard(e) {
  if (e.error) return failed(e, 'Past one machine: sharded kNN and merges');
  const r = e.result;
  const first = r.single[0];
  const rows = r.single.map((s) => `| ${int(s.n)} × ${r.dim} | ${f(s.wall)} s | ${f(s.cpu)} s | ${int(s.rssMiB)} MiB | ${f((s.n / first.n) ** 2, 0)}× | ${f(s.wall / first.wall, 1)}× | ${s.load.join(' / ')} |`);
  const shards = r.sharded.map((x) => {
    const walls = x.shards.map((s) => s.wall);
    const cpu = x.shards.reduce((a, s) => a + (s.cpu ?? 0), 0);
    return `| ${x.N} | ${walls.map((w) => f(w)).join(', ')} s | ${f(Math.max(...walls))} s (${f(Math.max(...walls) / r.baseWall, 2)}× of one machine) | ${f(cpu)} s (${f(cpu / r.baseCpu, 2)}×) | ${f(x.merge.wall)} s, ${int(x.merge.rssMiB)} MiB | ${x.identical ? 'yes' : 'NO'} | ${x.load.join(' / ')} |`;
  });
  const m = r.embedMerge;
  return `## Past one machine: sharded kNN and merges

\`lite-text id\` on one machine (one process, TwoNN + MLE + PCA, the exact kNN in one worker thread per core) on the
curved 16-manifold in ${r.dim} dimensions of the id bench, one run per size (${r.machine}). The machine is shared with other engineers: the load
average (1 min) before / after each run is in the last column; with a load above the 2 cores, the times are pessimistic.

Command (after \`npm run build\`): \`${e.command}\`

| n × D | wall | CPU | peak RSS | pairs vs first | wall vs first | load |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Sharded: \`id FILE --shard K/N --out PART\` for K = 1..N, run one after the other on this machine (on a cluster they run
at once, one machine each), then \`id --merge PART... --json\`, on ${int(r.shardSize)} points (one machine: ${f(r.baseWall)} s wall,
${f(r.baseCpu)} s CPU). A shard computes the tiles of the distance matrix that touch its rows (only its rows keep candidates): the
symmetric half a single run saves is lost, so the shards together do up to twice the distance products of one
run, and each pays the fixed costs (reading and centring the file, starting onnxruntime); PCA runs in shard 1 only. "Same output"
compares the merge's JSON with the single run's, byte for byte.

| N | each shard's wall | slowest shard | CPU of all shards | merge | same output | load |
|---|---|---|---|---|---|---|
${shards.join('\n')}

\`lite-text merge\` of ${m.shards} embedding shards of ${int(m.rows)} × ${m.cols} float32 (${f(m.bytes / 2 ** 20, 0)} MiB, written as \`embed --shard\`
writes them): ${f(m.wall)} s wall, peak RSS ${int(m.rssMiB)} MiB: the merge copies in 4 MiB chunks (checking each part's sha256 as it
reads), so its memory does not grow with the data.
`;
}
