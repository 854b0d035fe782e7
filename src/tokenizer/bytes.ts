/**
 * GPT-2's byte-to-unicode table (openai/gpt-2 encoder.py `bytes_to_unicode`, reused by CLIP): bytes
 * 0x21-0x7E, 0xA1-0xAC, 0xAE-0xFF map to the same code point, the other 68 bytes in increasing
 * order to U+0100, U+0101, ... . `BYTE_ORDER[i]` is the byte whose symbol has vocabulary id i.
 */
function buildByteOrder(): number[] {
  const order: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) order.push(b);
  for (let b = 0xa1; b <= 0xac; b++) order.push(b);
  for (let b = 0xae; b <= 0xff; b++) order.push(b);
  const direct = new Set(order);
  for (let b = 0; b < 256; b++) if (!direct.has(b)) order.push(b);
  return order;
}

export const BYTE_ORDER: readonly number[] = buildByteOrder();

/** The unicode character standing for each byte. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const chars = new Array<string>(256);
  let next = 0x100;
  BYTE_ORDER.forEach((b, i) => {
    chars[b] = String.fromCharCode(i < 188 ? b : next++);
  });
  return chars;
})();

/** Vocabulary id of each byte's symbol (without `</w>`); add 256 for the `</w>` form. */
export const BYTE_TO_ID: Int32Array = (() => {
  const ids = new Int32Array(256);
  BYTE_ORDER.forEach((b, i) => {
    ids[b] = i;
  });
  return ids;
})();

/** The inverse: unicode character -> byte. */
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((ch, b) => [ch, b]));
