import { escapeCell, int, num, pct, table } from '../../report/format.js';
import { COMPONENTS, type EncoderAnatomy } from './schema.js';

const LABEL: Record<string, string> = {
  tokenEmbedding: 'token embedding', positionalEmbedding: 'positional embedding', attention: 'attention', mlp: 'MLP',
  norms: 'layer norms', tokenMixer: 'token mixer', finalNorm: 'final norm', projection: 'text projection', resizer: 'resizer', unattributed: 'unattributed',
};
const mib = (bytes: number) => num(bytes / 2 ** 20, 2);

/** The encoder's anatomy: parameters and memory by component (paper-style), positional redundancy, unused rows. */
export function encoderMarkdown(s: EncoderAnatomy): string[] {
  const out: string[] = [];
  out.push('## Text encoder anatomy', '');
  const a = s.architecture;
  out.push(`${escapeCell(s.source.name)} (${s.source.kind === 'arch' ? 'built-in architecture description' : 'ONNX initializers'}): vocabulary ${a.vocabSize === undefined ? '?' : int(a.vocabSize)}, width ${a.width ?? '?'}, ${a.layers} layers, context ${a.contextLength ?? '?'} — **${int(s.parameters.total)} parameters**.`, '');
  const rows = COMPONENTS.filter((c) => s.parameters.byComponent[c] > 0).map((c) => {
    const b = s.bytes.byComponent[c]!;
    return [LABEL[c] ?? c, int(s.parameters.byComponent[c]), pct(s.parameters.byComponent[c] / s.parameters.total), mib(b.stored), mib(b.fp32), mib(b.fp16), mib(b.int8)];
  });
  rows.push(['**total**', int(s.parameters.total), '100.00 %', mib(s.bytes.total.stored), mib(s.bytes.total.fp32), mib(s.bytes.total.fp16), mib(s.bytes.total.int8)]);
  out.push(table(['component', 'parameters', 'share', 'stored MiB', 'fp32 MiB', 'fp16 MiB', 'int8 MiB'], rows), '');
  if (s.positional) {
    const m = s.positional.meanNeighbourSimilarity;
    out.push(`Positional embedding: ${s.positional.rows} rows; mean cosine similarity of each position to its neighbours: min ${num(Math.min(...m), 3)}, max ${num(Math.max(...m), 3)}.`, '');
  }
  if (s.corpus) {
    const c = s.corpus;
    out.push(`The corpus uses ${int(c.usedRows)} embedding rows (start and end included); the other ${int(c.unusedRows)} hold ${num(c.unusedMiB.stored, 2)} MiB as stored (${num(c.unusedMiB.fp32, 2)} MiB at fp32, ${num(c.unusedMiB.fp16, 2)} MiB at fp16).`, '');
  }
  return out;
}
