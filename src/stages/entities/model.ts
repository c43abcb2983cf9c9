// The tagger: a first-order structured (averaged) perceptron over BIO tags, decoded with Viterbi
// under BIO constraints. Weights are a bucket × tag table (Int16 when shipped) read from
// src/resources/models/ner/, written by `npm run train:ner` (scripts/train-ner.ts). A model may
// carry a second pass (stacking): its own table over the same features plus stack.ts's features
// made from the first pass's tags (what the document says about the same word and name elsewhere).

import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import {
  type Clusters,
  extractFeatures,
  FEATURE_VERSION,
  FEATURES_PER_TOKEN,
  type Gazetteer,
  hashTokens,
  sentences,
} from './features.js';
import { STACK_FEATURES, stackFeatures } from './stack.js';
import type { Tokens } from './tokenize.js';

export const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export type NerType = (typeof TYPES)[number];
/** Tag t: 0 = O, 1 + 2k = B-TYPES[k], 2 + 2k = I-TYPES[k]. */
export const TAGS = ['O', ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const NT = TAGS.length;

/** The model folder, from dist/src/stages/entities/ or src/stages/entities/ alike. */
export const MODEL_DIR = new URL(
  /\/dist\/src\/stages\/entities\/[^/]+$/.test(import.meta.url)
    ? '../../../../src/resources/models/ner/'
    : '../../resources/models/ner/',
  import.meta.url,
);

export interface NerModel {
  bits: number;
  /** bucket × tag emission weights. */
  weights: Int16Array | Float32Array;
  /** (NT + 1) × NT transitions; row NT is the sentence start. */
  transitions: Float32Array;
  gazetteer: Gazetteer;
  /** Word classes from unlabelled text (absent in a model trained without them). */
  clusters?: Clusters;
  header: ModelHeader;
  /** The nonzero rows of `weights` (loadModel makes it for the shipped model; tagTokens uses it when present). */
  sparse?: SparseWeights;
  /** The second pass, when the model has one. */
  stage2?: SecondPass;
}

/** The second pass's weights: over the FEATURES_PER_TOKEN features and then the STACK_FEATURES ones. */
export interface SecondPass {
  weights: Int16Array | Float32Array;
  transitions: Float32Array;
  /**
   * Both passes' rows where either is nonzero, side by side (2 × NT per bucket: the first pass's,
   * then this pass's), so one lookup per feature scores both passes (used when the model's
   * `sparse` is present too).
   */
  fused?: SparseWeights;
}

/**
 * The weight rows that are not all zero (about a tenth of the shipped model's): a bit per bucket,
 * the number of nonzero rows before each 32-bucket word, and those rows packed. About 2 MB that
 * stay in cache, where the whole table is 18 MB read at random. A zero row adds nothing, so
 * skipping it leaves every score as it was.
 */
export interface SparseWeights {
  /** Per 32 buckets: [their nonzero bits, the nonzero rows before them], side by side. */
  index: Int32Array;
  rows: Int16Array;
}

export function sparseWeights(weights: Int16Array, second?: Int16Array): SparseWeights {
  const buckets = weights.length / NT;
  const index = new Int32Array(2 * Math.ceil(buckets / 32));
  const tables = second ? [weights, second] : [weights];
  let count = 0;
  for (let r = 0; r < buckets; r++) {
    if ((r & 31) === 0) index[2 * (r >>> 5) + 1] = count;
    let nonzero = false;
    for (const w of tables) for (let t = 0; t < NT; t++) if (w[r * NT + t] !== 0) nonzero = true;
    if (nonzero) {
      index[2 * (r >>> 5)]! |= 1 << (r & 31);
      count++;
    }
  }
  const width = NT * tables.length;
  const rows = new Int16Array(count * width);
  let k = 0;
  for (let r = 0; r < buckets; r++)
    if (index[2 * (r >>> 5)]! & (1 << (r & 31))) {
      tables.forEach((w, j) => {
        rows.set(w.subarray(r * NT, r * NT + NT), k * width + j * NT);
      });
      k++;
    }
  return { index, rows };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** emissions() over sparse weights: the same scores, reading only the nonzero rows. */
export function sparseEmissions(
  sparse: SparseWeights,
  feats: Int32Array,
  n: number,
  out?: Float32Array,
  F: number = FEATURES_PER_TOKEN,
): Float32Array {
  const scores = out ?? new Float32Array(n * NT);
  const { index, rows } = sparse;
  const fr = Math.fround;
  for (let i = 0; i < n; i++) {
    const o = i * NT;
    let s0 = scores[o]!;
    let s1 = scores[o + 1]!;
    let s2 = scores[o + 2]!;
    let s3 = scores[o + 3]!;
    let s4 = scores[o + 4]!;
    let s5 = scores[o + 5]!;
    let s6 = scores[o + 6]!;
    let s7 = scores[o + 7]!;
    let s8 = scores[o + 8]!;
    for (let k = i * F, z = k + F; k < z; k++) {
      const f = feats[k]!;
      if (f < 0) continue;
      const w = (f >>> 5) << 1;
      const word = index[w]!;
      const bit = 1 << (f & 31);
      if (!(word & bit)) continue;
      const b = (index[w + 1]! + popcount(word & (bit - 1))) * NT;
      s0 = fr(s0 + rows[b]!);
      s1 = fr(s1 + rows[b + 1]!);
      s2 = fr(s2 + rows[b + 2]!);
      s3 = fr(s3 + rows[b + 3]!);
      s4 = fr(s4 + rows[b + 4]!);
      s5 = fr(s5 + rows[b + 5]!);
      s6 = fr(s6 + rows[b + 6]!);
      s7 = fr(s7 + rows[b + 7]!);
      s8 = fr(s8 + rows[b + 8]!);
    }
    scores[o] = s0;
    scores[o + 1] = s1;
    scores[o + 2] = s2;
    scores[o + 3] = s3;
    scores[o + 4] = s4;
    scores[o + 5] = s5;
    scores[o + 6] = s6;
    scores[o + 7] = s7;
    scores[o + 8] = s8;
  }
  return scores;
}

export interface ModelHeader {
  format: 'sitrep-ner';
  featureVersion: number;
  tags: string[];
  bits: number;
  scale: number;
  sections: Record<string, { offset: number; length: number; type: 'int16' | 'float32' | 'int32' | 'uint8' }>;
  /** Present when the model has a second pass: its stacked-feature count and Int16 scale. */
  stack?: { features: number; scale: number };
  training: Record<string, unknown>;
}

/** Constraint penalties: I-X only after B-X or I-X. */
const BIG = 1e9;
export const ALLOWED = (() => {
  const a = new Float32Array((NT + 1) * NT);
  for (let p = 0; p <= NT; p++)
    for (let t = 0; t < NT; t++) {
      if (t > 0 && t % 2 === 0) {
        const ok = p < NT && p > 0 && Math.ceil(p / 2) === t / 2;
        a[p * NT + t] = ok ? 0 : -BIG;
      }
    }
  return a;
})();

/**
 * Both passes' emissions over fused rows (sparseWeights(first, second)) in one walk of the
 * features: the first pass's into `one`, the second's into `two`. With `secondOnly`, only the
 * second pass's half is read and added into `two` (the stacked features, F of them per token).
 */
export function fusedEmissions(
  fused: SparseWeights,
  feats: Int32Array,
  n: number,
  one: Float32Array,
  two: Float32Array,
  F: number = FEATURES_PER_TOKEN,
  secondOnly = false,
): void {
  const { index, rows } = fused;
  const fr = Math.fround;
  const W = 2 * NT;
  for (let i = 0; i < n; i++) {
    const o = i * NT;
    let s0 = one[o]!;
    let s1 = one[o + 1]!;
    let s2 = one[o + 2]!;
    let s3 = one[o + 3]!;
    let s4 = one[o + 4]!;
    let s5 = one[o + 5]!;
    let s6 = one[o + 6]!;
    let s7 = one[o + 7]!;
    let s8 = one[o + 8]!;
    let r0 = two[o]!;
    let r1 = two[o + 1]!;
    let r2 = two[o + 2]!;
    let r3 = two[o + 3]!;
    let r4 = two[o + 4]!;
    let r5 = two[o + 5]!;
    let r6 = two[o + 6]!;
    let r7 = two[o + 7]!;
    let r8 = two[o + 8]!;
    for (let k = i * F, z = k + F; k < z; k++) {
      const f = feats[k]!;
      if (f < 0) continue;
      const w = (f >>> 5) << 1;
      const word = index[w]!;
      const bit = 1 << (f & 31);
      if (!(word & bit)) continue;
      const b = (index[w + 1]! + popcount(word & (bit - 1))) * W;
      if (!secondOnly) {
        s0 = fr(s0 + rows[b]!);
        s1 = fr(s1 + rows[b + 1]!);
        s2 = fr(s2 + rows[b + 2]!);
        s3 = fr(s3 + rows[b + 3]!);
        s4 = fr(s4 + rows[b + 4]!);
        s5 = fr(s5 + rows[b + 5]!);
        s6 = fr(s6 + rows[b + 6]!);
        s7 = fr(s7 + rows[b + 7]!);
        s8 = fr(s8 + rows[b + 8]!);
      }
      r0 = fr(r0 + rows[b + 9]!);
      r1 = fr(r1 + rows[b + 10]!);
      r2 = fr(r2 + rows[b + 11]!);
      r3 = fr(r3 + rows[b + 12]!);
      r4 = fr(r4 + rows[b + 13]!);
      r5 = fr(r5 + rows[b + 14]!);
      r6 = fr(r6 + rows[b + 15]!);
      r7 = fr(r7 + rows[b + 16]!);
      r8 = fr(r8 + rows[b + 17]!);
    }
    one[o] = s0;
    one[o + 1] = s1;
    one[o + 2] = s2;
    one[o + 3] = s3;
    one[o + 4] = s4;
    one[o + 5] = s5;
    one[o + 6] = s6;
    one[o + 7] = s7;
    one[o + 8] = s8;
    two[o] = r0;
    two[o + 1] = r1;
    two[o + 2] = r2;
    two[o + 3] = r3;
    two[o + 4] = r4;
    two[o + 5] = r5;
    two[o + 6] = r6;
    two[o + 7] = r7;
    two[o + 8] = r8;
  }
}

/**
 * Emission scores: n × NT, added to `out` when given (F features per token). Each token's NT sums
 * are kept in locals and stored once (Math.fround after every addition keeps the float32 rounding
 * of adding into the array in place), so the weight rows are read without a store between them.
 */
export function emissions(
  weights: Int16Array | Float32Array,
  feats: Int32Array,
  n: number,
  out?: Float32Array,
  F: number = FEATURES_PER_TOKEN,
): Float32Array {
  const scores = out ?? new Float32Array(n * NT);
  const fr = Math.fround;
  for (let i = 0; i < n; i++) {
    const o = i * NT;
    let s0 = scores[o]!;
    let s1 = scores[o + 1]!;
    let s2 = scores[o + 2]!;
    let s3 = scores[o + 3]!;
    let s4 = scores[o + 4]!;
    let s5 = scores[o + 5]!;
    let s6 = scores[o + 6]!;
    let s7 = scores[o + 7]!;
    let s8 = scores[o + 8]!;
    for (let k = i * F, z = k + F; k < z; k++) {
      const f = feats[k]!;
      if (f < 0) continue;
      const b = f * NT;
      s0 = fr(s0 + weights[b]!);
      s1 = fr(s1 + weights[b + 1]!);
      s2 = fr(s2 + weights[b + 2]!);
      s3 = fr(s3 + weights[b + 3]!);
      s4 = fr(s4 + weights[b + 4]!);
      s5 = fr(s5 + weights[b + 5]!);
      s6 = fr(s6 + weights[b + 6]!);
      s7 = fr(s7 + weights[b + 7]!);
      s8 = fr(s8 + weights[b + 8]!);
    }
    scores[o] = s0;
    scores[o + 1] = s1;
    scores[o + 2] = s2;
    scores[o + 3] = s3;
    scores[o + 4] = s4;
    scores[o + 5] = s5;
    scores[o + 6] = s6;
    scores[o + 7] = s7;
    scores[o + 8] = s8;
  }
  return scores;
}
// The unrolled loop above is written for the 9 tags of TAGS.
if (NT !== 9) throw new Error(`emissions: written for 9 tags, TAGS has ${NT}`);

/**
 * The predecessors each tag may follow, as [PRED_FROM[t], PRED_TO[t]) ranges over PREDECESSORS:
 * every tag for O and B-X, only B-X and I-X for I-X. A forbidden transition scores -1e9
 * (ALLOWED), so it never wins over an allowed one and need not be scored.
 */
const PRED_FROM = new Uint8Array(NT);
const PRED_TO = new Uint8Array(NT);
const PREDECESSORS = (() => {
  const list: number[] = [];
  for (let t = 0; t < NT; t++) {
    PRED_FROM[t] = list.length;
    for (let p = 0; p < NT; p++) if (ALLOWED[p * NT + t] === 0) list.push(p);
    PRED_TO[t] = list.length;
  }
  return Uint8Array.from(list);
})();

/** Viterbi over tokens [a, z) of the emission matrix; writes tags into `tags`. */
export function viterbi(
  scores: Float32Array,
  transitions: Float32Array,
  a: number,
  z: number,
  tags: Uint8Array,
  delta: Float32Array,
  back: Uint8Array,
): void {
  if (z <= a) return;
  for (let t = 0; t < NT; t++)
    delta[a * NT + t] = scores[a * NT + t]! + transitions[NT * NT + t]! + ALLOWED[NT * NT + t]!;
  for (let i = a + 1; i < z; i++) {
    const o = i * NT;
    const po = o - NT;
    for (let t = 0; t < NT; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let q = PRED_FROM[t]!, qz = PRED_TO[t]!; q < qz; q++) {
        const p = PREDECESSORS[q]!;
        const v = delta[po + p]! + transitions[p * NT + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[o + t] = best + scores[o + t]!;
      back[o + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const o = (z - 1) * NT;
  for (let t = 0; t < NT; t++)
    if (delta[o + t]! > best) {
      best = delta[o + t]!;
      arg = t;
    }
  for (let i = z - 1; i >= a; i--) {
    tags[i] = arg;
    arg = back[i * NT + arg]!;
  }
}

/** Tags every token of a document: NT-tag indices per token. */
export function tagTokens(model: NerModel, tokens: Tokens): Uint8Array {
  const n = tokens.n;
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const bounds = sentences(tokens);
  const mask = (1 << model.bits) - 1;
  const h = hashTokens(tokens);
  const feats = extractFeatures(tokens, model.gazetteer, mask, bounds, model.clusters ?? null, h);
  const second = model.stage2;
  const fused = model.sparse ? second?.fused : undefined;
  let scores: Float32Array;
  let scores2: Float32Array | null = null;
  if (fused) {
    scores = new Float32Array(n * NT);
    scores2 = new Float32Array(n * NT);
    fusedEmissions(fused, feats, n, scores, scores2);
  } else scores = model.sparse ? sparseEmissions(model.sparse, feats, n) : emissions(model.weights, feats, n);
  const delta = new Float32Array(n * NT);
  const back = new Uint8Array(n * NT);
  for (let b = 0; b + 1 < bounds.length; b++)
    viterbi(scores, model.transitions, bounds[b]!, bounds[b + 1]!, tags, delta, back);
  if (!second) return tags;
  const extra = stackFeatures(tokens, h, bounds, tags, mask);
  if (fused && scores2) fusedEmissions(fused, extra, n, scores, scores2, STACK_FEATURES, true);
  else {
    scores2 = emissions(second.weights, feats, n);
    emissions(second.weights, extra, n, scores2, STACK_FEATURES);
  }
  for (let b = 0; b + 1 < bounds.length; b++)
    viterbi(scores2, second.transitions, bounds[b]!, bounds[b + 1]!, tags, delta, back);
  return tags;
}

/** Spans of whole tokens [first, last] with their type from BIO tags. */
export function spansOfTags(tags: Uint8Array): Array<{ first: number; last: number; type: NerType }> {
  const out: Array<{ first: number; last: number; type: NerType }> = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 0) continue;
    const k = (t - 1) >> 1;
    let j = i;
    while (j + 1 < tags.length && tags[j + 1] === 2 + 2 * k) j++;
    out.push({ first: i, last: j, type: TYPES[k]! });
    i = j;
  }
  return out;
}

/** Serialises a model: a JSON header and one deflated binary of its sections. */
export function serialiseModel(
  weights: Int16Array,
  transitions: Float32Array,
  gazetteer: Gazetteer,
  bits: number,
  scale: number,
  training: Record<string, unknown>,
  clusters: Clusters | null = null,
  stage2: { weights: Int16Array; transitions: Float32Array; scale: number } | null = null,
): { header: ModelHeader; bin: Buffer } {
  const parts: Array<[string, ArrayBufferView, ModelHeader['sections'][string]['type']]> = [
    ['weights', weights, 'int16'],
    ['transitions', transitions, 'float32'],
    ['gazetteerKeys', gazetteer.keys, 'int32'],
    ['gazetteerMasks', gazetteer.masks, 'uint8'],
  ];
  if (clusters) parts.push(['clusterKeys', clusters.keys, 'int32'], ['clusterPaths', clusters.paths, 'int32']);
  if (stage2) parts.push(['weights2', stage2.weights, 'int16'], ['transitions2', stage2.transitions, 'float32']);
  const sections: ModelHeader['sections'] = {};
  const buffers: Buffer[] = [];
  let offset = 0;
  for (const [name, view, type] of parts) {
    const pad = (8 - (offset % 8)) % 8;
    if (pad) buffers.push(Buffer.alloc(pad));
    offset += pad;
    const buf = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    sections[name] = { offset, length: view.byteLength, type };
    buffers.push(buf);
    offset += buf.length;
  }
  const header: ModelHeader = {
    format: 'sitrep-ner',
    featureVersion: FEATURE_VERSION,
    tags: TAGS,
    bits,
    scale,
    sections,
    ...(stage2 ? { stack: { features: STACK_FEATURES, scale: stage2.scale } } : {}),
    training,
  };
  return { header, bin: Buffer.concat(buffers) };
}

let cached: NerModel | null = null;

/** Loads the shipped model (once per process). Throws a clear error when it is missing or stale. */
export function loadModel(dir: URL = MODEL_DIR): NerModel {
  if (cached && dir === MODEL_DIR) return cached;
  let headerText: string;
  let packed: Buffer;
  try {
    headerText = readFileSync(new URL('ner.json', dir), 'utf8');
    packed = readFileSync(new URL('ner.bin', dir));
  } catch (error) {
    throw new Error(
      `the NER model is missing from ${dir.pathname} (${(error as Error).message}); run \`npm run train:ner\``,
    );
  }
  const header = JSON.parse(headerText) as ModelHeader;
  if (header.format !== 'sitrep-ner' || header.featureVersion !== FEATURE_VERSION || header.tags.join() !== TAGS.join())
    throw new Error(
      `the NER model in ${dir.pathname} was trained for feature version ${header.featureVersion}, this code has ${FEATURE_VERSION}; run \`npm run train:ner\``,
    );
  if (header.stack && header.stack.features !== STACK_FEATURES)
    throw new Error(
      `the NER model in ${dir.pathname} has ${header.stack.features} second-pass features, this code has ${STACK_FEATURES}; run \`npm run train:ner\``,
    );
  const raw = inflateRawSync(packed);
  const bytes = new Uint8Array(raw.byteLength);
  bytes.set(raw);
  const view = (name: string) => {
    const s = header.sections[name]!;
    const buf = bytes.buffer.slice(s.offset, s.offset + s.length);
    if (s.type === 'int16') return new Int16Array(buf);
    if (s.type === 'float32') return new Float32Array(buf);
    if (s.type === 'int32') return new Int32Array(buf);
    return new Uint8Array(buf);
  };
  const model: NerModel = {
    bits: header.bits,
    weights: view('weights') as Int16Array,
    transitions: view('transitions') as Float32Array,
    gazetteer: { keys: view('gazetteerKeys') as Int32Array, masks: view('gazetteerMasks') as Uint8Array },
    header,
  };
  if (header.sections.clusterKeys && header.sections.clusterPaths)
    model.clusters = { keys: view('clusterKeys') as Int32Array, paths: view('clusterPaths') as Int32Array };
  model.sparse = sparseWeights(model.weights as Int16Array);
  if (header.stack && header.sections.weights2 && header.sections.transitions2) {
    const weights = view('weights2') as Int16Array;
    model.stage2 = {
      weights,
      transitions: view('transitions2') as Float32Array,
      fused: sparseWeights(model.weights as Int16Array, weights),
    };
  }
  if (dir === MODEL_DIR) cached = model;
  return model;
}
