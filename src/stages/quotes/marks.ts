// Direct quotes by their marks: pairs “…” "…" «…» „…“ ‘…’ into spans, across sentences and across
// paragraphs when the next paragraph reopens the quote (the English convention), and drops what
// cannot be paired safely: a quote left open at a paragraph end, a second opener before the
// closer, one or two quoted words (scare quotes), quotes with no letters in them.

export interface MarkedQuote {
  /** The opening mark's offset. */
  open: number;
  /** The closing mark's offset (the content is text[open + 1, close), trimmed). */
  close: number;
  /** The content inside the marks, whitespace trimmed. */
  start: number;
  end: number;
  /** Number of words inside. */
  words: number;
  /** A quoted transcript turn's speaker ("WALLACE: …"): the name's span; the content starts after its colon. */
  turn?: { start: number; end: number };
}

type Family = 'curly' | 'straight' | 'guillemet' | 'low' | 'single';

const MAX_PARAGRAPHS = 6;
const MAX_LENGTH = 3000;
/** Quotes of fewer words are scare quotes or titles, not speech. */
export const MIN_WORDS = 3;

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

function openerBefore(c: string | undefined): boolean {
  return c === undefined || /[\s([{—–\-/:]/.test(c);
}

/** The family a mark opens at text[i], or null. */
function opens(text: string, i: number): Family | null {
  const c = text[i];
  const next = text[i + 1];
  if (c === '“') return 'curly';
  if (c === '«') return 'guillemet';
  if (c === '„') return 'low';
  if (c === '"') return !isSpace(next) && openerBefore(text[i - 1]) ? 'straight' : null;
  if (c === '‘') return openerBefore(text[i - 1]) && !isSpace(next) ? 'single' : null;
  return null;
}

/** Whether text[i] closes a quote of `family`. */
function closes(text: string, i: number, family: Family): boolean {
  const c = text[i];
  switch (family) {
    case 'curly':
      return c === '”' || (c === '"' && !isSpace(text[i - 1]));
    case 'straight':
      return c === '"' || c === '”';
    case 'guillemet':
      return c === '»';
    case 'low':
      return c === '“' || c === '”';
    case 'single':
      // an apostrophe inside a word ("don’t") or a plural possessive is not a closer
      return c === '’' && !isSpace(text[i - 1]) && !/[\p{L}\p{N}]/u.test(text[i + 1] ?? ' ');
  }
}

/** A transcript turn: a speaker's name in capitals and a colon ("WALLACE: ", "MR. PENCE: "). */
export const TURN = /^(\p{Lu}[\p{Lu}.'’ -]{1,30}\p{Lu}\.?):[ \t]+(?=\S)/u;

function countWords(s: string): number {
  return s.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-.]*/gu)?.length ?? 0;
}

/**
 * Where the paragraph holding `i` ends: a blank line, or a single line break after sentence
 * punctuation or a short line (a heading); a hard-wrapped line goes on.
 */
function isParagraphBreak(text: string, nl: number): boolean {
  if (text[nl + 1] === '\n' || /^\s*\n/.test(text.slice(nl + 1, nl + 4))) return true;
  const before = text.slice(Math.max(0, nl - 3), nl).trimEnd();
  return /[.!?:"”»’]$/.test(before) || before === '';
}

/** The direct quotes of a text, in order. */
export function findMarkedQuotes(text: string): MarkedQuote[] {
  const out: MarkedQuote[] = [];
  let i = 0;
  while (i < text.length) {
    const family = opens(text, i);
    if (!family) {
      i++;
      continue;
    }
    const found = findClose(text, i, family);
    if (found === null) {
      i++;
      continue;
    }
    const raw = text.slice(i + 1, found);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    const start = i + 1 + lead;
    const end = found - trail;
    const words = countWords(raw);
    // single marks need a sentence; one or two words are left to the caller (scare quotes or "No,")
    if (end > start && words >= (family === 'single' ? 4 : 1) && /\p{L}/u.test(raw)) {
      out.push({ open: i, close: found, start, end, words });
    }
    i = found + 1;
  }
  return out;
}

/** The closing mark of the quote opened at `open`, or null when it cannot be paired safely. */
function findClose(text: string, open: number, family: Family): number | null {
  let paragraphs = 1;
  for (let j = open + 1; j < text.length && j - open < MAX_LENGTH; j++) {
    const c = text[j]!;
    if (c === '\n') {
      if (!isParagraphBreak(text, j)) continue;
      // a quote running on into the next paragraph reopens it there; else it was never closed
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k]!)) k++;
      if (opens(text, k) !== family && !(family === 'curly' && text[k] === '"')) return null;
      // a transcript's next turn ("WALLACE: …) is a quote of its own: this one ends with its paragraph
      if (TURN.test(text.slice(k + 1, k + 40))) return text.slice(0, j).trimEnd().length;
      if (++paragraphs > MAX_PARAGRAPHS) return null;
      j = k;
      continue;
    }
    if (closes(text, j, family)) {
      // a straight mark that reads as an opener ("… said "we …") means the first one was not closed
      return j;
    }
    // a second opener of the same kind before any closer: the first was left open
    if (family !== 'straight' && family !== 'single' && opens(text, j) === family) return null;
  }
  return null;
}
