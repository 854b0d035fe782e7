/** One or two sentences per measure of the agreement report, with the formula; the report carries them. */
export const agreementDefinitions: Readonly<Record<string, string>> = {
  prompts: 'number of prompts compared: the unique prompt texts present in both A and B (rows matched by prompt id).',
  cosine: 'per prompt, cos(a_i, b_i) = a_i·b_i / (|a_i| |b_i|) of the pooled embeddings in float64; mean, median, p5 (numpy\'s linear percentile) and min over the prompts. null when the widths differ.',
  'cka.linear': 'linear CKA (Kornblith et al. 2019) of the column-centred embedding matrices X (A) and Y (B): |YᵀX|²_F / (|XᵀX|_F |YᵀY|_F), in float64; works across widths. Per group, centred within the group; null when a side has no variance there.',
  knnOverlap: 'k, and the mean over prompts of |N_A(i) ∩ N_B(i)| / k, where N(i) are the k nearest other prompts by cosine similarity (exact; ties broken by lower row index). In byDataset and byLength, the mean over the group\'s prompts of their overlap among all prompts.',
  byDataset: 'the same measures over the prompts of each dataset (a text in several datasets counts in each).',
  byLength: 'the same measures per token-length bucket (SAM3 tokenizer, start/end tokens included, before any cut): 1-4, 5-8, 9-16, 17-32, 33-64, 65+.',
  worst: 'the 20 prompts with the lowest cosine (text, datasets, token length, cosine); empty when the widths differ.',
};
