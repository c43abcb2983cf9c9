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
import { innerTextLength } from './linkedom-fast.js';

type ReadabilityOptions = ConstructorParameters<typeof Readability<Node>>[1];

interface Internals {
  _isProbablyVisible(node: Element): boolean;
  _isValidByline(node: Element, matchString: string): boolean;
  _getLinkDensity(element: Element): number;
  _getTextDensity(element: Element, tags: string[]): number;
  _getAllNodesWithTag(node: Element, tagNames: string[]): ArrayLike<Element>;
  REGEXPS: { byline: RegExp; hashUrl: RegExp };
}

const proto = Readability.prototype as unknown as Internals;
const originalVisible = proto._isProbablyVisible;

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

/** A Readability instance for `document` with the cheaper checks. */
export function fastReadability(document: Document, options: ReadabilityOptions): Readability<Node> {
  const reader = new Readability<Node>(document, options);
  const internals = reader as unknown as Internals;
  internals._isProbablyVisible = isProbablyVisible;
  internals._isValidByline = isValidByline;
  internals._getLinkDensity = linkDensity;
  internals._getTextDensity = textDensity;
  return reader;
}

/** Readability's own methods (for the tests' comparison). */
export const readabilityOriginals = {
  isProbablyVisible: originalVisible,
  isValidByline: proto._isValidByline,
  getLinkDensity: proto._getLinkDensity,
  getTextDensity: proto._getTextDensity,
};
