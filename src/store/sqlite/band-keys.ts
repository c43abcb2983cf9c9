// LSH band keys as one INTEGER each in the SQLite store. The linker makes keys as text,
// `${band}:${hash.toString(36)}` with a 32-bit hash (src/corpus/duplicates/minhash.ts); stored as
// text, each of the 32 rows an original article adds to `lsh_bands` carried a ~10-byte key and the
// article's text id, at a random place of a B-tree that every batch rewrites nearly whole. As
// band × 2^32 + hash (under 2^52, exact in a double) and the article's row id, rows are about half
// the size, so a batch dirties and writes fewer pages. A key in any other form (a future key
// format, a hand-made call) is hashed to an integer at or above 2^52 instead, so it can never
// equal a canonical key: a collision between two such keys only adds a candidate, which the
// linker then compares by its signature, as it does every candidate.

const HASH_SPACE = 2 ** 32;
const OTHER = 2 ** 52;
const CANONICAL = /^(\d{1,7}):([0-9a-z]{1,7})$/;

/** The INTEGER a band key is stored as (see above); the same text always gives the same number. */
export function bandKeyNumber(key: string): number {
  const m = CANONICAL.exec(key);
  if (m) {
    const band = Number(m[1]);
    const hash = Number.parseInt(m[2]!, 36);
    // canonical only: the text the linker would write for this band and hash (no leading zeros)
    if (band < 2 ** 20 && hash < HASH_SPACE && `${band}:${hash.toString(36)}` === key) return band * HASH_SPACE + hash;
  }
  return OTHER + fnv52(key);
}

/** FNV-1a over the UTF-16 code units, kept to 52 bits (two 26-bit halves, exact in doubles). */
function fnv52(text: string): number {
  let lo = 0x811c9dc5 >>> 0;
  let hi = 0x050c5d1f >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193) >>> 0;
    hi = Math.imul(hi ^ (c + (lo & 0xffff)), 0x01000193) >>> 0;
  }
  return (hi & 0x3ffffff) * 2 ** 26 + (lo & 0x3ffffff);
}
