// Boilerplate names: one test of an element's whole class/id value answers as the token-by-token
// rule (a token naming the article wins; otherwise any token naming boilerplate marks the element).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { BOILERPLATE_NAME, CONTENT_NAME, hasBoilerplateName } from './html-boilerplate.js';

function tokenRule(cls: string, id: string): boolean {
  let boilerplate = false;
  for (const token of `${cls} ${id}`.split(/\s+/)) {
    if (!token) continue;
    if (CONTENT_NAME.test(token)) return false;
    if (BOILERPLATE_NAME.test(token)) boilerplate = true;
  }
  return boilerplate;
}

test('boilerplate and article names are read from the whole value as token by token', () => {
  const { document } = parseHTML('<html><body><div></div></body></html>');
  const div = document.querySelector('div') as unknown as Element;
  const PARTS = [
    'share',
    'shareholders',
    'article-share',
    'ad',
    'ads',
    'load',
    'social-media',
    'entry-content',
    'articleBody',
    'post_body',
    'main',
    'x',
    '-',
    '_',
    ' ',
    '\t',
    '\u00a0',
    'NAV',
    'navigation2',
    'comment',
  ];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PARTS), { maxLength: 8 }),
      fc.array(fc.constantFrom(...PARTS), { maxLength: 3 }),
      (c, i) => {
        const cls = c.join('');
        const id = i.join('');
        div.setAttribute('class', cls);
        div.setAttribute('id', id);
        assert.equal(hasBoilerplateName(div), tokenRule(cls, id), JSON.stringify([cls, id]));
      },
    ),
    { numRuns: 5000 },
  );
  div.setAttribute('class', 'sidebar entry-content');
  assert.equal(hasBoilerplateName(div), false, 'named content too: kept');
  div.setAttribute('class', 'shareholders');
  div.setAttribute('id', 'x-share');
  assert.equal(hasBoilerplateName(div), true);
});
