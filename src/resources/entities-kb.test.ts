// Golden tests of linking and geocoding. They run from dist/ after `npm run build`, which builds
// the place index (dist/resources/places.tsv.gz) from GeoNames cities500.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { countryName, knownNames, regionName, resolveMention } from './entities-kb.js';
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
