// Rules written to generalise past the sentences the first ones were fitted on (issue 6, second
// revision): headline sources, "the report" as a subject, lower-case official sources, a closing
// attribution followed by ", adding", a speakerless quote after an attributed one, killing verbs and
// soldier nouns, tolls and "the number of dead", "among the dead", lists of losses, detention.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { defaultStages } from '../index.js';
import { claimantPhrases } from './claimant.js';
import type { ClaimData } from './index.js';

const pipeline = createPipeline(defaultStages());
function claims(text: string, published = '2022-06-01'): ClaimData[] {
  const doc = pipeline.run(
    newArticle({
      key: 'id:g',
      source: 't',
      position: 0,
      format: 'json',
      raw: text,
      fields: { id: 'g', text, published },
    }),
  );
  return doc.facts.filter((f) => f.kind === 'claim').map((f) => f.data as ClaimData);
}
const claimOf = (all: ClaimData[], numberText: string) => all.find((c) => c.numberText === numberText);
const phraseAt = (sentence: string, figure: string) => claimantPhrases(sentence, sentence.indexOf(figure))[0];

test('headline sources: "Source: statement" and "statement - source", not labels or places', () => {
  const open = phraseAt('UK intelligence: Russia has lost 15,000 troops in Ukraine', '15,000');
  assert.deepEqual([open?.text, open?.pattern], ['UK intelligence', 'headline']);
  const close = phraseAt('Russia to mobilize 60,000 reservists for eastern Ukraine: senior defense official', '60,000');
  assert.deepEqual([close?.text, close?.pattern], ['senior defense official', 'headline']);
  // a label is no source, and a sentence with its own full stop is no headline
  assert.equal(phraseAt('Update: 5,000 Russian troops killed', '5,000'), undefined);
  assert.equal(phraseAt('Analysts: Russia has lost 15,000 troops.', '15,000'), undefined);
  // a closing "- report" is generic; the subject before the figure still claims it
  const report = phraseAt('Ukraine claims 5,000 Russian troops killed - report', '5,000');
  assert.deepEqual([report?.text, report?.pattern], ['Ukraine', 'subject']);
  // through the stage: a dateline place before the colon is not a claimant
  const place = claimOf(claims('Kharkiv: 12 civilians killed in Russian shelling'), '12');
  assert.equal(place?.metric, 'killed');
  assert.equal(place?.claimant, null);
  const source = claimOf(claims("Ukraine's defence ministry: Russia has lost 25,000 servicemen"), '25,000');
  assert.equal(source?.claimantVia, 'headline');
  assert.match(source?.claimant ?? '', /Defence/);
});

test('"the report estimated": the report is a subject standing for its author, never a claimant by itself', () => {
  const p = phraseAt('The report estimated that Russia had abducted at least 6,000 Ukrainian children.', '6,000');
  assert.deepEqual([p?.text, p?.pattern], ['The report', 'report']);
  // no author named before it: unattributed, as the guidelines want for a bare "the report"
  const alone = claimOf(
    claims('The report estimated that Russia had abducted at least 6,000 Ukrainian children.'),
    '6,000',
  );
  assert.equal(alone?.metric, 'deported');
  assert.equal(alone?.claimant, null);
  // an author said something before: the report is theirs
  const authored = claimOf(
    claims(
      'The UN human rights office said on Tuesday it had published a new report. The report estimated that 8,000 civilians had been killed.',
    ),
    '8,000',
  );
  assert.equal(authored?.claimantVia, 'report');
  assert.match(authored?.claimant ?? '', /human rights|United Nations/i);
});

test('lower-case official sources and a closing attribution followed by ", adding"', () => {
  const services = claimOf(claims('The death toll has risen to 21, emergency services said.'), '21');
  assert.equal(services?.metric, 'killed');
  assert.equal(services?.claimant, 'emergency services');
  const adding = claims('The strike killed at least 20 people, officials said, adding that 50 more were injured.');
  assert.equal(claimOf(adding, '20')?.claimant, 'officials');
  assert.equal(claimOf(adding, '50')?.metric, 'wounded');
  // a clause after the figure that is not the closing attribution still does not claim it
  const clause = claims('Russia has massed 100,000 troops near the border, and Truss said an invasion was likely.');
  assert.equal(claimOf(clause, '100,000')?.claimant, null);
});

test('a direct quote the quotes stage left without a speaker takes the attribution just before it', () => {
  const all = claims(
    'In the early days of the war, UNHCR said, “more than 200,000 refugees per day sought safety across borders”.\n\nAt the end of 2022, ‘‘11.6 million Ukrainians remained displaced,’’ creating the fastest displacement crisis since the second world war.',
  );
  const c = claimOf(all, '11.6 million');
  assert.equal(c?.metric, 'displaced');
  assert.match(c?.claimant ?? '', /UNHCR|Refugees/);
  // no attribution before the quote: none invented
  const bare = claimOf(
    claims('‘‘11.6 million Ukrainians remained displaced,’’ the fastest crisis in decades.'),
    '11.6 million',
  );
  assert.equal(bare?.claimant, null);
});

test('soldiers counted with killing verbs and more soldier nouns', () => {
  const liquidated = claimOf(
    claims('The Ukrainian army liquidated about 100 Russian servicemen, the spokesman said.'),
    '100',
  );
  assert.deepEqual([liquidated?.metric, liquidated?.side], ['killed', 'russian-military']);
  const destroyed = claimOf(
    claims('Our defenders destroyed 120 Russian servicemen near Bakhmut, the command said.'),
    '120',
  );
  assert.equal(destroyed?.metric, 'killed');
  const defenders = claimOf(
    claims("More than 1,000 Ukrainian defenders were taken prisoner, Russia's defence ministry said."),
    '1,000',
  );
  assert.deepEqual([defenders?.metric, defenders?.side], ['captured', 'ukrainian-military']);
  // "liquidated" said of things is not a killing; a small count of soldiers laying a wreath is no claim
  assert.equal(claimOf(claims('Two soldiers laid a wreath at the memorial.'), 'Two'), undefined);
});

test('soldiers in a sentence about detention are captives', () => {
  const c = claimOf(
    claims(
      'Ukraine gave UN investigators access to detainees at official detention centres, with the exception of a group of 87 Russian sailors, she said.',
    ),
    '87',
  );
  assert.deepEqual([c?.metric, c?.side], ['captured', 'russian-military']);
});

test('tolls: "the toll rose to", "the number of dead has risen to", "among the dead were"', () => {
  assert.equal(claimOf(claims('The toll rose to 12 on Monday, officials said.'), '12')?.metric, 'killed');
  assert.equal(claimOf(claims('The number of dead has risen to 45, the governor said.'), '45')?.metric, 'killed');
  assert.equal(claimOf(claims('The number of injured has risen to 30, the governor said.'), '30')?.metric, 'wounded');
  const among = claimOf(claims("Among the dead were 15 children, the prosecutor's office said."), '15');
  assert.deepEqual([among?.metric, among?.side], ['killed', 'civilians']);
  // a toll of something else is no claim
  assert.equal(claimOf(claims('The road toll rose to 12 euros in May.'), '12'), undefined);
});

test('lists: "losses include …" and a parenthesis counting the figure before it', () => {
  const all = claims(
    "Russian losses include 900 tanks, 2,000 armoured vehicles and 30,000 troops, according to Ukraine's defence ministry.",
  );
  assert.deepEqual(
    ['900', '2,000', '30,000'].map((n) => [claimOf(all, n)?.metric, claimOf(all, n)?.side]),
    [
      ['equipment-destroyed', 'russian-military'],
      ['equipment-destroyed', 'russian-military'],
      ['killed', 'russian-military'],
    ],
  );
  const paren = claims(
    'Russian shelling killed five people, including two children, and wounded 12 others, the governor said.',
  );
  assert.deepEqual(
    ['five', 'two', '12'].map((n) => claimOf(paren, n)?.metric),
    ['killed', 'killed', 'wounded'],
  );
  const cases = claimOf(
    claims(
      'The office published a report detailing more than 900 cases of civilians, including children and elderly people, being arbitrarily detained in the conflict.',
    ),
    '900',
  );
  assert.equal(cases?.metric, 'captured');
});

test('not new claims: a restated count, peacekeepers, another war named only in the text, a foretold war', () => {
  const restated = claims(
    'Austin put 8,500 troops on heightened standby. But Kirby said that the 8,500 troops that Austin put on standby are not currently deployed.',
  );
  assert.equal(restated.filter((c) => c.numberText === '8,500').length, 1);
  // the first report of a figure with "the … that" is still a claim
  assert.equal(
    claimOf(claims('Officials said the 3,000 troops that arrived in Poland were paratroopers.'), '3,000')?.metric,
    'troops',
  );
  assert.equal(
    claimOf(claims('About 1,500 Russian troops are stationed in Transnistria under a peacekeeping mission.'), '1,500'),
    undefined,
  );
  assert.equal(
    claimOf(
      claims('Another key location is Central Africa Republic, where more than 1,000 Wagner mercenaries operate.'),
      '1,000',
    ),
    undefined,
  );
  assert.equal(
    claimOf(
      claims(
        'Lukashenko said that "if there is aggression against Belarus, there will be hundreds of thousands of Russian soldiers who will fight together with hundreds of thousands of Belarusian soldiers"',
      ),
      'hundreds of thousands',
    ),
    undefined,
  );
});

test('a figure in a quote closed before the attribution, "told reporters", a line introduced by "X said:"', () => {
  const quoted = claims('"Three people were killed and eight wounded," the governor said.');
  assert.deepEqual(
    ['Three', 'eight'].map((n) => [claimOf(quoted, n)?.metric, claimOf(quoted, n)?.claimant]),
    [
      ['killed', 'governor'],
      ['wounded', 'governor'],
    ],
  );
  assert.equal(claimOf(claims('At least 8 people died, the mayor told reporters.'), '8')?.claimant, 'mayor');
  const intro = claims(
    "Russian forces shelled the region again on Sunday, officials said in the morning.\n\nUkraine's General Staff said on Sunday:\nRussia has lost 30,000 soldiers since the invasion began.",
  );
  assert.equal(claimOf(intro, '30,000')?.claimantVia, 'introduced');
  assert.match(claimOf(intro, '30,000')?.claimantText ?? '', /General Staff/);
  // a line ending in a colon that names no source attributes nothing
  const label = claims(
    'Shelling continued in the east on Sunday, officials said.\n\nWhat we know:\nFive people were killed in the strike.',
  );
  assert.equal(claimOf(label, 'Five')?.claimant, null);
});

test('a range stays on one line: list items are separate figures', () => {
  const all = claims(
    'Shelling continued in the east on Sunday.\n\nThe General Staff reported the following losses of the enemy:\n\n- 1,300 tanks destroyed\n\n- 30,000 soldiers killed',
  );
  assert.deepEqual(
    ['1,300', '30,000'].map((n) => [claimOf(all, n)?.value, claimOf(all, n)?.high]),
    [
      [1300, 1300],
      [30000, 30000],
    ],
  );
});
