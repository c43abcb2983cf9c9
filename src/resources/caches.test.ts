// The remembered resolutions, context texts and place-index filter change speed only: answers in
// any order, from a warm or a cold module, are the answers of a fresh module asked once each.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editVariants, isEditVariant } from './normalise.js';
import { PlaceIndex } from './places.js';

type Resolve = typeof import('./entities-kb.js').resolveMention;
const fresh = async (tag: string): Promise<Resolve> =>
  ((await import(`./entities-kb.js?${tag}`)) as { resolveMention: Resolve }).resolveMention;

const KHARKIV_TEXT = 'Shelling hit Kharkiv Oblast overnight, the governor said.';
const CRIMEA_TEXT = 'Explosions were heard in Crimea and in the Kherson region.';
const DONETSK_TEXT = 'Fighting in Donetsk Oblast continued.';
const ODESA_TEXT = 'Fighting in Odesa Oblast continued.';
const CASES: Array<[{ text: string; type: 'person' | 'place' | 'organization' | 'other' }, Parameters<Resolve>[1]]> = [
  // a role noun: its holder depends on the date
  [
    { text: 'Ukrainian President', type: 'person' },
    { date: '2018-01-10', countries: [], text: '' },
  ],
  [
    { text: 'Ukrainian President', type: 'person' },
    { date: '2022-03-01', countries: [], text: '' },
  ],
  [
    { text: 'Ukrainian President', type: 'person' },
    { date: null, countries: [], text: '' },
  ],
  // places: the regions the text names and the countries pick among namesakes
  [
    { text: 'Balakliia', type: 'place' },
    { date: '2022-09-08', countries: ['UA'], text: KHARKIV_TEXT },
  ],
  [
    { text: 'Balakliia', type: 'place' },
    { date: '2022-09-08', countries: [], text: CRIMEA_TEXT },
  ],
  [
    { text: 'Kherson', type: 'place' },
    { date: '2022-03-01', countries: ['UA'], text: CRIMEA_TEXT },
  ],
  [
    { text: 'Kherson', type: 'place' },
    { date: '2022-03-01', countries: [], text: '' },
  ],
  [
    { text: 'Kyiev', type: 'place' },
    { date: '2022-03-01', countries: ['UA'], text: '' },
  ],
  [
    { text: 'Novoselivka', type: 'place' },
    { date: '2022-05-01', countries: ['UA'], text: DONETSK_TEXT },
  ],
  [
    { text: 'Novoselivka', type: 'place' },
    { date: '2022-05-01', countries: ['UA'], text: ODESA_TEXT },
  ],
  // a surname that needs the full name somewhere in the text
  [
    { text: 'Klymenko', type: 'person' },
    { date: '2023-05-01', countries: ['UA'], text: 'Ihor Klymenko said.' },
  ],
  [
    { text: 'Klymenko', type: 'person' },
    { date: '2023-05-01', countries: ['UA'], text: 'Klymenko said.' },
  ],
  [
    { text: 'Zelenskyy', type: 'person' },
    { date: '2022-03-01', countries: ['UA'], text: '' },
  ],
  [
    { text: 'Zelenskx', type: 'person' },
    { date: '2022-03-01', countries: [], text: '' },
  ],
  // the same name, text and date; only the countries differ
  [
    { text: 'Odessa', type: 'place' },
    { date: '2022-05-01', countries: ['US'], text: '' },
  ],
  [
    { text: 'Odessa', type: 'place' },
    { date: '2022-05-01', countries: ['UA'], text: '' },
  ],
];

test('resolutions do not depend on what was resolved before', async () => {
  const once = await Promise.all(CASES.map(async ([m, c], i) => (await fresh(`case-${i}`))(m, c)));
  assert.equal(once[0]?.id, 'actor:petro-poroshenko');
  assert.equal(once[1]?.id, 'actor:volodymyr-zelensky');
  // the same town name in two different oblasts; the surname with and without the full name
  assert.equal(once[8]?.admin1, '05');
  assert.equal(once[9]?.admin1, '17');
  assert.notEqual(once[10]?.id, once[11]?.id);
  assert.equal(once[14]?.country, 'US');
  assert.equal(once[15]?.country, 'UA');
  const warm = await fresh('warm');
  for (let round = 0; round < 3; round++) {
    const order = CASES.map((_, i) => (round === 1 ? CASES.length - 1 - i : (i * 5 + round) % CASES.length));
    for (const i of order) {
      const [m, c] = CASES[i]!;
      assert.deepEqual(warm(m, c), once[i], `case ${i} (${m.text}), round ${round}`);
    }
  }
});

test('a remembered resolution comes back as a copy', async () => {
  const resolve = await fresh('copy');
  const [m, c] = CASES[7]!;
  const first = resolve(m, c);
  assert.ok(first);
  first.name = 'changed';
  assert.notEqual(resolve(m, c)?.name, 'changed');
});

test('isEditVariant agrees with editVariants', () => {
  const words = ['kiiv', 'zelenski', 'mariupol', 'zaporizia', 'a', 'ab', 'nova kakhovka', 'bahmut', 'odesa'];
  const alphabet = 'abcdefghiklmnopqrstuvzjyxw0 é';
  let checked = 0;
  for (const s of words) {
    const variants = editVariants(s);
    for (const v of variants) assert.ok(isEditVariant(s, v), `${s} → ${v}`);
    // every string one or two edits away over a wider alphabet, and the word itself
    const near = new Set<string>([s]);
    for (let i = 0; i <= s.length; i++)
      for (const c of alphabet) {
        near.add(s.slice(0, i) + c + s.slice(i));
        near.add(s.slice(0, i) + c + s.slice(i + 1));
        near.add(s.slice(0, i) + s.slice(i + 1) + c);
        near.add(s.slice(0, i) + c + c + s.slice(i + 2));
      }
    for (const k of near) {
      assert.equal(isEditVariant(s, k), variants.has(k), `${JSON.stringify(s)} vs ${JSON.stringify(k)}`);
      checked++;
    }
  }
  assert.ok(checked > 1000);
});

test('the place index finds every key and only those, prefixes included', () => {
  const rows = ['1\tKyiv\t50.45\t30.52\tUA\t12\tPPLC\t2900000\t', '2\tKyivska\t0\t0\tUA\t13\tPPL\t10\t'];
  const norm = ['kyi\t1', 'kyiv\t0', 'kyivska\t1'];
  const skel = ['kii\t1', 'kiiv\t0', 'kiivska\t0,1'];
  const header = JSON.stringify({ format: 'sitrep-places-1', rows: rows.length, norm: norm.length, skel: skel.length });
  const index = new PlaceIndex([header, ...rows, ...norm, ...skel].join('\n'));
  assert.deepEqual(index.byNorm('kyiv'), [0]);
  assert.deepEqual(index.byNorm('kyi'), [1]);
  assert.deepEqual(index.byNorm('kyivska'), [1]);
  assert.deepEqual(index.byNorm('ky'), []);
  assert.deepEqual(index.byNorm('kyivs'), []);
  assert.deepEqual(index.byNorm('kyivskaa'), []);
  assert.deepEqual(index.bySkeleton('kiivska'), [0, 1]);
  assert.deepEqual(index.bySkeleton('kii'), [1]);
  assert.deepEqual(index.bySkeleton('kiiv'), [0]);
  for (const missing of ['', 'k', 'kiiva', 'kiv', 'zzz']) assert.deepEqual(index.bySkeleton(missing), [], missing);
  assert.equal(index.place(0).name, 'Kyiv');
});
