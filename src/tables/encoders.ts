import { int, num, table } from '../report/format.js';
import { heading, round, type TableDef } from './types.js';

export interface EncoderRow {
  encoder: string;
  source: string;
  parameters: number;
  tokenEmbedding: number;
  positionalEmbedding: number;
  /** attention + mlp + norms + tokenMixer of every block. */
  blocks: number;
  /** final norm, projection, resizer and unattributed tensors. */
  other: number;
  storedMiB: number;
  fp32MiB: number;
  fp16MiB: number;
  /** Fewer parameters than the first encoder listed, in percent (the 88 % headline for S0 vs SAM3). */
  reductionVsFirst: number;
}

const MIB = 1024 * 1024;

/** Table 4: text-encoder parameters and memory (built-in architecture descriptions or ONNX files). */
export const encodersTable: TableDef<EncoderRow[]> = {
  id: 'encoders',
  number: 4,
  title: 'Text-encoder parameters and memory',
  needs: 'encoders',
  rows(input) {
    const first = input.encoders[0]?.anatomy.parameters.total ?? 0;
    return input.encoders.map(({ name, source, anatomy }) => {
      const c = anatomy.parameters.byComponent;
      const b = anatomy.bytes.total;
      return {
        encoder: name,
        source,
        parameters: anatomy.parameters.total,
        tokenEmbedding: c.tokenEmbedding,
        positionalEmbedding: c.positionalEmbedding,
        blocks: c.attention + c.mlp + c.norms + c.tokenMixer,
        other: c.finalNorm + c.projection + c.resizer + c.unattributed,
        storedMiB: round(b.stored / MIB),
        fp32MiB: round(b.fp32 / MIB),
        fp16MiB: round(b.fp16 / MIB),
        reductionVsFirst: first === 0 ? 0 : round((1 - anatomy.parameters.total / first) * 100),
      };
    });
  },
  markdown(rows, meta) {
    const first = rows[0]?.encoder ?? '';
    return [
      ...heading(this, meta, 'Parameters by component (blocks: attention, MLP, norms and token mixers of every layer; other: final norm, projection, resizer, unattributed). MiB = 2^20 bytes; stored = as in the file (built-in descriptions: fp32).'),
      table(['encoder', 'source', 'parameters', 'token emb.', 'pos. emb.', 'blocks', 'other', 'stored MiB', 'fp32 MiB', 'fp16 MiB', `fewer than ${first}`], rows.map((r) => [
        r.encoder, `\`${r.source}\``, int(r.parameters), int(r.tokenEmbedding), int(r.positionalEmbedding), int(r.blocks), int(r.other), num(r.storedMiB, 1), num(r.fp32MiB, 1), num(r.fp16MiB, 1), `${r.reductionVsFirst.toFixed(1)} %`,
      ])),
    ].join('\n');
  },
};
