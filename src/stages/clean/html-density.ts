// sitrep's own main-text extractor: one pass over the tree measures text and link text under
// every element; prose paragraphs (long, few links, commas) vote for the containers around them;
// the best container, with the siblings that carry prose too, is the article. Link lists, short
// furniture and boilerplate-named parts inside it are skipped when its blocks are read. About
// ten times faster than Readability on linkedom, since nothing is serialised or re-parsed.

import { hasBoilerplateName } from './html-boilerplate.js';
import { isSkippedElement } from './html-dom.js';

export interface DensityOptions {
  /** A paragraph shorter than this (in non-space characters) casts no vote. */
  minParagraphChars: number;
  /** Links above this share of a block's text make it a link list, not prose. */
  maxLinkDensity: number;
}

export interface DensityResult {
  /** The chosen containers in document order (the best one and the siblings added to it). */
  roots: Element[];
  /** Elements inside the roots to leave out when reading blocks. */
  skip: Set<Element>;
  /** Share of the page's prose (vote-casting paragraph text) that lies inside the roots. */
  coverage: number;
  /** Prose characters inside the roots. */
  proseChars: number;
  /** Paragraphs inside the roots that cast a vote. */
  paragraphs: number;
}

interface Stats {
  chars: number;
  linkChars: number;
  /** Has an element child that is a block (so its own text is not one paragraph). */
  blockChild: boolean;
  score: number;
  /** The element was reached by a vote (so it is a candidate). */
  candidate: boolean;
  /** Vote-casting paragraph characters under it. */
  prose: number;
  paragraphs: number;
}

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
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
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'ul',
]);

/** Elements that can be a paragraph when they hold no block. */
const PARAGRAPH_TAGS = new Set([
  'p',
  'pre',
  'blockquote',
  'td',
  'dd',
  'div',
  'section',
  'article',
  'main',
  'font',
  'center',
  'span',
  'li',
]);

const POSITIVE_NAME =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|artikel|beitrag|inhalt|texto|tresc|wpis/i;
const NEGATIVE_NAME =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|writtenby|p-author|caption|teaser|social|login|kommentar/i;

function nameWeight(element: Element): number {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  if (names.length < 2) return 0;
  let weight = 0;
  if (NEGATIVE_NAME.test(names)) weight -= 25;
  if (POSITIVE_NAME.test(names)) weight += 25;
  if (element.getAttribute('itemprop')?.toLowerCase() === 'articlebody') weight += 50;
  return weight;
}

function tagWeight(tag: string): number {
  switch (tag) {
    case 'article':
      return 10;
    case 'div':
    case 'main':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function nonSpaceChars(data: string): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

function commas(element: Element): number {
  const text = element.textContent ?? '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}

/** The containers holding the article's text, or null when the page has no prose at all. */
export function findMainContent(root: Element, options: DensityOptions): DensityResult | null {
  const stats = new Map<Element, Stats>();
  const order: Element[] = [];
  // Pre-order collection; stats are then filled children-first by walking it backwards.
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    order.push(element);
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) {
      if (!isSkippedElement(child, child.localName.toLowerCase(), true) && !hasBoilerplateName(child))
        stack.push(child);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i] as Element;
    const s: Stats = {
      chars: 0,
      linkChars: 0,
      blockChild: false,
      score: 0,
      candidate: false,
      prose: 0,
      paragraphs: 0,
    };
    const isLink = element.localName.toLowerCase() === 'a';
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        const n = nonSpaceChars(child.nodeValue ?? '');
        s.chars += n;
        if (isLink) s.linkChars += n;
      } else if (child.nodeType === ELEMENT_NODE) {
        const c = stats.get(child as Element);
        if (!c) continue;
        s.chars += c.chars;
        s.linkChars += isLink ? c.chars : c.linkChars;
        if (BLOCKS.has((child as Element).localName.toLowerCase())) s.blockChild = true;
      }
    }
    stats.set(element, s);
  }

  // Votes: every prose paragraph scores its parent fully, its grandparent half, and further
  // ancestors less, so the container closest to most of the prose wins.
  let totalProse = 0;
  for (const element of order) {
    const tag = element.localName.toLowerCase();
    const s = stats.get(element) as Stats;
    if (!PARAGRAPH_TAGS.has(tag) || s.blockChild || s.chars < options.minParagraphChars) continue;
    if (s.linkChars / s.chars > options.maxLinkDensity) continue;
    const vote = 1 + commas(element) + Math.min(3, Math.floor(s.chars / 100));
    totalProse += s.chars;
    let level = 0;
    for (let ancestor = element.parentElement; ancestor && level < 5; ancestor = ancestor.parentElement, level++) {
      const a = stats.get(ancestor);
      if (!a) break;
      if (!a.candidate) {
        a.candidate = true;
        a.score = tagWeight(ancestor.localName.toLowerCase()) + nameWeight(ancestor);
      }
      a.score += level === 0 ? vote : level === 1 ? vote / 2 : vote / (level * 3);
      if (ancestor === root) break;
    }
    // Prose counts are exact over all ancestors: they measure coverage, not preference.
    for (let ancestor: Element | null = element; ancestor; ancestor = ancestor.parentElement) {
      const a = stats.get(ancestor);
      if (!a) break;
      a.prose += s.chars;
      a.paragraphs++;
      if (ancestor === root) break;
    }
  }
  if (totalProse === 0) return null;

  const finalScore = (element: Element): number => {
    const s = stats.get(element) as Stats;
    return s.score * (1 - (s.chars > 0 ? s.linkChars / s.chars : 0));
  };
  const candidates = order.filter((e) => stats.get(e)?.candidate);
  candidates.sort((a, b) => finalScore(b) - finalScore(a));
  let top = candidates[0];
  if (!top) return null;
  const topScore = finalScore(top);

  // Several strong candidates under one ancestor: the article is split into sections, take
  // the ancestor that holds them.
  const strong = candidates.slice(1, 6).filter((c) => finalScore(c) >= 0.75 * topScore);
  if (strong.length >= 3) {
    for (
      let ancestor = top.parentElement;
      ancestor && ancestor !== root.parentElement;
      ancestor = ancestor.parentElement
    ) {
      if (strong.filter((c) => ancestor.contains(c)).length >= 3) {
        top = ancestor;
        break;
      }
      if (ancestor === root) break;
    }
  }
  // A wrapper that only holds the top candidate says nothing more; a parent whose own score
  // grows is where the paragraphs really gather.
  let lastScore = topScore;
  for (let parent = top.parentElement; parent && top !== root; parent = parent.parentElement) {
    const p = stats.get(parent);
    if (!p?.candidate) break;
    const score = finalScore(parent);
    if (score < lastScore / 3) break;
    if (score > lastScore) top = parent;
    lastScore = score;
    if (parent === root) break;
  }

  // Siblings that carry prose of their own join the article (a lead paragraph or a second
  // body part outside the top container).
  const roots: Element[] = [];
  const parent = top.parentElement;
  const threshold = Math.max(10, 0.2 * finalScore(top));
  const topClass = top.getAttribute('class') ?? '';
  if (parent && top !== root) {
    for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
      if (sibling === top) {
        roots.push(sibling);
        continue;
      }
      const s = stats.get(sibling);
      if (!s || s.chars === 0) continue;
      const bonus = topClass && sibling.getAttribute('class') === topClass ? 0.2 * finalScore(top) : 0;
      const density = s.linkChars / s.chars;
      const tag = sibling.localName.toLowerCase();
      if (s.candidate && finalScore(sibling) + bonus >= threshold) roots.push(sibling);
      else if (tag === 'p' && s.chars > 80 && density < 0.25) roots.push(sibling);
      else if (tag === 'p' && s.chars > 0 && density === 0 && /\.( |$)/.test(sibling.textContent ?? ''))
        roots.push(sibling);
    }
  } else roots.push(top);

  const skip = new Set<Element>();
  let proseChars = 0;
  let paragraphs = 0;
  for (const r of roots) {
    const s = stats.get(r) as Stats;
    proseChars += s.prose;
    paragraphs += s.paragraphs;
    markFurniture(r, stats, options, skip);
  }
  return { roots, skip, coverage: proseChars / totalProse, proseChars, paragraphs };
}

/**
 * Inside the article, containers without prose are furniture when they are mostly links (a
 * list of related links, a tag cloud) or when nothing in them reads as a sentence.
 */
function markFurniture(root: Element, stats: Map<Element, Stats>, options: DensityOptions, skip: Set<Element>): void {
  const stack: Element[] = [];
  for (let child = root.firstElementChild; child; child = child.nextElementSibling) stack.push(child);
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    const s = stats.get(element);
    if (!s) {
      skip.add(element);
      continue;
    }
    const tag = element.localName.toLowerCase();
    const density = s.chars > 0 ? s.linkChars / s.chars : 0;
    const listLike =
      tag === 'ul' ||
      tag === 'ol' ||
      tag === 'dl' ||
      tag === 'table' ||
      tag === 'div' ||
      tag === 'section' ||
      tag === 'nav' ||
      tag === 'aside' ||
      tag === 'figure';
    if (listLike && s.prose === 0 && density > options.maxLinkDensity) {
      skip.add(element);
      continue;
    }
    if (listLike && s.prose > 0 && s.prose < 0.25 * s.chars && density > options.maxLinkDensity) {
      skip.add(element);
      continue;
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push(child);
  }
}
