// The HTML side of cleaning that needs a DOM: parsing (bounded in size) with linkedom, and the
// walk that turns an element tree into block drafts. The walk is iterative so a hostile page
// nested thousands of levels deep cannot overflow the stack.

import { parseHTML } from 'linkedom';
import type { BlockDraft, BlockKind } from './blocks.js';
import { limitNesting } from './html-nesting.js';
import { pruneAttributesAndLayout, stripInertMarkup } from './html-strip.js';
import { installFastDom } from './linkedom-fast.js';

installFastDom();

export interface ParsedHtml {
  document: Document;
  /** The HTML was longer than the limit and was cut before parsing. */
  truncated: boolean;
  /** Size of the HTML in UTF-8 bytes; null when it is too short to reach the limit (then not counted). */
  bytes: number | null;
  /** Tags removed because they nested deeper than the limit. */
  unnested: number;
}

export interface ParseLimits {
  maxBytes: number;
  maxDepth: number;
}

/**
 * Parses at most `maxBytes` UTF-8 bytes of HTML, nested at most `maxDepth` deep, into a
 * document that always has a <body>.
 */
export function parseHtmlDocument(html: string, limits: ParseLimits, baseUrl?: string | null): ParsedHtml {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most pages fit without a count.
  const bytes = html.length * 3 > limits.maxBytes ? Buffer.byteLength(html, 'utf8') : null;
  const truncated = bytes !== null && bytes > limits.maxBytes;
  const stripped = stripInertMarkup(truncated ? cutUtf8(html, limits.maxBytes) : html);
  const slim = pruneAttributesAndLayout(stripped.html);
  const nesting = limitNesting(slim, limits.maxDepth);
  let { document } = parseHTML(wrapFragment(nesting.html));
  // A page cut inside its <html> tag (`<html lang="u`) parses to no document element, and
  // linkedom's body getter then throws: the page holds no markup to read, so parse an empty one.
  if (!document.documentElement) ({ document } = parseHTML(wrapFragment('')));
  if (baseUrl) {
    // linkedom leaves these unset; Readability reads them to resolve links.
    Object.defineProperty(document, 'documentURI', { value: baseUrl, configurable: true });
    Object.defineProperty(document, 'baseURI', { value: baseUrl, configurable: true });
  }
  return { document, truncated, bytes, unnested: nesting.removed };
}

/** The longest prefix of `html` within `maxBytes` UTF-8 bytes that does not split a character. */
function cutUtf8(html: string, maxBytes: number): string {
  const buffer = Buffer.from(html, 'utf8');
  let end = Math.max(0, Math.floor(maxBytes));
  // Step back over continuation bytes (10xxxxxx) to a character boundary.
  while (end > 0 && end < buffer.length && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8');
}

/** linkedom only builds <html>/<body> for a full page; a bare fragment would end up outside them. */
function wrapFragment(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  if (/<(head|body)[\s>]/i.test(html)) return `<!DOCTYPE html><html>${html}</html>`;
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

/** Never text: code, media, form controls, metadata. */
const ALWAYS_SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'map',
  'button',
  'select',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
]);

/** Page chrome around the article (and the ARIA roles that mark the same thing). */
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alert']);

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);

/** The block kind an element gives the text inside it (the nearest such ancestor wins). */
function kindOf(tag: string): BlockKind | null {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li') return 'list-item';
  if (tag === 'blockquote') return 'quote';
  // <p> gives no kind of its own, so a <p> inside a <blockquote> or <li> keeps that kind.
  return null;
}

const KIND_ATTRIBUTE = 'data-sitrep-kind';
const KINDS: ReadonlySet<string> = new Set<BlockKind>(['paragraph', 'heading', 'list-item', 'quote']);

/**
 * Records the block kind of headings, list items and quotes in an attribute. Readability renames
 * some tags (a <blockquote> beside the main text becomes a <div>) but copies attributes, so the
 * walk of its output still knows what each block was.
 */
export function markBlockKinds(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6, li, blockquote'))) {
    const kind = kindOf(element.localName.toLowerCase());
    if (kind) element.setAttribute(KIND_ATTRIBUTE, kind);
  }
}

function markedKind(element: Element): BlockKind | null {
  const kind = element.getAttribute(KIND_ATTRIBUTE);
  return kind && KINDS.has(kind) ? (kind as BlockKind) : null;
}

export interface TreeSize {
  elements: number;
  depth: number;
}

/** Element count and maximum nesting depth under `root`, stopping early once either limit is passed. */
export function measureTree(root: Node, limits: TreeSize): TreeSize {
  let elements = 0;
  let depth = 0;
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [Node, number];
    elements++;
    if (level > depth) depth = level;
    if ((limits.elements > 0 && elements > limits.elements) || (limits.depth > 0 && depth > limits.depth)) break;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) stack.push([child, level + 1]);
    }
  }
  return { elements, depth };
}

export interface WalkOptions {
  /** Drop nav, header, footer, aside, form and their ARIA roles (the whole-body fallback). */
  dropChrome: boolean;
  /** Elements left out with everything inside them (furniture found by the extractor). */
  skip?: ReadonlySet<Element>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Block drafts of the text under `root`, in document order. */
export function walkBlocks(root: Node, options: WalkOptions): BlockDraft[] {
  const drafts: BlockDraft[] = [];
  const kinds: BlockKind[] = [];
  let buffer = '';
  let preDepth = 0;

  const flush = () => {
    if (buffer.trim().length > 0) drafts.push({ kind: kinds.at(-1) ?? 'paragraph', text: buffer });
    buffer = '';
  };

  // Work items: a node to enter, or a marker to leave an element entered earlier.
  type Item =
    | { node: Node; leave: false }
    | { node: Element; leave: true; block: boolean; kind: boolean; pre: boolean };
  const stack: Item[] = [{ node: root, leave: false }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if (item.leave) {
      if (item.block) flush();
      if (item.kind) kinds.pop();
      if (item.pre) preDepth--;
      continue;
    }
    const node = item.node;
    if (node.nodeType === TEXT_NODE) {
      const data = node.nodeValue ?? '';
      buffer += preDepth > 0 ? data : data.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (isSkippedElement(element, tag, options.dropChrome) || options.skip?.has(element)) continue;
    if (tag === 'br') {
      buffer += '\n';
      continue;
    }
    // Table cells stay on their row's line, apart from each other.
    if (tag === 'td' || tag === 'th') buffer += ' ';
    const block = BLOCK_ELEMENTS.has(tag);
    if (block) flush();
    const kind = markedKind(element) ?? kindOf(tag);
    if (kind) kinds.push(kind);
    const pre = tag === 'pre';
    if (pre) preDepth++;
    stack.push({ node: element, leave: true, block, kind: kind !== null, pre });
    // the children by sibling links (linkedom builds a new NodeList for every childNodes read),
    // then reversed in place so the first child is entered first
    const first = stack.length;
    for (let child = element.firstChild; child; child = child.nextSibling) stack.push({ node: child, leave: false });
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const swap = stack[i] as Item;
      stack[i] = stack[j] as Item;
      stack[j] = swap;
    }
  }
  flush();
  return drafts;
}

/** Never text (code, media, hidden elements), or page chrome when `dropChrome`. */
export function isSkippedElement(element: Element, tag: string, dropChrome: boolean): boolean {
  if (ALWAYS_SKIPPED.has(tag)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  if (!dropChrome) return false;
  if (tag === 'form' && wrapsPage(element)) return false;
  return CHROME.has(tag) || CHROME_ROLES.has((element.getAttribute('role') ?? '').toLowerCase());
}

/** ASP.NET WebForms pages put the whole page, article included, inside one <form>. */
function wrapsPage(form: Element): boolean {
  return form.querySelector('article, main') !== null || form.querySelectorAll('p').length >= 3;
}
