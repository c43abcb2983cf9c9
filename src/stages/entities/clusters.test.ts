// Word classes (data/ner/clusters.tsv) as tagger features: path prefixes, the lookup table, the
// shipped model carrying its classes, and the document-level (non-local) context features.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildClusters, clusterPrefix, extractFeatures, FEATURES_PER_TOKEN, lowerHash, sentences } from './features.js';
import { loadModel } from './model.js';
import { tokenize } from './tokenize.js';

test('clusterPrefix keeps the first p bits and leaves a shorter path whole', () => {
  const path = (1 << 6) | 0b101101; // "101101"
  assert.equal(clusterPrefix(path, 4), (1 << 4) | 0b1011);
  assert.equal(clusterPrefix(path, 6), path);
  assert.equal(clusterPrefix(path, 10), path);
  assert.notEqual(clusterPrefix((1 << 6) | 0b101100, 6), path);
  assert.equal(clusterPrefix((1 << 6) | 0b101100, 4), clusterPrefix(path, 4));
});

test('buildClusters keys words as the tagger normalises them and skips malformed paths', () => {
  const c = buildClusters([
    ['london', '0110'],
    ['2022', '111'],
    ['bad', '01x'],
  ]);
  assert.equal(c.keys.length, 2);
  const at = (w: string) => c.paths[c.keys.indexOf(lowerHash(w, 0, w.length))];
  assert.equal(at('LONDON'), (1 << 4) | 0b0110);
  assert.equal(at('1999'), (1 << 3) | 0b111); // digits are all 0
  assert.equal(at('bad'), undefined);
});

test('a word in a class gets class features; the same word unknown does not', () => {
  const text = 'Officials in Zorbograd said on Monday.';
  const tokens = tokenize(text);
  const bounds = sentences(tokens);
  const with_ = extractFeatures(tokens, null, (1 << 20) - 1, bounds, buildClusters([['zorbograd', '1010110011']]));
  const without = extractFeatures(tokens, null, (1 << 20) - 1, bounds, null);
  const F = FEATURES_PER_TOKEN;
  const row = (f: Int32Array, i: number) => Array.from(f.subarray(i * F, i * F + F));
  const diff = row(with_, 2).filter((v, k) => v !== row(without, 2)[k]);
  assert.equal(diff.length, 4); // prefixes 4, 6, 10, 16 of "Zorbograd"
  // its neighbours see it as their previous / next word's class
  assert.notDeepEqual(row(with_, 1), row(without, 1));
  assert.notDeepEqual(row(with_, 3), row(without, 3));
  assert.deepEqual(row(with_, 5), row(without, 5));
});

test('a later mention sees the context of the first title-case mention mid-sentence', () => {
  const F = FEATURES_PER_TOKEN;
  const feats = (text: string) => {
    const t = tokenize(text);
    return { t, f: extractFeatures(t, null, (1 << 20) - 1, sentences(t)) };
  };
  // "Halvorsen" opens the second sentence both times; only the first word before the earlier mention differs
  const a = feats('They met Mr Halvorsen there. Halvorsen left.');
  const b = feats('They met the Halvorsen there. Halvorsen left.');
  const i = 6; // the second "Halvorsen"
  assert.equal(a.t.text.slice(a.t.starts[i], a.t.ends[i]), 'Halvorsen');
  assert.notDeepEqual(Array.from(a.f.subarray(i * F, i * F + F)), Array.from(b.f.subarray(i * F, i * F + F)));
});

test('the shipped model carries its word classes', () => {
  const model = loadModel();
  assert.ok(model.clusters, 'no word classes in the model: run npm run train:ner');
  assert.ok(model.clusters.keys.length > 10000);
  assert.equal(model.clusters.keys.length, model.clusters.paths.length);
  const k = lowerHash('monday', 0, 6);
  assert.ok(model.clusters.keys.includes(k));
});
