// The string passes before parsing (html-strip.ts) compared with their previous implementation,
// kept below as the specification: one regex per tag. The rewrite must give exactly the same string
// for every input, quirks included, so fast-check builds HTML-like strings from tricky fragments
// (tags in any case, quoted/unquoted/valueless attributes, '>' in quotes, comments, unclosed tags,
// <pre>, every kind of white space) and each pass, and the three chained, must agree.
// STRIP_RUNS=n raises the number of generated cases per property (3 properties).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dropLayoutWhitespace, pruneAttributes, pruneAttributesAndLayout, stripInertMarkup } from './html-strip.js';

// ---------------------------------------------------------------------------------------------
// The previous implementation (html-strip.ts at commit 2648578), unchanged but for the names:
// the specification the scans above must match.
// ---------------------------------------------------------------------------------------------

// The elements whose whole content goes, comments, and <link>. `(?=[\s/>])` so `<svg-icon>` is not `<svg>`.
const START = /<(?:!--|(script|style|svg|noscript|template|iframe|select|math|link)(?=[\s/>]))/gi;
const LINK_TAG = /<link[^<>]*>/iy;
const CANONICAL_REL = /\brel\s*=\s*["']?[^"'>]*\bcanonical\b/i;
const ATTRIBUTES_END = />/g;
const LD_JSON = /\btype\s*=\s*["']?application\/ld\+json/i;

function referenceStripInertMarkup(html: string): { html: string; removed: number } {
  const kept: string[] = [];
  let copied = 0;
  START.lastIndex = 0;
  for (let m = START.exec(html); m; m = START.exec(html)) {
    const at = m.index;
    const name = m[1]?.toLowerCase();
    let end: number;
    if (!name) {
      const close = html.indexOf('-->', at + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (name === 'link') {
      LINK_TAG.lastIndex = at;
      const tag = LINK_TAG.exec(html);
      // a tag that does not close before the next '<', or the canonical URL, stays
      if (!tag || CANONICAL_REL.test(tag[0])) continue;
      end = at + tag[0].length;
    } else {
      ATTRIBUTES_END.lastIndex = at;
      const open = ATTRIBUTES_END.exec(html);
      if (!open) break;
      const tagEnd = open.index + 1;
      if (name === 'script' && LD_JSON.test(html.slice(at, tagEnd))) {
        // Skip over the JSON-LD body so a '<' inside it is not taken for a tag.
        const close = referenceIndexOfCloseTag(html, 'script', tagEnd);
        START.lastIndex = close < 0 ? html.length : close;
        continue;
      }
      if (html[tagEnd - 2] === '/' && name !== 'script' && name !== 'style') {
        end = tagEnd; // <svg … /> (self-closing in foreign content)
      } else {
        const close = referenceIndexOfCloseTag(html, name, tagEnd);
        end = close < 0 ? html.length : html.indexOf('>', close) + 1 || html.length;
      }
    }
    kept.push(html.slice(copied, at));
    copied = end;
    START.lastIndex = end;
  }
  if (copied === 0) return { html, removed: 0 };
  kept.push(html.slice(copied));
  const out = kept.join('');
  return { html: out, removed: html.length - out.length };
}

const CLOSE_CACHE = new Map<string, RegExp>();

/** Index of the next `</name` (case-insensitive) at or after `from`, or -1. */
function referenceIndexOfCloseTag(html: string, name: string, from: number): number {
  let re = CLOSE_CACHE.get(name);
  if (!re) {
    re = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    CLOSE_CACHE.set(name, re);
  }
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/**
 * The attributes anything downstream reads (the block walk, metadata, boilerplate names,
 * Readability's scoring and visibility checks). linkedom makes every attribute a node, so
 * `srcset`, `data-*`, event handlers and tracking attributes cost parse time for nothing.
 */
const KEPT_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'href',
  'rel',
  'itemprop',
  'itemtype',
  'content',
  'datetime',
  'pubdate',
  'title',
  'name',
  'property',
  'type',
  'lang',
  'xml:lang',
  'dir',
  'colspan',
  'rowspan',
  'summary',
  'datatable',
  'charset',
  'http-equiv',
]);

// A start tag with attributes; [^<>] keeps each attempt local (a '>' inside a quoted value makes
// the match fail to tokenise below, and that tag is then left as it is).
const START_TAG = /<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^<>]*)>/g;
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/?\s*$/y;

// A link's target matters only when it points into the page ("#note-1": Readability counts such
// links at 0.3 of their text in link density); any other <a href> is a node for nothing.
const IN_PAGE_HREF = /=\s*["']?#/;

/**
 * The HTML with every attribute not in KEPT_ATTRIBUTES removed from start tags, and the `href`
 * of an <a> unless it points into the page.
 */
function referencePruneAttributes(html: string): string {
  const kept: string[] = [];
  let copied = 0;
  START_TAG.lastIndex = 0;
  for (let m = START_TAG.exec(html); m; m = START_TAG.exec(html)) {
    const attributes = m[2] ?? '';
    const isAnchor = m[1] === 'a' || m[1] === 'A';
    let out = '';
    let dropped = false;
    let ok = true;
    ATTRIBUTE.lastIndex = 0;
    while (ATTRIBUTE.lastIndex < attributes.length) {
      const start = ATTRIBUTE.lastIndex;
      const a = ATTRIBUTE.exec(attributes);
      if (!a || ATTRIBUTE.lastIndex === start) {
        ok = false;
        break;
      }
      const name = a[1];
      if (name === undefined) {
        out += a[0];
        continue;
      }
      const lower = name.toLowerCase();
      if (KEPT_ATTRIBUTES.has(lower) && !(lower === 'href' && isAnchor && !IN_PAGE_HREF.test(a[0])))
        out += a[0].startsWith(' ') ? a[0] : ` ${a[0].trimStart()}`;
      else dropped = true;
    }
    if (!ok || !dropped) continue;
    kept.push(html.slice(copied, m.index), `<${m[1]}${out}>`);
    copied = m.index + m[0].length;
  }
  if (copied === 0) return html;
  kept.push(html.slice(copied));
  return kept.join('');
}

// Block-level tags: white space next to them is layout, never text between words.
const LAYOUT_TAGS =
  'div|p|ul|ol|li|table|tbody|thead|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|h[1-6]|head|meta|link|body|html|form|figure|figcaption|dl|dt|dd|blockquote|hr|br|option|center|address|fieldset|legend|details|summary|menu';
const LAYOUT_WHITESPACE = new RegExp(
  `(<\\/?(?:${LAYOUT_TAGS})(?=[\\s/>])[^<>]*>)[ \\t\\r\\n\\f]+(?=<)|(>)[ \\t\\r\\n\\f]+(?=<\\/?(?:${LAYOUT_TAGS})[\\s/>])`,
  'gi',
);

/**
 * The HTML without the white space that only lays out its source between block-level tags
 * (indentation and newlines around <div>, <li>, <td>…). linkedom makes each run a text node,
 * often a third of all nodes, and every later pass walks them. Text inside <pre> keeps its
 * layout; white space between inline elements ("<a>x</a> <a>y</a>") is left alone.
 */
function referenceDropLayoutWhitespace(html: string): string {
  if (/<pre[\s>]/i.test(html)) return html;
  return html.replace(LAYOUT_WHITESPACE, '$1$2');
}

// ---------------------------------------------------------------------------------------------

const RUNS = Number(process.env.STRIP_RUNS ?? 1000);

const WHITE = [' ', '  ', '\n', '\t', '\r\n', '\f', '\v', '\u00a0', '\u2028', '\ufeff', '\u3000', '\u1680', ' \n\t '];
const NAMES = [
  'div',
  'DIV',
  'Div',
  'p',
  'P',
  'pre',
  'PRE',
  'Pre',
  'prex',
  'a',
  'A',
  'abbr',
  'span',
  'br',
  'BR',
  'h1',
  'H6',
  'h7',
  'li',
  'li-x',
  'param',
  'table',
  'td',
  'meta',
  'link',
  'LINK',
  'Link',
  'script',
  'SCRIPT',
  'scripts',
  'style',
  'svg',
  'svg-icon',
  'math',
  'noscript',
  'template',
  'iframe',
  'select',
  'option',
  'figcaption',
  'blockquote',
  'x:y',
  'img',
  'o:p',
  'section',
  'aside',
  'nav',
];
const ATTRIBUTES = [
  ' class="x y"',
  ' CLASS=y',
  " id='i'",
  ' data-x="1"',
  " srcset='a 1x, b 2x'",
  ' hidden',
  ' HIDDEN',
  ' onclick="a>b"',
  ' title="<i>"',
  ' href="#x"',
  ' href="/y"',
  " HREF = '#z'",
  ' href=#q',
  ' href="/a?b=#c"',
  ' href',
  ' href =',
  ' rel=canonical',
  ' rel="stylesheet canonical"',
  ' REL="Canonical"',
  ' rel="icon"',
  ' type="application/ld+json"',
  " type='Application/LD+JSON'",
  ' type=text/javascript',
  ' x=',
  '=',
  '"',
  "'",
  '`',
  ' a=b=c',
  ' /',
  '/',
  ' / ',
  ' xml:lang=en',
  ' data-\u212a="1"',
  ' \u212aind',
  ' \u0130d=1',
  ' style="a:b"',
  'class="glued"',
  ' aria-hidden=true',
  ' a="unclosed',
  " b='unclosed",
  ' c=`x`',
  ' name=\u00a0v',
  ' content="x"',
  ' datetime=2022',
  ' itemprop',
  ' XML:LANG=x',
  ' xml\u001alang=x',
  ' Aria-Hidden',
  ' hre\u0192=1',
  ' rowSpan=2',
];
const TEXT = [
  'text',
  'x',
  ' ',
  '>',
  '<',
  '<<',
  '>>',
  '/>',
  '-->',
  '<!--',
  '<!-->',
  '<!-- c -->',
  '--',
  '{"a":"<b>"}',
  '<!DOCTYPE html>',
  '=',
  '"',
  "'",
  '#',
  'a < b',
  '</',
  '&amp;',
];

const tag = fc
  .tuple(
    fc.constantFrom('<', '</', '<', '< '),
    fc.constantFrom(...NAMES),
    fc.array(fc.oneof(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...WHITE)), { maxLength: 5 }),
    fc.constantFrom('>', '/>', ' >', '', '\n>'),
  )
  .map(([open, name, attributes, close]) => `${open}${name}${attributes.join('')}${close}`);
const closeTag = fc.constantFrom(...NAMES).map((name) => `</${name}>`);
const fragment = fc.oneof(
  { arbitrary: tag, weight: 4 },
  { arbitrary: closeTag, weight: 2 },
  { arbitrary: fc.constantFrom(...WHITE), weight: 3 },
  { arbitrary: fc.constantFrom(...TEXT), weight: 2 },
  { arbitrary: fc.constantFrom(...ATTRIBUTES), weight: 1 },
  { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
);
const page = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

test('stripInertMarkup gives what the previous implementation gave', () => {
  fc.assert(
    fc.property(page, (html) => {
      assert.deepEqual(stripInertMarkup(html), referenceStripInertMarkup(html));
    }),
    { numRuns: RUNS },
  );
});

test('pruneAttributes gives what the previous implementation gave', () => {
  fc.assert(
    fc.property(page, (html) => {
      assert.equal(pruneAttributes(html), referencePruneAttributes(html));
    }),
    { numRuns: RUNS },
  );
});

test('dropLayoutWhitespace and pruneAttributesAndLayout, alone and after the other passes, give what the previous implementation gave', () => {
  fc.assert(
    fc.property(page, (html) => {
      assert.equal(dropLayoutWhitespace(html), referenceDropLayoutWhitespace(html));
      assert.equal(pruneAttributesAndLayout(html), referenceDropLayoutWhitespace(referencePruneAttributes(html)));
      const stripped = stripInertMarkup(html).html;
      const pruned = pruneAttributes(stripped);
      assert.equal(dropLayoutWhitespace(pruned), referenceDropLayoutWhitespace(pruned));
      assert.equal(
        pruneAttributesAndLayout(stripped),
        referenceDropLayoutWhitespace(referencePruneAttributes(stripped)),
      );
    }),
    { numRuns: RUNS },
  );
});

test('the quirks of the specification hold', () => {
  // attributes that do not tokenise leave the tag alone; a glued attribute gets its space
  assert.equal(pruneAttributes('<div data-x="a>b" class=c>'), '<div data-x="a>b" class=c>');
  assert.equal(pruneAttributes('<div a=b=c data-x=1>'), '<div a=b=c data-x=1>');
  assert.equal(pruneAttributes('<div\ndata-x=1\nclass="k"id=i />'), '<div class="k" id=i />');
  assert.equal(
    pruneAttributes('<a href="/y" title=t><a href="#x"><A HREF=\'/a?b=#c\'>'),
    '<a title=t><a href="#x"><A HREF=\'/a?b=#c\'>',
  );
  // a page with a <pre> keeps all its white space; \v and U+00A0 are not layout
  const pre = '<div>\n  <p>x</p>\n</div><pre>\n</pre>';
  assert.equal(dropLayoutWhitespace(pre), pre);
  assert.equal(dropLayoutWhitespace('<div>\n  <p>x</p> \f<span>y</span>\v<p>'), '<div><p>x</p><span>y</span>\v<p>');
  assert.equal(dropLayoutWhitespace('<b>x</b> <i>y</i>\u00a0<div>'), '<b>x</b> <i>y</i>\u00a0<div>');
  // pruning can end a <pre>'s test ('<pre/' is not '<pre[\s>]'), so the layout pass then runs
  assert.equal(pruneAttributesAndLayout('<div>\n<pre data-x="1"/>\n<p>'), '<div><pre/><p>');
  assert.equal(pruneAttributesAndLayout('<div>\n<pre data-x="1" />\n<p>'), '<div>\n<pre />\n<p>');
  // JSON-LD and the canonical link stay; other links, scripts, comments and <svg-icon>'s namesake go
  const html =
    '<link rel=stylesheet href=a.css><link rel="canonical" href="/c"><script type="application/ld+json">{"a":"<b>"}</script>' +
    '<script>if (a<b) x()</script><!-- c --><svg-icon>k</svg-icon><SVG><path/></svg>end';
  const kept =
    '<link rel="canonical" href="/c"><script type="application/ld+json">{"a":"<b>"}</script><svg-icon>k</svg-icon>end';
  assert.deepEqual(stripInertMarkup(html), { html: kept, removed: html.length - kept.length });
});

test('no input makes a pass quadratic', () => {
  for (const unit of [
    '<a href ',
    '<a href>',
    '<a href=x ',
    '<a href=x>',
    '<a href>=',
    '<a x ',
    '<p x="y>',
    '<div x="',
    '<link ',
    '> \n<x',
    '<script type=application/ld+json>',
  ]) {
    // the unit again and again, and then what its searches look for far away
    const html = `${unit.repeat(200_000)}>"'=`;
    const start = process.cpuUsage();
    stripInertMarkup(html);
    dropLayoutWhitespace(pruneAttributes(html));
    pruneAttributesAndLayout(html);
    const used = process.cpuUsage(start);
    assert.ok(used.user + used.system < 2_000_000, `${JSON.stringify(unit)}: ${used.user + used.system} µs`);
  }
});
