// The "Whole process" section of docs/benchmarks.md, from bench/whole-process.mjs's result.

const f = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const int = (x) => Math.round(x).toLocaleString('en-US');
const best = (xs, key) => Math.min(...xs.map((x) => x[key]));
/** "1.23 s (1.23–1.40, 3 runs)": the best run, then the spread and the number of runs. */
const range = (xs, key, d = 2) => `${f(best(xs, key), d)} s (${xs.length > 1 ? `${f(Math.min(...xs.map((x) => x[key])), d)}–${f(Math.max(...xs.map((x) => x[key])), d)}, ` : ''}${xs.length} run${xs.length > 1 ? 's' : ''})`;
const TARGET = { tokenize: '1.5×', analyze: '1.0×', analyzeOneThread: 'none: for comparison' };
const LABEL = { tokenize: '`tokenize --input P.jsonl > out`', analyze: '`analyze P.jsonl --format json`', analyzeOneThread: '`analyze P.jsonl --format json --threads 1`' };

export function wholeProcess(e) {
  if (e.error) return `## Whole process: tokenize and analyze against the native tokenizer\n\n\`${e.command}\` failed: ${e.error}\n`;
  const r = e.result;
  const rows = r.sets.flatMap((s) => s.rows.map((row) => `| ${s.set} | ${LABEL[row.command]} | ${range(row.ours, 'wall')} | ${range(row.ours, 'cpu')} | ${range(row.anchor, 'wall')} | ${range(row.anchor, 'cpu')} | **${f(row.ratioWall)}×** / ${f(row.ratioCpu)}× (target ${TARGET[row.command]}) | ${row.identicalLines ? `${int(row.identicalLines.same)} / ${int(row.identicalLines.of)}` : '–'} | ${row.load[0]} / ${row.load[1]} |`));
  const big = r.bigRss;
  const s = r.startup;
  return `## Whole process: tokenize and analyze against the native tokenizer

\`npm run build && ${e.command}\`: the installed CLI run by node as a user runs it (\`node bin/lite-text.js …\`: start-up,
reading, tokenizing, writing), **side by side** with an anchor script that does the same work around the native Rust
tokenizer \`clip-tokenizer-rs\` (its \`.node\` binary, called from node): read the file, parse each JSON line, tokenize,
then print the same JSON lines (\`{"text","ids","input_ids"}\`, start/end added, padded or cut to 32) or count the lengths
and the ids. Input: ${int(r.prompts)} prompts as JSON Lines with a \`"text"\` field, built in a temp folder from the
distinct prompts of each set, cycled with a counter suffix (\` 1\`, \` 2\`, …) once they run out, so that no two prompts are
equal; output to a file. **Best of ${r.runs}** runs, interleaved (the order alternates run by run); wall time and CPU time
(user + system, GNU time: the machine's load inflates it less). Ratio = anchor time / lite-text time (above 1: lite-text is
faster), wall / CPU. The anchors' lines differ from ours where the Rust tokenizer lacks SAM3's ftfy cleaning (curly quotes,
mojibake).

Machine of this section: ${r.machine}.

Sets: ${r.sets.map((x) => `**${x.set}**: ${x.describe} (${int(x.distinct)} distinct)`).join('; ')}.

| set | command | lite-text wall | CPU | anchor wall | CPU | ratio wall / CPU | lines identical | load start / end |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Peak RSS (GNU time's maximum resident set, MiB) on **${int(r.big)} prompts** of each set, one run each; targets: \`tokenize\` ≤ 250 MiB,
\`analyze\` ≤ 400 MiB (the anchors read the file whole):

| set | \`tokenize\` | anchor | \`analyze --format json\` | \`… --threads 1\` | anchor |
|---|---|---|---|---|---|
${Object.entries(big).map(([set, b]) => `| ${set} | ${f(b.tokenize.ours.rssMiB, 0)} | ${f(b.tokenize.anchor.rssMiB, 0)} | ${f(b.analyze.ours.rssMiB, 0)} | ${f(b.analyzeOneThread.ours.rssMiB, 0)} | ${f(b.analyze.anchor.rssMiB, 0)} |`).join('\n')}

\`tokenize\` reads, checks, tokenizes and writes 64 KiB of input at a time and waits while stdout is full, so its memory
does not grow with the input. \`analyze\` keeps per prompt only the index of its distinct text, dataset and file, plus the
distinct texts (as Latin-1 or UTF-16 bytes in pages, not as strings) and their ids (16 bits each). On two cores or more,
a worker thread indexes (by 64-bit hashes, each answer checked against the texts in the main thread) and tokenizes each
batch of 2,048 prompts while the main thread reads the next ones: the wall time is the longer of the two, the CPU time
their sum; \`--threads 1\` keeps everything in the main thread (the third row of each set).

Start-up (best of ${s.node.runs}, wall / CPU): \`node -e 0\` ${f(s.node.wall)} / ${f(s.node.cpu)} s; \`lite-text --version\`
${f(s.version.wall)} / ${f(s.version.cpu)} s; \`lite-text tokenize "a cat"\` ${f(s.tokenizeOne.wall)} / ${f(s.tokenizeOne.cpu)} s.
\`npx lite-text --version\` (in the clone) ${f(s.npxVersion.wall)} / ${f(s.npxVersion.cpu)} s: for scripted use, install the
command (\`npm link\` in the clone, or \`npm install -g\`) rather than calling it through \`npx\`.

Adversarial words (one line of pseudo-random letters, \`tokenize --input\`, whole process): ${r.longWords.map((w) => `${int(w.chars)} characters → ${int(w.ids)} ids in ${f(w.wall)} s wall / ${f(w.cpu)} s CPU`).join('; ')}.
BPE merges a word longer than 64 bytes with a heap of (rank, position) over a linked list, O(n log n), the same ids
as CLIP's loop (\`test/tokenizer/bpe-merge.test.ts\`); the straightforward loop took 72 s on 1,000,000 characters.
`;
}
