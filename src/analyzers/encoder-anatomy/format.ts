import { counted } from '../../util/plural.js';
import { COMPONENTS, type Component, type EncoderAnatomy } from './schema.js';

const LABELS: Record<Component, string> = {
  tokenEmbedding: 'token embedding', positionalEmbedding: 'positional embedding', attention: 'attention', mlp: 'MLP',
  norms: 'layer norms', tokenMixer: 'token mixer', finalNorm: 'final norm', projection: 'text projection', resizer: 'resizer',
  unattributed: 'unattributed',
};

const int = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

/** Plain-text rendering of the section for `inspect-encoder` (numbers come from the section only). */
export function formatAnatomy(s: EncoderAnatomy, svgPath?: string): string {
  const a = s.architecture;
  const lines = [
    `encoder: ${s.source.name}${s.source.files && s.source.files.length > 1 ? ` (+ ${counted(s.source.files.length - 1, 'external data file')})` : ''}`,
    `architecture: vocabulary ${a.vocabSize ?? '?'}, width ${a.width ?? '?'}, ${counted(a.layers, 'layer')}, context ${a.contextLength ?? '?'}`,
    `parameters: ${int(s.parameters.total)} (${mib(s.bytes.total.stored)} as stored; fp32 ${mib(s.bytes.total.fp32)}, fp16 ${mib(s.bytes.total.fp16)}, int8 ${mib(s.bytes.total.int8)})`,
    '',
  ];
  const rows = [['component', 'parameters', 'share', 'stored', 'fp16']];
  for (const c of COMPONENTS) {
    const n = s.parameters.byComponent[c];
    if (n === 0) continue;
    const b = s.bytes.byComponent[c]!;
    rows.push([LABELS[c], int(n), `${((100 * n) / s.parameters.total).toFixed(2)}%`, mib(b.stored), mib(b.fp16)]);
  }
  lines.push(...table(rows), '');
  if (s.parameters.byLayer.length > 0) {
    const layerRows = [['layer', 'attention', 'MLP', 'norms', 'token mixer', 'total']];
    for (const l of s.parameters.byLayer) layerRows.push([String(l.layer), int(l.attention), int(l.mlp), int(l.norms), int(l.tokenMixer), int(l.total)]);
    lines.push(...table(layerRows), '');
  }
  if (s.unattributed.length > 0) lines.push(`unattributed: ${s.unattributed.map((u) => `${u.name} [${u.shape.join(',')}]`).join(', ')}`);
  if (s.positional) {
    const m = s.positional.meanNeighbourSimilarity;
    lines.push(`positional: ${counted(s.positional.rows, 'row')}; mean cosine to neighbours p±1: min ${Math.min(...m).toFixed(3)}, mean ${(m.reduce((x, y) => x + y, 0) / m.length).toFixed(3)}, max ${Math.max(...m).toFixed(3)}${svgPath ? `; heatmap ${svgPath}` : ''}`);
  }
  if (s.corpus) {
    const c = s.corpus;
    lines.push(`corpus: ${counted(c.prompts, 'prompt', 'prompts', int)} ${c.prompts === 1 ? 'uses' : 'use'} ${counted(c.usedRows, 'embedding row', 'embedding rows', int)}; ${counted(c.unusedRows, 'unused row', 'unused rows', int)} ${c.unusedRows === 1 ? 'holds' : 'hold'} ${c.unusedMiB.stored.toFixed(2)} MiB as stored (fp32 ${c.unusedMiB.fp32.toFixed(2)}, fp16 ${c.unusedMiB.fp16.toFixed(2)})`);
  }
  return lines.join('\n').trimEnd();
}
