// Rules of the fourth revision (issue 6), written from the misses of the dev2 stratum (official
// statements of the presidencies: addresses, speeches, readouts): a speaker named by the document's
// title, missiles "used against" a country, buildings, institutions and places destroyed or damaged
// (with the verb before the figure or at the end of a list), people taken hostage, in captivity or
// taken to Russia, people "lost", lives lost, lists of the same count by place, money "for the
// Ukrainian Navy"; and figures not asserted (questions, conditions, futures, wishes, awards).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimOf, claims } from './pipeline-for-tests.js';
import { titleSpeaker } from './title-speaker.js';

test('an address or speech under a title naming its speaker: the speaker claims its figures', () => {
  const text = 'Unbreakable people of the bravest country! As of today, 143 children are known to have died.';
  const address = claimOf(claims(text, 'We have to fight - address by President Volodymyr Zelenskyy'), '143');
  assert.equal(address?.metric, 'killed');
  assert.match(address?.claimant ?? '', /Zelensk/);
  assert.equal(address?.claimantVia, 'title');
  // the same text under a title naming no speaker has no claimant
  assert.equal(claimOf(claims(text, 'Ukraine will win'), '143')?.claimant, null);
  assert.equal(
    titleSpeaker(
      'Speech by Head of the Office of the President of Ukraine Andriy Yermak at the Securing Europe panel',
      '',
    )?.claimant.includes('Yermak'),
    true,
  );
  assert.equal(
    titleSpeaker('Address by the President of Ukraine to the Italian Chamber of Deputies', '')?.claimantText,
    'the President of Ukraine',
  );
  // two speakers, or a transcript with speaker labels: no single speaker
  assert.equal(titleSpeaker('Remarks by President Biden and President Andrzej Duda of Poland', ''), null);
  assert.equal(
    titleSpeaker('Remarks by President Biden on Infrastructure', 'THE PRESIDENT: Thank you.\nQ Mr. President?'),
    null,
  );
  assert.equal(titleSpeaker('Meeting with Government members', ''), null);
});

test('missiles used against a country are attacks', () => {
  assert.equal(
    claimOf(claims('As of this morning, 2,709 missiles have already been used against Ukraine.'), '2,709')?.metric,
    'attacks',
  );
  assert.equal(
    claimOf(claims('Despite thousands of Russian missiles hitting Ukraine, we stand.'), 'thousands')?.metric,
    'attacks',
  );
  assert.equal(
    claimOf(
      claims('As of this morning, the total number of various Russian missiles used against Ukraine is already 2,503.'),
      '2,503',
    )?.metric,
    'attacks',
  );
});

test('buildings, institutions and places destroyed or damaged', () => {
  assert.equal(
    claimOf(claims('A total of 400 educational institutions have been destroyed in Ukraine.'), '400')?.metric,
    'buildings-destroyed',
  );
  assert.equal(
    claimOf(claims('During the war, 113 churches have been destroyed or damaged by shelling.'), '113')?.metric,
    'buildings-damaged',
  );
  assert.equal(
    claimOf(claims('The Russian army destroyed or damaged nearly 200 cultural heritage sites.'), '200')?.metric,
    'buildings-damaged',
  );
  const list = claims(
    'More than 1,500 educational facilities and more than 350 medical facilities have been destroyed or damaged.',
  );
  assert.deepEqual(
    [claimOf(list, '1,500')?.metric, claimOf(list, '350')?.metric],
    ['buildings-damaged', 'buildings-damaged'],
  );
  const part = claims(
    'The shelling led to the destruction of 2,229 high-rise buildings, of which 225 were completely destroyed.',
  );
  // the whole counts the damaged and the destroyed together (guidelines, stratum 6; fifth revision)
  assert.equal(claimOf(part, '2,229')?.metric, 'buildings-damaged');
  assert.equal(claimOf(part, '225')?.metric, 'buildings-destroyed');
  assert.equal(
    claimOf(claims('Hundreds of cities and villages in Ukraine have been destroyed.'), 'Hundreds')?.metric,
    'buildings-destroyed',
  );
  // villages recaptured are no claim, nor an attack
  assert.equal(
    claimOf(claims('Ukraine says it has recaptured dozens of villages and struck bridges.'), 'dozens'),
    undefined,
  );
});

test('people taken hostage, in captivity, taken to Russia, lost; lives lost; victims', () => {
  assert.equal(
    claimOf(claims('The invaders seized a hospital in Mariupol and took hostage 400 people.'), '400')?.metric,
    'captured',
  );
  assert.equal(
    claimOf(
      claims('Several thousand of our people are in captivity after the blockade of Mariupol.'),
      'Several thousand',
    )?.metric,
    'captured',
  );
  assert.equal(
    claimOf(claims('Russian troops have taken thousands of residents to Russia, the mayor said.'), 'thousands')?.metric,
    'deported',
  );
  assert.equal(claimOf(claims('We lost five children in the strike on the station.'), 'five')?.metric, 'killed');
  assert.equal(
    claimOf(claims('It is a ghost town that has lost most people, thousands of lives and all prospects.'), 'thousands')
      ?.metric,
    'killed',
  );
  assert.equal(
    claimOf(claims('More than 600 children have fallen victim to this Russian invasion.'), '600')?.metric,
    'casualties',
  );
  // lives saved are no deaths
  assert.equal(claimOf(claims('The diplomatic path can save thousands of lives.'), 'thousands'), undefined);
});

test('a list of the same count by place; money for Ukraine', () => {
  const list = claims(
    'There are 2.5 million temporary migrants from Ukraine in Poland, more than 50,000 in Lithuania.',
  );
  assert.deepEqual([claimOf(list, '2.5 million')?.metric, claimOf(list, '50,000')?.metric], ['refugees', 'refugees']);
  assert.equal(claimOf(claims('This is 1.7 billion pounds for the Ukrainian Navy.'), '1.7 billion')?.metric, 'aid');
  assert.equal(claimOf(claims('More than $8 billion is planned for economic support.'), '$8 billion')?.metric, 'aid');
});

test('figures not asserted: questions, conditions, futures, wishes, awards', () => {
  assert.equal(claims('30 thousand killed?').length, 0);
  assert.equal(claims('And even if a million Russian citizens are brought here to die, we will stand.').length, 0);
  assert.equal(
    claims('Even peace at the cost of tens of thousands killed and hundreds of thousands deported.').length,
    0,
  );
  assert.equal(
    claims('The command knows that thousands more Russian soldiers will be killed in the coming weeks.').length,
    0,
  );
  assert.equal(claims('About 200,000 people there want to be evacuated.').length, 0);
  assert.equal(claims('216 servicemen of the Armed Forces of Ukraine were awarded state awards.').length, 0);
  // an asserted figure next to them still counts
  assert.equal(claimOf(claims('About 300 people were evacuated from the city on Monday.'), '300')?.metric, 'evacuated');
});

test('a title naming a role gives the role holder of that day; a running total is marked cumulative', () => {
  const text =
    'Since the invasion, 3,000 civilians have been killed. A missile strike on Vinnytsia killed 23 people on Thursday.';
  const all = claims(text, 'Address by President of Ukraine');
  const total = claimOf(all, '3,000');
  const strike = claimOf(all, '23');
  assert.equal(total?.claimantEntity, 'actor:volodymyr-zelensky');
  assert.equal(total?.cumulative, true);
  assert.equal(strike?.cumulative, false);
});
