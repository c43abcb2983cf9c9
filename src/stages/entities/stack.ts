// Second-stage (stacked) features for the tagger: what the first pass decided about the same word
// and the same name elsewhere in the document, and about the token and its neighbours. Non-local
// aggregation as in Krishnan & Manning 2006 and Ratinov & Roth 2009 ("extended prediction
// history"): a name tagged ORG three times is likely ORG the fourth time, even where its own
// context says little (a headline, a results table). The second pass adds these to the first
// pass's features with its own weights (model.ts); training feeds it first-pass tags made by
// cross-validation (scripts/train-ner.ts), so it learns how far to trust them. (Document-genre
// features, the share of results-table lines conjoined with the type and the word, were tried here
// too and left out: dev F1 93.13 with them, 93.25 without.)

import { mix, sequenceHash, type TokenHashes } from './features.js';
import type { Tokens } from './tokenize.js';

/** Stacked features per token (absent ones are -1). */
export const STACK_FEATURES = 6;

const CLASSES = 5; // O, PER, LOC, ORG, MISC
const NONE = 7;

/** Entity class of a BIO tag index: 0 O, 1 PER, 2 LOC, 3 ORG, 4 MISC. */
function classOf(tag: number): number {
  return tag === 0 ? 0 : ((tag - 1) >> 1) + 1;
}

/** The largest of counts[o, o + CLASSES) minus `minus` at class `self` (-1 none): class × 8 + share bucket, or NONE. */
function majority(counts: Int32Array, o: number, self: number): number {
  let total = 0;
  let best = -1;
  let arg = 0;
  for (let k = 0; k < CLASSES; k++) {
    const v = counts[o + k]! - (k === self ? 1 : 0);
    total += v;
    if (v > best) {
      best = v;
      arg = k;
    }
  }
  if (total <= 0) return NONE;
  // share of the majority: under 2/3 (mixed), under 1 (mostly), all; and one or several mentions
  const share = best === total ? 2 : 3 * best >= 2 * total ? 1 : 0;
  return 8 + arg * 8 + share * 2 + (total > 1 ? 1 : 0);
}

/**
 * The stacked features of a document: STACK_FEATURES per token. `tags1` are the first pass's BIO
 * tags (model.ts TAGS indices), `bounds` the sentence starts plus n, `h` the token hashes the first
 * pass used.
 */
export function stackFeatures(
  tokens: Tokens,
  h: TokenHashes,
  bounds: Int32Array,
  tags1: Uint8Array,
  mask: number,
): Int32Array {
  const n = tokens.n;
  const E = STACK_FEATURES;
  const out = new Int32Array(n * E).fill(-1);
  const { lower, short, cls } = h;
  // per distinct capitalised word: first-pass classes of all its occurrences, and of the longer
  // names it is part of
  const slot = new Map<number, number>();
  const slotOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!(cls[i]! & 16)) continue;
    let s = slot.get(lower[i]!);
    if (s === undefined) {
      s = slot.size;
      slot.set(lower[i]!, s);
    }
    slotOf[i] = s;
  }
  const tokenCounts = new Int32Array(slot.size * CLASSES);
  const superCounts = new Int32Array(slot.size * CLASSES);
  for (let i = 0; i < n; i++) if (slotOf[i]! >= 0) tokenCounts[slotOf[i]! * CLASSES + classOf(tags1[i]!)]!++;
  // first-pass names: [first, last] runs, their class, and per distinct name its classes
  const spanEnd = new Int32Array(n).fill(-1); // at a name's first token: its last
  const spanStart = new Int32Array(n).fill(-1); // at every token of a name: its first
  const nameSlot = new Map<number, number>();
  const nameOf = new Int32Array(n).fill(-1); // at a name's first token: its distinct-name slot
  for (let i = 0; i < n; i++) {
    const t = tags1[i]!;
    if (t === 0) continue;
    const inside = t & 1 ? t + 1 : t; // I-X after B-X (or I-X)
    let j = i;
    while (j + 1 < n && tags1[j + 1] === inside) j++;
    spanEnd[i] = j;
    for (let k = i; k <= j; k++) spanStart[k] = i;
    const key = sequenceHash(lower, i, j + 1);
    let s = nameSlot.get(key);
    if (s === undefined) {
      s = nameSlot.size;
      nameSlot.set(key, s);
    }
    nameOf[i] = s;
    if (j > i) for (let k = i; k <= j; k++) if (slotOf[k]! >= 0) superCounts[slotOf[k]! * CLASSES + classOf(t)]!++;
    i = j;
  }
  const nameCounts = new Int32Array(nameSlot.size * CLASSES);
  for (let i = 0; i < n; i++) if (nameOf[i]! >= 0) nameCounts[nameOf[i]! * CLASSES + classOf(tags1[i]!)]!++;
  // earlier mentions: running counts per capitalised word
  const earlier = new Int32Array(slot.size * CLASSES);
  let b = 0;
  for (let i = 0; i < n; i++) {
    while (b + 1 < bounds.length && bounds[b + 1]! <= i) b++;
    const a = bounds[b]!;
    const z = bounds[b + 1]!;
    const o = i * E;
    const t = tags1[i]!;
    const c1 = classOf(t);
    out[o] = mix(mix(60, t), short[i]!) & mask;
    out[o + 1] = mix(mix(61, i > a ? tags1[i - 1]! : 15), i + 1 < z ? tags1[i + 1]! : 15) & mask;
    const s = slotOf[i]!;
    if (s < 0 || !(cls[i]! & 1)) {
      if (s >= 0) earlier[s * CLASSES + c1]!++;
      continue;
    }
    const so = s * CLASSES;
    out[o + 2] = mix(62, majority(tokenCounts, so, c1)) & mask;
    out[o + 3] = mix(63, majority(earlier, so, -1)) & mask;
    earlier[so + c1]!++;
    // the longer first-pass names this word is part of (not counting its own name)
    const own = spanStart[i]! >= 0 && spanEnd[spanStart[i]!]! > spanStart[i]! ? classOf(tags1[spanStart[i]!]!) : -1;
    out[o + 4] = mix(mix(64, majority(superCounts, so, own)), t) & mask;
    // the same first-pass name elsewhere
    const f = spanStart[i]!;
    if (f >= 0) out[o + 5] = mix(mix(65, majority(nameCounts, nameOf[f]! * CLASSES, c1)), i === f ? 1 : 2) & mask;
  }
  return out;
}
