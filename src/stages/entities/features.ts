// Hashed features for the tagger. Every feature is a 32-bit hash of (template, values), masked to
// a bucket of the weight table; values are hashes of the token's characters computed straight from
// the text (no substrings, no per-token objects). The same code runs in training and tagging, so
// any change here needs `npm run train:ner` again (FEATURE_VERSION is checked when loading).

import type { Tokens } from './tokenize.js';

export const FEATURE_VERSION = 4;
/** Features per token (absent ones are -1). */
export const FEATURES_PER_TOKEN = 45;
/** Longest gazetteer name, in tokens. */
export const GAZ_MAX_TOKENS = 5;

/** Gazetteer type bits. */
export const GAZ = {
  place: 1,
  firstName: 2,
  lastName: 4,
  organization: 8,
  demonym: 16,
  person: 32,
  other: 64,
} as const;

const BOS = 0x2f1a3b5c;
const EOS = 0x6e4d7f21;

export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48; // every digit is 0
  if (c === 0x2019 || c === 0x2018) return 39; // curly apostrophes
  if (c === 0x2010 || c === 0x2011 || c === 0x2013) return 45; // hyphens
  if (c < 128) return c;
  let l = LOWER[c]!;
  if (l < 0) {
    l = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    LOWER[c] = l;
  }
  return l;
}

// What the functions below work out with string calls for a code unit outside ASCII, remembered
// per code unit: LOWER its lowercase first code unit (-1 not yet known), CLASS bits 1 upper,
// 2 lower, 4 letter, 8 known.
const LOWER = new Int32Array(65536).fill(-1);
const CLASS = new Uint8Array(65536);

function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    const upper = ch !== ch.toLowerCase();
    const lower = ch !== ch.toUpperCase();
    k = 8 | (upper ? 1 : 0) | (lower ? 2 : 0) | (upper || lower || /\p{L}/u.test(ch) ? 4 : 0);
    CLASS[c] = k;
  }
  return k;
}

function isUpper(c: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 192) return false;
  return (classOf(c) & 1) !== 0;
}

function isLower(c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 192) return false;
  return (classOf(c) & 2) !== 0;
}

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c) || (c >= 192 && (classOf(c) & 4) !== 0);
}

/** The lowercase hash of text[start, end) (digits as 0): gazetteer keys are built from it too. */
export function lowerHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let j = start; j < end; j++) h = Math.imul(h ^ lowerCode(text.charCodeAt(j)), 0x01000193);
  return h;
}

/** Per-token hashes and flags that the templates combine. */
export interface TokenHashes {
  word: Int32Array;
  lower: Int32Array;
  shape: Int32Array;
  short: Int32Array;
  prefix: Int32Array; // 4 per token
  suffix: Int32Array; // 4 per token
  /** bit 0 has upper, 1 has lower, 2 first upper, 3 has digit, 4 has letter, 5 all upper letters */
  cls: Uint8Array;
}

export function hashTokens(tokens: Tokens): TokenHashes {
  const { text, n, starts, ends } = tokens;
  const word = new Int32Array(n);
  const lower = new Int32Array(n);
  const shape = new Int32Array(n);
  const short = new Int32Array(n);
  const prefix = new Int32Array(n * 4);
  const suffix = new Int32Array(n * 4);
  const cls = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    let hw = 0x811c9dc5 | 0;
    let hl = 0x811c9dc5 | 0;
    let hs = 0x811c9dc5 | 0;
    let hss = 0x811c9dc5 | 0;
    let last = -1;
    let c0 = 0;
    let shapeLen = 0;
    for (let j = s; j < e; j++) {
      const c = text.charCodeAt(j);
      hw = Math.imul(hw ^ c, 0x01000193);
      const lc = lowerCode(c);
      hl = Math.imul(hl ^ lc, 0x01000193);
      const k = j - s;
      if (k < 4) prefix[i * 4 + k] = hl;
      let sc: number;
      if (isUpper(c)) {
        sc = 88; // X
        c0 |= 1 | 16;
        if (j === s) c0 |= 4;
      } else if (isLower(c)) {
        sc = 120; // x
        c0 |= 2 | 16;
      } else if (c >= 48 && c <= 57) {
        sc = 100; // d
        c0 |= 8;
      } else if (c >= 192 && isLetter(c)) {
        sc = 120;
        c0 |= 2 | 16;
      } else sc = lc;
      if (shapeLen < 6 || j >= e - 2) {
        hs = Math.imul(hs ^ sc, 0x01000193);
        shapeLen++;
      }
      if (sc !== last) hss = Math.imul(hss ^ sc, 0x01000193);
      last = sc;
    }
    for (let k = e - s; k < 4; k++) prefix[i * 4 + k] = BOS;
    // suffixes: hashes of the last 1..4 characters, read backwards
    let hx = 0x811c9dc5 | 0;
    for (let k = 0; k < 4; k++) {
      const j = e - 1 - k;
      if (j >= s) hx = Math.imul(hx ^ lowerCode(text.charCodeAt(j)), 0x01000193);
      suffix[i * 4 + k] = j >= s ? hx : EOS;
    }
    if (c0 & 1 && !(c0 & 2)) c0 |= 32;
    word[i] = hw;
    lower[i] = hl;
    shape[i] = hs;
    short[i] = hss;
    cls[i] = c0;
  }
  return { word, lower, shape, short, prefix, suffix, cls };
}

/** A set of lowercase token sequences with type bits: sorted hash keys and their masks. */
export interface Gazetteer {
  keys: Int32Array;
  masks: Uint8Array;
}

export function sequenceHash(lower: Int32Array, start: number, end: number): number {
  let h = mix(0x51ed270b, end - start);
  for (let j = start; j < end; j++) h = mix(h, lower[j]!);
  return h;
}

/**
 * A name's type bits, 0 when the gazetteer lacks it. Through an open-addressing table over the
 * sorted keys (made once per gazetteer: slot → index + 1, 0 empty), one or two probes where a
 * binary search over 260,000 keys takes eighteen.
 */
export function lookup(g: Gazetteer, key: number): number {
  const slots = keyIndex(g.keys);
  const m = slots.length - 1;
  let h = Math.imul(key, 0x9e3779b1) >>> 0;
  for (;;) {
    const s = slots[h & m]!;
    if (s === 0) return 0;
    if (g.keys[s - 1] === key) return g.masks[s - 1]!;
    h++;
  }
}

const KEY_INDEX = new WeakMap<Int32Array, Int32Array>();

/** The open-addressing table over distinct hash keys (load under 1/2). */
function keyIndex(keys: Int32Array): Int32Array {
  let slots = KEY_INDEX.get(keys);
  if (slots) return slots;
  let size = 1024;
  while (size < keys.length * 2) size *= 2;
  slots = new Int32Array(size);
  for (let i = 0; i < keys.length; i++) {
    let h = Math.imul(keys[i]!, 0x9e3779b1) >>> 0;
    while (slots[h & (size - 1)] !== 0) h++;
    slots[h & (size - 1)] = i + 1;
  }
  KEY_INDEX.set(keys, slots);
  return slots;
}

/** Builds a gazetteer from names and type bits (names tokenised with the tagger's tokenizer). */
export function buildGazetteer(entries: Iterable<[Tokens, number]>): Gazetteer {
  const map = new Map<number, number>();
  for (const [tokens, mask] of entries) {
    if (tokens.n === 0 || tokens.n > GAZ_MAX_TOKENS) continue;
    const h = hashTokens(tokens);
    const key = sequenceHash(h.lower, 0, tokens.n);
    map.set(key, (map.get(key) ?? 0) | mask);
  }
  const keys = Int32Array.from(map.keys()).sort();
  const masks = new Uint8Array(keys.length);
  keys.forEach((k, i) => {
    masks[i] = map.get(k)!;
  });
  return { keys, masks };
}

/**
 * Word classes from unlabelled text (data/ner/clusters.tsv, scripts/build-ner-clusters.ts): sorted
 * lowercase word hashes (`lowerHash`) and each word's path in the class tree as (1 << length) | bits.
 */
export interface Clusters {
  keys: Int32Array;
  paths: Int32Array;
}

/** Builds the class table from (word, bit-string path) pairs; words are normalised as `lowerHash` does. */
export function buildClusters(entries: Iterable<[string, string]>): Clusters {
  const map = new Map<number, number>();
  for (const [word, bits] of entries) {
    if (!word || bits.length > 30 || !/^[01]*$/.test(bits)) continue;
    map.set(lowerHash(word, 0, word.length), (1 << bits.length) | (bits ? Number.parseInt(bits, 2) : 0));
  }
  const keys = Int32Array.from(map.keys()).sort();
  const paths = Int32Array.from(keys, (k) => map.get(k)!);
  return { keys, paths };
}

/**
 * An open-addressing table over a class table's keys (slot → index + 1, 0 empty), made once per
 * table: one or two probes per token where a binary search over the sorted keys takes fifteen.
 */
const CLUSTER_INDEX = new WeakMap<Clusters, Int32Array>();

function clusterIndex(c: Clusters): Int32Array {
  let slots = CLUSTER_INDEX.get(c);
  if (slots) return slots;
  let size = 1024;
  while (size < c.keys.length * 3) size *= 2;
  slots = new Int32Array(size);
  for (let i = 0; i < c.keys.length; i++) {
    let h = Math.imul(c.keys[i]!, 0x9e3779b1) >>> 0;
    while (slots[h & (size - 1)] !== 0) h++;
    slots[h & (size - 1)] = i + 1;
  }
  CLUSTER_INDEX.set(c, slots);
  return slots;
}

/** A word's class path, 0 when the word has none. */
function clusterOf(c: Clusters, slots: Int32Array, key: number): number {
  const m = slots.length - 1;
  let h = Math.imul(key, 0x9e3779b1) >>> 0;
  for (;;) {
    const s = slots[h & m]!;
    if (s === 0) return 0;
    if (c.keys[s - 1] === key) return c.paths[s - 1]!;
    h++;
  }
}

/** The first p bits of a path, as a path (a shorter path stays whole, as Ratinov & Roth do). */
export function clusterPrefix(path: number, p: number): number {
  const len = 31 - Math.clz32(path);
  return len <= p ? path : (1 << p) | ((path & ((1 << len) - 1)) >>> (len - p));
}

/** Sentence boundaries [start, end) pairs from the sentenceStart flags. */
export function sentences(tokens: Tokens): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < tokens.n; i++) if (tokens.sentenceStart[i]) out.push(i);
  out.push(tokens.n);
  return Int32Array.from(out);
}

/**
 * The feature buckets of every token: FEATURES_PER_TOKEN per token, -1 where absent. `bounds` are
 * the sentence starts plus n (from `sentences`); the tokens are taken to be one document. `h`: the
 * tokens' hashes when the caller has them (the second pass reuses them).
 */
export function extractFeatures(
  tokens: Tokens,
  gaz: Gazetteer | null,
  mask: number,
  bounds: Int32Array,
  clusters: Clusters | null = null,
  h: TokenHashes = hashTokens(tokens),
): Int32Array {
  const n = tokens.n;
  const F = FEATURES_PER_TOKEN;
  const { word, lower, short, shape, prefix, suffix, cls } = h;
  const feats = new Int32Array(n * F).fill(-1);
  // sentence context: position, all-caps sentences
  const sentInit = new Uint8Array(n);
  const capsSent = new Uint8Array(n);
  const sentOf = new Int32Array(n);
  const sentEnd = new Int32Array(n);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const a = bounds[b]!;
    const z = bounds[b + 1]!;
    let lowerToks = 0;
    let upperToks = 0;
    let first = -1;
    for (let i = a; i < z; i++) {
      sentOf[i] = a;
      sentEnd[i] = z;
      if (cls[i]! & 2) lowerToks++;
      if (cls[i]! & 1) upperToks++;
      if (first < 0 && cls[i]! & 16) first = i;
    }
    if (first >= 0) sentInit[first] = 1;
    if (upperToks >= 1 && lowerToks === 0) for (let i = a; i < z; i++) capsSent[i] = 1;
  }
  // document context: how the same word is written elsewhere in the text (bits 0-2), and (bits 3
  // up, index + 1) its first title-case occurrence mid-sentence, whose neighbours ("Mr Smith",
  // "Smith said", "in Kent") inform its other occurrences (a headline, a sentence start): non-local
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = cls[i]!;
    if (!(c & 16)) continue;
    let bits = 0;
    if (!capsSent[i]) {
      if (c & 4 && c & 2 && !sentInit[i]) bits |= 1; // Title case mid-sentence
      if (!(c & 1)) bits |= 2; // lowercase
      if (c & 32 && !sentInit[i]) bits |= 4; // ALLCAPS in running text (acronym)
    }
    if (bits) {
      const old = seen.get(lower[i]!) ?? 0;
      seen.set(lower[i]!, old | bits | (bits & 1 && old < 8 ? (i + 1) << 3 : 0));
    }
  }
  // gazetteer matches
  const gazB = new Uint8Array(n);
  const gazI = new Uint8Array(n);
  const gazE = new Uint8Array(n);
  if (gaz?.keys.length) {
    for (let i = 0; i < n; i++) {
      if (!(cls[i]! & 1)) continue;
      const z = Math.min(sentEnd[i]!, i + GAZ_MAX_TOKENS);
      let key = 0;
      for (let j = i; j < z; j++) {
        key = sequenceHash(lower, i, j + 1);
        const m = lookup(gaz, key);
        if (m) {
          gazB[i] = gazB[i]! | m;
          for (let k = i + 1; k <= j; k++) gazI[k] = gazI[k]! | m;
          gazE[j] = gazE[j]! | m;
        }
      }
    }
  }
  // word classes (0: none)
  const cl = new Int32Array(n);
  if (clusters?.keys.length) {
    const slots = clusterIndex(clusters);
    for (let i = 0; i < n; i++) cl[i] = clusterOf(clusters, slots, lower[i]!);
  }
  const lowerAt = (j: number, a: number, z: number): number => (j < a ? BOS : j >= z ? EOS : lower[j]!);
  const shortAt = (j: number, a: number, z: number): number => (j < a ? BOS : j >= z ? EOS : short[j]!);
  for (let i = 0; i < n; i++) {
    const a = sentOf[i]!;
    const z = sentEnd[i]!;
    const o = i * F;
    const l0 = lower[i]!;
    const s0 = short[i]!;
    const lm1 = lowerAt(i - 1, a, z);
    const lp1 = lowerAt(i + 1, a, z);
    const sm1 = shortAt(i - 1, a, z);
    const sp1 = shortAt(i + 1, a, z);
    let k = 0;
    feats[o + k++] = 1 & mask;
    feats[o + k++] = mix(2, word[i]!) & mask;
    feats[o + k++] = mix(3, l0) & mask;
    feats[o + k++] = mix(4, shape[i]!) & mask;
    feats[o + k++] = mix(5, s0) & mask;
    for (let q = 0; q < 4; q++) feats[o + k++] = mix(6 + q, prefix[i * 4 + q]!) & mask;
    for (let q = 0; q < 4; q++) feats[o + k++] = mix(10 + q, suffix[i * 4 + q]!) & mask;
    feats[o + k++] = mix(14, lm1) & mask;
    feats[o + k++] = mix(15, lowerAt(i - 2, a, z)) & mask;
    feats[o + k++] = mix(16, lp1) & mask;
    feats[o + k++] = mix(17, lowerAt(i + 2, a, z)) & mask;
    feats[o + k++] = mix(18, sm1) & mask;
    feats[o + k++] = mix(19, sp1) & mask;
    feats[o + k++] = mix(mix(20, lm1), l0) & mask;
    feats[o + k++] = mix(mix(21, l0), lp1) & mask;
    feats[o + k++] = mix(mix(mix(22, sm1), s0), sp1) & mask;
    feats[o + k++] = mix(mix(23, sentInit[i]! * 2 + capsSent[i]!), s0) & mask;
    if (capsSent[i]) feats[o + k] = mix(24, l0) & mask;
    k++;
    const docSeen = seen.get(l0) ?? 0;
    const docBits = docSeen & 7;
    feats[o + k++] = mix(mix(mix(25, docBits), s0), sentInit[i]! * 2 + capsSent[i]!) & mask;
    feats[o + k++] = mix(mix(26, lm1), s0) & mask;
    feats[o + k++] = mix(mix(27, s0), lp1) & mask;
    if (gazB[i]) feats[o + k] = mix(28, gazB[i]!) & mask;
    k++;
    if (gazI[i]) feats[o + k] = mix(29, gazI[i]!) & mask;
    k++;
    if (gazE[i]) feats[o + k] = mix(30, gazE[i]!) & mask;
    k++;
    if (gazB[i]! | gazI[i]!) feats[o + k] = mix(mix(31, gazB[i]! | gazI[i]!), s0) & mask;
    k++;
    feats[o + k++] = mix(mix(32, Math.min(8, ends(tokens, i))), s0) & mask;
    feats[o + k++] = mix(mix(33, lm1), lowerAt(i - 2, a, z)) & mask;
    feats[o + k++] = mix(mix(34, suffix[i * 4 + 2]!), lp1) & mask;
    feats[o + k++] = mix(mix(35, i - a === 0 ? 1 : i - a === 1 ? 2 : 3), l0) & mask;
    // previous and next word's suffix (e.g. "…ovich said")
    feats[o + k++] = mix(mix(36, i > a ? suffix[(i - 1) * 4 + 2]! : BOS), s0) & mask;
    feats[o + k++] = mix(mix(37, i + 1 < z ? gazB[i + 1]! | (gazI[i + 1]! << 7) : 255), s0) & mask;
    // word classes: path prefixes of 4, 6, 10 and 16 bits; the neighbours' at 8 bits
    const c0 = cl[i]!;
    if (c0) {
      feats[o + k] = mix(38, clusterPrefix(c0, 4)) & mask;
      feats[o + k + 1] = mix(39, clusterPrefix(c0, 6)) & mask;
      feats[o + k + 2] = mix(40, clusterPrefix(c0, 10)) & mask;
      feats[o + k + 3] = mix(41, clusterPrefix(c0, 16)) & mask;
    }
    k += 4;
    if (i > a && cl[i - 1]) feats[o + k] = mix(mix(42, clusterPrefix(cl[i - 1]!, 8)), s0) & mask;
    k++;
    if (i + 1 < z && cl[i + 1]) feats[o + k] = mix(mix(43, clusterPrefix(cl[i + 1]!, 8)), s0) & mask;
    k++;
    // the neighbours of the word's first title-case occurrence mid-sentence, when that is elsewhere
    const f0 = cls[i]! & 1 ? (docSeen >>> 3) - 1 : -1;
    if (f0 >= 0 && f0 !== i) {
      feats[o + k] = mix(44, lowerAt(f0 - 1, sentOf[f0]!, sentEnd[f0]!)) & mask;
      feats[o + k + 1] = mix(45, lowerAt(f0 + 1, sentOf[f0]!, sentEnd[f0]!)) & mask;
    }
    k += 2;
    if (k !== F) throw new Error(`feature count ${k} != ${F}`);
  }
  return feats;
}

function ends(tokens: Tokens, i: number): number {
  return tokens.ends[i]! - tokens.starts[i]!;
}
