// Search snippets from the article text: the passage around the first match of the query's
// words, every match in it marked. FTS5's snippet() re-tokenises each whole document per hit
// (about 2.5 ms for a long article and a prefix query, so 50 ms for a page); this reads the text
// once with one regular expression. Matching folds case and diacritics as the index does
// (unicode61, remove_diacritics 2). Null when no word of the query is found in the text: the
// caller then asks FTS5 for its snippet.

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
/** Characters folded before the rest of a long text (see textSnippet). */
const HEAD = 4096;

/** Non-ASCII characters folded so far (a text repeats the same few: quotes, dashes, accents). */
const FOLDED = new Map<string, string>();

/** Each character folded (lower case, no diacritics) where that keeps its length: offsets stay valid. */
function fold(text: string): string {
  let kept = false; // a capital left as it is because folding it would change the length
  const folded = text.replace(/[^\x00-\x7F]/g, (ch) => {
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * The first match of the words in `folded`. None can start before the first place one of the
 * words occurs at all: the expression starts there, and is not run when none occurs.
 */
function firstWord(pattern: RegExp, words: ReadonlyArray<{ word: string }>, folded: string): RegExpExecArray | null {
  let from = folded.length;
  for (const w of words) {
    const at = folded.indexOf(w.word);
    if (at >= 0 && at < from) from = at;
  }
  return from === folded.length ? null : nextWord(pattern, folded, from);
}

/** The next match of `pattern` at or after `from` that starts a word (no letter, digit or _ before it). */
function nextWord(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (!wordBefore(text, m.index)) return m;
    pattern.lastIndex = m.index + 1;
  }
  return null;
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

export function textSnippet(text: string, q: string): Snippet | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  // The words, each a whole word (or a word's start, for a prefix). That a match starts a word is
  // checked on each match (wordStart), not by a look-behind in the expression: a look-behind is
  // tried at every position of the text, which made this the slowest part of a search page.
  const pattern = new RegExp(
    words.map((w) => escapeRegExp(w.word) + (w.prefix ? '[\\p{L}\\p{N}_]*' : '(?![\\p{L}\\p{N}_])')).join('|'),
    'gu',
  );
  // Most texts match early: fold the head first, the whole text only when the head has no
  // match that ends, with its window, inside it (folding is per character, so the head of the
  // folded text is the folded head).
  let folded = fold(text.length > HEAD ? text.slice(0, HEAD) : text);
  let first = firstWord(pattern, words, folded);
  if (
    folded.length < text.length &&
    (!first || first.index + first[0].length >= folded.length - 1 || first.index + LENGTH + 64 > folded.length)
  ) {
    folded = fold(text);
    first = firstWord(pattern, words, folded);
  }
  if (!first) return null;
  // the window: from a word boundary a little before the first match, about LENGTH characters
  let start = Math.max(0, first.index - BEFORE);
  if (start > 0) start = Math.min(first.index, text.indexOf(' ', start) + 1 || first.index);
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) end = Math.max(first.index + first[0].length, text.lastIndexOf(' ', end));
  // the matches in the window, looked for in the window (and a little after, for the last word's end)
  const matches: Array<[number, number]> = [];
  const window = folded.slice(0, end + 64);
  for (let m = nextWord(pattern, window, start); m && m.index < end; m = nextWord(pattern, window, pattern.lastIndex)) {
    matches.push([m.index, Math.min(end, m.index + m[0].length)]);
  }
  // white space collapsed, as FTS5 snippets show it; match offsets follow the collapsing
  let snippet = start > 0 ? '…' : '';
  const highlights: Snippet['highlights'] = [];
  let next = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    if (next < matches.length && i === matches[next]![0]) open = snippet.length;
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
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
