import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  atSentenceStart,
  DEFAULT_TERM_OPTIONS,
  onlySpaces,
  STOPWORDS,
  type TermOptions,
  terms,
  termsAndNames,
} from './text-features.js';
import { TRICKY_FRAGMENTS } from './tricky-text.js';

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

// The regular-expression version termsAndNames replaced, kept as its specification.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const NUMBER = /^\p{N}/u;
const stopword = (lower: string) => STOPWORDS.has(lower);
function referenceTermsAndNames(
  text: string,
  options: TermOptions = DEFAULT_TERM_OPTIONS,
): { all: Map<string, number>; names: Map<string, number> } {
  const counts = new Map<string, number>();
  const names = new Map<string, number>();
  const bigrams = options.nameBigrams ?? 0;
  // The previous capitalised content word, for names of two words.
  let previousName: { lower: string; end: number } | null = null;
  // one pass of the word pattern, without an array of token objects (this runs for every article)
  const pattern = new RegExp(WORD);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const word = match[0];
    const start = match.index;
    let lower = word.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    const first = word[0]!;
    const code = first.charCodeAt(0);
    const isNumber = code >= 48 && code <= 57 ? true : code < 128 ? false : NUMBER.test(first);
    const capitalised = !isNumber && first !== first.toLowerCase() && first === first.toUpperCase();
    if (lower.length < 2 || stopword(lower)) {
      previousName = null;
      continue;
    }
    const sentenceStart = capitalised && atSentenceStart(text, start);
    let weight = 1;
    if (isNumber) weight = options.numberBoost;
    else if (capitalised && !sentenceStart) weight = options.nameBoost;
    counts.set(lower, (counts.get(lower) ?? 0) + weight);
    if (isNumber || (capitalised && !sentenceStart)) names.set(lower, (names.get(lower) ?? 0) + 1);
    if (bigrams > 0 && capitalised) {
      if (previousName && onlySpaces(text, previousName.end, start)) {
        const pair = `${previousName.lower} ${lower}`;
        counts.set(pair, (counts.get(pair) ?? 0) + bigrams);
      }
      previousName = { lower, end: start + word.length };
    } else previousName = null;
  }
  return { all: counts, names };
}

test('the character-code scan finds the terms and names the regular expression finds, in the same order', () => {
  const piece = fc.constantFrom(...TRICKY_FRAGMENTS);
  const options: TermOptions = { ...DEFAULT_TERM_OPTIONS, nameBoost: 3.5, numberBoost: 2, nameBigrams: 2 };
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const expected = referenceTermsAndNames(text, options);
      const got = termsAndNames(text, options);
      assert.deepEqual([...got.all], [...expected.all]);
      assert.deepEqual([...got.names], [...expected.names]);
    }),
    { numRuns: 3000 },
  );
});
