// Faster paths for the few DOM calls that dominate HTML extraction on linkedom.
//
// linkedom answers every querySelectorAll by compiling the selector with css-select and testing
// each element through its adapter, and its className getter rebuilds the class string from a
// DOMTokenList each time. Readability calls querySelectorAll with plain tag lists
// ("h1,h2", "script,noscript") and reads className of every node it scores; the metadata readers
// ask for `meta`, `script`, `[itemprop]`. Those calls took about a tenth of the extraction's time
// (docs/evaluation/extraction.md). Here the selectors of that simple shape — a comma list of a tag
// name, `[attribute]` tests or both — are matched by one walk down linkedom's node list, and
// className reads the class attribute; any other selector goes to linkedom as before. The
// results are the same elements in the same order (src/stages/clean/linkedom-fast.test.ts compares
// both paths on every call over real pages).
//
// The walk uses linkedom's own linked list of nodes (the `next`/`end` symbols every node
// carries), found once at load time; if a linkedom release renames them, the fast paths switch
// themselves off and linkedom answers alone.

import { parseHTML } from 'linkedom';
import { isSpaceCode } from './white-space.js';

export { isSpaceCode };

const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * One compound selector: an optional tag name (lower case) and attributes that must be present,
 * each with an optional value test (`values[i]`, null for presence only); `.name` is the test
 * `[class~="name"]`. `ancestors` are the compounds to its left in a descendant chain
 * (`article time[datetime]`), nearest last: each must match some ancestor, in that order upwards.
 */
interface Simple {
  tag: string | null;
  attributes: string[];
  values?: Array<ValueTest | null>;
  ancestors?: Simple[];
}

/**
 * `[name="v"]` (equals), `[name*="v"]` (contains), `[name~="v"]` (one of its space-separated
 * words); `ignoreCase` for the attributes HTML compares without case.
 */
interface ValueTest {
  op: '=' | '*=' | '~=';
  value: string;
  ignoreCase: boolean;
  /** The `*=`/`~=` test as css-select compiles it. */
  regex?: RegExp;
}

type Matcher = Simple[];

const COMPOUND = /^([a-zA-Z][a-zA-Z0-9-]*)?((?:\[[^\]]*\]|\.[a-zA-Z_-][a-zA-Z0-9_-]*)*)$/;
const COMPOUND_PART = /\[([^\]]*)\]|\.([a-zA-Z_-][a-zA-Z0-9_-]*)/g;
// A value test the fast path answers exactly as css-select does: a quoted value without quotes,
// backslashes, markup characters or white space, and (for `*=`/`~=`) not empty.
const ATTRIBUTE_TEST = /^([a-zA-Z_][a-zA-Z0-9_:.-]*)(?:(=|\*=|~=)(?:"([^"'\\&<>\s]*)"|'([^"'\\&<>\s]*)'))?$/;
/** Attributes css-select compares without case in HTML documents (its `caseInsensitiveAttributes`). */
const CASE_INSENSITIVE = new Set(
  (
    'accept accept-charset align alink axis bgcolor charset checked clear codetype color compact declare defer dir ' +
    'direction disabled enctype face frame hreflang http-equiv lang language link media method multiple nohref ' +
    'noresize noshade nowrap readonly rel rev rules scope scrolling selected shape target text type valign valuetype vlink'
  ).split(' '),
);
const compiled = new Map<string, Matcher | null>();

/** css-select's escapeRegex. */
const escapeRegex = (value: string) => value.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');

function valueTest(name: string, op: ValueTest['op'], value: string): ValueTest | null {
  if (op !== '=' && value === '') return null;
  const ignoreCase = CASE_INSENSITIVE.has(name);
  const test: ValueTest = { op, value: ignoreCase && op === '=' ? value.toLowerCase() : value, ignoreCase };
  if (op === '~=') test.regex = new RegExp(`(?:^|\\s)${escapeRegex(value)}(?:$|\\s)`, ignoreCase ? 'i' : '');
  else if (op === '*=' && ignoreCase) test.regex = new RegExp(escapeRegex(value), 'i');
  return test;
}

function parseCompound(text: string): Simple | null {
  const m = COMPOUND.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const simple: Simple = { tag: m[1] ? m[1].toLowerCase() : null, attributes: [] };
  if (!m[2]) return simple;
  const add = (name: string, test: ValueTest | null) => {
    if (test) simple.values ??= simple.attributes.map(() => null);
    simple.attributes.push(name);
    simple.values?.push(test);
  };
  for (const part of m[2].matchAll(COMPOUND_PART)) {
    if (part[2] !== undefined) {
      add('class', valueTest('class', '~=', part[2]));
      continue;
    }
    const a = ATTRIBUTE_TEST.exec(part[1] as string);
    if (!a) return null;
    const name = (a[1] as string).toLowerCase();
    const op = a[2] as ValueTest['op'] | undefined;
    if (op === undefined) {
      add(name, null);
      continue;
    }
    const test = valueTest(name, op, a[3] ?? a[4] ?? '');
    if (!test) return null;
    add(name, test);
  }
  return simple;
}

/** A compound, or a chain of compounds separated by white space (descendant combinators). */
function parseSimple(part: string): Simple | null {
  const compounds = part.trim().split(/\s+/);
  const parsed: Simple[] = [];
  for (const text of compounds) {
    const compound = parseCompound(text);
    if (!compound) return null;
    parsed.push(compound);
  }
  const subject = parsed.pop() as Simple;
  if (parsed.length > 0) subject.ancestors = parsed;
  return subject;
}

/** The selector as a list of simple selectors, or null when it is not of that shape. */
export function simpleSelector(selectors: string): Matcher | null {
  let matcher = compiled.get(selectors);
  if (matcher !== undefined) return matcher;
  matcher = [];
  for (const part of selectors.split(',')) {
    const simple = parseSimple(part);
    if (!simple) {
      matcher = null;
      break;
    }
    matcher.push(simple);
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(selectors, matcher);
  return matcher;
}

interface Symbols {
  next: symbol;
  end: symbol;
}

interface LinkedNode {
  [link: symbol]: LinkedNode;
  nodeType: number;
  localName: string;
  name: string;
}

/** linkedom's `next`/`end` symbols, read from a parsed `<p class>` holding a text. */
function findSymbols(p: Element): Symbols | null {
  const symbols = Object.getOwnPropertySymbols(p);
  const next = symbols.find((s) => s.description === 'next');
  const end = symbols.find((s) => s.description === 'end');
  if (!next || !end) return null;
  const node = p as unknown as LinkedNode;
  // the class attribute follows its element, the text follows the attribute, the end node closes it
  const attribute = node[next];
  if (attribute?.nodeType !== ATTRIBUTE_NODE || attribute.name !== 'class') return null;
  if (attribute[next]?.nodeType !== 3 || attribute[next]?.[next] !== node[end]) return null;
  return { next, end };
}

function matches(element: LinkedNode, matcher: Matcher, next: symbol): boolean {
  for (const simple of matcher) {
    if (!matchesCompound(element, simple, next)) continue;
    if (simple.ancestors === undefined || hasAncestors(element, simple.ancestors, next)) return true;
  }
  return false;
}

/**
 * `convert`, remembered: tag names and class strings repeat within and across pages (the table is
 * only bounded in size).
 */
function remembered(convert: (value: string) => string): (value: string) => string {
  const table = new Map<string, string>();
  return (value) => {
    let converted = table.get(value);
    if (converted === undefined) {
      converted = convert(value);
      if (table.size > 10_000) table.clear();
      table.set(value, converted);
    }
    return converted;
  };
}

/**
 * Whether ancestors of `element` match `chain` (nearest last) upwards in order, as css-select's
 * descendant combinator climbs parent elements. Taking the nearest match of each compound is
 * enough: a higher one has only fewer ancestors left for the rest of the chain.
 */
function hasAncestors(element: LinkedNode, chain: Simple[], next: symbol): boolean {
  let at = chain.length - 1;
  for (let e = (element as unknown as Node).parentNode; e && e.nodeType === ELEMENT_NODE; e = e.parentNode) {
    const ancestor = e as unknown as LinkedNode;
    if (matchesCompound(ancestor, chain[at] as Simple, next) && --at < 0) return true;
  }
  return false;
}

/** Whether `element` matches one compound (the tag compared without regard to case). */
function matchesCompound(element: LinkedNode, simple: Simple, next: symbol): boolean {
  const tag = simple.tag;
  if (tag !== null) {
    // The selector's tag is lower case, and the parser lower-cases HTML names, so the plain
    // comparison decides almost every element; only a name of the same length can differ by case.
    const name = element.localName;
    if (name !== tag && (name.length !== tag.length || name.toLowerCase() !== tag)) return false;
  }
  const { attributes, values } = simple;
  for (let i = 0; i < attributes.length; i++) {
    const wanted = attributes[i];
    let found = false;
    for (let a = element[next]; a && a.nodeType === ATTRIBUTE_NODE; a = a[next]) {
      if (a.name === wanted) {
        const test = values?.[i];
        found = !test || valueMatches((a as unknown as Attr).value, test);
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** css-select's value tests (`equals`, `any`, `element`, with and without case). */
function valueMatches(actual: string, test: ValueTest): boolean {
  if (test.regex) return test.regex.test(actual);
  if (test.op === '=')
    return test.ignoreCase
      ? actual.length === test.value.length && actual.toLowerCase() === test.value
      : actual === test.value;
  return actual.includes(test.value);
}

/** Whether a matcher tests attribute values (those fast answers hold for HTML documents only). */
function testsValues(matcher: Matcher): boolean {
  return matcher.some((simple) => simple.values !== undefined);
}

/**
 * Adds the elements below `root` (a document or element) that match to `found`, in document order,
 * templates' content skipped as linkedom does; stops at the first when `first`.
 */
function collect(root: LinkedNode, matcher: Matcher, symbols: Symbols, found: unknown[], first: boolean): void {
  const { next: NEXT, end: END } = symbols;
  const end = root[END];
  let node = root[NEXT];
  while (node !== end && node) {
    if (node.nodeType === ELEMENT_NODE) {
      if (matches(node, matcher, NEXT)) {
        found.push(node);
        if (first) return;
      }
      node = node.localName === 'template' ? node[END] : node[NEXT];
    } else node = node[NEXT];
  }
}

/**
 * The elements of a document that is read but not changed, indexed once: in document order,
 * by tag and by attribute name. While a read-only pass runs (`readFrozen`), simple selectors on
 * that document or any of its elements are answered from these lists instead of a walk over
 * every node, which matters for the metadata readers' dozen queries per page.
 */
interface FrozenIndex {
  root: LinkedNode;
  elements: LinkedNode[];
  /** Each element's place in `elements`: made on the first query below an element (most are on the document). */
  ordinals: Map<LinkedNode, number> | null;
  byTag: Map<string, number[]>;
  byAttribute: Map<string, number[]>;
}

let frozen: FrozenIndex | null = null;
let frozenSymbols: Symbols | null = null;

function push(map: Map<string, number[]>, key: string, ordinal: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [ordinal]);
  else if (list[list.length - 1] !== ordinal) list.push(ordinal);
}

function buildIndex(root: LinkedNode, symbols: Symbols): FrozenIndex {
  const { next: NEXT, end: END } = symbols;
  const index: FrozenIndex = { root, elements: [], ordinals: null, byTag: new Map(), byAttribute: new Map() };
  const end = root[END];
  let node = root[NEXT];
  while (node !== end && node) {
    if (node.nodeType === ELEMENT_NODE) {
      const ordinal = index.elements.length;
      index.elements.push(node);
      push(index.byTag, node.localName.toLowerCase(), ordinal);
      for (let a = node[NEXT]; a && a.nodeType === ATTRIBUTE_NODE; a = a[NEXT])
        push(index.byAttribute, a.name, ordinal);
      node = node.localName === 'template' ? node[END] : node[NEXT];
    } else node = node[NEXT];
  }
  return index;
}

function ordinalsOf(index: FrozenIndex): Map<LinkedNode, number> {
  if (index.ordinals === null) {
    index.ordinals = new Map();
    for (let i = 0; i < index.elements.length; i++) index.ordinals.set(index.elements[i] as LinkedNode, i);
  }
  return index.ordinals;
}

/** First index in the sorted `list` whose value is ≥ `value`. */
function lowerBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The matches below `root` from the frozen index, in document order, or null when `root` is not
 * part of the indexed document (the walk answers then).
 */
function collectFrozen(index: FrozenIndex, root: LinkedNode, matcher: Matcher, symbols: Symbols, first: boolean) {
  let from: number;
  let to: number;
  if (root === index.root) {
    from = 0;
    to = index.elements.length;
  } else {
    const ordinals = ordinalsOf(index);
    const ordinal = ordinals.get(root);
    // a template's own content is not indexed (the walk reads it when asked from the template)
    if (ordinal === undefined || root.localName === 'template') return null;
    from = ordinal + 1;
    // the first indexed element after the root's end closes its range
    to = index.elements.length;
    const { next: NEXT, end: END } = symbols;
    for (let node = root[END]?.[NEXT]; node; node = node[NEXT]) {
      const after = node.nodeType === ELEMENT_NODE ? ordinals.get(node) : undefined;
      if (after !== undefined) {
        to = after;
        break;
      }
    }
  }
  const lists: number[][] = [];
  for (const simple of matcher) {
    const list =
      simple.tag !== null ? index.byTag.get(simple.tag) : index.byAttribute.get(simple.attributes[0] as string);
    if (list) lists.push(list);
  }
  let candidates: number[];
  if (lists.length === 1) candidates = lists[0] as number[];
  else {
    const merged = new Set<number>();
    for (const list of lists)
      for (let i = lowerBound(list, from); i < list.length && (list[i] as number) < to; i++)
        merged.add(list[i] as number);
    candidates = [...merged].sort((a, b) => a - b);
  }
  const found: LinkedNode[] = [];
  for (let i = lowerBound(candidates, from); i < candidates.length; i++) {
    const ordinal = candidates[i] as number;
    if (ordinal >= to) break;
    const element = index.elements[ordinal] as LinkedNode;
    if (matches(element, matcher, symbols.next)) {
      found.push(element);
      if (first) break;
    }
  }
  return found;
}

/**
 * Runs `read`, which must not change `document`, with the document's elements indexed for the
 * simple selectors. Any change to the document inside `read` would make answers stale.
 */
export function readFrozen<T>(document: Document, read: () => T): T {
  if (!frozenSymbols || frozen) return read();
  frozen = buildIndex(document as unknown as LinkedNode, frozenSymbols);
  try {
    return read();
  } finally {
    frozen = null;
  }
}

type LinkedElement = Element & { [key: symbol]: unknown };

interface Patchable {
  querySelectorAll(selectors: string): unknown;
  querySelector(selectors: string): unknown;
  getElementsByTagName(name: string): unknown;
}

/** `name.toUpperCase()`, remembered (tag names are few; linkedom upper-cases one per call). */
const upper = remembered((name) => name.toUpperCase());

let installed = false;
/** linkedom's own querySelectorAll of each patched prototype (for the tests' comparison). */
const originals = new Map<object, (this: unknown, selectors: string) => unknown>();

/** linkedom's own answer to `querySelectorAll`, bypassing the fast path. */
export function linkedomQuerySelectorAll(node: ParentNode, selectors: string): Element[] {
  for (let o: object | null = node; o; o = Object.getPrototypeOf(o)) {
    const original = originals.get(o);
    if (original) return Array.from(original.call(node, selectors) as Iterable<Element>);
  }
  return Array.from(node.querySelectorAll(selectors));
}

/** Installs the fast paths on linkedom's Element and Document prototypes (once). Returns whether they are on. */
export function installFastDom(): boolean {
  if (installed) return true;
  const { document } = parseHTML('<html><body><p class="a">x</p></body></html>');
  const element = document.querySelector('p');
  const symbols = element && findSymbols(element);
  if (!element || !symbols) return false;
  const NodeList = (document.querySelectorAll('p') as unknown as object).constructor as new () => unknown[];
  const prototypes = new Set<Patchable>([
    Object.getPrototypeOf(Object.getPrototypeOf(element)) as Patchable, // Element (below HTMLParagraphElement, HTMLElement)
    Object.getPrototypeOf(document) as Patchable,
  ]);
  const mime = Object.getOwnPropertySymbols(document).find((s) => s.description === 'mime');
  // linkedom escapes attribute values it returns from an XML document; value tests go to it there
  const isHtml = (node: LinkedNode): boolean => {
    const owner = ((node as unknown as Node).ownerDocument ?? node) as unknown as Record<
      symbol,
      { ignoreCase: boolean }
    >;
    return mime !== undefined && owner[mime]?.ignoreCase === true;
  };
  for (const prototype of prototypes) {
    const all = findMethod(prototype, 'querySelectorAll');
    const one = findMethod(prototype, 'querySelector');
    if (!all || !one) return false;
    originals.set(prototype, all);
    prototype.querySelectorAll = function (this: LinkedNode, selectors: string) {
      const matcher = simpleSelector(String(selectors));
      if (!matcher || (testsValues(matcher) && !isHtml(this))) return all.call(this, selectors);
      const list = new NodeList();
      const indexed = frozen && collectFrozen(frozen, this, matcher, symbols, false);
      if (indexed) for (const element of indexed) list.push(element);
      else collect(this, matcher, symbols, list, false);
      return list;
    };
    prototype.querySelector = function (this: LinkedNode, selectors: string) {
      const matcher = simpleSelector(String(selectors));
      if (!matcher || (testsValues(matcher) && !isHtml(this))) return one.call(this, selectors);
      const indexed = frozen && collectFrozen(frozen, this, matcher, symbols, true);
      if (indexed) return indexed[0] ?? null;
      const found: unknown[] = [];
      collect(this, matcher, symbols, found, true);
      return found[0] ?? null;
    };
  }
  const elementPrototype = [...prototypes][0] as object;
  // linkedom's tagName (and getElementsByTagName's test of every element) upper-cases the local
  // name on each call when the document is HTML; the same answer from a table.
  const tagName = findDescriptor(elementPrototype, 'tagName');
  if (mime && tagName?.get && !tagName.set && element.tagName === 'P') {
    const { next: NEXT, end: END } = symbols;
    const caseOf = (node: LinkedElement): string => {
      const owner = node.ownerDocument as unknown as Record<symbol, { ignoreCase: boolean }>;
      return owner[mime]?.ignoreCase ? upper(node.localName) : node.localName;
    };
    for (const name of ['tagName', 'nodeName']) {
      Object.defineProperty(elementPrototype, name, {
        configurable: true,
        enumerable: tagName.enumerable ?? false,
        get(this: LinkedElement) {
          return caseOf(this);
        },
      });
    }
    for (const prototype of prototypes) {
      prototype.getElementsByTagName = function (this: LinkedNode, name: string) {
        const list = new NodeList();
        const end = this[END];
        // An upper-cased name holds no lower-case ASCII letter: for a name that does ("a", "p"),
        // only the local name can match.
        const localOnly = /[a-z]/.test(name);
        for (let node = this[NEXT] as LinkedNode; node !== end; node = node[NEXT] as LinkedNode) {
          if (
            node.nodeType === ELEMENT_NODE &&
            (node.localName === name || (!localOnly && caseOf(node as unknown as LinkedElement) === name))
          )
            list.push(node);
        }
        return list;
      };
    }
  }
  const className = findDescriptor(elementPrototype, 'className');
  // the DOMTokenList linkedom keeps once classList was read (made here on the probe to learn its key)
  void element.classList;
  const listKey = Object.getOwnPropertySymbols(element).find((s) => s.description === 'classList');
  if (className?.get && className.set && listKey) {
    const setClass = className.set;
    Object.defineProperty(elementPrototype, 'className', {
      configurable: true,
      enumerable: className.enumerable ?? false,
      get(this: LinkedElement) {
        return normaliseClass(this.getAttributeNode('class')?.value ?? null);
      },
      // The parser sets className for every class attribute it reads; linkedom builds a DOMTokenList
      // each time. Without one (and with the attribute in place) writing the normal form is the same.
      // The parser calls this right after giving the attribute that very value: when it is already
      // in normal form there is nothing to write (and no attribute change to report).
      set(this: LinkedElement, value: unknown) {
        const attribute = this[listKey] ? null : this.getAttributeNode('class');
        if (attribute) {
          const normal = normaliseClass(String(value));
          if (attribute.value !== normal) attribute.value = normal;
        } else setClass.call(this, value);
      },
    });
  }
  const textContent = findDescriptor(elementPrototype, 'textContent');
  if (textContent?.get && textContent.set) {
    const { next: NEXT, end: END } = symbols;
    Object.defineProperty(elementPrototype, 'textContent', {
      configurable: true,
      enumerable: textContent.enumerable ?? false,
      // linkedom's getter pushes every text into an array and joins it; a string built in place
      // allocates less (Readability reads the text of most elements several times).
      get(this: LinkedNode) {
        let text = '';
        const end = this[END];
        for (let node = this[NEXT] as LinkedNode; node !== end; node = node[NEXT] as LinkedNode) {
          const type = node.nodeType;
          if (type === TEXT_NODE || type === CDATA_SECTION_NODE) text += (node as unknown as Text).textContent;
        }
        return text;
      },
      set: textContent.set,
    });
  }
  frozenSymbols = symbols;
  installed = true;
  return true;
}

const DOUBLE_SPACE = /\s\s/;
const SPACES = /\s{2,}/g;

/**
 * `node.textContent.trim().replace(/\s{2,}/g, ' ').length` (Readability's `_getInnerText(node).length`)
 * without joining the texts: each text's trimmed, collapsed length, plus one for every white
 * space between two texts that hold more than white space (a run of one stays, a longer run
 * becomes one space, runs at either end are trimmed away).
 */
export function innerTextLength(node: Node): number {
  const self = node as unknown as LinkedNode;
  if (!frozenSymbols || self[frozenSymbols.end] === undefined)
    return (node.textContent ?? '').trim().replace(SPACES, ' ').length;
  const { next: NEXT, end: END } = frozenSymbols;
  let length = 0;
  let seenText = false;
  let pendingSpace = false;
  const end = self[END];
  for (let child = self[NEXT] as LinkedNode; child !== end; child = child[NEXT] as LinkedNode) {
    const type = child.nodeType;
    if (type !== TEXT_NODE && type !== CDATA_SECTION_NODE) continue;
    const text = (child as unknown as Text).textContent as string;
    if (text.length === 0) continue;
    const trimmed = text.trim();
    if (trimmed.length === 0) {
      if (seenText) pendingSpace = true;
      continue;
    }
    if (seenText && (pendingSpace || (trimmed.length !== text.length && isSpaceCode(text.charCodeAt(0))))) length++;
    length += DOUBLE_SPACE.test(trimmed) ? trimmed.replace(SPACES, ' ').length : trimmed.length;
    seenText = true;
    pendingSpace = isSpaceCode(text.charCodeAt(text.length - 1));
  }
  return length;
}

/** Whether any text below `node` holds more than white space (`textContent.trim() !== ''`), stopping at the first. */
export function hasVisibleText(node: Node): boolean {
  const self = node as unknown as LinkedNode;
  if (!frozenSymbols || self[frozenSymbols.end] === undefined) return (node.textContent ?? '').trim().length > 0;
  const { next: NEXT, end: END } = frozenSymbols;
  const end = self[END];
  for (let child = self[NEXT] as LinkedNode; child !== end; child = child[NEXT] as LinkedNode) {
    const type = child.nodeType;
    if (type !== TEXT_NODE && type !== CDATA_SECTION_NODE) continue;
    const text = (child as unknown as Text).textContent as string;
    for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  }
  return false;
}

/** How often the UTF-16 unit `code` occurs in the text below `node`, counted without joining the texts. */
export function countTextCode(node: Node, code: number): number {
  const self = node as unknown as LinkedNode;
  let count = 0;
  if (!frozenSymbols || self[frozenSymbols.end] === undefined) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) count++;
    return count;
  }
  const { next: NEXT, end: END } = frozenSymbols;
  const end = self[END];
  const wanted = String.fromCharCode(code);
  for (let child = self[NEXT] as LinkedNode; child !== end; child = child[NEXT] as LinkedNode) {
    const type = child.nodeType;
    if (type !== TEXT_NODE && type !== CDATA_SECTION_NODE) continue;
    const text = (child as unknown as Text).textContent as string;
    for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) count++;
  }
  return count;
}

const normalised = remembered((value) => [...new Set(value.split(/\s+/).filter((token) => token !== ''))].join(' '));

/** What linkedom's className gives for a class attribute: its distinct tokens joined by single spaces. */
export function normaliseClass(value: string | null): string {
  if (!value) return '';
  if (isNormalClass(value)) return value;
  return normalised(value);
}

/** Most class values have at most this many spaces; longer ones go to the table. */
const MAX_SPACES = 8;
const spaces = new Int32Array(MAX_SPACES);

/**
 * Whether `value` is already in normal form: tokens separated by single spaces, no other white
 * space, none at either end, no token twice. Read without building a token list (the parser sets
 * a class for most elements, and most values are normal).
 */
function isNormalClass(value: string): boolean {
  const n = value.length;
  let count = 0;
  let afterSpace = true; // a leading space is not normal
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 32) {
      if (afterSpace || count === MAX_SPACES) return false;
      spaces[count++] = i;
      afterSpace = true;
    } else if (isSpaceCode(c)) return false;
    else afterSpace = false;
  }
  if (afterSpace) return false; // a trailing space (or nothing)
  for (let a = 0; a < count; a++) {
    const aStart = a === 0 ? 0 : (spaces[a - 1] as number) + 1;
    const aLength = (spaces[a] as number) - aStart;
    for (let b = a + 1; b <= count; b++) {
      const bStart = (spaces[b - 1] as number) + 1;
      const bLength = (b === count ? n : (spaces[b] as number)) - bStart;
      if (aLength === bLength && sameRun(value, aStart, bStart, aLength)) return false;
    }
  }
  return true;
}

function sameRun(value: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (value.charCodeAt(a + i) !== value.charCodeAt(b + i)) return false;
  return true;
}

/** The descriptor of `key` on `object` or the nearest prototype that has one. */
export function findDescriptor(object: object, key: string): PropertyDescriptor | undefined {
  for (let o: object | null = object; o; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor) return descriptor;
  }
  return undefined;
}

function findMethod(object: object, key: string): ((this: unknown, selectors: string) => unknown) | null {
  const value = findDescriptor(object, key)?.value;
  return typeof value === 'function' ? value : null;
}
