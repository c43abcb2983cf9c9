// The quote tagger's decoders and paragraph split against plain reference code (the first
// versions: sums and maxima kept in the float32 arrays, every tag pair tested against ALLOWED),
// and the cached emissions of inference against features + emissionScores.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ALLOWED,
  contentMargin,
  emissionScores,
  FEATURES_PER_TOKEN,
  loadQuoteModel,
  maxScores,
  NQ,
  paragraphFeatures,
  paragraphs,
  viterbiTags,
} from './model.js';
import { paragraphEmissions } from './word-features.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function referenceEmissions(weights: Int16Array | Float32Array, feats: Int32Array, n: number): Float32Array {
  const out = new Float32Array(n * NQ);
  for (let i = 0; i < n; i++)
    for (let k = i * FEATURES_PER_TOKEN; k < (i + 1) * FEATURES_PER_TOKEN; k++)
      for (let t = 0; t < NQ; t++) out[i * NQ + t]! += weights[feats[k]! * NQ + t]!;
  return out;
}

function referenceViterbi(em: Float32Array, n: number, trans: Float32Array, s: number): Uint8Array {
  const score = new Float32Array(n * NQ);
  const back = new Uint8Array(n * NQ);
  for (let t = 0; t < NQ; t++) score[t] = ALLOWED[NQ * NQ + t] ? em[t]! + trans[NQ * NQ + t]! * s : -Infinity;
  for (let i = 1; i < n; i++)
    for (let t = 0; t < NQ; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < NQ; p++) {
        if (!ALLOWED[p * NQ + t]) continue;
        const v = score[(i - 1) * NQ + p]! + trans[p * NQ + t]! * s;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[i * NQ + t] = best + em[i * NQ + t]!;
      back[i * NQ + t] = arg;
    }
  const tags = new Uint8Array(n);
  let best = -Infinity;
  for (let t = 0; t < NQ; t++)
    if (score[(n - 1) * NQ + t]! > best) {
      best = score[(n - 1) * NQ + t]!;
      tags[n - 1] = t;
    }
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * NQ + tags[i]!]!;
  return tags;
}

function referenceMaxScores(em: Float32Array, n: number, trans: Float32Array, s: number) {
  const alpha = new Float32Array(n * NQ).fill(-Infinity);
  const beta = new Float32Array(n * NQ).fill(-Infinity);
  for (let t = 0; t < NQ; t++) if (ALLOWED[NQ * NQ + t]) alpha[t] = em[t]! + trans[NQ * NQ + t]! * s;
  for (let i = 1; i < n; i++)
    for (let t = 0; t < NQ; t++)
      for (let p = 0; p < NQ; p++)
        if (ALLOWED[p * NQ + t])
          alpha[i * NQ + t] = Math.max(
            alpha[i * NQ + t]!,
            alpha[(i - 1) * NQ + p]! + trans[p * NQ + t]! * s + em[i * NQ + t]!,
          );
  for (let t = 0; t < NQ; t++) beta[(n - 1) * NQ + t] = 0;
  for (let i = n - 2; i >= 0; i--)
    for (let t = 0; t < NQ; t++)
      for (let u = 0; u < NQ; u++)
        if (ALLOWED[t * NQ + u])
          beta[i * NQ + t] = Math.max(
            beta[i * NQ + t]!,
            trans[t * NQ + u]! * s + em[(i + 1) * NQ + u]! + beta[(i + 1) * NQ + u]!,
          );
  return { alpha, beta };
}

test('emissions, Viterbi and max-marginals match the reference decoders', () => {
  const rand = random(5);
  const buckets = 512;
  const ints = Int16Array.from({ length: buckets * NQ }, () => Math.round((rand() - 0.5) * 60000));
  const floats = Float32Array.from(ints, (v) => v / 7.3);
  const scale = 53.70744537654667;
  const trans = Float32Array.from({ length: (NQ + 1) * NQ }, () => (rand() - 0.5) * 40);
  for (const n of [1, 2, 7, 120]) {
    const feats = Int32Array.from({ length: n * FEATURES_PER_TOKEN }, () => Math.floor(rand() * buckets));
    const em = emissionScores(ints, feats, n);
    assert.deepEqual(em, referenceEmissions(ints, feats, n));
    assert.deepEqual(emissionScores(floats, feats, n), referenceEmissions(floats, feats, n));
    assert.deepEqual(viterbiTags(em, n, trans, scale), referenceViterbi(em, n, trans, scale));
    const scores = maxScores(em, n, trans, scale);
    assert.deepEqual(scores, referenceMaxScores(em, n, trans, scale));
    const margin = contentMargin(em, scores, n, trans, scale, 0, n - 1);
    assert.ok(Number.isFinite(margin) || margin === Number.POSITIVE_INFINITY);
  }
});

test('the transitions are read afresh on every call (training changes them in place)', () => {
  const em = new Float32Array(3 * NQ);
  em[1 * NQ + 1] = 3;
  const trans = new Float32Array((NQ + 1) * NQ);
  assert.equal(viterbiTags(em, 3, trans)[1], 1);
  for (let p = 0; p <= NQ; p++) trans[p * NQ + 1] = -10;
  assert.equal(viterbiTags(em, 3, trans)[1], 0);
  assert.deepEqual(maxScores(em, 3, trans), referenceMaxScores(em, 3, trans, 1));
});

test('paragraphs split at line breaks as before', () => {
  const text = 'One two, three.\nFour "five" six\n\n\nSeven\r\n  eight nine.\n';
  const paras = paragraphs(text).map((p) => p.starts.map((s, i) => text.slice(s, p.ends[i])));
  assert.deepEqual(paras, [
    ['One', 'two', ',', 'three', '.'],
    ['Four', '"', 'five', '"', 'six'],
    ['Seven'],
    ['eight', 'nine', '.'],
  ]);
  assert.deepEqual(paragraphs(''), []);
  assert.deepEqual(paragraphs('\n\n'), []);
});

test('the cached emissions (word-features.ts) equal features + emissionScores to the bit', () => {
  const texts = [
    'Zelensky said on Monday that the city would hold, adding: “We are ready.” He warned that Russia’s “so-called” plan had failed.',
    '"Kyiv will not fall," the president told reporters. According to officials, 12 people were killed. Did he say it? Yes!',
    "U.S.-backed «forces» rock'n'roll, AT&T: a poll shows 3.5% think that the war... “Ends» here — ДА, it’s over 😀",
  ];
  let s = 11;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (const bits of [15, 9]) {
    const weights = Int16Array.from({ length: (1 << bits) * NQ }, () => Math.floor(rand() * 65536) - 32768);
    const model = { bits, weights, transitions: new Float32Array((NQ + 1) * NQ), scale: 1 };
    for (const text of texts)
      for (const p of paragraphs(text)) {
        const want = emissionScores(weights, paragraphFeatures(text, p, bits), p.starts.length);
        // twice: the second time every token comes from the cache
        assert.deepEqual(paragraphEmissions(model, text, p, bits, weights), want);
        assert.deepEqual(paragraphEmissions(model, text, p, bits, weights), want);
      }
  }
  const shipped = loadQuoteModel();
  if (shipped && shipped.weights instanceof Int16Array)
    for (const text of texts)
      for (const p of paragraphs(text))
        assert.deepEqual(
          paragraphEmissions(shipped, text, p, shipped.bits, shipped.weights),
          emissionScores(shipped.weights, paragraphFeatures(text, p, shipped.bits), p.starts.length),
        );
});

test('the token cache starts afresh when full and stays exact', () => {
  const bits = 10;
  const weights = Int16Array.from({ length: (1 << bits) * NQ }, (_, i) => ((i * 7919) % 2001) - 1000);
  const model = { bits, weights, transitions: new Float32Array((NQ + 1) * NQ), scale: 1 };
  // more distinct tokens than the cache holds (2^17)
  const text = Array.from({ length: 140_000 }, (_, k) => `w${k.toString(36)}`).join(' ');
  const p = paragraphs(text)[0]!;
  const want = emissionScores(weights, paragraphFeatures(text, p, bits), p.starts.length);
  assert.deepEqual(paragraphEmissions(model, text, p, bits, weights), want);
  assert.deepEqual(paragraphEmissions(model, text, p, bits, weights), want);
});
