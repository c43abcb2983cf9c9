// Near-duplicate detection with MinHash over word 3-shingles and LSH banding. A signature of
// 128 minimum hashes estimates the Jaccard similarity of two texts' shingle sets; with the
// exact set sizes kept beside it, it also estimates containment, which catches truncated
// copies whose Jaccard is low. LSH bands give the candidates, so one article is compared with
// the few that share a band, never with the whole store.

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

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Distinct hashed word shingles of a text (case, punctuation and spacing ignored). */
export function shingles(text: string, words = DEFAULT_DUPLICATE_OPTIONS.shingleWords): Set<number> {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const result = new Set<number>();
  if (tokens.length > 0 && tokens.length < words) result.add(fnv1a(tokens.join(' ')));
  for (let i = 0; i + words <= tokens.length; i++) {
    // fnv1a of the words joined by spaces, without building the string
    let hash = 0x811c9dc5;
    for (let w = 0; w < words; w++) {
      if (w > 0) hash = Math.imul(hash ^ 32, 0x01000193);
      const token = tokens[i + w]!;
      for (let k = 0; k < token.length; k++) hash = Math.imul(hash ^ token.charCodeAt(k), 0x01000193);
    }
    result.add(hash >>> 0);
  }
  return result;
}

export function signature(text: string, options: DuplicateOptions = DEFAULT_DUPLICATE_OPTIONS): Signature {
  const set = shingles(text, options.shingleWords);
  const n = Math.min(options.permutations, MAX_PERMUTATIONS);
  const mins = new Uint32Array(n).fill(0xffffffff);
  const xs = Int32Array.from(set);
  // One permutation at a time over all shingles: the running minimum stays in a register.
  for (let i = 0; i < n; i++) {
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
  return { mins, size: set.size };
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
