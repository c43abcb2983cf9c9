// The date scan's year-anchored search (execNearYear in html-date-scan.ts) finds exactly the
// dates a scan of every position finds: on generated texts full of near-dates and on real pages.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { datesInText, isNonArticleElement } from './html-date-scan.js';

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

test('comment, sidebar and related-list names are found in class and id values as in their token lists', () => {
  // the rule as a token list: a token starting with one of the names ("comment" alone or before - or _)
  const TOKEN = /^(?:comments?(?:$|[-_])|comment(?:list|-list|s-area|metadata)|related|sidebar|widget|respond)/i;
  const reference = (cls: string, id: string) =>
    `${cls} ${id}`.split(/\s+/).some((token) => token !== '' && TOKEN.test(token));
  const { document } = parseHTML('<html><body><div></div></body></html>');
  const div = document.querySelector('div') as unknown as Element;
  const PARTS = [
    'comment',
    'comments',
    'Comments-',
    'comment_x',
    'commentary',
    'commentlist',
    'related',
    'x-related',
    'SIDEBAR',
    'widget',
    'respond',
    'main',
    '-',
    '_',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    '\u3000',
    'a',
  ];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PARTS), { maxLength: 8 }),
      fc.array(fc.constantFrom(...PARTS), { maxLength: 4 }),
      (c, i) => {
        const cls = c.join('');
        const id = i.join('');
        div.setAttribute('class', cls);
        div.setAttribute('id', id);
        assert.equal(isNonArticleElement(div), reference(cls, id), JSON.stringify([cls, id]));
      },
    ),
    { numRuns: 3000 },
  );
});
