// The tagger's second pass: stacked features from first-pass tags (stack.ts) and a model that
// carries a second pass (serialised, loaded and used by tagTokens).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { buildGazetteer, hashTokens, sentences } from './features.js';
import { loadModel, NT, serialiseModel, TAGS, tagTokens } from './model.js';
import { STACK_FEATURES, stackFeatures } from './stack.js';
import { tokenize } from './tokenize.js';

const MASK = (1 << 20) - 1;
const E = STACK_FEATURES;

function features(text: string, tagOf: (word: string, i: number) => string) {
  const tokens = tokenize(text);
  const words = Array.from({ length: tokens.n }, (_, i) => text.slice(tokens.starts[i], tokens.ends[i]));
  const tags = Uint8Array.from(words, (w, i) => TAGS.indexOf(tagOf(w, i)));
  const f = stackFeatures(tokens, hashTokens(tokens), sentences(tokens), tags, MASK);
  const row = (i: number) => Array.from(f.subarray(i * E, i * E + E));
  return { words, row };
}

test('a word gets features from how the first pass tagged it elsewhere in the document', () => {
  const text = 'Fenwick said so. Fenwick won. They met Fenwick.';
  const asOrg = features(text, (w) => (w === 'Fenwick' ? 'B-ORG' : 'O'));
  // the last mention as PER, all others ORG; versus all PER
  const mixed = features(text, (w, i) => (w === 'Fenwick' ? (i === 9 ? 'B-PER' : 'B-ORG') : 'O'));
  const asPer = features(text, (w) => (w === 'Fenwick' ? 'B-PER' : 'O'));
  const last = asOrg.words.lastIndexOf('Fenwick');
  assert.equal(last, 9);
  // feature 2: the other mentions' majority; it differs between "others ORG" and "others PER"
  assert.equal(asOrg.row(last)[2], mixed.row(last)[2], 'the token itself is not counted');
  assert.notEqual(asOrg.row(last)[2], asPer.row(last)[2]);
  // feature 3: earlier mentions only: the first mention has none, so it is the same whatever came later
  assert.equal(asOrg.row(0)[3], asPer.row(0)[3]);
  assert.notEqual(asOrg.row(last)[3], asPer.row(last)[3]);
  // lowercase and punctuation tokens get only the first-pass tag features
  const said = asOrg.words.indexOf('said');
  assert.deepEqual(asOrg.row(said).slice(2), new Array(E - 2).fill(-1));
  assert.ok(asOrg.row(said)[0]! >= 0 && asOrg.row(said)[1]! >= 0);
});

test('a word inside a longer first-pass name elsewhere gets that name’s type', () => {
  const text = 'John Halloran spoke. Later Halloran left.';
  const per = features(text, (_w, i) => (i === 0 ? 'B-PER' : i === 1 ? 'I-PER' : 'O'));
  const org = features(text, (_w, i) => (i === 0 ? 'B-ORG' : i === 1 ? 'I-ORG' : 'O'));
  const later = per.words.lastIndexOf('Halloran');
  assert.notEqual(per.row(later)[4], org.row(later)[4]);
});

test('a name the first pass tagged elsewhere informs the same name; the token’s own tag is not counted', () => {
  const text = 'Dexter Holt won. Dexter Holt lost. Dexter Holt drew.';
  const tag = (other: string) => (w: string, i: number) =>
    w === 'Dexter' ? `B-${i === 0 ? 'PER' : other}` : w === 'Holt' ? `I-${i === 1 ? 'PER' : other}` : 'O';
  const org = features(text, tag('ORG'));
  const per = features(text, tag('PER'));
  // the first name's feature 5 counts the two others: ORG in one text, PER in the other
  assert.notEqual(org.row(0)[5], per.row(0)[5]);
  // B and I positions differ
  assert.notEqual(org.row(0)[5], org.row(1)[5]);
  // a token outside any first-pass name has none
  const won = org.words.indexOf('won');
  assert.equal(org.row(won)[5], -1);
});

test('a model with a second pass round-trips and the second pass decides the tags', () => {
  const gazetteer = buildGazetteer([]);
  const bits = 8;
  const size = (1 << bits) * NT;
  // first pass: everything O (no weights); second pass: every bucket votes B-PER
  const first = new Int16Array(size);
  const second = new Int16Array(size);
  for (let b = 0; b < 1 << bits; b++) second[b * NT + TAGS.indexOf('B-PER')] = 100;
  const transitions = new Float32Array((NT + 1) * NT);
  const dir = mkdtempSync(join(tmpdir(), 'ner-stack-'));
  const write = (stage2: boolean) => {
    const { header, bin } = serialiseModel(
      first,
      transitions,
      gazetteer,
      bits,
      1,
      {},
      null,
      stage2 ? { weights: second, transitions, scale: 1 } : null,
    );
    writeFileSync(join(dir, 'ner.bin'), deflateRawSync(bin));
    writeFileSync(join(dir, 'ner.json'), JSON.stringify(header));
    return loadModel(pathToFileURL(`${dir}/`));
  };
  const tokens = tokenize('Alpha beta gamma.');
  const one = write(false);
  assert.equal(one.stage2, undefined);
  assert.deepEqual(Array.from(tagTokens(one, tokens)), [0, 0, 0, 0]);
  const two = write(true);
  assert.ok(two.stage2?.fused);
  assert.equal(two.header.stack?.features, STACK_FEATURES);
  const pick = TAGS.indexOf('B-PER');
  assert.deepEqual(Array.from(tagTokens(two, tokens)), [pick, pick, pick, pick]);
  assert.deepEqual(tagTokens({ ...two, sparse: undefined }, tokens), tagTokens(two, tokens), 'dense = sparse');
});
