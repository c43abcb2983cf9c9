// The dates behind the story clusterer's date penalty: which months and years an article names,
// and when two articles' dates conflict.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terms } from '../text-features.js';
import { datesConflict, datesOf } from './dates.js';

const dates = (text: string, title?: string) => [...(datesOf(terms(text).keys(), text, title) ?? [])];

test('months by name or abbreviation before a day, and years 1900-2099, sorted', () => {
  assert.deepEqual(dates('Voting began on Dec. 14, 2008 and ended in January.'), [1, 12, 2008]);
  assert.deepEqual(dates('The deal signed in March 2022 followed the 2014 annexation.'), [3, 2014, 2022]);
  assert.deepEqual(dates('Sept 3 and Oct. 12'), [9, 10]);
  // a lower-case "march" is a verb, "Jan" alone a name, 2000 troops no year beyond 2099
  assert.deepEqual(dates('Protesters march on; Jan Egeland spoke; 2150 troops left.'), []);
  assert.equal(datesOf([], 'No dates here.'), null);
  assert.deepEqual(dates('Ceasefire holds', 'Talks resume in April'), [4]);
});

test('dates conflict when both name years and none in common, or months and none in common', () => {
  const d = (text: string) => datesOf(terms(text).keys(), text);
  assert.equal(datesConflict(d('Klitschko won in 2008.'), d('Klitschko won in 2012.')), true);
  assert.equal(datesConflict(d('Klitschko won in 2008 and 2012.'), d('Klitschko won in 2012.')), false);
  assert.equal(datesConflict(d('Klitschko won in 2008.'), d('Klitschko won again.')), false);
  assert.equal(datesConflict(d('It happened in March 2022.'), d('It happened in April 2022.')), true);
  assert.equal(datesConflict(d('It happened in March 2022.'), d('It happened in 2022.')), false);
  assert.equal(datesConflict(d('In March.'), d('In 2022.')), false);
  assert.equal(datesConflict(null, d('In 2022.')), false);
});
