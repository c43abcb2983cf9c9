// Term vectors for the story clusterer, as typed arrays over integer term ids instead of
// Map<string, number>: the clusterer scores a new article against twenty stories and re-clusters
// up to sixty articles pairwise for each article it takes, and string-keyed maps made that the
// largest part of the cross-article step. Every sum here adds the same products in the same order
// as the map-based code it replaced (a product with an absent term adds +0, which changes nothing),
// so the stories come out identical to the last bit of every score.

import type { DocumentFrequencies } from '../text-features.js';

/** Term ids for the terms seen so far; scratch arrays indexed by term id grow with it. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  /** Zero everywhere between uses: a dense copy of one vector at a time. */
  dense = new Float64Array(1024);
  /** Zero everywhere between uses: 1 + the position of a term in one vector (a query being scored). */
  position = new Int32Array(1024);
  /** Zero everywhere between uses: terms already met while summing vectors. */
  marks = new Uint8Array(1024);
  /**
   * Document frequency by term id, counted here (string lookups were most of the cost of weighing):
   * a term's count starts from the seed frequencies given when it is first met, and `counted` adds
   * each document's terms.
   */
  df = new Int32Array(1024);

  get size(): number {
    return this.names.length;
  }

  /** Counts one document's terms (`ids`, distinct). */
  counted(ids: Int32Array): void {
    for (let i = 0; i < ids.length; i++) this.df[ids[i]!]!++;
  }

  /** The id of a term; a new term's document frequency is read from the seed `frequencies`. */
  id(term: string, frequencies?: DocumentFrequencies): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      if (id >= this.dense.length) {
        const grown = new Float64Array(this.dense.length * 2);
        grown.set(this.dense);
        this.dense = grown;
        const position = new Int32Array(this.position.length * 2);
        position.set(this.position);
        this.position = position;
        const marks = new Uint8Array(this.marks.length * 2);
        marks.set(this.marks);
        this.marks = marks;
        const df = new Int32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
      }
      this.df[id] = frequencies?.df.get(term) ?? 0;
    }
    return id;
  }
}

/** A sparse vector: term ids and weights, in the order the map-based vector held them. */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** An article's term counts as kept for re-weighing: ids and sublinear tf (1 + ln count), in insertion order. */
export interface TermCounts {
  ids: Int32Array;
  tf: Float64Array;
}

export function countsOf(
  counts: Map<string, number>,
  vocabulary: Vocabulary,
  frequencies?: DocumentFrequencies,
): TermCounts {
  const ids = new Int32Array(counts.size);
  const tf = new Float64Array(counts.size);
  let i = 0;
  for (const [term, count] of counts) {
    ids[i] = vocabulary.id(term, frequencies);
    tf[i++] = 1 + Math.log(count);
  }
  return { ids, tf };
}

/**
 * tf-idf (sublinear tf × idf, L2-normalised, as `tfidf` in text-features; document frequencies
 * from `vocabulary.df`, kept by `counted`), cut to the `keep`
 * heaviest terms and normalised again, heaviest first (ties in insertion order). Beyond twice the
 * kept terms a term's count will not matter again: `counts` forgets those terms (less to weigh later).
 */
export function weigh(
  counts: TermCounts,
  documents: number,
  vocabulary: Vocabulary,
  keep: number,
): { vector: TermVector; counts: TermCounts } {
  const n = counts.ids.length;
  const full = new Float64Array(n);
  const df = vocabulary.df;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const idf = Math.log((1 + documents) / (1 + df[counts.ids[i]!]!)) + 1;
    const weight = counts.tf[i]! * idf;
    full[i] = weight;
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < n; i++) full[i] = full[i]! / norm;
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => full[b]! - full[a]!);
  const size = keep && n > keep ? keep : n;
  let topNorm = 1;
  if (size < n) {
    let sum = 0;
    for (let r = 0; r < size; r++) {
      const w = full[order[r]!]!;
      sum += w * w;
    }
    topNorm = Math.sqrt(sum) || 1;
  }
  const ids = new Int32Array(size);
  const weights = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    const i = order[r]!;
    ids[r] = counts.ids[i]!;
    weights[r] = full[i]! / topNorm;
  }
  let kept = counts;
  if (keep && n > 2 * keep) {
    const drop = new Uint8Array(n);
    for (let r = 2 * keep; r < n; r++) drop[order[r]!] = 1;
    const keptIds = new Int32Array(2 * keep);
    const keptTf = new Float64Array(2 * keep);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (drop[i]) continue;
      keptIds[k] = counts.ids[i]!;
      keptTf[k++] = counts.tf[i]!;
    }
    kept = { ids: keptIds, tf: keptTf };
  }
  return { vector: { ids, weights }, counts: kept };
}

/**
 * The mean of some vectors (each term's weights over n added in the vectors' order), as a
 * vector whose order does not matter (it is only looked up).
 */
export function mean(vectors: TermVector[], vocabulary: Vocabulary): TermVector {
  const dense = vocabulary.dense;
  const marks = vocabulary.marks;
  const count = vectors.length;
  const touched: number[] = [];
  for (const v of vectors) {
    const { ids, weights } = v;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (marks[id] === 0) {
        marks[id] = 1;
        touched.push(id);
      }
      dense[id] = dense[id]! + weights[i]! / count;
    }
  }
  const ids = new Int32Array(touched.length);
  const weights = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    const id = touched[i]!;
    ids[i] = id;
    weights[i] = dense[id]!;
    dense[id] = 0;
    marks[id] = 0;
  }
  return { ids, weights };
}

/**
 * Dot products of one query vector with others, each summed in the query's term order. Holds the
 * query's positions in the vocabulary's scratch array until `release`.
 */
export class QueryDot {
  private readonly products: Float64Array;

  constructor(
    private readonly query: TermVector,
    private readonly vocabulary: Vocabulary,
  ) {
    this.products = new Float64Array(query.ids.length);
    const position = vocabulary.position;
    for (let i = 0; i < query.ids.length; i++) position[query.ids[i]!] = i + 1;
  }

  dot(other: TermVector): number {
    const position = this.vocabulary.position;
    const products = this.products;
    const q = this.query.weights;
    const { ids, weights } = other;
    for (let i = 0; i < ids.length; i++) {
      const at = position[ids[i]!]!;
      if (at !== 0) products[at - 1] = q[at - 1]! * weights[i]!;
    }
    let dot = 0;
    for (let i = 0; i < products.length; i++) {
      dot += products[i]!;
      products[i] = 0;
    }
    return dot;
  }

  release(): void {
    const position = this.vocabulary.position;
    for (let i = 0; i < this.query.ids.length; i++) position[this.query.ids[i]!] = 0;
  }
}

/**
 * Cosine of every two unit vectors, as `cosine` in text-features computes it: over the terms of
 * the vector with fewer terms (the first of the two when they have as many), in its order.
 */
export function pairwise(vectors: TermVector[], vocabulary: Vocabulary): Float64Array[] {
  const n = vectors.length;
  const sums = vectors.map(() => new Float64Array(n));
  const dense = vocabulary.dense;
  for (let t = 0; t < n; t++) {
    const large = vectors[t]!;
    const size = large.ids.length;
    for (let i = 0; i < size; i++) dense[large.ids[i]!] = large.weights[i]!;
    for (let s = 0; s < n; s++) {
      if (s === t) continue;
      const small = vectors[s]!;
      const smallSize = small.ids.length;
      // The pair (min, max) iterates its first vector when it is no longer than the second.
      if (s < t ? smallSize > size : smallSize >= size) continue;
      const { ids, weights } = small;
      let dot = 0;
      for (let i = 0; i < smallSize; i++) dot += weights[i]! * dense[ids[i]!]!;
      sums[s]![t] = dot;
      sums[t]![s] = dot;
    }
    for (let i = 0; i < size; i++) dense[large.ids[i]!] = 0;
  }
  return sums;
}
