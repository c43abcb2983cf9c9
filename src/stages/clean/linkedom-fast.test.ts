// The fast DOM paths (linkedom-fast.ts) give what linkedom gives: the same elements in the same
// order for every selector Readability and the metadata readers use, on real pages, and the same
// className for every element.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { parseHtmlDocument } from './html-dom.js';
import {
  installFastDom,
  linkedomQuerySelectorAll,
  normaliseClass,
  readFrozen,
  simpleSelector,
} from './linkedom-fast.js';

const PAGES = join(process.cwd(), '..', 'shared', 'data', 'article-extraction-benchmark', 'html');

const SELECTORS = [
  'p',
  'a',
  'h1,h2',
  'H1, H2',
  'script,noscript',
  'img,picture,figure,video,audio,source',
  'h1, h2, h3, h4, h5, h6, li, blockquote',
  'meta',
  'link[rel]',
  '[itemprop]',
  '[class], [id]',
  'article, main',
  'time[datetime]',
  'div > p',
  '[itemprop="articleBody"]',
  'article, main, [itemprop="articleBody"], [itemprop="articlebody"]',
  '[itemprop="author"]',
  "[itemprop='name']",
  '[class*="byline"], [class*="author-name"], [class~="author"]',
  'div[class~="content"][id*="main"]',
  '[id*="comment"], [class*="comment"]',
  'a[rel~="author"]',
  '[class*="a b"]',
  'article time[datetime], main time[datetime]',
  'time[pubdate][datetime], time[class*="publish"][datetime], time[class*="date"][datetime]',
  'abbr.published[title], [class~="published"][title], [class*="post-date"][title], [class*="entry-date"][title]',
  '[class*="byline"], [class*="author-name"], [class~="author"], .vcard .fn',
  'a[rel~="AUTHOR"], link[rel="Canonical"], meta[http-equiv*="content"], [type="TEXT/javascript"]',
  'div div p, body .content a, ul li a[href]',
];

test('the fast paths are installed and shape-check their selectors', () => {
  assert.equal(installFastDom(), true);
  assert.deepEqual(simpleSelector('h1, H2'), [
    { tag: 'h1', attributes: [] },
    { tag: 'h2', attributes: [] },
  ]);
  assert.deepEqual(simpleSelector('time[datetime][pubdate]'), [{ tag: 'time', attributes: ['datetime', 'pubdate'] }]);
  assert.deepEqual(simpleSelector('[itemprop="articleBody"], p[class~=\'x\']'), [
    { tag: null, attributes: ['itemprop'], values: [{ op: '=', value: 'articleBody', ignoreCase: false }] },
    {
      tag: 'p',
      attributes: ['class'],
      values: [{ op: '~=', value: 'x', ignoreCase: false, regex: /(?:^|\s)x(?:$|\s)/ }],
    },
  ]);
  assert.deepEqual(simpleSelector('div .a p'), [
    {
      tag: 'p',
      attributes: [],
      ancestors: [
        { tag: 'div', attributes: [] },
        {
          tag: null,
          attributes: ['class'],
          values: [{ op: '~=', value: 'a', ignoreCase: false, regex: /(?:^|\s)a(?:$|\s)/ }],
        },
      ],
    },
  ]);
  // case-insensitive attributes, empty or spaced values, escapes and other operators go to linkedom
  const others = ['[class*=""]', '[class~="a b"]', '[title="a\\"b"]', '[lang|="en"]', '[a=b]', '.é', 'a  >b'];
  for (const other of ['div > p', 'div>p', '*', '', 'p:not(.x)', 'p,', ...others]) {
    assert.equal(simpleSelector(other), null, other);
  }
});

test('querySelectorAll and className agree with linkedom on real pages', { skip: !existsSync(PAGES) }, () => {
  const files = readdirSync(PAGES).sort().slice(0, 40);
  let compared = 0;
  for (const file of files) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const { document } = parseHtmlDocument(html, { maxBytes: 5_000_000, maxDepth: 500 });
    const roots: ParentNode[] = [document, ...Array.from(document.querySelectorAll('div')).slice(0, 5)];
    for (const root of roots) {
      for (const selector of SELECTORS) {
        const fast = Array.from(root.querySelectorAll(selector));
        assert.deepEqual(fast, linkedomQuerySelectorAll(root, selector), `${file}: ${selector}`);
        assert.equal(root.querySelector(selector), fast[0] ?? null, `${file}: first ${selector}`);
        compared++;
      }
    }
    for (const element of Array.from(document.querySelectorAll('[class]'))) {
      assert.equal(element.className, element.classList.value, file);
    }
  }
  assert.ok(compared >= files.length * SELECTORS.length * 2, `${compared} comparisons`);
});

test('className normalises white space and repeats as linkedom does, and writes go through', () => {
  const { document } = parseHTML('<html><body><p class="  a\tb  a ">x</p><template><p>t</p></template></body></html>');
  const p = document.querySelector('p') as Element;
  assert.equal(p.className, 'a b');
  assert.equal(p.getAttribute('class'), 'a b');
  p.className = ' c  d c';
  assert.equal(p.className, 'c d');
  p.classList.add('e');
  assert.equal(p.className, 'c d e');
  p.className = 'f';
  assert.equal(p.className, 'f');
  assert.equal(p.classList.contains('f'), true);
  p.removeAttribute('class');
  assert.equal(p.className, '');
  // a template's content is not matched, as in linkedom
  assert.equal(document.querySelectorAll('p').length, 1);
  assert.equal(normaliseClass('x  y\nx'), 'x y');
});

test('class values are normalised as linkedom does: distinct tokens, single spaces', () => {
  const reference = (value: string) => [...new Set(value.split(/\s+/).filter((t) => t !== ''))].join(' ');
  const PARTS = ['a', 'b', 'ab', 'ba', 'col-6', 'x_y', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', 'é'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PARTS), { maxLength: 24 }), (parts) => {
      const value = parts.join('');
      assert.equal(normaliseClass(value), reference(value), JSON.stringify(value));
    }),
    { numRuns: 20_000 },
  );
  for (const value of ['a b c d e f g h i', 'a b c d e f g h i a', 'a b c d e f g h i j k'])
    assert.equal(normaliseClass(value), reference(value));
});

/** The text below `node` by a plain recursion over childNodes (independent of the fast getter). */
function textBelow(node: Node): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3 || child.nodeType === 4) text += child.nodeValue ?? '';
    else if (child.nodeType === 1) text += textBelow(child);
  }
  return text;
}

test('the frozen index, tagName, getElementsByTagName and textContent agree with linkedom', {
  skip: !existsSync(PAGES),
}, () => {
  const files = readdirSync(PAGES).sort().slice(40, 70);
  let compared = 0;
  for (const file of files) {
    const html = gunzipSync(readFileSync(join(PAGES, file))).toString('utf8');
    const { document } = parseHtmlDocument(html, { maxBytes: 5_000_000, maxDepth: 500 });
    const roots: ParentNode[] = [document, ...Array.from(document.querySelectorAll('div, ul, template')).slice(0, 8)];
    const walked = roots.map((root) => SELECTORS.map((selector) => Array.from(root.querySelectorAll(selector))));
    readFrozen(document, () => {
      roots.forEach((root, r) => {
        SELECTORS.forEach((selector, i) => {
          const indexed = Array.from(root.querySelectorAll(selector));
          assert.deepEqual(indexed, walked[r]?.[i], `${file}: frozen ${selector}`);
          assert.equal(root.querySelector(selector), indexed[0] ?? null, `${file}: frozen first ${selector}`);
          compared++;
        });
      });
    });
    for (const element of Array.from(document.querySelectorAll('*')).slice(0, 300)) {
      assert.equal(element.tagName, element.localName.toUpperCase(), file);
      assert.equal(element.textContent, textBelow(element), file);
    }
    for (const name of ['a', 'P', 'div', 'DIV', 'li']) {
      const fast = Array.from(document.getElementsByTagName(name));
      const expected = Array.from(document.querySelectorAll('*')).filter(
        (e) => e.localName === name || e.localName.toUpperCase() === name,
      );
      assert.deepEqual(fast, expected, `${file}: getElementsByTagName ${name}`);
    }
  }
  assert.ok(compared >= files.length * SELECTORS.length, `${compared} comparisons`);
});

test('readFrozen answers from the document as it was, and only while it runs', () => {
  const { document } = parseHTML('<html><body><div id="a"><p>1</p><p>2</p></div><p>3</p></body></html>');
  const div = document.querySelector('div') as Element;
  const inside = readFrozen(document, () => ({
    all: document.querySelectorAll('p').length,
    below: div.querySelectorAll('p').length,
    first: document.querySelector('[id]'),
  }));
  assert.deepEqual({ ...inside, first: inside.first === div }, { all: 3, below: 2, first: true });
  div.remove();
  assert.equal(document.querySelectorAll('p').length, 1, 'after the read the walk sees the change');
});
