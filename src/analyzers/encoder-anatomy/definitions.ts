/** One or two sentences per measure of the encoder-anatomy section, with the formula; the report carries them. */
export const encoderAnatomyDefinitions: Readonly<Record<string, string>> = {
  'encoderAnatomy.parameters': 'parameters: elements of the model\'s floating-point initializers, attributed by name and shape to a component (token embedding, positional embedding, attention, MLP, layer norms, …) and, inside the transformer blocks, to a layer; share = component ÷ total.',
  'encoderAnatomy.bytes': 'MiB = bytes ÷ 2^20: as stored in the file (its own dtypes), and if held at fp32, fp16 or int8 = parameters × 4, 2 or 1 bytes.',
  'encoderAnatomy.unattributed': 'initializers no rule could place (name, shape, parameters); counted under "unattributed".',
  'encoderAnatomy.constants': 'integer tensors and floating-point scalars (shapes, axes, mask constants): not parameters.',
  'encoderAnatomy.positional.meanNeighbourSimilarity': 'per position p, the mean cosine similarity of positional row p to rows p−1 and p+1 (those that exist); the report quotes its min and max.',
  'encoderAnatomy.corpus': 'prunable rows: usedRows = distinct ids the corpus uses (start and end included) that index the token-embedding table; unusedRows = rows − usedRows; unusedMiB = unusedRows × width × bytes per value ÷ 2^20, as stored and at fp32/fp16.',
};
