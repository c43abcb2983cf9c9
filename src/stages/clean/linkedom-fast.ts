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

const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;

/** One simple selector: an optional tag name (lower case) and attributes that must be present. */
interface Simple {
  tag: string | null;
  attributes: string[];
}

type Matcher = Simple[];

const SIMPLE = /^([a-z][a-z0-9-]*)?((?:\[[a-z_][a-z0-9_:.-]*\])*)$/;
const compiled = new Map<string, Matcher | null>();

/** The selector as a list of simple selectors, or null when it is not of that shape. */
export function simpleSelector(selectors: string): Matcher | null {
  let matcher = compiled.get(selectors);
  if (matcher !== undefined) return matcher;
  matcher = [];
  for (const part of selectors.split(',')) {
    const m = SIMPLE.exec(part.trim().toLowerCase());
    if (!m || (!m[1] && !m[2])) {
      matcher = null;
      break;
    }
    const attributes = m[2] ? m[2].slice(1, -1).split('][') : [];
    matcher.push({ tag: m[1] ?? null, attributes });
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
  const name = element.localName;
  for (const simple of matcher) {
    if (simple.tag !== null && name !== simple.tag && name.toLowerCase() !== simple.tag) continue;
    if (simple.attributes.length === 0) return true;
    let all = true;
    for (const wanted of simple.attributes) {
      let found = false;
      for (let a = element[next]; a && a.nodeType === ATTRIBUTE_NODE; a = a[next]) {
        if (a.name === wanted) {
          found = true;
          break;
        }
      }
      if (!found) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
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

type LinkedElement = Element & { [key: symbol]: unknown };

interface Patchable {
  querySelectorAll(selectors: string): unknown;
  querySelector(selectors: string): unknown;
}

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
  for (const prototype of prototypes) {
    const all = findMethod(prototype, 'querySelectorAll');
    const one = findMethod(prototype, 'querySelector');
    if (!all || !one) return false;
    originals.set(prototype, all);
    prototype.querySelectorAll = function (this: LinkedNode, selectors: string) {
      const matcher = simpleSelector(String(selectors));
      if (!matcher) return all.call(this, selectors);
      const list = new NodeList();
      collect(this, matcher, symbols, list, false);
      return list;
    };
    prototype.querySelector = function (this: LinkedNode, selectors: string) {
      const matcher = simpleSelector(String(selectors));
      if (!matcher) return one.call(this, selectors);
      const found: unknown[] = [];
      collect(this, matcher, symbols, found, true);
      return found[0] ?? null;
    };
  }
  const elementPrototype = [...prototypes][0] as object;
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
      set(this: LinkedElement, value: unknown) {
        const attribute = this[listKey] ? null : this.getAttributeNode('class');
        if (attribute) attribute.value = normaliseClass(String(value));
        else setClass.call(this, value);
      },
    });
  }
  installed = true;
  return true;
}

const normalised = new Map<string, string>();

/** What linkedom's className gives for a class attribute: its distinct tokens joined by single spaces. */
export function normaliseClass(value: string | null): string {
  if (!value) return '';
  if (!value.includes(' ') && !/\s/.test(value)) return value;
  let normal = normalised.get(value);
  if (normal === undefined) {
    normal = [...new Set(value.split(/\s+/).filter((token) => token !== ''))].join(' ');
    // class strings repeat within and across pages; the cache only bounds its size
    if (normalised.size > 10_000) normalised.clear();
    normalised.set(value, normal);
  }
  return normal;
}

function findDescriptor(object: object, key: string): PropertyDescriptor | undefined {
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
