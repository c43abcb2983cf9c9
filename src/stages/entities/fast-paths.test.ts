// The tagger's fast paths against plain reference code: emission sums kept in locals, sparse
// weight rows, Viterbi over allowed predecessors only. Same numbers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES_PER_TOKEN } from './features.js';
import { ALLOWED, emissions, loadModel, NT, sparseEmissions, sparseWeights, tagTokens, viterbi } from './model.js';
import { tokenize } from './tokenize.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The emission sums as first written: added into the float32 array in place. */
function referenceEmissions(weights: Int16Array | Float32Array, feats: Int32Array, n: number): Float32Array {
  const scores = new Float32Array(n * NT);
  for (let i = 0; i < n; i++)
    for (let k = i * FEATURES_PER_TOKEN; k < (i + 1) * FEATURES_PER_TOKEN; k++) {
      const f = feats[k]!;
      if (f < 0) continue;
      for (let t = 0; t < NT; t++) scores[i * NT + t]! += weights[f * NT + t]!;
    }
  return scores;
}

function features(rand: () => number, n: number, buckets: number): Int32Array {
  const feats = new Int32Array(n * FEATURES_PER_TOKEN);
  for (let k = 0; k < feats.length; k++) feats[k] = rand() < 0.1 ? -1 : Math.floor(rand() * buckets);
  return feats;
}

test('emission sums: locals, float weights and sparse rows give the in-place sums', () => {
  const rand = random(7);
  const buckets = 4096;
  const ints = new Int16Array(buckets * NT);
  for (let r = 0; r < buckets; r++)
    if (rand() < 0.15) for (let t = 0; t < NT; t++) ints[r * NT + t] = Math.round((rand() - 0.5) * 65000);
  const floats = Float32Array.from(ints, (v) => v / 3.7 + (v ? 1e-3 : 0));
  const n = 300;
  const feats = features(rand, n, buckets);
  const expected = referenceEmissions(ints, feats, n);
  assert.deepEqual(emissions(ints, feats, n), expected);
  assert.deepEqual(sparseEmissions(sparseWeights(ints), feats, n), expected);
  assert.deepEqual(emissions(floats, feats, n), referenceEmissions(floats, feats, n));
  assert.ok(expected.some((v) => v !== 0));
});

test('Viterbi over allowed predecessors decodes as over all of them', () => {
  const rand = random(11);
  const n = 400;
  const scores = Float32Array.from({ length: n * NT }, () => (rand() - 0.5) * 2000);
  const transitions = Float32Array.from({ length: (NT + 1) * NT }, () => (rand() - 0.5) * 500);
  const tags = new Uint8Array(n);
  viterbi(scores, transitions, 0, n, tags, new Float32Array(n * NT), new Uint8Array(n * NT));
  // reference: every predecessor, forbidden ones at -1e9
  const delta = new Float64Array(n * NT);
  const back = new Uint8Array(n * NT);
  for (let t = 0; t < NT; t++) delta[t] = Math.fround(scores[t]! + transitions[NT * NT + t]! + ALLOWED[NT * NT + t]!);
  for (let i = 1; i < n; i++)
    for (let t = 0; t < NT; t++) {
      let best = -Infinity;
      for (let p = 0; p < NT; p++) {
        const v = delta[(i - 1) * NT + p]! + transitions[p * NT + t]! + ALLOWED[p * NT + t]!;
        if (v > best) {
          best = v;
          back[i * NT + t] = p;
        }
      }
      delta[i * NT + t] = Math.fround(best + scores[i * NT + t]!);
    }
  const expected = new Uint8Array(n);
  let best = -Infinity;
  for (let t = 0; t < NT; t++)
    if (delta[(n - 1) * NT + t]! > best) {
      best = delta[(n - 1) * NT + t]!;
      expected[n - 1] = t;
    }
  for (let i = n - 1; i > 0; i--) expected[i - 1] = back[i * NT + expected[i]!]!;
  assert.deepEqual(tags, expected);
  // no I-X after anything but B-X or I-X
  for (let i = 1; i < n; i++) {
    const t = tags[i]!;
    if (t > 0 && t % 2 === 0) assert.ok(tags[i - 1] === t || tags[i - 1] === t - 1, `token ${i}`);
  }
});

test('the shipped model tags the same with and without its sparse rows', () => {
  const model = loadModel();
  assert.ok(model.sparse, 'loadModel makes the sparse rows');
  const dense = { ...model, sparse: undefined };
  const text =
    'KYIV (Reuters) - Ukrainian President Volodymyr Zelensky met NATO Secretary-General Jens Stoltenberg in Kyiv on Monday.\n\n' +
    'Russian forces shelled Kharkiv and Mariupol overnight, the governor of Kharkiv Oblast, Oleh Synehubov, said.';
  const tokens = tokenize(text);
  const tags = tagTokens(model, tokens);
  assert.deepEqual(tags, tagTokens(dense, tokens));
  assert.ok(tags.some((t) => t !== 0));
});
