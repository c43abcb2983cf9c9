// The cheaper Readability checks (readability-fast.ts) answer as Readability's own on every
// element of real pages, and the extraction through them keeps hidden and byline nodes apart.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { parseHtmlDocument } from './html-dom.js';
import { innerTextLength, isSpaceCode } from './linkedom-fast.js';
import {
  charCount,
  fastReadability,
  grabArticle,
  isElementWithoutContent,
  isProbablyVisible,
  isValidByline,
  linkDensity,
  readabilityOriginals,
  textDensity,
} from './readability-fast.js';

const PAGES = join(process.cwd(), '..', 'shared', 'data', 'article-extraction-benchmark', 'html');

test('visibility and byline checks agree with Readability on every element of real pages', {
  skip: !existsSync(PAGES),
}, () => {
  let compared = 0;
  let hidden = 0;
  let bylines = 0;
  for (const file of readdirSync(PAGES).sort().slice(0, 40)) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const { document } = parseHtmlDocument(html, { maxBytes: 5_000_000, maxDepth: 500 });
    const reader = fastReadability(document, {});
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const match = `${element.className} ${element.id}`;
      const visible = isProbablyVisible.call(reader as never, element);
      assert.equal(visible, Boolean(readabilityOriginals.isProbablyVisible.call(reader as never, element)), file);
      const byline = isValidByline.call(reader as never, element, match);
      assert.equal(byline, Boolean(readabilityOriginals.isValidByline.call(reader as never, element, match)), file);
      if (!visible) hidden++;
      if (byline) bylines++;
      compared++;
    }
  }
  assert.ok(compared > 10_000, `${compared} elements`);
  assert.ok(hidden > 0 && bylines > 0, `${hidden} hidden, ${bylines} bylines: both branches exercised`);
});

test('hidden elements and bylines are judged as Readability judges them', () => {
  const { document } = parseHTML(
    '<html><body><div style="display: none">a</div><div style="color:red">b</div><div hidden>c</div>' +
      '<div aria-hidden="true">d</div><div aria-hidden="true" class="fallback-image">e</div>' +
      '<span class="byline">By Anna Smith</span><p class="author">' +
      'x'.repeat(120) +
      '</p></body></html>',
  );
  const reader = fastReadability(document as unknown as Document, {});
  const divs = Array.from(document.querySelectorAll('div'));
  assert.deepEqual(
    divs.map((d) => isProbablyVisible.call(reader as never, d as unknown as Element)),
    [false, true, false, false, true],
  );
  const [span, p] = [document.querySelector('span'), document.querySelector('p')] as unknown as Element[];
  assert.equal(isValidByline.call(reader as never, span as Element, 'byline '), true);
  assert.equal(isValidByline.call(reader as never, p as Element, 'author '), false, 'a byline is under 100 characters');
  assert.equal(isValidByline.call(reader as never, span as Element, 'headline '), false);
});

test('link and text density, empty-element test and comma count agree with Readability on every element of real pages', {
  skip: !existsSync(PAGES),
}, () => {
  let compared = 0;
  let linked = 0;
  let emptied = 0;
  for (const file of readdirSync(PAGES).sort().slice(0, 30)) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const { document } = parseHtmlDocument(html, { maxBytes: 5_000_000, maxDepth: 500 });
    const reader = fastReadability(document, {});
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const fast = linkDensity.call(reader as never, element);
      assert.equal(fast, readabilityOriginals.getLinkDensity.call(reader as never, element), file);
      for (const tags of [['p'], ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], ['li', 'a']]) {
        const expected = readabilityOriginals.getTextDensity.call(reader as never, element, tags);
        assert.equal(textDensity.call(reader as never, element, tags), expected, file);
      }
      const empty = isElementWithoutContent.call(reader as never, element);
      assert.equal(empty, Boolean(readabilityOriginals.isElementWithoutContent.call(reader as never, element)), file);
      if (empty) emptied++;
      for (const s of [',', undefined, ' ', 'ab'])
        assert.equal(
          charCount.call(reader as never, element, s),
          readabilityOriginals.getCharCount.call(reader as never, element, s),
          `${file} ${s}`,
        );
      if (fast > 0) linked++;
      compared++;
    }
  }
  assert.ok(compared > 10_000 && linked > 1000, `${compared} elements, ${linked} with links`);
  assert.ok(emptied > 100, `${emptied} elements without content: both answers exercised`);
});

test('the inner text length counts what trim and white-space collapsing leave', () => {
  for (let c = 0; c < 0x10000; c++)
    assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  const { document } = parseHTML(
    '<html><body><div id="a">  one \n\n two<b>\u00a0\u00a0three</b> <i> </i>four\u3000 </div>' +
      '<div id="b"> \n </div><div id="c">x<![CDATA[ y ]]></div><p id="d">\ufeffa\u2028\u2029b</p></body></html>',
  );
  for (const id of ['a', 'b', 'c', 'd']) {
    const element = document.getElementById(id) as unknown as Element;
    const expected = (element.textContent ?? '').trim().replace(/\s{2,}/g, ' ').length;
    assert.equal(innerTextLength(element), expected, id);
  }
  assert.equal(innerTextLength(document.getElementById('a') as unknown as Element), 'one two three four'.length);
});

test('the cloned page snapshot gives the same articles as Readability serialising and re-parsing the page', {
  skip: !existsSync(PAGES),
}, () => {
  let retried = 0;
  let pages = 0;
  for (const file of readdirSync(PAGES).sort()) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const articles: string[] = [];
    const attempts: number[] = [];
    for (const snapshotByClone of [false, true]) {
      const { document } = parseHtmlDocument(html, { maxBytes: 5_000_000, maxDepth: 500 });
      const reader = fastReadability(document, {});
      const internals = reader as unknown as { _grabArticle: unknown; _attempts: unknown[] };
      if (!snapshotByClone) internals._grabArticle = readabilityOriginals.grabArticle;
      else assert.equal(internals._grabArticle, grabArticle);
      articles.push(String(reader.parse()?.content ?? ''));
      attempts.push(internals._attempts.length);
    }
    assert.equal(articles[1], articles[0], file);
    assert.equal(attempts[1], attempts[0], file);
    if ((attempts[0] ?? 0) > 0) retried++;
    pages++;
  }
  assert.ok(retried >= 5, `${retried} of ${pages} pages retried: the restore path is exercised`);
});
