// The learned attribution tagger: a first-order averaged perceptron over word tokens of each
// paragraph, BIO tags for CONTENT, SOURCE and CUE (PolNeAR's span roles), decoded with Viterbi
// under BIO constraints. Features are hashed into 2^bits buckets. Weights (Int16, gzipped) live in
// src/resources/models/quotes/ and are written by scripts/train-quotes.ts.

import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CUE_WORDS } from './cues.js';

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

const TOKEN = /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu;

/** Paragraphs (split at line breaks) as token lists; tokens never cross a line. */
export function paragraphs(text: string): Para[] {
  const out: Para[] = [];
  let cur: Para = { starts: [], ends: [] };
  let lastEnd = 0;
  // the first line break at or after lastEnd (text.length when none)
  let nl = -1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (nl < lastEnd) {
      nl = text.indexOf('\n', lastEnd);
      if (nl < 0) nl = text.length;
    }
    if (cur.starts.length > 0 && nl < m.index) {
      out.push(cur);
      cur = { starts: [], ends: [] };
    }
    cur.starts.push(m.index);
    cur.ends.push(m.index + m[0].length);
    lastEnd = m.index + m[0].length;
  }
  if (cur.starts.length > 0) out.push(cur);
  return out;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shape(w: string, lw: string): number {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return 4;
  const upper = w[0] !== lw[0];
  if (upper) return w.length > 1 && w === w.toUpperCase() && w !== lw ? 1 : 2;
  if (w[0] !== w[0]!.toUpperCase()) return 3;
  return 16 + c;
}

/** Distance buckets: none, 1, ≤3, ≤7, ≤15, farther. */
function bucket(d: number): number {
  if (d < 0) return 0;
  if (d <= 1) return 1;
  if (d <= 3) return 2;
  if (d <= 7) return 3;
  if (d <= 15) return 4;
  return 5;
}

/** Mixes a value into a hash (murmur3's finaliser over a running xor). */
function mix(h: number, v: number): number {
  // In int32 throughout: every use stores the result in an Int32Array or mixes it again, which
  // read the same 32 bits as the unsigned value (and int32 values stay small integers in V8).
  let x = h ^ Math.imul(v, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

const OPEN_MARKS = new Set(['“', '«', '„']);
const CLOSE_MARKS = new Set(['”', '»']);
const EXTRA_CUES = new Set([
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
const BOS = 0x5bd1e995;
const EOS = 0x1b873593;

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

/**
 * The allowed predecessors p of each tag t (ALLOWED[p·NQ + t], p < NQ) and successors u of each
 * tag t (ALLOWED[t·NQ + u]), ascending, as [FROM[t], TO[t]) ranges of one list each: the decoders
 * visit exactly the pairs they would have tested ALLOWED for, in the same order.
 */
function pairLists(allowedAt: (t: number, x: number) => boolean) {
  const from = new Uint8Array(NQ);
  const to = new Uint8Array(NQ);
  const list: number[] = [];
  for (let t = 0; t < NQ; t++) {
    from[t] = list.length;
    for (let x = 0; x < NQ; x++) if (allowedAt(t, x)) list.push(x);
    to[t] = list.length;
  }
  return { from, to, list: Uint8Array.from(list) };
}
const PREV = pairLists((t, p) => ALLOWED[p * NQ + t] === 1);
const NEXT = pairLists((t, u) => ALLOWED[t * NQ + u] === 1);

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

export function viterbiTags(em: Float32Array, n: number, trans: Float32Array, transScale = 1): Uint8Array {
  const tr = scaledTransitions(trans, transScale);
  const score = new Float32Array(n * NQ);
  const back = new Uint8Array(n * NQ);
  for (let t = 0; t < NQ; t++) score[t] = ALLOWED[NQ * NQ + t] ? em[t]! + tr[NQ * NQ + t]! : Number.NEGATIVE_INFINITY;
  for (let i = 1; i < n; i++)
    for (let t = 0; t < NQ; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let q = PREV.from[t]!, qz = PREV.to[t]!; q < qz; q++) {
        const p = PREV.list[q]!;
        const v = score[(i - 1) * NQ + p]! + tr[p * NQ + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[i * NQ + t] = best + em[i * NQ + t]!;
      back[i * NQ + t] = arg;
    }
  const tags = new Uint8Array(n);
  let best = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < NQ; t++)
    if (score[(n - 1) * NQ + t]! > best) {
      best = score[(n - 1) * NQ + t]!;
      tags[n - 1] = t;
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
  const alpha = new Float32Array(n * NQ).fill(Number.NEGATIVE_INFINITY);
  const beta = new Float32Array(n * NQ).fill(Number.NEGATIVE_INFINITY);
  for (let t = 0; t < NQ; t++) if (ALLOWED[NQ * NQ + t]) alpha[t] = em[t]! + tr[NQ * NQ + t]!;
  // Each maximum is taken in a local and stored once: rounding to float32 is monotone, so that is
  // the value the running maximum in the array would end with.
  for (let i = 1; i < n; i++)
    for (let t = 0; t < NQ; t++) {
      let m = alpha[i * NQ + t]!;
      for (let q = PREV.from[t]!, qz = PREV.to[t]!; q < qz; q++) {
        const p = PREV.list[q]!;
        m = Math.max(m, alpha[(i - 1) * NQ + p]! + tr[p * NQ + t]! + em[i * NQ + t]!);
      }
      alpha[i * NQ + t] = m;
    }
  for (let t = 0; t < NQ; t++) beta[(n - 1) * NQ + t] = 0;
  for (let i = n - 2; i >= 0; i--)
    for (let t = 0; t < NQ; t++) {
      let m = beta[i * NQ + t]!;
      for (let q = NEXT.from[t]!, qz = NEXT.to[t]!; q < qz; q++) {
        const u = NEXT.list[q]!;
        m = Math.max(m, tr[t * NQ + u]! + em[(i + 1) * NQ + u]! + beta[(i + 1) * NQ + u]!);
      }
      beta[i * NQ + t] = m;
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

/** Role spans of a whole text. */
export function tagText(model: QuoteModel, text: string): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  const paras = paragraphs(text);
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k]!;
    const n = p.starts.length;
    const feats = paragraphFeatures(text, p, model.bits);
    const em = emissionScores(model.weights, feats, n);
    const tags = viterbiTags(em, n, model.transitions, model.scale);
    const spans = spansOfTags(p, tags, k);
    const scores = spans.some((s) => s.role === 'CONTENT') ? maxScores(em, n, model.transitions, model.scale) : null;
    for (const s of spans) {
      if (scores && s.role === 'CONTENT')
        s.margin = contentMargin(em, scores, n, model.transitions, model.scale, s.first, s.last);
      out.push(s);
    }
  }
  return out;
}
