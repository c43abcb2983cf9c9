// Search snippets from the article text: the passage around the first match of the query's
// words, every match in it marked. FTS5's snippet() re-tokenises each whole document per hit
// (about 2.5 ms for a long article and a prefix query, so 50 ms for a page); this reads the text
// once with one regular expression. Matching folds case and diacritics as the index does
// (unicode61, remove_diacritics 2). Null when no word of the query is found in the text: the
// caller then asks FTS5 for its snippet. A caller may pass only the head of a long text (its first
// SNIPPET_HEAD characters, which is all most snippets need) with a way to read the whole text:
// the whole text is then read only when the head has no match to show.

export interface Snippet {
  snippet: string;
  /** Spans of `snippet` that match the query. */
  highlights: Array<{ start: number; end: number }>;
}

const WORD = /([\p{L}\p{N}_]+)(\*)?(:)?/gu;
/** FTS5's operators, which are operators only in capitals. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);
const BEFORE = 60;
const LENGTH = 200;
/** Characters folded first, then HEAD, then the rest of a long text (see textSnippet). */
const FIRST = 1024;
const HEAD = 4096;
/** How much of a text a caller needs to read for textSnippet's first try (see textSnippet). */
export const SNIPPET_HEAD = HEAD;

/** Non-ASCII characters folded so far (a text repeats the same few: quotes, dashes, accents). */
const FOLDED = new Map<string, string>();

/** Each character folded (lower case, no diacritics) where that keeps its length: offsets stay valid. */
function fold(text: string): string {
  let kept = false; // a capital left as it is because folding it would change the length
  // General punctuation (U+2000–U+206F: quotes, dashes, spaces) holds no word character, so it
  // is left as it is: most non-ASCII characters of a news text are there, and each costs a call.
  const folded = text.replace(/[\u0080-\u1FFF\u2070-\uFFFF]/g, (ch) => {
    let plain = FOLDED.get(ch);
    if (plain === undefined) {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      plain = bare.length === ch.length ? bare : ch;
      if (FOLDED.size < 10_000) FOLDED.set(ch, plain);
    }
    if (plain === ch && ch.toLowerCase() !== ch) kept = true;
    return plain;
  });
  // what is left to lower is ASCII (folded characters are lower case already): one call, unless a
  // kept capital must stay as it is
  return kept ? folded.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : folded.toLowerCase();
}

/** The words of an FTS5 query (operators and column names left out), folded, with their prefix flag. */
export function queryWords(q: string): Array<{ word: string; prefix: boolean }> {
  const words: Array<{ word: string; prefix: boolean }> = [];
  for (const m of q.matchAll(WORD)) {
    const word = m[1] as string;
    if (OPERATORS.has(word) || m[3]) continue;
    words.push({ word: fold(word), prefix: m[2] === '*' });
  }
  return words;
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
const WHITE_SPACE = /\s/;

type Word = { word: string; prefix: boolean };
/** A match in a folded text: [start, end). */
type Match = { index: number; end: number };

/** The last query's words: a search page makes 20 snippets for the same query. */
let last: { q: string; words: Word[] } | undefined;

function compiled(q: string): Word[] {
  if (last?.q !== q) last = { q, words: queryWords(q) };
  return last.words;
}

/**
 * The first match of the words in `text` at or after `from`: a word that starts a word of the
 * text (no letter, digit or _ before it) and, unless it is a prefix, ends one; a prefix match runs
 * to the end of the text's word. Found with indexOf, not a regular expression: an expression with
 * Unicode classes had to be compiled for each query, which cost more than the rest of a snippet.
 */
function nextWord(words: readonly Word[], text: string, from: number): Match | null {
  let best: Match | null = null;
  for (const w of words) {
    for (let at = text.indexOf(w.word, from); at >= 0; at = text.indexOf(w.word, at + 1)) {
      if (best && at >= best.index) break;
      if (wordBefore(text, at)) continue;
      let end = at + w.word.length;
      if (w.prefix) end = wordEnd(text, end);
      else if (end < text.length && isWordAt(text, end)) continue;
      best = { index: at, end };
      break;
    }
  }
  return best;
}

/** The first match of the words in `folded` (see nextWord). */
function firstWord(words: readonly Word[], folded: string): Match | null {
  return nextWord(words, folded, 0);
}

/** Whether the code point at `at` is a word character (a letter, digit or _). */
function isWordAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95;
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(at) as number));
}

/** Where the word running through `at` ends. */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isWordAt(text, i)) i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1;
  return i;
}

/** Whether the character (code point) just before `at` is a word character. */
function wordBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  let i = at - 1;
  const low = text.charCodeAt(i);
  if (low >= 0xdc00 && low <= 0xdfff && i > 0) {
    const high = text.charCodeAt(i - 1);
    if (high >= 0xd800 && high <= 0xdbff) i--;
  }
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(i) as number));
}

/**
 * The snippet of `text` for the query `q`. `text` may be the head of a longer text (at least its
 * first SNIPPET_HEAD characters) when `whole` reads the whole text: the answer is the same as for
 * the whole text, which is read only when the head has no match with room for its window.
 */
export function textSnippet(head: string, q: string, whole?: () => string): Snippet | null {
  let text = head;
  const words = compiled(q);
  if (words.length === 0) return null;
  // Most texts match early: fold the first FIRST characters, then the head, then the whole text,
  // each only when the shorter one has no match that ends, with its window, inside it (folding
  // is per character, so the head of the folded text is the folded head).
  const fits = (f: string, m: Match | null) => m !== null && m.end < f.length - 1 && m.index + LENGTH + 64 <= f.length;
  let folded = fold(text.length > FIRST ? text.slice(0, FIRST) : text);
  let first = firstWord(words, folded);
  if (folded.length < text.length && !fits(folded, first)) {
    folded = fold(text.length > HEAD ? text.slice(0, HEAD) : text);
    first = firstWord(words, folded);
  }
  if ((folded.length < text.length || whole) && !fits(folded, first)) {
    if (whole) text = whole();
    folded = fold(text);
    first = firstWord(words, folded);
  }
  if (!first) return null;
  // the window: from a word boundary a little before the first match, about LENGTH characters
  let start = Math.max(0, first.index - BEFORE);
  if (start > 0) start = Math.min(first.index, text.indexOf(' ', start) + 1 || first.index);
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) end = Math.max(first.end, text.lastIndexOf(' ', end));
  // the matches in the window, looked for in the window (and a little after, for the last word's end)
  const matches: Array<[number, number]> = [];
  const window = folded.slice(0, end + 64);
  for (let m = nextWord(words, window, start); m && m.index < end; m = nextWord(words, window, m.end)) {
    matches.push([m.index, Math.min(end, m.end)]);
  }
  // white space collapsed, as FTS5 snippets show it; match offsets follow the collapsing
  let snippet = start > 0 ? '…' : '';
  const highlights: Snippet['highlights'] = [];
  let next = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    if (next < matches.length && i === matches[next]![0]) open = snippet.length;
    const ch = text[i] as string;
    if (WHITE_SPACE.test(ch)) {
      if (!snippet.endsWith(' ')) snippet += ' ';
    } else snippet += ch;
    if (open >= 0 && i + 1 === matches[next]![1]) {
      highlights.push({ start: open, end: snippet.length });
      open = -1;
      next++;
    }
  }
  if (end < text.length) snippet += '…';
  return { snippet, highlights };
}
