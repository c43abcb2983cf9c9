// Markup that never yields article text is cut from the HTML string before it is parsed: scripts
// (JSON-LD kept, metadata reads it), styles, comments, inline SVG, <noscript>, <template>,
// <iframe> fallbacks, <select> option lists. On news pages these are often half the bytes and
// most of the nodes, and the parser, the metadata queries and Readability all cost in proportion.
// The same scan drops <link> tags (style sheets, preloads, icons, feeds: a dozen or more per
// page) except the canonical URL, the only one the metadata reads.
// Each pass is one scan of character codes from '<' to '<' (indexOf) with exactly the output the
// earlier regex passes gave (html-strip.test.ts keeps them as the specification and compares on
// generated HTML); pruneAttributesAndLayout does the last two passes in one scan and one new
// string. Every search only moves forward or stops at the next '<', '>' or quote, so no input
// makes a pass quadratic.

import { isSpaceCode } from './white-space.js';

const LT = 60;
const GT = 62;
const SLASH = 47;

/** The character after a tag name in `(?=[\s/>])`. */
const endsTagName = (c: number) => c === GT || c === SLASH || isSpaceCode(c);

/** `html` at `at` spells the lowercase ASCII `word` in any case (`c | 32` lowercases letters only). */
function spells(html: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((html.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

const CANONICAL_REL = /\brel\s*=\s*["']?[^"'>]*\bcanonical\b/i;
const LD_JSON = /\btype\s*=\s*["']?application\/ld\+json/i;

export interface StrippedHtml {
  html: string;
  /** Characters removed. */
  removed: number;
}

/**
 * The element whose whole content goes (or 'link') named at `at` (just after '<'), or ''.
 * A name is ASCII letters in any case followed by white space, '/' or '>'.
 */
function inertName(html: string, at: number): string {
  let end = at;
  for (; end - at < 9; end++) {
    const c = html.charCodeAt(end) | 32;
    if (c < 97 || c > 122) break;
  }
  if (!endsTagName(html.charCodeAt(end))) return '';
  switch (end - at) {
    case 3:
      return spells(html, at, 'svg') ? 'svg' : '';
    case 4:
      return spells(html, at, 'link') ? 'link' : spells(html, at, 'math') ? 'math' : '';
    case 5:
      return spells(html, at, 'style') ? 'style' : '';
    case 6:
      return spells(html, at, 'script')
        ? 'script'
        : spells(html, at, 'iframe')
          ? 'iframe'
          : spells(html, at, 'select')
            ? 'select'
            : '';
    case 8:
      return spells(html, at, 'noscript') ? 'noscript' : spells(html, at, 'template') ? 'template' : '';
    default:
      return '';
  }
}

/** Index of the first '<' or '>' at or after `from`, or the length. */
function nextAngle(html: string, from: number): number {
  const length = html.length;
  let i = from;
  for (; i < length; i++) {
    const c = html.charCodeAt(i);
    if (c === GT || c === LT) break;
  }
  return i;
}

export function stripInertMarkup(html: string): StrippedHtml {
  const length = html.length;
  const parts: string[] = [];
  let copied = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    let end: number;
    if (html.charCodeAt(at + 1) === 33 /* ! */) {
      if (html.charCodeAt(at + 2) !== 45 || html.charCodeAt(at + 3) !== 45) {
        at = html.indexOf('<', at + 1);
        continue;
      }
      const close = html.indexOf('-->', at + 4);
      end = close < 0 ? length : close + 3;
    } else {
      const name = inertName(html, at + 1);
      if (name === '') {
        at = html.indexOf('<', at + 1);
        continue;
      }
      if (name === 'link') {
        const gt = nextAngle(html, at + 5);
        // a tag that does not close before the next '<', or the canonical URL, stays
        if (gt === length || html.charCodeAt(gt) === LT || CANONICAL_REL.test(html.slice(at, gt + 1))) {
          at = html.indexOf('<', at + 1);
          continue;
        }
        end = gt + 1;
      } else {
        const gt = html.indexOf('>', at);
        if (gt < 0) break;
        const tagEnd = gt + 1;
        if (name === 'script' && LD_JSON.test(html.slice(at, tagEnd))) {
          // Skip over the JSON-LD body so a '<' inside it is not taken for a tag.
          const close = indexOfCloseTag(html, 'script', tagEnd);
          if (close < 0) break;
          at = html.indexOf('<', close + 1);
          continue;
        }
        if (html.charCodeAt(tagEnd - 2) === SLASH && name !== 'script' && name !== 'style') {
          end = tagEnd; // <svg … /> (self-closing in foreign content)
        } else {
          const close = indexOfCloseTag(html, name, tagEnd);
          end = close < 0 ? length : html.indexOf('>', close) + 1 || length;
        }
      }
    }
    parts.push(html.slice(copied, at));
    copied = end;
    at = html.indexOf('<', end);
  }
  if (copied === 0) return { html, removed: 0 };
  parts.push(html.slice(copied));
  const out = parts.join('');
  return { html: out, removed: length - out.length };
}

/** Index of the next `</name` (any case, then white space, '/' or '>') at or after `from`, or -1. */
function indexOfCloseTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
    if (spells(html, at + 2, name) && endsTagName(html.charCodeAt(at + 2 + name.length))) return at;
  }
  return -1;
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

/** The kept names by length and first letter, so a name is compared without a string made for it. */
const KEPT_BY_KEY = new Map<number, string[]>();
for (const name of KEPT_ATTRIBUTES) {
  const key = (name.length << 8) | name.charCodeAt(0);
  KEPT_BY_KEY.set(key, [...(KEPT_BY_KEY.get(key) ?? []), name]);
}

/**
 * html[start, end) is a kept attribute name in any case: what `KEPT_ATTRIBUTES.has(name.toLowerCase())`
 * said. Lowercasing keeps a name's length but for 'İ' (it adds U+0307, in no kept name), and the only
 * other character it turns into ASCII is the Kelvin sign ('k', in no kept name), so comparing the
 * letters with `| 32` and the rest ('-', ':') as they are gives the same answer. A key that collides
 * (a character past U+00FF) only brings names that then fail the comparison.
 */
function isKeptName(html: string, start: number, end: number): boolean {
  const names = KEPT_BY_KEY.get(((end - start) << 8) | (html.charCodeAt(start) | 32));
  if (names === undefined) return false;
  for (const name of names) if (spellsName(html, start, name)) return true;
  return false;
}

/** `html` at `at` spells `word` (lowercase ASCII): letters in any case, anything else exactly. */
function spellsName(html: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const w = word.charCodeAt(i);
    const c = html.charCodeAt(at + i);
    if (w >= 97 && w <= 122 ? (c | 32) !== w : c !== w) return false;
  }
  return true;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/** `[a-zA-Z0-9:-]` */
const isTagNameCode = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 58) || c === 45;
/** `[^\s"'>/=]` */
const isAttributeNameCode = (c: number) =>
  c !== 34 && c !== 39 && c !== GT && c !== SLASH && c !== 61 && !isSpaceCode(c);
/** `[^\s"'=<>\`]` */
const isUnquotedValueCode = (c: number) =>
  c !== 34 && c !== 39 && c !== 61 && c !== LT && c !== GT && c !== 96 && !isSpaceCode(c);

/** `=\s*["']?#` somewhere in html[from, end): an <a href> into the page. */
function hasInPageHref(html: string, from: number, end: number): boolean {
  if (from >= end) return false;
  // A search may pass `end`, but only up to the next '=' after this value; each attribute with a
  // value holds a '=', so no stretch of the page is searched more than twice.
  for (let eq = html.indexOf('=', from); eq >= 0 && eq < end; eq = html.indexOf('=', eq + 1)) {
    let i = eq + 1;
    while (i < end && isSpaceCode(html.charCodeAt(i))) i++;
    const c = html.charCodeAt(i);
    if (i < end && (c === 34 || c === 39)) i++;
    if (i < end && html.charCodeAt(i) === 35 /* # */) return true;
  }
  return false;
}

/**
 * The HTML with every attribute not in KEPT_ATTRIBUTES removed from start tags, and the `href`
 * of an <a> unless it points into the page. A start tag is `<name` and white space up to the next
 * '>' with no '<' before it; when its attributes do not tokenise (a '>' inside a quoted value, a
 * stray quote or '='), it is left as it is.
 */
export function pruneAttributes(html: string): string {
  return prune(html, false) ?? html;
}

/**
 * `dropLayoutWhitespace(pruneAttributes(html))` in one scan and one new string. Pruning changes
 * only what lies between a start tag's name and its '>', and the layout pass reads only the
 * tag names, the character after each (white space before pruning; white space, '/' or '>'
 * after), the first '>' after them, and the white space between a '>' and a '<', none of which
 * pruning moves or changes; so both decide the same on the page as it was. The exception is a
 * <pre>, whose test pruning can change (`<pre data-x=1/>` becomes `<pre/>`): a page with
 * `<pre` and white space or '>' goes through the two passes one after the other.
 */
export function pruneAttributesAndLayout(html: string): string {
  return prune(html, true) ?? dropLayoutWhitespace(pruneAttributes(html));
}

/** The pruning scan, with the layout white space dropped too when `layout`; null when `layout` meets a <pre>. */
function prune(html: string, layout: boolean): string | null {
  const parts: string[] = [];
  let copied = 0;
  // The first '>' at or after the last place searched: both searches only move forward, so a
  // page of '<' with no '>' for a long way is still scanned once.
  let nextGt = -2;
  let next = -1; // the '<' after `at`
  let previous = -1; // the '<' before `at`
  for (let at = html.indexOf('<'); at >= 0; previous = at, at = next) {
    if (layout) {
      if ((html.charCodeAt(at + 1) | 32) === 112 && spells(html, at + 1, 'pre')) {
        const c = html.charCodeAt(at + 4);
        if (c === GT || isSpaceCode(c)) return null;
      }
      const run = layoutRunBefore(html, at, previous);
      if (run >= 0) {
        parts.push(html.slice(copied, run));
        copied = at;
      }
    }
    if (!isAsciiLetter(html.charCodeAt(at + 1))) {
      next = html.indexOf('<', at + 1);
      continue;
    }
    let p = at + 2;
    while (isTagNameCode(html.charCodeAt(p))) p++;
    // (no '<' among the name's characters: the next one is at or after p)
    next = html.indexOf('<', p);
    if (!isSpaceCode(html.charCodeAt(p))) continue;
    if (nextGt !== -1 && nextGt < p) nextGt = html.indexOf('>', p);
    const gt = nextGt;
    if (gt < 0 || (next >= 0 && next < gt)) continue;
    const isAnchor = p === at + 2 && (html.charCodeAt(at + 1) | 32) === 97;
    // Attributes are copied as they are; a dropped one is cut out and a kept one that does not
    // start with a space gets one. Undone when nothing is dropped or a token does not parse.
    const partsBefore = parts.length;
    const copiedBefore = copied;
    let dropped = false;
    let ok = true;
    while (p < gt) {
      const start = p;
      while (p < gt && isSpaceCode(html.charCodeAt(p))) p++;
      const nameStart = p;
      for (; p < gt; p++) {
        const c = html.charCodeAt(p);
        if (!((c >= 97 && c <= 122) || c === 45 || isAttributeNameCode(c))) break;
      }
      const nameEnd = p;
      if (nameEnd === nameStart) {
        // the end of the tag: white space around one optional '/'
        if (p < gt && html.charCodeAt(p) === SLASH) p++;
        while (p < gt && isSpaceCode(html.charCodeAt(p))) p++;
        if (p !== gt) ok = false;
        break;
      }
      // an optional value: = "…", '…' or unquoted
      let v = p;
      while (v < gt && isSpaceCode(html.charCodeAt(v))) v++;
      if (v < gt && html.charCodeAt(v) === 61 /* = */) {
        v++;
        while (v < gt && isSpaceCode(html.charCodeAt(v))) v++;
        const q = html.charCodeAt(v);
        if (v < gt && (q === 34 || q === 39)) {
          // indexOf may pass `gt`, but only up to the next quote, which no earlier search passed
          const close = html.indexOf(q === 34 ? '"' : "'", v + 1);
          if (close >= 0 && close < gt) p = close + 1;
        } else {
          let e = v;
          while (e < gt && isUnquotedValueCode(html.charCodeAt(e))) e++;
          if (e > v) p = e;
        }
      }
      const kept =
        isKeptName(html, nameStart, nameEnd) &&
        !(isAnchor && nameEnd - nameStart === 4 && spells(html, nameStart, 'href') && !hasInPageHref(html, nameEnd, p));
      if (!kept) {
        parts.push(html.slice(copied, start));
        copied = p;
        dropped = true;
      } else if (html.charCodeAt(start) !== 32) {
        parts.push(html.slice(copied, start), ' ');
        copied = nameStart;
      }
    }
    if (!ok || !dropped) {
      parts.length = partsBefore;
      copied = copiedBefore;
    }
  }
  if (copied === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}

// Block-level tags: white space next to them is layout, never text between words.
const LAYOUT_TAGS =
  'div|p|ul|ol|li|table|tbody|thead|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|h1|h2|h3|h4|h5|h6|head|meta|link|body|html|form|figure|figcaption|dl|dt|dd|blockquote|hr|br|option|center|address|fieldset|legend|details|summary|menu'.split(
    '|',
  );
// Kept as a regex: a scan of its own was not clearly faster (the pipeline runs the scan fused
// with pruning, pruneAttributesAndLayout, which is).
const LAYOUT_WHITESPACE = new RegExp(
  `(<\\/?(?:${LAYOUT_TAGS.join('|')})(?=[\\s/>])[^<>]*>)[ \\t\\r\\n\\f]+(?=<)|(>)[ \\t\\r\\n\\f]+(?=<\\/?(?:${LAYOUT_TAGS.join('|')})[\\s/>])`,
  'gi',
);
/** The layout tag names by length and first letter, so a name is compared without a string made for it. */
const LAYOUT_BY_KEY = new Map<number, string[]>();
for (const name of LAYOUT_TAGS) {
  const key = (name.length << 8) | name.charCodeAt(0);
  LAYOUT_BY_KEY.set(key, [...(LAYOUT_BY_KEY.get(key) ?? []), name]);
}

/** `<`, an optional '/', a layout tag's name in any case, then white space, '/' or '>', at `at`. */
function isLayoutTag(html: string, at: number): boolean {
  const start = html.charCodeAt(at + 1) === SLASH ? at + 2 : at + 1;
  let end = start;
  for (; end - start < 11; end++) {
    const c = html.charCodeAt(end);
    if (!(isAsciiLetter(c) || (c >= 48 && c <= 57))) break;
  }
  if (end === start || end - start > 10 || !endsTagName(html.charCodeAt(end))) return false;
  // letters and digits only here, so `c | 32` (in spells) lowercases a letter and keeps a digit
  const names = LAYOUT_BY_KEY.get(((end - start) << 8) | (html.charCodeAt(start) | 32));
  if (names === undefined) return false;
  for (const name of names) if (spells(html, start, name)) return true;
  return false;
}

/** ASCII layout white space: `[ \t\r\n\f]` (not \v). */
const isLayoutSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

/**
 * The HTML without the white space that only lays out its source between block-level tags
 * (indentation and newlines around <div>, <li>, <td>…). linkedom makes each run a text node,
 * often a third of all nodes, and every later pass walks them. Text inside <pre> keeps its
 * layout (a page with a <pre> is returned as it is); white space between inline elements
 * ("<a>x</a> <a>y</a>") is left alone.
 */
export function dropLayoutWhitespace(html: string): string {
  if (/<pre[\s>]/i.test(html)) return html;
  return html.replace(LAYOUT_WHITESPACE, '$1$2');
}

/**
 * Where the layout white space before the '<' at `at` starts, or -1 when it stays: it must be all
 * that lies after a '>', and that '>' must end a layout tag (opened by `previous`, the last '<'
 * before `at`) or the '<' must open or close one.
 */
function layoutRunBefore(html: string, at: number, previous: number): number {
  if (!isLayoutSpace(html.charCodeAt(at - 1))) return -1;
  let run = at - 1;
  while (run > 0 && isLayoutSpace(html.charCodeAt(run - 1))) run--;
  if (run === 0 || html.charCodeAt(run - 1) !== GT) return -1;
  if (!isLayoutTag(html, at) && !(previous >= 0 && endsLayoutTag(html, previous, run - 1))) return -1;
  return run;
}

/** The tag opened by the '<' at `at` is a layout tag whose first '>' is the one at `gt`. */
function endsLayoutTag(html: string, at: number, gt: number): boolean {
  if (!isLayoutTag(html, at)) return false;
  const name = html.charCodeAt(at + 1) === SLASH ? at + 2 : at + 1;
  const first = html.indexOf('>', name);
  return first === gt;
}
