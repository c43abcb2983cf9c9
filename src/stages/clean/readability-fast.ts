// Readability with two of its per-node checks answered without the work they do not need.
//
// Readability asks, for every element it walks, whether it is visible (reading `node.style`,
// which linkedom answers by building a Proxy over a Map and parsing the style attribute) and
// whether it is a byline (reading the whole `textContent` of the element — for <body> that is
// the page — before looking at the cheap tests). Together about a twentieth of the extraction's
// time. Here an element without a style attribute skips the style lookups (they would read
// ''), and the byline test runs its attribute and name tests first and reads the text only
// when they pass. The answers are the same: both overrides fall back to Readability's own
// methods or compute the same expression in a cheaper order
// (src/stages/clean/readability-fast.test.ts compares them on every node of real pages).
//
// Link and text density (`_getLinkDensity`, `_getTextDensity`, called for most candidates and
// again by the conditional cleaning) only need the lengths of `_getInnerText`: the page's text
// trimmed and with white-space runs collapsed. They are counted here without building the string
// (innerTextLength in linkedom-fast.ts) and summed in Readability's order, so the ratios are the
// same numbers to the last bit (the test compares them on every element of real pages).

import { Readability } from '@mozilla/readability';
import { countTextCode, findDescriptor, hasVisibleText, innerTextLength, isSpaceCode } from './linkedom-fast.js';

type ReadabilityOptions = ConstructorParameters<typeof Readability<Node>>[1];

interface Internals {
  _isProbablyVisible(node: Element): boolean;
  _isValidByline(node: Element, matchString: string): boolean;
  _getLinkDensity(element: Element): number;
  _getTextDensity(element: Element, tags: string[]): number;
  _getAllNodesWithTag(node: Element, tagNames: string[]): ArrayLike<Element>;
  _grabArticle(page?: Element): Element | null;
  _isElementWithoutContent(node: Element): boolean;
  _getCharCount(e: Element, s?: string): number;
  _doc: Document;
  REGEXPS: { byline: RegExp; hashUrl: RegExp };
}

const proto = Readability.prototype as unknown as Internals;
const originalVisible = proto._isProbablyVisible;
const originalGrab = proto._grabArticle;
const originalCharCount = proto._getCharCount;

/** Readability's visibility test; the style lookups only when the element has a style attribute. */
export function isProbablyVisible(this: Internals, node: Element): boolean {
  if (node.hasAttribute('style')) return originalVisible.call(this, node);
  return (
    !node.hasAttribute('hidden') &&
    (!node.hasAttribute('aria-hidden') ||
      node.getAttribute('aria-hidden') !== 'true' ||
      Boolean(node.className?.includes?.('fallback-image')))
  );
}

/** Readability's byline test with the text read last. */
export function isValidByline(this: Internals, node: Element, matchString: string): boolean {
  const rel = node.getAttribute('rel');
  const itemprop = node.getAttribute('itemprop');
  if (!(rel === 'author' || itemprop?.includes('author') || this.REGEXPS.byline.test(matchString))) return false;
  const bylineLength = (node.textContent ?? '').trim().length;
  return bylineLength > 0 && bylineLength < 100;
}

/**
 * Readability's link density: the same sums in the same order, with each `_getInnerText(x).length`
 * counted without building the text (innerTextLength).
 */
export function linkDensity(this: Internals, element: Element): number {
  const textLength = innerTextLength(element);
  if (textLength === 0) return 0;
  let linkLength = 0;
  const links = element.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const link = links[i] as Element;
    const href = link.getAttribute('href');
    const coefficient = href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
    linkLength += innerTextLength(link) * coefficient;
  }
  return linkLength / textLength;
}

/** Readability's text density of `tags` under `element`, lengths counted as in linkDensity. */
export function textDensity(this: Internals, element: Element, tags: string[]): number {
  const textLength = innerTextLength(element);
  if (textLength === 0) return 0;
  let childrenLength = 0;
  const children = this._getAllNodesWithTag(element, tags);
  for (let i = 0; i < children.length; i++) childrenLength += innerTextLength(children[i] as Element);
  return childrenLength / textLength;
}

/**
 * Readability's test for an element without content (no text but white space, and no children
 * but <br> and <hr>): the text is scanned up to its first visible character instead of being
 * joined whole for every <div> and <section> the article search walks.
 */
export function isElementWithoutContent(this: Internals, node: Element): boolean {
  return (
    node.nodeType === 1 &&
    !hasVisibleText(node) &&
    (!node.children.length ||
      node.children.length === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length)
  );
}

/**
 * Readability's count of `s` in an element's inner text. For one character that white-space
 * trimming and collapsing leave alone (the commas it counts), the count over the raw texts is the same.
 */
export function charCount(this: Internals, e: Element, s?: string): number {
  const wanted = s || ',';
  if (wanted.length !== 1 || isSpaceCode(wanted.charCodeAt(0))) return originalCharCount.call(this, e, s);
  return countTextCode(e, wanted.charCodeAt(0));
}

/** Stands for the snapshot in the string Readability keeps (it only ever gives it back). */
const SNAPSHOT = '\u0000sitrep:readability-snapshot\u0000';

/**
 * Readability's article search with its page snapshot kept as a copy of the nodes. Readability
 * saves `page.innerHTML` before its first attempt and, when an attempt finds too little text,
 * sets it back and tries again with relaxed rules. Serialising every page only for that (and
 * parsing the string again on a retry) is replaced by a deep clone, taken when Readability reads
 * the snapshot and cloned again for each restore (element names lower-cased, as a parse would).
 */
export function grabArticle(this: Internals, page?: Element): Element | null {
  const body = page ?? (this._doc.body as Element | null);
  if (!body) return originalGrab.call(this, page);
  let snapshot: Node | null = null;
  let normalised: Element | null = null;
  const innerHtmlSetter = findDescriptor(body, 'innerHTML')?.set;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get() {
      snapshot = body.cloneNode(true);
      return SNAPSHOT;
    },
    set(html: string) {
      if (html === SNAPSHOT && snapshot) {
        // names are normalised once, on the first restore (most pages never need one)
        if (!normalised) normalised = lowerCaseNames(snapshot as Element);
        body.replaceChildren(...Array.from(snapshot.cloneNode(true).childNodes));
      } else innerHtmlSetter?.call(body, html);
    },
  });
  try {
    return originalGrab.call(this, page);
  } finally {
    delete (body as { innerHTML?: string }).innerHTML;
  }
}

/**
 * `root` with every element below it whose name has capitals (Readability creates `SPAN` and
 * `DIV` elements) replaced by its lower-case twin, as serialising and parsing again would.
 */
function lowerCaseNames(root: Element): Element {
  const renamed: Element[] = [];
  for (let e = root.firstElementChild; e; ) {
    if (e.localName !== e.localName.toLowerCase()) renamed.push(e);
    let next: Element | null = e.firstElementChild;
    for (let up: Element | null = e; !next && up && up !== root; up = up.parentElement) next = up.nextElementSibling;
    e = next;
  }
  for (const element of renamed) {
    const twin = (element.ownerDocument as Document).createElement(element.localName.toLowerCase());
    for (const { name, value } of Array.from(element.attributes)) twin.setAttribute(name, value);
    twin.append(...Array.from(element.childNodes));
    element.replaceWith(twin);
  }
  return root;
}

/** A Readability instance for `document` with the cheaper checks. */
export function fastReadability(document: Document, options: ReadabilityOptions): Readability<Node> {
  const reader = new Readability<Node>(document, options);
  const internals = reader as unknown as Internals;
  internals._isProbablyVisible = isProbablyVisible;
  internals._isValidByline = isValidByline;
  internals._getLinkDensity = linkDensity;
  internals._getTextDensity = textDensity;
  internals._grabArticle = grabArticle;
  internals._isElementWithoutContent = isElementWithoutContent;
  internals._getCharCount = charCount;
  return reader;
}

/** Readability's own methods (for the tests' comparison). */
export const readabilityOriginals = {
  isProbablyVisible: originalVisible,
  isValidByline: proto._isValidByline,
  getLinkDensity: proto._getLinkDensity,
  getTextDensity: proto._getTextDensity,
  grabArticle: originalGrab,
  isElementWithoutContent: proto._isElementWithoutContent,
  getCharCount: originalCharCount,
};
