// Unit tests of the grammar reader (grammar.ts): lemmas, the counted noun phrase, the verb that governs
// it and the metric the pair chooses. Sentences written for these tests, not taken from the gold set.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countedPhrase, grammarMetric, lemma, nounClass, verbAfter, verbBefore, verbClass } from './grammar.js';

test('lemma strips plural and possessive endings and maps irregular plurals', () => {
  const cases = [
    ['casualties', 'casualty'],
    ['carriers', 'carrier'],
    ['boxes', 'box'],
    ['houses', 'house'],
    ['men', 'man'],
    ['servicemen', 'serviceman'],
    ['lives', 'life'],
    ['aircraft', 'aircraft'],
    ["soldiers'", 'soldier'],
    ['Ukraine’s', 'ukraine'],
    ['analysis', 'analysis'],
  ];
  for (const [word, want] of cases) assert.equal(lemma(word as string), want, word);
});

test('head nouns fall into word classes by lemma, ambiguous words into none', () => {
  assert.equal(nounClass('reservists'), 'military');
  assert.equal(nounClass('Howitzers'), 'equipment');
  assert.equal(nounClass('IDPs'), 'displaced');
  assert.equal(nounClass('graves'), 'dead');
  assert.equal(nounClass('villages'), 'place');
  assert.equal(nounClass('force'), null); // "air force"
  assert.equal(nounClass('forces'), 'military');
  assert.equal(nounClass('meetings'), null);
});

test('the counted noun phrase: modifiers, "of the", compounds, a classed noun used as a modifier', () => {
  assert.deepEqual(countedPhrase(' wrecked armoured personnel carriers were towed away'), {
    what: 'wrecked armoured personnel carriers',
    head: 'carriers',
    cls: 'equipment',
    end: 36,
  });
  assert.equal(countedPhrase(' of the Ukrainian defenders')?.cls, 'military');
  assert.equal(countedPhrase(' fighter jets')?.head, 'jets');
  assert.equal(countedPhrase(' advanced multiple rocket launching systems')?.head, 'systems');
  assert.equal(countedPhrase(' prisoner swaps took place'), null);
  assert.equal(countedPhrase(' units of burned and abandoned enemy equipment')?.cls, 'equipment');
  assert.equal(countedPhrase(' nuclear units in Ukraine'), null);
  assert.equal(countedPhrase(' in Kyiv, people'), null); // a preposition before any head
  assert.equal(countedPhrase(' years ago soldiers'), null);
});

test('verbs by class, after the phrase (auxiliaries and adverbs skipped) and before the figure', () => {
  assert.equal(verbClass('freed'), 'release');
  assert.equal(verbClass('mobilised'), 'mobilise');
  assert.equal(verbClass('sunk'), 'destroy');
  assert.equal(verbClass('allocating'), 'give');
  assert.equal(verbAfter(' have reportedly been freed'), 'release');
  assert.equal(verbAfter(' were shot down over Kyiv'), 'destroy');
  assert.equal(verbAfter(' have gone abroad'), 'flee');
  assert.equal(verbAfter(' attended the funeral of those killed'), null); // the first verb decides
  assert.equal(verbAfter(', officials said'), null);
  assert.equal(verbBefore('Ukraine and Russia exchanged '), 'release');
  assert.equal(verbBefore('the offensive has cost Russia '), 'destroy');
  assert.equal(verbBefore('Kyiv said that in 2014, '), null);
});

test('the pair chooses the metric; the war must be the topic', () => {
  const read = (sentence: string, figure: string, money = false) => {
    const at = sentence.indexOf(figure);
    const before = sentence.slice(0, at);
    return grammarMetric(before, sentence.slice(at + figure.length), money, sentence, before, 1000);
  };
  assert.equal(read('In the swap, 1000 Ukrainian soldiers were freed.', '1000')?.metric, 'captured');
  assert.equal(read('Since then 1000 men have been called up in Russia.', '1000')?.metric, 'troops');
  assert.equal(read('Russian strikes razed 1000 homes in Kharkiv.', '1000')?.metric, 'buildings-destroyed');
  assert.equal(read('Investigators exhumed 1000 graves near Izium in Ukraine.', '1000')?.metric, 'killed');
  assert.equal(read('Japan approved a $1bn loan for Ukraine.', '$1bn', true)?.metric, 'aid');
  // freed people count prisoners only in a sentence about captivity
  assert.equal(read('Ukrainian forces freed 1000 residents of Kherson.', '1000'), null);
  // not the war: no party, place or war word in the sentence (and no text before it)
  const at = 'Police rescued 1000 residents from the flood.'.indexOf('1000');
  assert.equal(
    grammarMetric(
      'Police rescued ',
      ' residents from the flood.',
      false,
      'Police rescued 1000 residents from the flood.',
      'Police rescued ',
      1000,
      false,
    ),
    null,
    String(at),
  );
});
