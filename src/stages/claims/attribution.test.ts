// Claimant rules that reach past the figure's own clause (continuations, pronouns, run-on
// sentences, transcripts), the cues that do not attribute (verbs of doing, a semicolon), and the
// figures that are not this war's (other wars, history, designations, hypotheticals).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { defaultStages } from '../index.js';
import { claimantPhrases, runOnClaimant } from './claimant.js';
import { type ClaimData, findNumbers } from './index.js';

const pipeline = createPipeline(defaultStages());
function claims(text: string, published = '2022-06-01'): ClaimData[] {
  const doc = pipeline.run(
    newArticle({
      key: 'id:a',
      source: 't',
      position: 0,
      format: 'json',
      raw: text,
      fields: { id: 'a', text, published },
    }),
  );
  return doc.facts.filter((f) => f.kind === 'claim').map((f) => f.data as ClaimData);
}
const claimOf = (all: ClaimData[], numberText: string) => all.find((c) => c.numberText === numberText);

test('attribution spans sentences: "Another 40 …" continues the previous sentence\'s claimant', () => {
  const all = claims(
    'The regional governor said on Monday that 300 civilians had been killed in the shelling. Another 40 were wounded.',
  );
  assert.match(claimOf(all, '300')?.claimantText ?? '', /governor/i);
  const next = claimOf(all, '40');
  assert.equal(next?.metric, 'wounded');
  assert.match(next?.claimantText ?? '', /governor/i);
  // without a continuation cue the next sentence stays unattributed
  const plain = claims(
    'The regional governor said 300 civilians had been killed. 40 soldiers were wounded in Kharkiv.',
  );
  assert.equal(claimOf(plain, '40')?.claimant, null);
});

test('"it/they" take the last claimant named before them, never a person; "he" may take a role noun', () => {
  const all = claims(
    'The UN human rights office said on Tuesday that Russian forces had executed 70 civilians. Its report was sent to the ICC. It documented 864 cases of arbitrary detention.',
  );
  const c = claimOf(all, '864');
  assert.equal(c?.metric, 'captured');
  assert.equal(c?.claimantVia, 'pronoun');
  assert.match(c?.claimant ?? '', /human rights|United Nations/i);
});

test('indirect speech cued by a verb of doing, or beyond a semicolon, does not attribute', () => {
  assert.equal(claimOf(claims('Berlin has agreed to send 14 Leopard 2 tanks to Ukraine.'), '14')?.claimant, null);
  const all = claims(
    'Western intelligence estimated Russia had positioned as many as 190,000 troops near the border; Ukraine’s standing military totals about 200,000.',
  );
  assert.match(claimOf(all, '190,000')?.claimant ?? '', /Western intelligence/);
  assert.equal(claimOf(all, '200,000')?.metric, 'troops');
  assert.equal(claimOf(all, '200,000')?.claimant, null);
});

test('run-on sentences: the first part\'s attribution, or a closing "- explained X", covers the figure', () => {
  const s = 'The Ukrainian staff published information on losses on Tuesday.The data shows that Russia lost 15 tanks.';
  assert.equal(runOnClaimant(s, s.indexOf('15'))?.text, 'The Ukrainian staff');
  const t =
    '- There is no evidence of this, with over 150,000.Russian soldiers around their borders to escalate the conflict - explained Biden.';
  assert.equal(runOnClaimant(t, t.indexOf('150,000'))?.text, 'Biden');
  // not run-on: nothing
  assert.equal(runOnClaimant('Russia lost 15 tanks.', 12), null);
});

test('claimant patterns: "reported by X", "X, …, saying", lower-case officials, a headline "X says"', () => {
  const by = claimantPhrases('Twelve civilians were killed in Kharkiv, as confirmed by the regional governor.', 0)[0];
  assert.deepEqual([by?.text, by?.pattern], ['the regional governor', 'by']);
  const participle = claimantPhrases(
    'Yevgeny Prigozhin, the head of the Wagner group, has launched a mutiny, saying he has 25,000 fighters.',
    90,
  )[0];
  assert.deepEqual([participle?.text, participle?.pattern], ['Yevgeny Prigozhin', 'participle']);
  assert.equal(claimantPhrases('At least 20 people were killed, local officials said.', 9)[0]?.text, 'local officials');
  assert.equal(claimantPhrases('Ukraine says 14 missiles were fired at the Kyiv region', 13)[0]?.text, 'Ukraine');
  // a relative clause after the figure attributes its own statement, not the figure
  assert.equal(
    claimantPhrases(
      'Russia has gathered about 190,000 soldiers near Ukraine, which - according to the West - can be an invasion.',
      26,
    ).length,
    0,
  );
});

test("a speech printed whole: unattributed figures after the marker are the speaker's", () => {
  const all = claims(
    'Full text of Volodymyr Zelensky’s speech at the Munich Security Conference.\n\nLadies and gentlemen! I do not know how they will explain their actions to the two soldiers killed and three soldiers wounded in Ukraine today.',
  );
  assert.match(claimOf(all, 'two')?.claimant ?? '', /Zelensky/);
  assert.equal(claimOf(all, 'two')?.claimantVia, 'transcript');
});

test("figures that are not this war's: other wars, history, unit designations, hypotheticals", () => {
  assert.equal(claims('At least 190 children have been killed in the fighting in Sudan.').length, 0);
  assert.equal(claims('The Holodomor killed an estimated five million people in 1932 and 1933.').length, 0);
  assert.equal(
    claims('The troops from Germany will deploy to Romania, the 82 Airborne soldiers will go to Poland.').length,
    0,
  );
  assert.equal(
    claims(
      'Lukashenko said that if there is aggression against Belarus, there will be hundreds of thousands of Russian soldiers.',
    ).length,
    0,
  );
  assert.equal(
    claims('Their incursion would lead to a full-blown failure for them, with thousands of KIAs.').length,
    0,
  );
  // reported speech is not a hypothetical
  assert.equal(
    claimOf(claims('The Biden administration announced it would send 3,000 troops to Poland.'), '3,000')?.metric,
    'troops',
  );
});

test('metrics: bodies, executions, detention and enumerations, attacks counted as nouns; ranges carry thousands', () => {
  assert.equal(
    claimOf(claims('Authorities said they had found a mass grave containing more than 440 bodies in Izium.'), '440')
      ?.metric,
    'killed',
  );
  const enumerated = claims(
    'It documented 864 cases of arbitrary detention by Russia – 763 men, 94 women and seven boys.',
  );
  assert.deepEqual(
    enumerated.map((c) => [c.numberText, c.metric]),
    [
      ['864', 'captured'],
      ['763', 'captured'],
      ['94', 'captured'],
      ['seven', 'captured'],
    ],
  );
  const attacks = claimOf(claims('Two massive attacks on Russian bases in Crimea have given Ukraine a boost.'), 'Two');
  assert.deepEqual([attacks?.metric, attacks?.side], ['attacks', 'russia']);
  assert.deepEqual(
    findNumbers('Russia has about 70 to 80,000 losses').map((n) => [n.low, n.high]),
    [[70000, 80000]],
  );
  assert.equal(findNumbers('providing $70m-worth of defensive equipment')[0]?.value, 70e6);
});

test('lists and parts: "40 missiles and 30 drones", "25 of the 30 drones", losses listed with soldiers; "Only 15" is a figure', () => {
  const listed = claims(
    'Russia launched 40 missiles and 30 drones at Ukraine overnight, the Ukrainian air force said.',
  );
  assert.deepEqual(
    listed.map((c) => [c.numberText, c.metric]),
    [
      ['40', 'attacks'],
      ['30', 'attacks'],
    ],
  );
  const part = claims("Ukraine's air defences shot down 25 of the 30 drones, officials said.");
  assert.deepEqual(
    part.map((c) => [c.numberText, c.metric, c.claimantText]),
    [
      ['25', 'equipment-destroyed', 'officials'],
      ['30', 'attacks', 'officials'],
    ],
  );
  const losses = claims('The General Staff said Russia had lost 15 tanks, nine artillery systems and 1,000 soldiers.');
  assert.deepEqual(
    losses.map((c) => c.metric),
    ['equipment-destroyed', 'equipment-destroyed', 'killed'],
  );
  assert.equal(findNumbers('Only 15 rockets flew on Kharkiv.')[0]?.value, 15);
  assert.equal(findNumbers('Nord Stream 2 was damaged.').length, 0);
});

test('a resolved claimant must read like a name, not a fragment of the sentence', () => {
  const all = claims(
    'Read: @POTUS will be asking Congress to provide $450 million for the grants. ' +
      "Ukraine's defence ministry said 200 Russian soldiers were killed near Kharkiv.",
  );
  assert.equal(claimOf(all, '$450 million')?.claimant ?? null, null);
  assert.equal(claimOf(all, '200')?.claimantEntity, 'actor:ua-mod');
});
