// The learned attribution tagger: a first-order averaged perceptron over word tokens of each
// paragraph, BIO tags for CONTENT, SOURCE and CUE (PolNeAR's span roles), decoded with Viterbi
// under BIO constraints. Features are hashed into 2^bits buckets. Weights (Int16, gzipped) live in
// src/resources/models/quotes/ and are written by scripts/train-quotes.ts.

import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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
import { isSpace, tokenEnd } from './tokens.js';
import { paragraphEmissions } from './word-features.js';

export { FEATURES_PER_TOKEN };

export const QTAGS = ['O', 'B-CONTENT', 'I-CONTENT', 'B-SOURCE', 'I-SOURCE', 'B-CUE', 'I-CUE'] as const;
export const NQ = QTAGS.length;
export const ROLES = ['CONTENT', 'SOURCE', 'CUE'] as const;
export type Role = (typeof ROLES)[number];
export const FEATURE_VERSION = 2;

/** The model folder, from dist/src/stages/quotes/ or src/stages/quotes/ alike. */
export const QUOTES_MODEL_DIR = new URL(
  /\/dist\/src\/stages\/quotes\/[^/]+$/.test(import.meta.url)
    ? '../../../../src/resources/models/quotes/'
    : '../../resources/models/quotes/',
  import.meta.url,
);

export interface QuoteModel {
  bits: number;
  /** bucket × tag emission weights. */
  weights: Int16Array | Float32Array;
  /** (NQ + 1) × NQ transitions; row NQ is the paragraph start. */
  transitions: Float32Array;
  scale: number;
}

/** Word tokens of a paragraph with offsets. */
export interface Para {
  starts: number[];
  ends: number[];
}

/** Paragraphs (split at line breaks) as token lists (tokens.ts); tokens never cross a line. */
export function paragraphs(text: string): Para[] {
  const out: Para[] = [];
  let cur: Para = { starts: [], ends: [] };
  let lastEnd = 0;
  // the first line break at or after lastEnd (text.length when none)
  let nl = -1;
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = tokenEnd(text, i);
    if (nl < lastEnd) {
      nl = text.indexOf('\n', lastEnd);
      if (nl < 0) nl = text.length;
    }
    if (cur.starts.length > 0 && nl < i) {
      out.push(cur);
      cur = { starts: [], ends: [] };
    }
    cur.starts.push(i);
    cur.ends.push(end);
    lastEnd = end;
    i = end;
  }
  if (cur.starts.length > 0) out.push(cur);
  return out;
}

export function paragraphFeatures(text: string, p: Para, bits: number): Int32Array {
  const n = p.starts.length;
  const F = FEATURES_PER_TOKEN;
  const mask = (1 << bits) - 1;
  const out = new Int32Array(n * F);
  const hw = new Uint32Array(n);
  const hs = new Uint32Array(n);
  const sh = new Uint16Array(n);
  const cue = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  const sentence = new Int32Array(n);
  const isThat = new Uint8Array(n);
  const isComma = new Uint8Array(n);
  let q = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = text.slice(p.starts[i]!, p.ends[i]!);
    const lw = w.toLowerCase();
    hw[i] = hash(lw);
    hs[i] = hash(lw.length > 3 ? lw.slice(-3) : lw);
    sh[i] = shape(w, lw);
    cue[i] = CUE_WORDS.has(lw) ? 1 : EXTRA_CUES.has(lw) ? 2 : 0;
    isThat[i] = lw === 'that' ? 1 : 0;
    isComma[i] = lw === ',' ? 1 : 0;
    if (OPEN_MARKS.has(w) || (w === '"' && q === 0)) q = 1;
    else if (CLOSE_MARKS.has(w) || w === '"') q = 0;
    inQuote[i] = q;
    sentence[i] = s;
    if ((w === '.' || w === '!' || w === '?') && q === 0) s++;
  }
  // distance to the nearest cue word left and right, in the same sentence or not
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const thatAfterCue = new Uint8Array(n);
  const commaAfterCue = new Uint8Array(n);
  let last = -1;
  let that = 0;
  let comma = 0;
  for (let i = 0; i < n; i++) {
    if (last >= 0) left[i] = i - last;
    thatAfterCue[i] = that;
    commaAfterCue[i] = comma;
    if (cue[i] === 1) {
      last = i;
      that = 0;
      comma = 0;
    } else if (isThat[i] && last >= 0 && i - last <= 4) that = 1;
    else if (isComma[i]) comma = 1;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (last >= 0) right[i] = last - i;
    if (cue[i] === 1) last = i;
  }
  const at = (i: number) => (i < 0 ? BOS : i >= n ? EOS : hw[i]!);
  for (let i = 0; i < n; i++) {
    const sameL = left[i]! >= 0 && sentence[i - left[i]!] === sentence[i] ? 1 : 0;
    const sameR = right[i]! >= 0 && sentence[i + right[i]!] === sentence[i] ? 1 : 0;
    const L = bucket(left[i]!) * 2 + sameL;
    const R = bucket(right[i]!) * 2 + sameR;
    const first = i === 0 || sentence[i - 1] !== sentence[i] ? 1 : 0;
    const o = i * F;
    out[o] = mix(0, 1) & mask;
    out[o + 1] = mix(1, hw[i]!) & mask;
    out[o + 2] = mix(2, at(i - 1)) & mask;
    out[o + 3] = mix(3, at(i + 1)) & mask;
    out[o + 4] = mix(4, at(i - 2)) & mask;
    out[o + 5] = mix(5, at(i + 2)) & mask;
    out[o + 6] = mix(mix(6, at(i - 1)), hw[i]!) & mask;
    out[o + 7] = mix(mix(7, hw[i]!), at(i + 1)) & mask;
    out[o + 8] = mix(8, sh[i]!) & mask;
    out[o + 9] = mix(mix(9, i > 0 ? sh[i - 1]! : 0), sh[i]!) & mask;
    out[o + 10] = mix(10, hs[i]!) & mask;
    out[o + 11] = mix(11, cue[i]!) & mask;
    out[o + 12] = mix(12, (i > 0 ? cue[i - 1]! : 9) * 16 + (i + 1 < n ? cue[i + 1]! : 9)) & mask;
    out[o + 13] = mix(13, inQuote[i]!) & mask;
    out[o + 14] = mix(14, L) & mask;
    out[o + 15] = mix(15, R) & mask;
    out[o + 16] = mix(16, L * 16 + R) & mask;
    out[o + 17] = mix(17, thatAfterCue[i]! * 16 + L) & mask;
    out[o + 18] = mix(18, commaAfterCue[i]! * 2 + sameL) & mask;
    out[o + 19] = mix(19, first * 4096 + sh[i]!) & mask;
    out[o + 20] = mix(20, inQuote[i]! * 16 + L) & mask;
    out[o + 21] = mix(21, sh[i]! * 16 + R) & mask;
    out[o + 22] = mix(mix(22, hw[i]!), R) & mask;
    out[o + 23] = mix(mix(23, cue[i] ? hw[i]! : 0), at(i + 1)) & mask;
  }
  return out;
}

/** Allowed transitions: I-X only after B-X or I-X. */
export const ALLOWED = (() => {
  const a = new Uint8Array((NQ + 1) * NQ).fill(1);
  for (let p = 0; p <= NQ; p++)
    for (let t = 2; t < NQ; t += 2) a[p * NQ + t] = p < NQ && (p === t || p === t - 1) ? 1 : 0;
  return a;
})();

export function emissionScores(weights: Int16Array | Float32Array, feats: Int32Array, n: number): Float32Array {
  const F = FEATURES_PER_TOKEN;
  const out = new Float32Array(n * NQ);
  // Each token's NQ sums are kept in locals and stored once; Math.fround after every addition keeps
  // the float32 rounding of adding into the array in place.
  const fr = Math.fround;
  for (let i = 0; i < n; i++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    for (let k = i * F; k < i * F + F; k++) {
      const b = feats[k]! * NQ;
      s0 = fr(s0 + weights[b]!);
      s1 = fr(s1 + weights[b + 1]!);
      s2 = fr(s2 + weights[b + 2]!);
      s3 = fr(s3 + weights[b + 3]!);
      s4 = fr(s4 + weights[b + 4]!);
      s5 = fr(s5 + weights[b + 5]!);
      s6 = fr(s6 + weights[b + 6]!);
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
// The unrolled loop above is written for the 7 tags of QTAGS.
if (NQ !== 7) throw new Error(`emissionScores: written for 7 tags, QTAGS has ${NQ}`);

/**
 * trans × transScale, each product as the decoders computed it inline. Made afresh on every call:
 * training updates the transitions in place between calls.
 */
function scaledTransitions(trans: Float32Array, transScale: number): Float64Array {
  const scaled = new Float64Array(trans.length);
  for (let i = 0; i < trans.length; i++) scaled[i] = trans[i]! * transScale;
  return scaled;
}

/*
 * The decoders below are unrolled for QTAGS' BIO constraints (I-X only after B-X or I-X): each
 * tag's allowed predecessors and successors are written out, in ascending order as the generic
 * loops visited them, and a token's row of scores is kept in locals (rounded to float32 with
 * Math.fround where the first versions stored into a Float32Array). The check below refuses to
 * load if ALLOWED ever says otherwise; decoders.test.ts checks them against the first versions.
 */
{
  const want = [
    [0, 1, 2, 3, 4, 5, 6],
    [0, 1, 2, 3, 4, 5, 6],
    [1, 2],
    [0, 1, 2, 3, 4, 5, 6],
    [3, 4],
    [0, 1, 2, 3, 4, 5, 6],
    [5, 6],
  ];
  for (let t = 0; t < NQ; t++) {
    const got: number[] = [];
    for (let p = 0; p < NQ; p++) if (ALLOWED[p * NQ + t]) got.push(p);
    if (got.join() !== want[t]!.join())
      throw new Error(`model.ts: the unrolled decoders do not match ALLOWED (tag ${t})`);
  }
  const starts = [1, 1, 0, 1, 0, 1, 0];
  for (let t = 0; t < NQ; t++)
    if (ALLOWED[NQ * NQ + t] !== starts[t])
      throw new Error('model.ts: the unrolled decoders do not match ALLOWED (start)');
}

export function viterbiTags(em: Float32Array, n: number, trans: Float32Array, transScale = 1): Uint8Array {
  const tr = scaledTransitions(trans, transScale);
  const back = new Uint8Array(n * NQ);
  const fr = Math.fround;
  const NEG = Number.NEGATIVE_INFINITY;
  let q0 = fr(em[0]! + tr[49]!);
  let q1 = fr(em[1]! + tr[50]!);
  let q2 = NEG;
  let q3 = fr(em[3]! + tr[52]!);
  let q4 = NEG;
  let q5 = fr(em[5]! + tr[54]!);
  let q6 = NEG;
  for (let i = 1; i < n; i++) {
    const o = i * NQ;
    let best: number;
    let arg: number;
    let v: number;
    best = NEG;
    arg = 0;
    v = q0 + tr[0]!;
    if (v > best) {
      best = v;
      arg = 0;
    }
    v = q1 + tr[7]!;
    if (v > best) {
      best = v;
      arg = 1;
    }
    v = q2 + tr[14]!;
    if (v > best) {
      best = v;
      arg = 2;
    }
    v = q3 + tr[21]!;
    if (v > best) {
      best = v;
      arg = 3;
    }
    v = q4 + tr[28]!;
    if (v > best) {
      best = v;
      arg = 4;
    }
    v = q5 + tr[35]!;
    if (v > best) {
      best = v;
      arg = 5;
    }
    v = q6 + tr[42]!;
    if (v > best) {
      best = v;
      arg = 6;
    }
    const r0 = fr(best + em[o + 0]!);
    back[o + 0] = arg;
    best = NEG;
    arg = 0;
    v = q0 + tr[1]!;
    if (v > best) {
      best = v;
      arg = 0;
    }
    v = q1 + tr[8]!;
    if (v > best) {
      best = v;
      arg = 1;
    }
    v = q2 + tr[15]!;
    if (v > best) {
      best = v;
      arg = 2;
    }
    v = q3 + tr[22]!;
    if (v > best) {
      best = v;
      arg = 3;
    }
    v = q4 + tr[29]!;
    if (v > best) {
      best = v;
      arg = 4;
    }
    v = q5 + tr[36]!;
    if (v > best) {
      best = v;
      arg = 5;
    }
    v = q6 + tr[43]!;
    if (v > best) {
      best = v;
      arg = 6;
    }
    const r1 = fr(best + em[o + 1]!);
    back[o + 1] = arg;
    best = NEG;
    arg = 0;
    v = q1 + tr[9]!;
    if (v > best) {
      best = v;
      arg = 1;
    }
    v = q2 + tr[16]!;
    if (v > best) {
      best = v;
      arg = 2;
    }
    const r2 = fr(best + em[o + 2]!);
    back[o + 2] = arg;
    best = NEG;
    arg = 0;
    v = q0 + tr[3]!;
    if (v > best) {
      best = v;
      arg = 0;
    }
    v = q1 + tr[10]!;
    if (v > best) {
      best = v;
      arg = 1;
    }
    v = q2 + tr[17]!;
    if (v > best) {
      best = v;
      arg = 2;
    }
    v = q3 + tr[24]!;
    if (v > best) {
      best = v;
      arg = 3;
    }
    v = q4 + tr[31]!;
    if (v > best) {
      best = v;
      arg = 4;
    }
    v = q5 + tr[38]!;
    if (v > best) {
      best = v;
      arg = 5;
    }
    v = q6 + tr[45]!;
    if (v > best) {
      best = v;
      arg = 6;
    }
    const r3 = fr(best + em[o + 3]!);
    back[o + 3] = arg;
    best = NEG;
    arg = 0;
    v = q3 + tr[25]!;
    if (v > best) {
      best = v;
      arg = 3;
    }
    v = q4 + tr[32]!;
    if (v > best) {
      best = v;
      arg = 4;
    }
    const r4 = fr(best + em[o + 4]!);
    back[o + 4] = arg;
    best = NEG;
    arg = 0;
    v = q0 + tr[5]!;
    if (v > best) {
      best = v;
      arg = 0;
    }
    v = q1 + tr[12]!;
    if (v > best) {
      best = v;
      arg = 1;
    }
    v = q2 + tr[19]!;
    if (v > best) {
      best = v;
      arg = 2;
    }
    v = q3 + tr[26]!;
    if (v > best) {
      best = v;
      arg = 3;
    }
    v = q4 + tr[33]!;
    if (v > best) {
      best = v;
      arg = 4;
    }
    v = q5 + tr[40]!;
    if (v > best) {
      best = v;
      arg = 5;
    }
    v = q6 + tr[47]!;
    if (v > best) {
      best = v;
      arg = 6;
    }
    const r5 = fr(best + em[o + 5]!);
    back[o + 5] = arg;
    best = NEG;
    arg = 0;
    v = q5 + tr[41]!;
    if (v > best) {
      best = v;
      arg = 5;
    }
    v = q6 + tr[48]!;
    if (v > best) {
      best = v;
      arg = 6;
    }
    const r6 = fr(best + em[o + 6]!);
    back[o + 6] = arg;
    q0 = r0;
    q1 = r1;
    q2 = r2;
    q3 = r3;
    q4 = r4;
    q5 = r5;
    q6 = r6;
  }
  const tags = new Uint8Array(n);
  let best = NEG;
  if (q0 > best) {
    best = q0;
    tags[n - 1] = 0;
  }
  if (q1 > best) {
    best = q1;
    tags[n - 1] = 1;
  }
  if (q2 > best) {
    best = q2;
    tags[n - 1] = 2;
  }
  if (q3 > best) {
    best = q3;
    tags[n - 1] = 3;
  }
  if (q4 > best) {
    best = q4;
    tags[n - 1] = 4;
  }
  if (q5 > best) {
    best = q5;
    tags[n - 1] = 5;
  }
  if (q6 > best) {
    best = q6;
    tags[n - 1] = 6;
  }
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * NQ + tags[i]!]!;
  return tags;
}

export interface TaggedSpan {
  role: Role;
  start: number;
  end: number;
  /** Token indices in the paragraph, and the paragraph's index. */
  first: number;
  last: number;
  para: number;
  /**
   * CONTENT spans: the tagger's confidence, the best path's score minus the best score of a path
   * that tags none of the span's tokens CONTENT (model units; 0 for other roles).
   */
  margin: number;
}

/** The role spans of one paragraph's tags. */
export function spansOfTags(p: Para, tags: Uint8Array, para = 0): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (let i = 0; i < tags.length; ) {
    const t = tags[i]!;
    if (t === 0) {
      i++;
      continue;
    }
    const role = ROLES[Math.floor((t - 1) / 2)]!;
    let j = i + 1;
    while (j < tags.length && tags[j] === (t % 2 === 1 ? t + 1 : t)) j++;
    out.push({ role, start: p.starts[i]!, end: p.ends[j - 1]!, first: i, last: j - 1, para, margin: 0 });
    i = j;
  }
  return out;
}

let loaded: QuoteModel | null | undefined;

/** The shipped model, or null when it has not been trained. */
export function loadQuoteModel(): QuoteModel | null {
  if (loaded !== undefined) return loaded;
  const header = new URL('quotes.json', QUOTES_MODEL_DIR);
  const body = new URL('quotes.bin.gz', QUOTES_MODEL_DIR);
  if (!existsSync(header) || !existsSync(body)) {
    loaded = null;
    return loaded;
  }
  const h = JSON.parse(readFileSync(header, 'utf8')) as { bits: number; scale: number; featureVersion: number };
  if (h.featureVersion !== FEATURE_VERSION) {
    loaded = null;
    return loaded;
  }
  const raw = gunzipSync(readFileSync(body));
  const nW = (1 << h.bits) * NQ;
  const weights = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + nW * 2));
  const transitions = new Float32Array(
    raw.buffer.slice(raw.byteOffset + nW * 2, raw.byteOffset + nW * 2 + (NQ + 1) * NQ * 4),
  );
  loaded = { bits: h.bits, weights, transitions, scale: h.scale };
  return loaded;
}

/** Best prefix scores (alpha: tokens 0..i with tag t at i) and suffix scores (beta: tokens after i given t at i). */
export function maxScores(
  em: Float32Array,
  n: number,
  trans: Float32Array,
  transScale = 1,
): { alpha: Float32Array; beta: Float32Array } {
  const tr = scaledTransitions(trans, transScale);
  const alpha = new Float32Array(n * NQ);
  const beta = new Float32Array(n * NQ);
  const fr = Math.fround;
  const NEG = Number.NEGATIVE_INFINITY;
  // alpha, row by row, the previous row in locals
  let a0 = fr(em[0]! + tr[49]!);
  let a1 = fr(em[1]! + tr[50]!);
  let a2 = NEG;
  let a3 = fr(em[3]! + tr[52]!);
  let a4 = NEG;
  let a5 = fr(em[5]! + tr[54]!);
  let a6 = NEG;
  alpha[0] = a0;
  alpha[1] = a1;
  alpha[2] = a2;
  alpha[3] = a3;
  alpha[4] = a4;
  alpha[5] = a5;
  alpha[6] = a6;
  for (let i = 1; i < n; i++) {
    const o = i * NQ;
    const e0 = em[o + 0]!;
    const r0 = fr(
      Math.max(
        a0 + tr[0]! + e0,
        a1 + tr[7]! + e0,
        a2 + tr[14]! + e0,
        a3 + tr[21]! + e0,
        a4 + tr[28]! + e0,
        a5 + tr[35]! + e0,
        a6 + tr[42]! + e0,
      ),
    );
    const e1 = em[o + 1]!;
    const r1 = fr(
      Math.max(
        a0 + tr[1]! + e1,
        a1 + tr[8]! + e1,
        a2 + tr[15]! + e1,
        a3 + tr[22]! + e1,
        a4 + tr[29]! + e1,
        a5 + tr[36]! + e1,
        a6 + tr[43]! + e1,
      ),
    );
    const e2 = em[o + 2]!;
    const r2 = fr(Math.max(a1 + tr[9]! + e2, a2 + tr[16]! + e2));
    const e3 = em[o + 3]!;
    const r3 = fr(
      Math.max(
        a0 + tr[3]! + e3,
        a1 + tr[10]! + e3,
        a2 + tr[17]! + e3,
        a3 + tr[24]! + e3,
        a4 + tr[31]! + e3,
        a5 + tr[38]! + e3,
        a6 + tr[45]! + e3,
      ),
    );
    const e4 = em[o + 4]!;
    const r4 = fr(Math.max(a3 + tr[25]! + e4, a4 + tr[32]! + e4));
    const e5 = em[o + 5]!;
    const r5 = fr(
      Math.max(
        a0 + tr[5]! + e5,
        a1 + tr[12]! + e5,
        a2 + tr[19]! + e5,
        a3 + tr[26]! + e5,
        a4 + tr[33]! + e5,
        a5 + tr[40]! + e5,
        a6 + tr[47]! + e5,
      ),
    );
    const e6 = em[o + 6]!;
    const r6 = fr(Math.max(a5 + tr[41]! + e6, a6 + tr[48]! + e6));
    a0 = r0;
    alpha[o + 0] = r0;
    a1 = r1;
    alpha[o + 1] = r1;
    a2 = r2;
    alpha[o + 2] = r2;
    a3 = r3;
    alpha[o + 3] = r3;
    a4 = r4;
    alpha[o + 4] = r4;
    a5 = r5;
    alpha[o + 5] = r5;
    a6 = r6;
    alpha[o + 6] = r6;
  }
  // beta, row by row from the end, the next row in locals
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let b4 = 0;
  let b5 = 0;
  let b6 = 0;
  beta[(n - 1) * NQ + 0] = 0;
  beta[(n - 1) * NQ + 1] = 0;
  beta[(n - 1) * NQ + 2] = 0;
  beta[(n - 1) * NQ + 3] = 0;
  beta[(n - 1) * NQ + 4] = 0;
  beta[(n - 1) * NQ + 5] = 0;
  beta[(n - 1) * NQ + 6] = 0;
  for (let i = n - 2; i >= 0; i--) {
    const o = (i + 1) * NQ;
    const e0 = em[o + 0]!;
    const e1 = em[o + 1]!;
    const e2 = em[o + 2]!;
    const e3 = em[o + 3]!;
    const e4 = em[o + 4]!;
    const e5 = em[o + 5]!;
    const e6 = em[o + 6]!;
    const r0 = fr(Math.max(tr[0]! + e0 + b0, tr[1]! + e1 + b1, tr[3]! + e3 + b3, tr[5]! + e5 + b5));
    const r1 = fr(Math.max(tr[7]! + e0 + b0, tr[8]! + e1 + b1, tr[9]! + e2 + b2, tr[10]! + e3 + b3, tr[12]! + e5 + b5));
    const r2 = fr(
      Math.max(tr[14]! + e0 + b0, tr[15]! + e1 + b1, tr[16]! + e2 + b2, tr[17]! + e3 + b3, tr[19]! + e5 + b5),
    );
    const r3 = fr(
      Math.max(tr[21]! + e0 + b0, tr[22]! + e1 + b1, tr[24]! + e3 + b3, tr[25]! + e4 + b4, tr[26]! + e5 + b5),
    );
    const r4 = fr(
      Math.max(tr[28]! + e0 + b0, tr[29]! + e1 + b1, tr[31]! + e3 + b3, tr[32]! + e4 + b4, tr[33]! + e5 + b5),
    );
    const r5 = fr(
      Math.max(tr[35]! + e0 + b0, tr[36]! + e1 + b1, tr[38]! + e3 + b3, tr[40]! + e5 + b5, tr[41]! + e6 + b6),
    );
    const r6 = fr(
      Math.max(tr[42]! + e0 + b0, tr[43]! + e1 + b1, tr[45]! + e3 + b3, tr[47]! + e5 + b5, tr[48]! + e6 + b6),
    );
    b0 = r0;
    beta[i * NQ + 0] = r0;
    b1 = r1;
    beta[i * NQ + 1] = r1;
    b2 = r2;
    beta[i * NQ + 2] = r2;
    b3 = r3;
    beta[i * NQ + 3] = r3;
    b4 = r4;
    beta[i * NQ + 4] = r4;
    b5 = r5;
    beta[i * NQ + 5] = r5;
    b6 = r6;
    beta[i * NQ + 6] = r6;
  }
  return { alpha, beta };
}

const IS_CONTENT = (t: number) => t === 1 || t === 2;

/**
 * How much better the best path is than the best one that tags none of tokens first..last
 * CONTENT: the tagger's margin for a CONTENT span (a max-marginal difference, in model units).
 * `alpha`/`beta` from maxScores; only the span is decoded again.
 */
export function contentMargin(
  em: Float32Array,
  scores: { alpha: Float32Array; beta: Float32Array },
  n: number,
  trans: Float32Array,
  transScale: number,
  first: number,
  last: number,
): number {
  const { alpha, beta } = scores;
  let best = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < NQ; t++) best = Math.max(best, alpha[(n - 1) * NQ + t]!);
  let cur = new Float32Array(NQ).fill(Number.NEGATIVE_INFINITY);
  for (let t = 0; t < NQ; t++) {
    if (IS_CONTENT(t)) continue;
    if (first === 0) {
      if (ALLOWED[NQ * NQ + t]) cur[t] = em[t]! + trans[NQ * NQ + t]! * transScale;
      continue;
    }
    for (let p = 0; p < NQ; p++)
      if (ALLOWED[p * NQ + t])
        cur[t] = Math.max(
          cur[t]!,
          alpha[(first - 1) * NQ + p]! + trans[p * NQ + t]! * transScale + em[first * NQ + t]!,
        );
  }
  // two rows in turn rather than a new one per token
  let next = new Float32Array(NQ);
  for (let i = first + 1; i <= last; i++) {
    next.fill(Number.NEGATIVE_INFINITY);
    for (let t = 0; t < NQ; t++) {
      if (IS_CONTENT(t)) continue;
      for (let p = 0; p < NQ; p++)
        if (ALLOWED[p * NQ + t])
          next[t] = Math.max(next[t]!, cur[p]! + trans[p * NQ + t]! * transScale + em[i * NQ + t]!);
    }
    [cur, next] = [next, cur];
  }
  let without = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < NQ; t++) without = Math.max(without, cur[t]! + beta[last * NQ + t]!);
  return best - without;
}

/**
 * Role spans of a whole text. `needMargin(span, paragraphSpans)`, when given, is asked about each
 * CONTENT span: only those it accepts get their margin (the rest keep 0), and a paragraph where it
 * accepts none is not decoded a second time (the margin's forward-backward pass is skipped).
 */
export function tagText(
  model: QuoteModel,
  text: string,
  needMargin?: (span: TaggedSpan, paragraph: readonly TaggedSpan[]) => boolean,
): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  const paras = paragraphs(text);
  const w = model.weights;
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k]!;
    const n = p.starts.length;
    const em =
      w instanceof Int16Array
        ? paragraphEmissions(model, text, p, model.bits, w)
        : emissionScores(w, paragraphFeatures(text, p, model.bits), n);
    const tags = viterbiTags(em, n, model.transitions, model.scale);
    const spans = spansOfTags(p, tags, k);
    let scores: { alpha: Float32Array; beta: Float32Array } | null = null;
    for (const s of spans) {
      if (s.role === 'CONTENT' && (!needMargin || needMargin(s, spans))) {
        scores ??= maxScores(em, n, model.transitions, model.scale);
        s.margin = contentMargin(em, scores, n, model.transitions, model.scale, s.first, s.last);
      }
      out.push(s);
    }
  }
  return out;
}
