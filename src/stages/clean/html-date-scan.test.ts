// The date scan's year-anchored search (execNearYear in html-date-scan.ts) finds exactly the
// dates a scan of every position finds: on generated texts full of near-dates and on real pages.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { datesInText } from './html-date-scan.js';

const TOKENS = [
  'March',
  'Mar.',
  'mai',
  'Januar',
  'décembre',
  'listopada',
  'лютого',
  'Sept.',
  'Marshal',
  'on',
  'the',
  '𝐀𝐁𝐂',
  'x𝐀y',
  '1',
  '12',
  '31',
  '3rd',
  '21st',
  ',',
  '.',
  '/',
  '-',
  '|',
  '2022',
  '1999',
  '2045',
  '1899',
  '20221',
  '02',
  '2022-03-04',
  '24.02.2022',
  '24. 2. 22',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '      ',
  ' \u2003\t ',
  ' | ',
  '\ud83d',
  '\ude00',
];

test('the year-anchored scan finds what a scan of every position finds', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), fc.boolean(), (tokens, spaced) => {
      const text = tokens.join(spaced ? ' ' : '');
      assert.deepEqual(datesInText(text), datesInText(text, true));
    }),
    { numRuns: 3000 },
  );
  // the cases it is built for
  const text = 'Posted on March 3rd, 2022 | updated Mar. 4 2022 and 𝐀𝐁𝐂𝐀𝐁𝐂𝐀𝐁𝐂𝐀𝐁𝐂 12 2021, Marshal 5 2020';
  assert.deepEqual(datesInText(text), datesInText(text, true));
  assert.deepEqual(
    datesInText(text).map((d) => d.date),
    ['2022-03-03', '2022-03-04'],
  );
});

const PAGES = join(process.cwd(), '..', 'shared', 'data', 'article-extraction-benchmark', 'html');

test('the year-anchored scan agrees on the text of real pages', { skip: !existsSync(PAGES) }, () => {
  let dates = 0;
  for (const file of readdirSync(PAGES).sort().slice(0, 60)) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    const found = datesInText(text);
    assert.deepEqual(found, datesInText(text, true), file);
    dates += found.length;
  }
  assert.ok(dates > 50, `${dates} dates`);
});
