// Rules of the seventh revision: the claimant of a figure whose value and metric are already right.
// Transcripts' labelled turns (capital labels of the White House, name labels of the Kremlin) give their
// speaker's figures; a long title in capitals is a name; a source named inside a direct quote claims its
// figure; a quoted name, a subject with an apposition, "It/They" after an institution's sentence, "UN
// figures show", a role followed by the person's name, "according to a statement by X". Every sentence
// was written for these tests; each test fails on the sixth revision's code but the two guards (labels
// that are no turns, figures that must keep no claimant), which hold on both.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimOf, claims } from './pipeline-for-tests.js';
import { transcriptTurns, turnAt } from './turns.js';

test('a transcript with two speakers: each labelled turn is its speaker’s; a question turn is nobody’s', () => {
  const text = [
    'Via Teleconference',
    '',
    'PRESIDENT BIDEN: Thank you for coming. Your country has taken in over 9,000 refugees from Ukraine.',
    '',
    'PRIME MINISTER OLSEN: We are proud of our people.',
    '',
    'Q Mr. President, is it true that 40,000 Russian troops have crossed into Ukraine?',
  ].join('\n');
  const all = claims(text, 'Remarks by President Biden and Prime Minister Olsen Before a Meeting');
  assert.equal(claimOf(all, '9,000')?.claimant, 'Joe Biden');
  assert.equal(claimOf(all, '9,000')?.claimantVia, 'transcript');
  const turns = transcriptTurns(text);
  assert.deepEqual(
    turns.map((t) => [t.label, t.claimant]),
    [
      ['PRESIDENT BIDEN', 'Joe Biden'],
      ['PRIME MINISTER OLSEN', 'Prime Minister Olsen'],
      ['Q', null],
    ],
  );
  assert.equal(turnAt(turns, text.indexOf('40,000'))?.claimant, null);
});

test('a background call: the labelled role is the claimant', () => {
  const text = [
    'MODERATOR: Thanks, everyone, for joining us. This call is on background.',
    '',
    'SENIOR ADMINISTRATION OFFICIAL: Thanks. You will have seen the announcement yesterday of an additional 3,000 U.S. forces headed to Poland.',
  ].join('\n');
  const c = claimOf(claims(text, 'Background Press Call by a Senior Administration Official'), '3,000');
  assert.equal(c?.metric, 'troops');
  assert.equal(c?.claimant, 'Senior Administration Official');
});

test('a Kremlin transcript: name labels after "* * *" and after a sentence', () => {
  const text =
    'The President held a meeting with members of the Security Council. * * * President of Russia Vladimir Putin: Good afternoon, colleagues. Hostilities in Donbass have continued all these years. Almost 14,000 civilians have been killed over this time. Sergei Shoigu: Thank you, Mr President. Since the beginning of the operation, our forces have destroyed 1,200 Ukrainian tanks.';
  const all = claims(text, 'Meeting with permanent members of the Security Council');
  assert.equal(claimOf(all, '14,000')?.claimant, 'Vladimir Putin');
  assert.equal(claimOf(all, '1,200')?.claimant, 'Sergei Shoigu');
});

test('labels that are not turns: a shouted line, a headline source, a fact sheet heading', () => {
  const news = claims(
    'EXCLUSIVE: a look inside the war\n\nLast week, Defense Secretary Lloyd Austin put 8,500 U.S. troops on heightened alert.',
  );
  assert.equal(claimOf(news, '8,500')?.claimant, null);
  const headline = claims(
    'Zelensky: the front holds\n\nRussian shelling killed 12 civilians in Kharkiv overnight. Rescuers worked through the night.',
  );
  assert.equal(claimOf(headline, '12')?.claimant, null);
  const sheet = claims(
    'Support for Ukraine: The United States has provided more than $6.3 billion in security assistance to Ukraine.',
    'Fact Sheet: The 2022 NATO Summit',
  );
  assert.equal(claimOf(sheet, '$6.3 billion')?.claimant, null);
});

test('a long title in capitals is a name', () => {
  const c = claimOf(
    claims(
      "The Adviser to the Head of the President's Office noted that, according to preliminary data, more than a thousand Russian servicemen were killed today.",
    ),
    'a thousand',
  );
  assert.equal(c?.claimant, "Adviser to the Head of the President's Office");
});

test('a source named inside a direct quote claims its figure', () => {
  const c = claimOf(
    claims(
      '“Our people found shelter with our neighbours. The Slovak President told me that more than 400,000 people had crossed the border,” Zelensky said.',
    ),
    '400,000',
  );
  assert.match(c?.claimant ?? '', /Slovak President/);
});

test('a quoted name before its verb; a subject with an apposition', () => {
  const quoted = claimOf(
    claims(
      'As of March, volunteers of the “Information Resistance” identified 263 Ukrainian civilians killed by Russian shelling.',
    ),
    '263',
  );
  assert.equal(quoted?.claimant, 'Information Resistance');
  const apposition = claimOf(
    claims('The Institute for the Study of War, a US think tank, said Russia had lost 300 tanks in the battle.'),
    '300',
  );
  assert.match(apposition?.claimant ?? '', /Study of War/);
});

test('"It said" / "They said" after a sentence opened by an institution', () => {
  const it = claimOf(
    claims("Russia's defence ministry issued a statement on Sunday. It said 300 Ukrainian soldiers were killed."),
    '300',
  );
  assert.equal(it?.claimant, 'Ministry of Defence of the Russian Federation');
  assert.equal(it?.claimantVia, 'pronoun');
  const they = claimOf(
    claims('Ukrainian officials gave a briefing on Sunday. They said 30 civilians were killed.'),
    '30',
  );
  assert.equal(they?.claimant, 'Ukrainian officials');
});

test('"UN figures show"; "according to a statement by X"; a role followed by the person’s name', () => {
  const figures = claimOf(
    claims('More than 8 million Ukrainians have fled the country, UN figures show.'),
    '8 million',
  );
  assert.equal(figures?.claimant, 'United Nations');
  const statement = claimOf(
    claims('According to a statement by the Ukrainian military, 300 Russian soldiers were killed.'),
    '300',
  );
  assert.equal(statement?.claimant, 'Armed Forces of Ukraine');
  const mayor = claimOf(claims('The mayor of Mariupol, Vadym Boychenko, said 5,000 people had been killed.'), '5,000');
  assert.equal(mayor?.claimant, 'Vadym Boychenko');
  assert.equal(mayor?.claimantText, 'The mayor of Mariupol');
});

test('figures that keep no claimant', () => {
  const none = [
    ['The figures show 300 soldiers were killed in the battle for the town.', '300'],
    ['The presented data shows that Russia has lost 300 soldiers in Bakhmut.', '300'],
    ['Putin ordered the mobilisation of 300,000 reservists.', '300,000'],
  ] as const;
  for (const [text, figure] of none) {
    const c = claimOf(claims(text), figure);
    assert.ok(c, text);
    assert.equal(c.claimant, null, text);
  }
});

test('"for a report detailing N": the report’s author named before', () => {
  const c = claimOf(
    claims(
      'The UN human rights office said on Tuesday that the situation had worsened. It interviewed hundreds of witnesses for a report detailing more than 600 cases of civilians detained by Russian forces.',
    ),
    '600',
  );
  assert.equal(c?.metric, 'captured');
  assert.match(c?.claimant ?? '', /United Nations|UN human rights office|High Commissioner/);
});
