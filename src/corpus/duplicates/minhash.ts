// Near-duplicate detection with MinHash over word 3-shingles and LSH banding. A signature of
// 128 minimum hashes estimates the Jaccard similarity of two texts' shingle sets; with the
// exact set sizes kept beside it, it also estimates containment, which catches truncated
// copies whose Jaccard is low. LSH bands give the candidates, so one article is compared with
// the few that share a band, never with the whole store.

import { wordCharacter } from '../word-characters.js';

export interface DuplicateOptions {
  /** Words per shingle. */
  shingleWords: number;
  /** Hash functions in a signature (= bands × rows). */
  permutations: number;
  bands: number;
  /** Estimated Jaccard at or above which two texts are near duplicates. */
  jaccard: number;
  /** Estimated containment of the shorter text in the longer at or above which it is a (truncated) copy. */
  containment: number;
  /** Texts with fewer shingles than this are never called duplicates by containment alone. */
  minShingles: number;
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  shingleWords: 3,
  permutations: 128,
  bands: 32,
  jaccard: 0.44,
  containment: 0.8,
  minShingles: 30,
};

export interface Signature {
  /** The minimum hash under each permutation (unsigned 32-bit). */
  mins: Uint32Array;
  /** The number of distinct shingles. */
  size: number;
}

// Fixed multipliers (odd) and offsets: signatures must be comparable across runs and machines.
const MAX_PERMUTATIONS = 1024;
const MULTIPLIERS = new Uint32Array(MAX_PERMUTATIONS);
const OFFSETS = new Uint32Array(MAX_PERMUTATIONS);
{
  let state = 0x9e3779b9;
  const next = () => {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
    state = Math.imul(state ^ (state >>> 12), 0x297a2d39) >>> 0;
    state = (state ^ (state >>> 15)) >>> 0;
    return state;
  };
  for (let i = 0; i < MAX_PERMUTATIONS; i++) {
    MULTIPLIERS[i] = next() | 1;
    OFFSETS[i] = next();
  }
}

/** Distinct hashed word shingles of a text (case, punctuation and spacing ignored). */
export function shingles(text: string, words = DEFAULT_DUPLICATE_OPTIONS.shingleWords): Set<number> {
  const result = new Set<number>();
  for (const hash of shingleHashes(text, words)) result.add(hash >>> 0);
  return result;
}

/**
 * Word token bounds of a lower-cased text, as `/[\p{L}\p{N}]+/gu` finds them (a letter outside the
 * basic plane is one code point, two units), in one scan of character codes: the tokenizer ran
 * for every article and the regular expression with its array of strings was a third of the cost.
 */
function tokenBounds(lower: string): { starts: Int32Array; ends: Int32Array; count: number } {
  let starts: Int32Array = new Int32Array(256);
  let ends: Int32Array = new Int32Array(256);
  let count = 0;
  let start = -1;
  const n = lower.length;
  for (let i = 0; i < n; ) {
    const width = wordCharacter(lower, i);
    const word = width > 0;
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (count === starts.length) [starts, ends] = [grown(starts), grown(ends)];
      starts[count] = start;
      ends[count++] = i;
      start = -1;
    }
    i += word ? width : 1;
  }
  if (start >= 0) {
    if (count === starts.length) [starts, ends] = [grown(starts), grown(ends)];
    starts[count] = start;
    ends[count++] = n;
  }
  return { starts, ends, count };
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The distinct shingle hashes of a text (as signed 32-bit integers, sorted): fnv1a of each run of
 * `words` lower-cased tokens joined by single spaces (of all the tokens when there are fewer).
 */
function shingleHashes(text: string, words: number): Int32Array {
  const lower = text.toLowerCase();
  const { starts, ends, count } = tokenBounds(lower);
  if (count === 0) return new Int32Array(0);
  const span = Math.min(words, count);
  const total = count - span + 1;
  const hashes = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    let hash = 0x811c9dc5;
    for (let w = 0; w < span; w++) {
      if (w > 0) hash = Math.imul(hash ^ 32, 0x01000193);
      const end = ends[i + w]!;
      for (let k = starts[i + w]!; k < end; k++) hash = Math.imul(hash ^ lower.charCodeAt(k), 0x01000193);
    }
    hashes[i] = hash;
  }
  hashes.sort();
  let distinct = total > 0 ? 1 : 0;
  for (let i = 1; i < total; i++) if (hashes[i] !== hashes[distinct - 1]) hashes[distinct++] = hashes[i]!;
  return hashes.subarray(0, distinct);
}

export function signature(text: string, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): Signature {
  const xs = shingleHashes(text, options.shingleWords);
  const n = Math.min(options.permutations, MAX_PERMUTATIONS);
  const mins = new Uint32Array(n).fill(0xffffffff);
  // Two permutations at a time over all shingles: the running minima stay in registers.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const m0 = MULTIPLIERS[i]!;
    const o0 = OFFSETS[i]!;
    const m1 = MULTIPLIERS[i + 1]!;
    const o1 = OFFSETS[i + 1]!;
    let min0 = 0xffffffff;
    let min1 = 0xffffffff;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k]!;
      let h = (Math.imul(x, m0) + o0) | 0;
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < min0) min0 = h;
      let g = (Math.imul(x, m1) + o1) | 0;
      g = Math.imul(g ^ (g >>> 16), 0x45d9f3b);
      g = (g ^ (g >>> 16)) >>> 0;
      if (g < min1) min1 = g;
    }
    mins[i] = min0;
    mins[i + 1] = min1;
  }
  for (; i < n; i++) {
    const multiplier = MULTIPLIERS[i]!;
    const offset = OFFSETS[i]!;
    let min = 0xffffffff;
    for (let k = 0; k < xs.length; k++) {
      let h = (Math.imul(xs[k]!, multiplier) + offset) | 0;
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < min) min = h;
    }
    mins[i] = min;
  }
  return { mins, size: xs.length };
}

/** One key per LSH band: texts that share any key are candidates. */
export function bandKeys(sig: Signature, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): string[] {
  if (sig.size === 0) return [];
  const rows = options.permutations / options.bands;
  const keys: string[] = [];
  for (let band = 0; band < options.bands; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let r = 0; r < rows; r++) {
      hash ^= sig.mins[band * rows + r]!;
      hash = Math.imul(hash, 0x01000193);
    }
    keys.push(`${band}:${(hash >>> 0).toString(36)}`);
  }
  return keys;
}

export function estimatedJaccard(a: Signature, b: Signature): number {
  if (a.size === 0 || b.size === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.mins.length; i++) if (a.mins[i] === b.mins[i]) same++;
  return same / a.mins.length;
}

export interface Resemblance {
  jaccard: number;
  /** Estimated share of the shorter text's shingles found in the longer. */
  containment: number;
  duplicate: boolean;
}

export function resemblance(
  a: Signature,
  b: Signature,
  options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS,
): Resemblance {
  const jaccard = estimatedJaccard(a, b);
  // |A∩B| = J(|A|+|B|)/(1+J); containment of the smaller set in the larger.
  const intersection = (jaccard * (a.size + b.size)) / (1 + jaccard);
  const smaller = Math.min(a.size, b.size);
  const containment = smaller === 0 ? 0 : Math.min(1, intersection / smaller);
  const duplicate =
    jaccard >= options.jaccard || (containment >= options.containment && smaller >= options.minShingles);
  return { jaccard, containment, duplicate };
}

export function encodeSignature(sig: Signature): Buffer {
  const buffer = Buffer.alloc(4 + sig.mins.byteLength);
  buffer.writeUInt32LE(sig.size, 0);
  Buffer.from(sig.mins.buffer, sig.mins.byteOffset, sig.mins.byteLength).copy(buffer, 4);
  return buffer;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeSignature(buffer: Buffer): Signature {
  const mins = new Uint32Array((buffer.length - 4) >>> 2);
  if (LITTLE_ENDIAN) new Uint8Array(mins.buffer).set(buffer.subarray(4, 4 + mins.byteLength));
  else for (let i = 0; i < mins.length; i++) mins[i] = buffer.readUInt32LE(4 + i * 4);
  return { size: buffer.readUInt32LE(0), mins };
}
