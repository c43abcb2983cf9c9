// Claims: number forms, ranges and qualifiers, the false-claim traps, metrics and sides,
// claimant patterns, and the stage's facts on a small article run through the real pipeline.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Article, newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { checkEvidence } from '../../core/spans.js';
import { defaultStages } from '../index.js';
import { claimantPhrases } from './claimant.js';
import { type ClaimData, findNumbers } from './index.js';

function figures(text: string) {
  return findNumbers(text).map((n) => ({
    text: n.text,
    value: n.value,
    low: n.low,
    high: n.high,
    qualifier: n.qualifier,
  }));
}

const pipeline = createPipeline(defaultStages());
function claimsOf(text: string, published = '2022-03-05'): { doc: Article; claims: ClaimData[] } {
  const doc = pipeline.run(
    newArticle({
      key: 'id:t',
      source: 't',
      position: 0,
      format: 'json',
      raw: text,
      fields: { id: 't', text, published },
    }),
  );
  const claims = doc.facts.filter((f) => f.kind === 'claim').map((f) => f.data as ClaimData);
  return { doc, claims };
}

test('numbers: digits, separators, scales, currency and words', () => {
  assert.deepEqual(
    figures(
      '1,000 troops, 2.5 million people, $1.7bn in aid, seven tanks, two dozen drones, one hundred thousand soldiers',
    ).map((f) => [f.text, f.value]),
    [
      ['1,000', 1000],
      ['2.5 million', 2.5e6],
      ['$1.7bn', 1.7e9],
      ['seven', 7],
      ['two dozen', 24],
      ['one hundred thousand', 100000],
    ],
  );
  assert.equal(findNumbers('€300 million of frozen assets')[0]?.currency, 'EUR');
  assert.equal(findNumbers('an additional billion dollars in aid')[0]?.value, 1e9);
  assert.equal(findNumbers('an additional billion dollars in aid')[0]?.currency, 'USD');
});

test('numbers: vague quantities are coded as ACLED does (the smallest figure the word allows)', () => {
  const v = (s: string) => figures(s)[0];
  assert.deepEqual(v('dozens of people'), { text: 'dozens', value: 12, low: 12, high: null, qualifier: 'vague' });
  assert.equal(v('tens of thousands of refugees')?.value, 10000);
  assert.equal(v('hundreds of civilians')?.value, 100);
  assert.equal(v('thousands of troops')?.value, 1000);
  assert.equal(v('scores of houses')?.value, 20);
});

test('numbers: ranges and qualifiers give low/high', () => {
  assert.deepEqual(figures('10 to 15 people')[0], {
    text: '10 to 15',
    value: 10,
    low: 10,
    high: 15,
    qualifier: 'range',
  });
  assert.deepEqual(figures('3,000-4,000 vehicles')[0], {
    text: '3,000-4,000',
    value: 3000,
    low: 3000,
    high: 4000,
    qualifier: 'range',
  });
  assert.deepEqual(figures('between 2 and 3 million refugees')[0]?.high, 3e6);
  assert.equal(figures('between 2 and 3 million refugees')[0]?.low, 2e6);
  assert.deepEqual(figures('more than 1,000 soldiers')[0], {
    text: '1,000',
    value: 1000,
    low: 1000,
    high: null,
    qualifier: 'more-than',
  });
  assert.deepEqual(figures('at least 5 people')[0], { text: '5', value: 5, low: 5, high: null, qualifier: 'at-least' });
  assert.deepEqual(figures('nearly 24,000 soldiers')[0], {
    text: '24,000',
    value: 24000,
    low: null,
    high: 24000,
    qualifier: 'less-than',
  });
  assert.deepEqual(figures('as many as 190,000 troops')[0]?.qualifier, 'at-most');
  assert.deepEqual(figures('about 150,000 soldiers')[0], {
    text: '150,000',
    value: 150000,
    low: 150000,
    high: 150000,
    qualifier: 'about',
  });
});

test('numbers: the false-claim traps are not figures', () => {
  const none = [
    'on page 12 of the report',
    'in 2014 Russia annexed Crimea',
    'On February 24, the war began',
    'a 45-year-old man',
    'Francis, 85, has not mentioned Russia',
    'at 7am on Saturday',
    'at 10:30 local time',
    'call +380 44 123 4567',
    'over 50 per cent of voters',
    '90% of Russians',
    'the 93rd brigade',
    'the third day of the war',
    'UN Security Council Resolution 2623',
    'Article 5 of the treaty',
    'the G7 leaders',
    'F-16 fighter jets',
    'S-300 air defence',
    'the Nord Stream 2 pipeline',
    'a 7,000-word essay',
    '19 miles from the city',
    'over 500 days of war',
    'its People’s Republic (1917-1921)',
  ];
  for (const text of none) assert.deepEqual(figures(text), [], text);
  // "one" as a pronoun or an article
  assert.deepEqual(figures('One country has invaded another one.'), []);
  assert.deepEqual(figures('one of the largest threats'), []);
  // a converted amount in brackets repeats the figure before it
  assert.deepEqual(
    figures('a further $2.8bn (£2.4bn) in military aid').map((f) => f.text),
    ['$2.8bn'],
  );
});

test('claimant patterns: according to, X said, inverted, quoted as saying, pronouns', () => {
  const first = (s: string, at = 0) => claimantPhrases(s, at)[0];
  assert.equal(first('Around 100 were killed, according to the regional governor.')?.text, 'the regional governor');
  assert.equal(first('According to Kremlin sources, 498 soldiers died.')?.text, 'Kremlin sources');
  assert.equal(
    first("Ukraine's health minister said on Saturday that 198 civilians had been killed.")?.text,
    "Ukraine's health minister",
  );
  assert.equal(first('Russia says 498 of its soldiers have been killed')?.text, 'Russia');
  assert.equal(first('Three drones were intercepted Sunday, the ministry said.')?.text, 'the ministry');
  assert.equal(first('Russia, Kahl said, has had 70,000 casualties.', 25)?.text, 'Kahl');
  // a later clause's speaker does not claim the figure before it
  assert.equal(first('Russia has amassed 130,000 troops and Truss said an invasion could be imminent.', 19), undefined);
  assert.equal(first('"We lost 20 tanks," said General Smith.')?.text, 'General Smith');
  assert.equal(first('The commander was quoted as saying 40 men died.')?.text, 'The commander');
  assert.equal(first('He also added that Russia has lost 3,000 vehicles.')?.pattern, 'pronoun');
  assert.equal(first('Five killed as Russia hits rail infrastructure'), undefined);
  // not claimants: generic reports, the figure's own noun phrase
  assert.equal(first('According to the latest reports, Russia gathered 190,000 soldiers.'), undefined);
  assert.equal(first('The total value of military aid declared by the US has been $9.1 billion.'), undefined);
  // a run-on sentence: a source named after the figure's part does not claim it
  assert.equal(first('She gathered 120,000 soldiers.According to NATO, this is pressure.', 5), undefined);
});

test('stage: casualties with metric, side, qualifier and claimant; evidence is the sentence', () => {
  const text =
    "Ukraine's health minister said on Saturday that 198 civilians, including three children, had been killed so far.\n\n" +
    'At least five people were killed and 18 injured in rocket strikes on Vinnytsia, the regional governor said.';
  const { doc, claims } = claimsOf(text);
  const byText = new Map(claims.map((c) => [c.numberText, c]));
  assert.deepEqual(
    claims.map((c) => [c.numberText, c.metric, c.side]),
    [
      ['198', 'killed', 'civilians'],
      ['three', 'killed', 'civilians'],
      ['five', 'killed', 'civilians'],
      ['18', 'wounded', 'civilians'],
    ],
  );
  assert.equal(byText.get('five')?.qualifier, 'at-least');
  assert.equal(byText.get('five')?.high, null);
  assert.match(byText.get('198')?.claimant ?? '', /health minister|Liashko/i);
  assert.match(byText.get('18')?.claimant ?? '', /governor/i);
  assert.match(byText.get('18')?.location ?? '', /^Vinnyts/);
  for (const fact of doc.facts.filter((f) => f.kind === 'claim')) {
    assert.equal(checkEvidence(doc.text, fact.evidence!), null);
    const data = fact.data as ClaimData;
    assert.ok(fact.evidence!.start <= data.numberStart && data.numberEnd <= fact.evidence!.end);
    assert.equal(doc.text.slice(data.numberStart, data.numberEnd), data.numberText);
  }
});

test('stage: losses, troops, aid, sanctions and votes', () => {
  const text = [
    "As of Monday, Ukraine's military claims that Russia has lost nearly 24,000 soldiers, more than 1,000 tanks, and around 500 artillery systems.",
    'The US has moved 3,000 troops to Poland.',
    'Russia has amassed well over 100,000 troops near the border.',
    'Biden announced a further $2.8bn in military aid to Ukraine.',
    'The U.S. Treasury said it had blacklisted 22 individuals.',
    'The resolution passed with 141 votes for, 5 against and 35 abstentions.',
  ].join('\n\n');
  const { claims } = claimsOf(text);
  const got = claims.map((c) => [c.numberText, c.metric, c.side]);
  assert.deepEqual(got, [
    ['24,000', 'killed', 'russian-military'],
    ['1,000', 'equipment-destroyed', 'russian-military'],
    ['500', 'equipment-destroyed', 'russian-military'],
    ['3,000', 'troops', 'other'],
    ['100,000', 'troops', 'russian-military'],
    ['$2.8bn', 'aid', 'ukraine'],
    ['22', 'sanctions', 'russia'],
    ['141', 'votes-for', 'none'],
    ['5', 'votes-against', 'none'],
    ['35', 'abstentions', 'none'],
  ]);
  const losses = claims[0]!;
  assert.equal(losses.claimantEntity, 'actor:ua-armed-forces');
  assert.equal(losses.claimant, 'Armed Forces of Ukraine');
  assert.equal(claims.find((c) => c.numberText === '$2.8bn')?.currency, 'USD');
});

test('stage: numbers that count nothing in the conflict make no claims', () => {
  const text = [
    'Nato’s repurposing has four elements.',
    'The UK was one of 123 countries that signed the convention in 2008.',
    'Moldova shares a 1,222km border with Ukraine.',
    'Francis, 85, spoke to the crowd on May 1.',
    'The meeting lasted over three hours.',
  ].join('\n\n');
  assert.deepEqual(claimsOf(text).claims, []);
});

test('stage: the date is the governing timex of the sentence, else the publication date', () => {
  const { claims } = claimsOf('On March 2, the ministry said 498 soldiers had been killed.', '2022-03-05');
  assert.equal(claims[0]?.date, '2022-03-02');
  assert.equal(claims[0]?.datePrecision, 1);
});

test('numbers: a figure too long for a double is dropped, never Infinity (found by fuzzing)', () => {
  const huge = '9'.repeat(400);
  const found = findNumbers(`Officials said ${huge} people and 12 soldiers were counted.`);
  assert.ok(found.every((n) => Number.isFinite(n.value)));
  assert.ok(!found.some((n) => n.text === huge));
  assert.ok(found.some((n) => n.value === 12));
});

test('claimants: a long word after "according to" or "reported by" does not backtrack forever (found by fuzzing)', () => {
  const long = '7169594090452089889759824217423541042649';
  for (const sentence of [
    `According to ${long} "percent troops on Monday, 12 soldiers were killed.`,
    `12 soldiers were reported by ${long} "percent troops`,
  ]) {
    const started = performance.now();
    claimantPhrases(sentence);
    assert.ok(performance.now() - started < 500, sentence);
  }
  // The patterns still read a several-word claimant.
  assert.ok(
    claimantPhrases('According to the regional military administration, 12 civilians were killed.').some((c) =>
      /regional military administration/.test(c.text),
    ),
  );
});
