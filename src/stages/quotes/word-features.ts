// The quote tagger's emission scores at inference, cheaper than paragraphFeatures + emissionScores
// (model.ts) and equal to them to the last bit. What depends on a token alone (its hashes, shape,
// cue class, the mixes seeded with them, and the weight sums of its five token-only features) is
// computed once per distinct token string and model and cached; the features of a token's context
// come from small tables or one mix each. Equality: with Int16 weights every partial sum of 24
// weights is an integer below 2^24 in magnitude, so float32 addition is exact in any order and the
// cached partial sums give the same float32 scores as adding feature by feature
// (decoders.test.ts checks both paths on real text).

import { CUE_WORDS } from './cues.js';
import {
  BOS,
  bucket,
  CLOSE_MARKS,
  EOS,
  EXTRA_CUES,
  FEATURES_PER_TOKEN,
  hash,
  mix,
  OPEN_MARKS,
  shape,
} from './feature-hash.js';
import type { Para } from './model.js';

const NQ = 7;

// flags of a token
const OPEN = 1;
const CLOSE = 2;
const DQUOTE = 4;
const END = 8;
const THAT = 16;
const COMMA = 32;

// layout of a token's cached entry (Int32Array)
const HW = 0; // hash of the lowercased word
const SH = 1; // shape, as stored in paragraphFeatures' Uint16Array
const CUE = 2; // 1 reporting verb, 2 extra cue word, 0 none
const FLAGS = 3;
const M2 = 4; // features 2–5 when this token is the neighbour (masked buckets)
const M3 = 5;
const M4 = 6;
const M5 = 7;
const M6 = 8; // mix(6, hw): the seed of feature 6 when this token is the previous one
const M7 = 9; // mix(7, hw)
const M9 = 10; // mix(9, shape): the seed of feature 9 when this token is the previous one
const M22 = 11; // mix(22, hw)
const M23 = 12; // mix(23, cue ? hw : 0)
const E = 15; // NQ weight sums of features 0, 1, 8, 10, 11 and 19 (not first in its sentence)
const EF = E + NQ; // the same, first in its sentence
const ENTRY = EF + NQ;

/** Features looked up per token (the other 13 come summed from the token's entry and Context.near). */
const ROWS = 11;

/**
 * The token cache: an open-addressing table from a token's characters (hashed straight from the
 * text, no substring made) to its entry; a hit is confirmed by comparing the characters. It starts
 * afresh when half full (bounds memory on long runs: at most 2^17 entries).
 */
const SLOTS = 1 << 18;
const MAX_ENTRIES = SLOTS >> 1;

interface Context {
  mask: number;
  weights: Int16Array;
  /** Per slot: the index into keys/entries plus one, or 0 when empty. */
  slots: Int32Array;
  keys: string[];
  entries: Int32Array[];
  /** Buckets of the context features over their small value ranges. */
  t12: Int32Array;
  /**
   * The NQ weight sums of features 13–18 and 20, which depend only on (in quote, L, R, "that"
   * after cue, comma after cue): filled on first use, `known` marks the filled rows.
   */
  near: Int32Array;
  known: Uint8Array;
  bos2: number;
  bos4: number;
  eos3: number;
  eos5: number;
  bos6: number;
  bos9: number;
}

/** (in quote 0–1, L 0–11, R 0–11, that 0–1, comma 0–1) */
const NEAR_STATES = 2 * 12 * 12 * 2 * 2;

/** Fills the weight sums of features 13–18 and 20 for one state (see Context.near). */
function fillNear(c: Context, key: number, iq: number, L: number, R: number, that: number, comma: number): void {
  const mask = c.mask;
  const sameL = L & 1;
  const buckets = [
    mix(13, iq) & mask,
    mix(14, L) & mask,
    mix(15, R) & mask,
    mix(16, L * 16 + R) & mask,
    mix(17, that * 16 + L) & mask,
    mix(18, comma * 2 + sameL) & mask,
    mix(20, iq * 16 + L) & mask,
  ];
  for (let t = 0; t < NQ; t++) {
    let sum = 0;
    for (const b of buckets) sum += c.weights[b * NQ + t]!;
    c.near[key * NQ + t] = sum;
  }
  c.known[key] = 1;
}

const contexts = new WeakMap<object, Context>();

function table(k: number, size: number, mask: number): Int32Array {
  const t = new Int32Array(size);
  for (let v = 0; v < size; v++) t[v] = mix(k, v) & mask;
  return t;
}

function contextFor(model: object, bits: number, weights: Int16Array): Context {
  let c = contexts.get(model);
  if (c && c.weights === weights && c.mask === (1 << bits) - 1) return c;
  const mask = (1 << bits) - 1;
  c = {
    mask,
    weights,
    slots: new Int32Array(SLOTS),
    keys: [],
    entries: [],
    t12: table(12, 10 * 16, mask),
    near: new Int32Array(NEAR_STATES * NQ),
    known: new Uint8Array(NEAR_STATES),
    bos2: mix(2, BOS) & mask,
    bos4: mix(4, BOS) & mask,
    eos3: mix(3, EOS) & mask,
    eos5: mix(5, EOS) & mask,
    bos6: mix(6, BOS),
    bos9: mix(9, 0),
  };
  contexts.set(model, c);
  return c;
}

/** The cached entry of text[start, end), made on first sight. */
function lookup(c: Context, text: string, start: number, end: number): Int32Array {
  let h = 0x811c9dc5;
  for (let j = start; j < end; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
  const len = end - start;
  const slots = c.slots;
  let slot = h & (SLOTS - 1);
  for (let at = slots[slot]!; at !== 0; at = slots[slot]!) {
    const key = c.keys[at - 1]!;
    if (key.length === len && text.startsWith(key, start)) return c.entries[at - 1]!;
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (c.entries.length >= MAX_ENTRIES) {
    slots.fill(0);
    c.keys = [];
    c.entries = [];
    slot = h & (SLOTS - 1);
  }
  const w = text.slice(start, end);
  const e = entryOf(c, w);
  c.keys.push(w);
  c.entries.push(e);
  slots[slot] = c.entries.length;
  return e;
}

function entryOf(c: Context, w: string): Int32Array {
  const e = new Int32Array(ENTRY);
  const mask = c.mask;
  const lw = w.toLowerCase();
  const hw = hash(lw);
  const sh = shape(w, lw) & 0xffff;
  const cue = CUE_WORDS.has(lw) ? 1 : EXTRA_CUES.has(lw) ? 2 : 0;
  let flags = 0;
  if (OPEN_MARKS.has(w)) flags |= OPEN;
  if (CLOSE_MARKS.has(w)) flags |= CLOSE;
  if (w === '"') flags |= DQUOTE;
  if (w === '.' || w === '!' || w === '?') flags |= END;
  if (lw === 'that') flags |= THAT;
  if (lw === ',') flags |= COMMA;
  e[HW] = hw;
  e[SH] = sh;
  e[CUE] = cue;
  e[FLAGS] = flags;
  e[M2] = mix(2, hw) & mask;
  e[M3] = mix(3, hw) & mask;
  e[M4] = mix(4, hw) & mask;
  e[M5] = mix(5, hw) & mask;
  e[M6] = mix(6, hw);
  e[M7] = mix(7, hw);
  e[M9] = mix(9, sh);
  e[M22] = mix(22, hw);
  e[M23] = mix(23, cue ? hw : 0);
  const own = [
    mix(0, 1) & mask,
    mix(1, hw) & mask,
    mix(8, sh) & mask,
    mix(10, hash(lw.length > 3 ? lw.slice(-3) : lw)) & mask,
    mix(11, cue) & mask,
  ];
  const wt = c.weights;
  const later = mix(19, sh) & mask;
  const first = mix(19, 4096 + sh) & mask;
  for (let t = 0; t < NQ; t++) {
    let sum = 0;
    for (const b of own) sum += wt[b * NQ + t]!;
    e[E + t] = sum + wt[later * NQ + t]!;
    e[EF + t] = sum + wt[first * NQ + t]!;
  }
  return e;
}

/** Per-token rows reused from paragraph to paragraph (grown as needed): fewer allocations. */
const scratch = {
  size: 0,
  ent: [] as Int32Array[],
  inQuote: new Uint8Array(0),
  sentence: new Int32Array(0),
  left: new Int32Array(0),
  right: new Int32Array(0),
  thatAfterCue: new Uint8Array(0),
  commaAfterCue: new Uint8Array(0),
  rows: new Int32Array(ROWS),
};

function grow(n: number): void {
  if (n <= scratch.size) return;
  const size = Math.max(n, scratch.size * 2, 256);
  scratch.size = size;
  scratch.inQuote = new Uint8Array(size);
  scratch.sentence = new Int32Array(size);
  scratch.left = new Int32Array(size);
  scratch.right = new Int32Array(size);
  scratch.thatAfterCue = new Uint8Array(size);
  scratch.commaAfterCue = new Uint8Array(size);
}

/**
 * emissionScores(weights, paragraphFeatures(text, p, bits), n) for Int16 weights, computed from
 * cached per-token entries (keyed by `model`: its weights must not change once used here).
 */
export function paragraphEmissions(
  model: object,
  text: string,
  p: Para,
  bits: number,
  weights: Int16Array,
): Float32Array {
  if (FEATURES_PER_TOKEN !== 24) throw new Error('paragraphEmissions: written for 24 features per token');
  const c = contextFor(model, bits, weights);
  const mask = c.mask;
  const n = p.starts.length;
  grow(n);
  const { ent, inQuote, sentence, left, right, thatAfterCue, commaAfterCue } = scratch;
  // quote state and sentence number, and the distance to the nearest cue word on the left, as
  // paragraphFeatures (one pass)
  let q = 0;
  let s = 0;
  let last = -1;
  let that = 0;
  let comma = 0;
  for (let i = 0; i < n; i++) {
    const e = lookup(c, text, p.starts[i]!, p.ends[i]!);
    ent[i] = e;
    const f = e[FLAGS]!;
    if (f & OPEN || (f & DQUOTE && q === 0)) q = 1;
    else if (f & (CLOSE | DQUOTE)) q = 0;
    inQuote[i] = q;
    sentence[i] = s;
    if (f & END && q === 0) s++;
    left[i] = last >= 0 ? i - last : -1;
    thatAfterCue[i] = that;
    commaAfterCue[i] = comma;
    if (e[CUE] === 1) {
      last = i;
      that = 0;
      comma = 0;
    } else if (f & THAT && last >= 0 && i - last <= 4) that = 1;
    else if (f & COMMA) comma = 1;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    right[i] = last >= 0 ? last - i : -1;
    if (ent[i]![CUE] === 1) last = i;
  }
  const out = new Float32Array(n * NQ);
  const b = scratch.rows;
  const wt = weights;
  const near = c.near;
  for (let i = 0; i < n; i++) {
    const e = ent[i]!;
    const prev = i > 0 ? ent[i - 1]! : null;
    const next = i + 1 < n ? ent[i + 1]! : null;
    const hw = e[HW]!;
    const sh = e[SH]!;
    const li = left[i]!;
    const ri = right[i]!;
    const sameL = li >= 0 && sentence[i - li] === sentence[i] ? 1 : 0;
    const sameR = ri >= 0 && sentence[i + ri] === sentence[i] ? 1 : 0;
    const L = bucket(li) * 2 + sameL;
    const R = bucket(ri) * 2 + sameR;
    const first = i === 0 || sentence[i - 1] !== sentence[i];
    const atNext = next ? next[HW]! : EOS;
    const iq = inQuote[i]!;
    const th = thatAfterCue[i]!;
    const cm = commaAfterCue[i]!;
    const key = (((iq * 12 + L) * 12 + R) * 2 + th) * 2 + cm;
    if (c.known[key] === 0) fillNear(c, key, iq, L, R, th, cm);
    b[0] = prev ? prev[M2]! : c.bos2;
    b[1] = next ? next[M3]! : c.eos3;
    b[2] = i > 1 ? ent[i - 2]![M4]! : c.bos4;
    b[3] = i + 2 < n ? ent[i + 2]![M5]! : c.eos5;
    b[4] = mix(prev ? prev[M6]! : c.bos6, hw) & mask;
    b[5] = mix(e[M7]!, atNext) & mask;
    b[6] = mix(prev ? prev[M9]! : c.bos9, sh) & mask;
    b[7] = c.t12[(prev ? prev[CUE]! : 9) * 16 + (next ? next[CUE]! : 9)]!;
    b[8] = mix(21, sh * 16 + R) & mask;
    b[9] = mix(e[M22]!, R) & mask;
    b[10] = mix(e[M23]!, atNext) & mask;
    const own = first ? EF : E;
    const k7 = key * NQ;
    let s0 = e[own]! + near[k7]!;
    let s1 = e[own + 1]! + near[k7 + 1]!;
    let s2 = e[own + 2]! + near[k7 + 2]!;
    let s3 = e[own + 3]! + near[k7 + 3]!;
    let s4 = e[own + 4]! + near[k7 + 4]!;
    let s5 = e[own + 5]! + near[k7 + 5]!;
    let s6 = e[own + 6]! + near[k7 + 6]!;
    for (let k = 0; k < ROWS; k++) {
      const o = b[k]! * NQ;
      s0 += wt[o]!;
      s1 += wt[o + 1]!;
      s2 += wt[o + 2]!;
      s3 += wt[o + 3]!;
      s4 += wt[o + 4]!;
      s5 += wt[o + 5]!;
      s6 += wt[o + 6]!;
    }
    const o = i * NQ;
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
    out[o + 4] = s4;
    out[o + 5] = s5;
    out[o + 6] = s6;
  }
  return out;
}
