import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEvidence, evidenceOf } from './spans.js';

test('spans index UTF-16 code units of the clean text', () => {
  const text = 'Київ 🇺🇦 — Kyiv';
  const start = text.indexOf('Kyiv');
  const evidence = evidenceOf('a1', text, start, start + 4);
  assert.equal(evidence.quote, 'Kyiv');
  assert.equal(start, 12, '"Київ " is 5 units, the flag 4 (two surrogate pairs), " — " 3');
  assert.equal(checkEvidence(text, evidence), null);
});

test('evidence that does not quote the text, or lies outside it, is explained', () => {
  const text = 'Shelling in Mariupol.';
  assert.match(checkEvidence(text, { article: 'a', start: 12, end: 20, quote: 'Mairupol' }) ?? '', /does not match/);
  assert.match(checkEvidence(text, { article: 'a', start: 12, end: 99, quote: 'x' }) ?? '', /outside/);
  assert.match(checkEvidence(text, { article: 'a', start: 5, end: 2, quote: '' }) ?? '', /outside/);
  assert.throws(() => evidenceOf('a', text, -1, 3), RangeError);
});
