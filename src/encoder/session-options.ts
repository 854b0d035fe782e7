import type { Logger } from '../logger.js';

/** The devices onnxruntime can run the encoder on here. */
export const DEVICES = ['cpu', 'cuda'] as const;
export type Device = (typeof DEVICES)[number];

/** How an encoder session is opened and fed (built from the run options by sessionOptions()). */
export interface EncoderOptions {
  /** Force an I/O convention (--encoder-io). */
  convention?: string | undefined;
  /** Output tensor to read (--output). */
  output?: string | undefined;
  threads?: number | undefined;
  device?: Device | undefined;
  /** Context length token sequences are cut to when the sequence axis is dynamic (SAM3: 32). */
  contextLength?: number | undefined;
  /** Padding id (SAM3 pads with 0). */
  padId?: number | undefined;
  logger?: Logger | undefined;
  /** false: never cut batches (always pad to the context), e.g. for the naive baseline. Default true. */
  allowCut?: boolean | undefined;
  /** Cache folder: remembers the model's hash and signature so a fully cached re-run never loads the model. */
  memoDir?: string | undefined;
}
