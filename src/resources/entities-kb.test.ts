// Golden tests of linking and geocoding. They run from dist/ after `npm run build`, which builds
// the place index (dist/resources/places.tsv.gz) from GeoNames cities500.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { countryName, isNewsMedia, knownNames, regionName, resolveMention } from './entities-kb.js';
import { placeIndexPath } from './places.js';

const ctx = (date: string | null = '2022-03-01', countries: string[] = ['UA'], text = '') => ({
  date,
  countries,
  text,
});
const place = (text: string, c = ctx()) => resolveMention({ text, type: 'place' }, c);
const person = (text: string, c = ctx()) => resolveMention({ text, type: 'person' }, c);

test('the place index has been built', () => {
  assert.ok(
    existsSync(placeIndexPath()),
    `missing ${placeIndexPath()}: run \`npm run build\` (it runs node dist/scripts/build-gazetteer.js)`,
  );
});

test('Kyiv in every spelling, with a one-letter slip, is one place', () => {
  const kyiv = place('Kyiv');
  assert.equal(kyiv?.name, 'Kyiv');
  assert.equal(kyiv?.country, 'UA');
  assert.equal(kyiv?.geoPrecision, 1);
  for (const v of ['Kiev', 'Київ', 'Киев', 'Kyiev']) assert.equal(place(v)?.id, kyiv?.id, v);
});

test('Mairupol → Mariupol, Kharkov → Kharkiv', () => {
  assert.equal(place('Mairupol')?.name, 'Mariupol');
  assert.equal(place('Kharkov')?.id, place('Kharkiv')?.id);
  assert.equal(place('Kharkov')?.admin1, '07');
});

test('Zelensky by title, spelling and honorific is one id', () => {
  const ids = ['President Volodymyr Zelensky', 'Zelenskyy', 'Mr Zelensky', 'Zelenskiy', 'Зеленський'].map(
    (t) => person(t)?.id,
  );
  assert.equal(new Set(ids).size, 1);
  assert.equal(ids[0], 'actor:volodymyr-zelensky');
});

test('role nouns resolve as of the article date', () => {
  assert.equal(person('the Ukrainian president', ctx('2022-03-01'))?.id, 'actor:volodymyr-zelensky');
  assert.equal(person("Ukraine's defence minister", ctx('2023-01-10'))?.id, 'actor:oleksii-reznikov');
  assert.equal(person("Ukraine's defence minister", ctx('2023-10-01'))?.id, 'actor:rustem-umerov');
  assert.equal(person('the Russian defense minister', ctx('2022-05-01'))?.id, 'actor:sergei-shoigu');
  assert.equal(person('the British prime minister', ctx('2022-10-01'))?.id, 'actor:liz-truss');
  assert.equal(person('the Ukrainian president', ctx(null)), null);
});

test('titles, possessives and transliterations of people and organisations', () => {
  assert.equal(person('Alexey Reznikov')?.id, 'actor:oleksii-reznikov');
  assert.equal(person('Russian Foreign Minister Sergei Lavrov')?.id, 'actor:sergei-lavrov');
  assert.equal(person('Mr Putin')?.id, 'actor:vladimir-putin');
  assert.equal(resolveMention({ text: "Ukraine's Defence Ministry", type: 'organization' }, ctx())?.id, 'actor:ua-mod');
  assert.equal(resolveMention({ text: 'the UN Security Council', type: 'organization' }, ctx())?.id, 'actor:unsc');
});

test('Crimea is Ukraine; "Kharkiv Oblast" is a region', () => {
  const crimea = place('Crimea');
  assert.equal(crimea?.country, 'UA');
  assert.equal(crimea?.geoPrecision, 2);
  const oblast = place('Kharkiv Oblast');
  assert.equal(oblast?.geoPrecision, 2);
  assert.equal(oblast?.admin1, '07');
  assert.equal(place('Харківська область')?.id, oblast?.id);
  assert.equal(place('Ukraine')?.geoPrecision, 3);
});

test('a shared name is resolved by the country context', () => {
  assert.equal(place('Alexandria', ctx('2022-03-01', ['UA']))?.country, 'UA');
  assert.equal(place('Alexandria', ctx('2022-03-01', ['EG']))?.country, 'EG');
});

test('landmarks that cities500 lacks', () => {
  assert.equal(place('Babi Yar')?.id, 'landmark:kyiv-babyn-yar');
  assert.equal(place('Azovstal')?.admin1, '05');
  assert.equal(place('Zaporizhzhia Nuclear Power Plant')?.country, 'UA');
});

test('knownNames lists people, organisations and places', () => {
  const names = new Set<string>();
  for (const n of knownNames()) names.add(`${n.type}:${n.name}`);
  for (const n of ['person:Volodymyr Zelensky', 'organization:TASS', 'place:Kharkiv Oblast', 'place:Mariupol'])
    assert.ok(names.has(n), n);
});

test('a region named elsewhere in the article does not swallow a notable town outside it', () => {
  const crimea = ctx('2022-03-01', ['UA'], 'Russia cut power to Crimea last year.');
  assert.equal(place('Kherson', crimea)?.name, 'Kherson');
  assert.equal(place('Kherson', crimea)?.geoPrecision, 1);
  assert.equal(place('Mariupol', crimea)?.name, 'Mariupol');
  // a name the gazetteer does not hold, in an article about one region: that region, as ACLED codes it
  assert.equal(place('Zzyzxovka', crimea)?.name, 'Autonomous Republic of Crimea');
  assert.equal(regionName('UA', place('Kherson', crimea)?.admin1 ?? null), 'Kherson Oblast');
});

test('region and country names from codes', () => {
  assert.equal(regionName('UA', '07'), 'Kharkiv Oblast');
  assert.equal(regionName('UA', '99'), null);
  assert.equal(countryName('UA'), 'Ukraine');
  assert.equal(countryName('XX'), null);
});

test('common words that happen to name a small town are not geocoded', () => {
  for (const word of ['God', 'Republic', 'Union', 'Liberty', 'Freedom']) assert.equal(place(word), null, word);
  assert.equal(place('Crimea')?.geoPrecision, 2);
});

test('gazetteer codes are not names: initialisms do not become airports (BBC, CNN, SEA, MIR)', () => {
  for (const [text, type] of [
    ['BBC', 'organization'],
    ['CNN', 'organization'],
    ['BBC', 'place'],
    ['Sea', 'place'],
  ] as const) {
    // the broadcasters are known actors; none of these is an airport's town
    const resolved = resolveMention({ text, type }, ctx());
    assert.equal(resolved?.id.startsWith('geonames:') ?? false, false, `${text}: ${resolved?.id}`);
  }
  assert.equal(resolveMention({ text: 'Sea', type: 'place' }, ctx()), null);
  // "Mir" is a town in Belarus by its own name, not Monastir (MIR) or Myrtle Beach (MYR)
  assert.equal(place('Mir')?.country, 'BY');
});

test('a short name is not matched by its skeleton (Asia is not Ashiya)', () => {
  assert.notEqual(place('Asia')?.name, 'Ashiya');
});

test('people and organisations link to a town only by its own name, in the article countries', () => {
  // Sandu is a town in China and Maia Sandu a person; Martin a town in Slovakia
  assert.equal(person('Sandu', ctx('2022-03-01', ['MD', 'UA']))?.name, 'Maia Sandu');
  assert.equal(person('Martin', ctx('2022-03-01', ['UA'])), null);
  assert.equal(person('Martin', ctx('2022-03-01', ['SK']))?.country, 'SK');
  // a surname that is a foreign town's alternate or skeleton (Leyen ~ Leiden, Stalin = Donetsk's old name)
  assert.equal(person('Leyen'), null);
  assert.equal(person('Stalin'), null);
  // a country is a person's name unless the article names that country
  assert.equal(person('Jordan', ctx('2022-03-01', ['UA'])), null);
  assert.equal(person('Kyiv')?.name, 'Kyiv');
});

test('every country is known by its English name, never a town one letter away', () => {
  assert.equal(place('Sudan')?.id, 'country:SD');
  assert.equal(place('Taiwan')?.geoPrecision, 3);
  assert.equal(place('Egypt')?.country, 'EG');
});

test('with the sentence given, an unknown place falls back only to a region that sentence names', () => {
  const text = 'Russia cut power to Crimea last year. Europe said nothing.';
  assert.equal(
    resolveMention(
      { text: 'Europe', type: 'place' },
      { ...ctx('2022-03-01', ['UA'], text), sentence: 'Europe said nothing.' },
    ),
    null,
  );
  const near = resolveMention(
    { text: 'Zzyzxovka', type: 'place' },
    { ...ctx('2022-03-01', ['UA'], text), sentence: 'Shelling hit Zzyzxovka in Crimea.' },
  );
  assert.equal(near?.name, 'Autonomous Republic of Crimea');
});

test('a place mention that is only a known actor links to the actor (Putin tagged as a place)', () => {
  assert.equal(place('Putin', ctx('2022-03-01', ['UA'], 'Crimea'))?.type, 'person');
});

test('a place mention that is the surname of a person the article names in full is that person', () => {
  const c = ctx('2022-03-01', ['MD'], 'President Maia Sandu said. Sandu met officials in Chisinau.');
  assert.equal(place('Sandu', c)?.name, 'Maia Sandu');
  // without the full name in the text it is not that person
  assert.notEqual(place('Sandu', ctx('2022-03-01', ['MD'], 'Sandu'))?.name, 'Maia Sandu');
});

test('an initialism is no town by an alternate name (PA is not Chongqing)', () => {
  assert.equal(place('PA'), null);
  assert.equal(place('KYIV')?.name, 'Kyiv');
});

test("a known actor's exact name beats a foreign town's alternate name (White House is not Casablanca)", () => {
  assert.equal(place('White House')?.id, 'actor:white-house');
  // a town's own name still wins: Kherson is the city
  assert.equal(place('Kherson')?.type, 'place');
});

test('a name one edit from a town links only to a town in the article countries', () => {
  assert.equal(place('Hysteria', ctx('2022-03-01', ['UA'])), null);
  assert.equal(place('Mairupol', ctx('2022-03-01', ['UA']))?.name, 'Mariupol');
});

test('a city-state is its city; continents are not towns', () => {
  assert.equal(place('Singapore')?.geoPrecision, 1);
  assert.equal(place('Asia'), null);
  assert.equal(place('Europe'), null);
});

test('news agencies, newspapers and broadcasters are known as news media, and only they', () => {
  const bbc = resolveMention(
    { text: 'BBC', type: 'organization' },
    { date: '2022-03-01', countries: ['UA'], text: '' },
  );
  assert.equal(bbc?.id, 'actor:bbc');
  for (const id of ['actor:bbc', 'actor:reuters', 'actor:ukrinform', 'actor:tass', 'actor:kyiv-independent'])
    assert.equal(isNewsMedia(id), true, id);
  for (const id of ['actor:nato', 'actor:eu', 'country:UA', 'geonames:703448', null])
    assert.equal(isNewsMedia(id), false, String(id));
});
