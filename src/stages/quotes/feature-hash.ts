// The quote tagger's feature primitives: word hashes, shapes, distance buckets, the hash mixer and
// the word lists the features test. Shared by paragraphFeatures (model.ts: training and the
// reference) and the cached inference path (word-features.ts), so both hash exactly alike.

export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shape(w: string, lw: string): number {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return 4;
  const upper = w[0] !== lw[0];
  if (upper) return w.length > 1 && w === w.toUpperCase() && w !== lw ? 1 : 2;
  if (w[0] !== w[0]!.toUpperCase()) return 3;
  return 16 + c;
}

/** Distance buckets: none, 1, ≤3, ≤7, ≤15, farther. */
export function bucket(d: number): number {
  if (d < 0) return 0;
  if (d <= 1) return 1;
  if (d <= 3) return 2;
  if (d <= 7) return 3;
  if (d <= 15) return 4;
  return 5;
}

/** Mixes a value into a hash (murmur3's finaliser over a running xor). */
export function mix(h: number, v: number): number {
  // In int32 throughout: every use stores the result in an Int32Array or mixes it again, which
  // read the same 32 bits as the unsigned value (and int32 values stay small integers in V8).
  let x = h ^ Math.imul(v, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

export const OPEN_MARKS = new Set(['“', '«', '„']);
export const CLOSE_MARKS = new Set(['”', '»']);
export const EXTRA_CUES = new Set([
  'according',
  'called',
  'calls',
  'cited',
  'citing',
  'criticized',
  'criticised',
  'attacked',
  'described',
  'questioned',
  'blasted',
  'accused',
  'slammed',
  'praised',
  'defended',
  'rejected',
  'pledged',
  'endorsed',
  'want',
  'wants',
  'plans',
  'saying',
  'adding',
  'asking',
  'telling',
  'shows',
  'show',
  'poll',
  'survey',
  'statement',
  'interview',
  'report',
  'reports',
  'tweet',
]);

/** Feature hashes (masked to buckets), FEATURES_PER_TOKEN per token. */
export const FEATURES_PER_TOKEN = 24;
export const BOS = 0x5bd1e995;
export const EOS = 0x1b873593;
