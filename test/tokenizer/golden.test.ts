import { describe, expect, it } from 'vitest';
import { Sam3Tokenizer, toContext } from '../../src/tokenizer/index.js';
import { goldenRecords } from './golden.js';

// Edge cases on which we knowingly differ from SAM3 (each listed with its reason in
// docs/tokenizer.md). Empty today: every golden-dev line agrees.
const KNOWN_EDGE_DISAGREEMENTS: readonly string[] = [];

const tokenizer = new Sam3Tokenizer();
const records = goldenRecords();
const corpus = records.filter((r) => r.source !== 'edge');
const edge = records.filter((r) => r.source === 'edge');

describe('SAM3 tokenizer against golden-dev.jsonl (SAM3 SimpleTokenizer + ftfy 6.3.1)', () => {
  it('reads the whole file: 1,545 edge cases and 15,966 corpus prompts', () => {
    // Counts stated in ../shared/reference/sam3-tokenizer/README.md.
    expect(edge).toHaveLength(1545);
    expect(corpus).toHaveLength(15966);
  });

  it('agrees on every corpus prompt, untruncated and in the 32-id context', () => {
    const wrong = corpus.filter((r) => {
      const ids = tokenizer.encode(r.text);
      return JSON.stringify(ids) !== JSON.stringify(r.tokens) || JSON.stringify(toContext(ids, 32, tokenizer.special)) !== JSON.stringify(r.input_ids_32);
    });
    expect(wrong.map((r) => r.text)).toEqual([]);
  });

  it('agrees on at least 99% of the edge cases, and every disagreement is a documented one', () => {
    const wrong = edge.filter((r) => JSON.stringify(tokenizer.encode(r.text)) !== JSON.stringify(r.tokens)).map((r) => r.text);
    expect(wrong.length / edge.length).toBeLessThanOrEqual(0.01);
    expect(wrong).toEqual(KNOWN_EDGE_DISAGREEMENTS);
  });

  it('pads and truncates like the reference batch call on every record', () => {
    const wrong = records.filter((r) => JSON.stringify(toContext(r.tokens, 32, tokenizer.special)) !== JSON.stringify(r.input_ids_32));
    expect(wrong).toEqual([]);
    // The reference truncates 145 records (README); our rule must have cut exactly those.
    expect(records.filter((r) => r.tokens.length > 32)).toHaveLength(145);
  });

  it('encodeBatch equals encode, with a cold and a warm BPE cache', () => {
    const sample = records.filter((_, i) => i % 7 === 0).map((r) => r.text);
    const cold = new Sam3Tokenizer().encodeBatch(sample);
    expect(cold).toEqual(sample.map((t) => tokenizer.encode(t)));
    expect(cold).toEqual(records.filter((_, i) => i % 7 === 0).map((r) => r.tokens));
  });

  it('declares SAM3 vocabulary, specials and context length', () => {
    expect(tokenizer.vocabSize).toBe(49408);
    expect(tokenizer.special).toEqual({ start: 49406, end: 49407, pad: 0 });
    expect(tokenizer.contextLength).toBe(32);
    expect(tokenizer.idToToken(49406)).toBe('<start_of_text>');
  });
});
