// The typed vectors must give the map-based results to the last bit (stories depend on ties and
// thresholds): weighing against `tfidf`, pairwise cosine against `cosine`, the query dot product
// and the mean against plain sums in the map code's order.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosine, DocumentFrequencies, type SparseVector, terms, tfidf } from '../text-features.js';
import { averageLink } from './clusterer.js';
import { countsOf, mean, pairwise, QueryDot, type TermVector, Vocabulary, weigh } from './vectors.js';

const TEXTS = [
  'Missiles struck the centre of Kharkiv on Tuesday, killing 10 people near the regional administration on Freedom Square.',
  'The strike on Freedom Square in Kharkiv destroyed part of the regional administration building; 10 people died.',
  'A missile hit a grain warehouse in the port of Odesa on Tuesday; two workers were injured, the southern command said.',
  'Odesa port officials said the missile destroyed a grain warehouse and injured two workers.',
  'Delegations resumed talks in Istanbul under Turkish mediation; the Kremlin said progress on Crimea was slow.',
  'Wheat prices on the Chicago exchange fell after the grain corridor from Odesa reopened for ships.',
];

function setup() {
  const frequencies = new DocumentFrequencies();
  const counts = TEXTS.map((t) => terms(t));
  for (const c of counts) frequencies.add(c.keys());
  return { frequencies, counts, vocabulary: new Vocabulary() };
}

/** The map-based weighing the clusterer used before: tfidf, heaviest first, cut to `keep`, normalised again. */
function mapWeigh(counts: Map<string, number>, frequencies: DocumentFrequencies, keep: number): SparseVector {
  const entries = [...tfidf(counts, frequencies)].sort((a, b) => b[1] - a[1]);
  const top = keep && entries.length > keep ? entries.slice(0, keep) : entries;
  const norm = top === entries ? 1 : Math.sqrt(top.reduce((n, [, w]) => n + w * w, 0)) || 1;
  return new Map(top.map(([term, w]) => [term, w / norm]));
}

function asMap(v: TermVector, vocabulary: Vocabulary): SparseVector {
  return new Map([...v.ids].map((id, i) => [vocabulary.names[id]!, v.weights[i]!]));
}

test('weigh gives the map-based tf-idf, its order and its cut, and forgets terms beyond twice the cut', () => {
  const { frequencies, counts, vocabulary } = setup();
  for (const keep of [0, 3, 5, 100]) {
    for (const c of counts) {
      const typed = weigh(countsOf(c, vocabulary, frequencies), frequencies.documents, vocabulary, keep);
      assert.deepEqual([...asMap(typed.vector, vocabulary)], [...mapWeigh(c, frequencies, keep)]);
      const kept = keep && c.size > 2 * keep ? 2 * keep : c.size;
      assert.equal(typed.counts.ids.length, kept);
    }
  }
});

test('pairwise cosine, the query dot product and the mean match the map-based sums exactly', () => {
  const { frequencies, counts, vocabulary } = setup();
  const typed = counts.map(
    (c) => weigh(countsOf(c, vocabulary, frequencies), frequencies.documents, vocabulary, 0).vector,
  );
  const maps = typed.map((v) => asMap(v, vocabulary));
  const sums = pairwise(typed, vocabulary);
  for (let i = 0; i < maps.length; i++) {
    for (let j = 0; j < maps.length; j++) if (i !== j) assert.equal(sums[i]![j], cosine(maps[i]!, maps[j]!));
  }
  assert.ok(sums[0]![1]! > sums[0]![2]!, 'the two Kharkiv texts are nearer each other than to Odesa');

  const centroid = mean(typed.slice(2, 4), vocabulary);
  const mapCentroid: SparseVector = new Map();
  for (const m of maps.slice(2, 4))
    for (const [term, w] of m) mapCentroid.set(term, (mapCentroid.get(term) ?? 0) + w / 2);
  assert.deepEqual(new Map([...asMap(centroid, vocabulary)].sort()), new Map([...mapCentroid].sort()));

  const query = new QueryDot(typed[5]!, vocabulary);
  let expected = 0;
  for (const [term, w] of maps[5]!) {
    const other = mapCentroid.get(term);
    if (other !== undefined) expected += w * other;
  }
  assert.equal(query.dot(centroid), expected);
  assert.ok(expected > 0);
  query.release();
  assert.ok(vocabulary.position.every((p) => p === 0) && vocabulary.dense.every((d) => d === 0));
});

test('averageLink groups the texts of one incident and keeps the others apart', () => {
  const { frequencies, counts } = setup();
  const groups = averageLink(
    counts.map((c) => tfidf(c, frequencies)),
    0.15,
  );
  const groupOf = (i: number) => groups.findIndex((g) => g.includes(i));
  assert.equal(groupOf(0), groupOf(1));
  assert.equal(groupOf(2), groupOf(3));
  assert.notEqual(groupOf(0), groupOf(2));
  assert.equal(groups.flat().length, TEXTS.length);
});

test('the document frequencies by id start from the seed and count each document counted', () => {
  const seed = new DocumentFrequencies();
  seed.add(terms(TEXTS[0]!).keys());
  const vocabulary = new Vocabulary();
  const reference = new DocumentFrequencies();
  reference.add(terms(TEXTS[0]!).keys());
  for (const text of TEXTS.slice(1, 4)) {
    const counts = terms(text);
    vocabulary.counted(countsOf(counts, vocabulary, seed).ids);
    reference.add(counts.keys());
    for (let id = 0; id < vocabulary.size; id++)
      assert.equal(vocabulary.df[id], reference.df.get(vocabulary.names[id]!) ?? 0, vocabulary.names[id]);
  }
  // a term of the seed alone ("centre" is in the first text only), first met now, starts from the seed's count
  assert.equal(vocabulary.names.includes('centre'), false);
  assert.equal(vocabulary.df[vocabulary.id('centre', seed)], 1);
  assert.equal(vocabulary.df[vocabulary.id('istanbul', seed)], 0);
});
