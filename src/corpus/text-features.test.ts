import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TERM_OPTIONS, terms, termsAndNames } from './text-features.js';

test('names inside a sentence and numbers are boosted; a capitalised sentence start is not', () => {
  const counts = terms('Missiles hit Kharkiv. Rescuers found 10 people.', {
    ...DEFAULT_TERM_OPTIONS,
    nameBoost: 3,
    numberBoost: 2,
  });
  assert.equal(counts.get('kharkiv'), 3);
  assert.equal(counts.get('10'), 2);
  assert.equal(counts.get('missiles'), 1);
  assert.equal(counts.get('rescuers'), 1);
  assert.equal(counts.has('people'), false, 'a stopword');
});

test('names of two words become terms of their own, only when nothing but a space separates them', () => {
  const options = { ...DEFAULT_TERM_OPTIONS, nameBigrams: 2 };
  const counts = terms('Police said Jamal Williams was arrested. Chargers, Williams and Jackson play.', options);
  assert.equal(counts.get('jamal williams'), 2);
  assert.equal(counts.has('chargers williams'), false, 'a comma between them');
  assert.equal(counts.has('williams jackson'), false, 'a stopword between them');
  assert.equal(terms('Police said Jamal Williams was arrested.').has('jamal williams'), false, 'off by default');
  // the pairs are not "names" for the names map
  assert.equal(termsAndNames('Police said Jamal Williams left.', options).names.has('jamal williams'), false);
});

test("the headline's terms weigh titleBoost more", () => {
  const options = { ...DEFAULT_TERM_OPTIONS, nameBoost: 1, titleBoost: 3 };
  const counts = terms('The dam was blown up overnight.', options, 'Kakhovka dam destroyed');
  assert.equal(counts.get('dam'), 1 + 3);
  assert.equal(counts.get('kakhovka'), 3);
  assert.equal(terms('The dam was blown up overnight.', options).get('dam'), 1);
  assert.equal(terms('The dam was blown up overnight.', { ...options, titleBoost: 0 }, 'Dam').get('dam'), 1);
});
