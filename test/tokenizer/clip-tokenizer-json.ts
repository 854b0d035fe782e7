import { BYTE_ORDER, BYTE_TO_CHAR } from '../../src/tokenizer/bytes.js';
import { builtinMerges } from '../../src/tokenizer/merges.js';

/**
 * A Hugging Face `tokenizer.json` for CLIP built from the same merges, in the layout of
 * openai/clip-vit-base-patch32's (BPE with `</w>` suffix, Split + ByteLevel pre-tokenizers,
 * RobertaProcessing), to test the `tokenizer-json` kind against SAM3's ids.
 */
export function clipTokenizerJson(): object {
  const { merges } = builtinMerges();
  const vocab: Record<string, number> = {};
  const bytes = BYTE_ORDER.map((b) => BYTE_TO_CHAR[b] as string);
  bytes.forEach((s, i) => { vocab[s] = i; });
  bytes.forEach((s, i) => { vocab[`${s}</w>`] = 256 + i; });
  merges.forEach(([l, r], i) => { vocab[l + r] = 512 + i; });
  vocab['<|startoftext|>'] = 49406;
  vocab['<|endoftext|>'] = 49407;
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(49406, '<|startoftext|>'), special(49407, '<|endoftext|>')],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }] },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: { type: 'RobertaProcessing', sep: ['<|endoftext|>', 49407], cls: ['<|startoftext|>', 49406], trim_offsets: false, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: '<|endoftext|>', continuing_subword_prefix: '', end_of_word_suffix: '</w>', fuse_unk: false, byte_fallback: false, vocab, merges: merges.map(([l, r]) => `${l} ${r}`) },
  };
}
