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

/** Each character folded (lower case, no diacritics) where that keeps its length: offsets stay valid. */
function fold(text: string): string {
  return text
    .replace(/[^\x00-\x7F]/g, (ch) => {
      const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      return folded.length === ch.length ? folded : ch;
    })
    .replace(/[A-Z]+/g, (run) => run.toLowerCase());
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

export function textSnippet(text: string, q: string): Snippet | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${words
      .map((w) => escapeRegExp(w.word) + (w.prefix ? '[\\p{L}\\p{N}_]*' : '(?![\\p{L}\\p{N}_])'))
      .join('|')})`,
    'gu',
  );
  const folded = fold(text);
  const first = pattern.exec(folded);
  if (!first) return null;
  // the window: from a word boundary a little before the first match, about LENGTH characters
  let start = Math.max(0, first.index - BEFORE);
  if (start > 0) start = Math.min(first.index, text.indexOf(' ', start) + 1 || first.index);
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) end = Math.max(first.index + first[0].length, text.lastIndexOf(' ', end));
  const matches: Array<[number, number]> = [];
  pattern.lastIndex = start;
  for (let m = pattern.exec(folded); m && m.index < end; m = pattern.exec(folded)) {
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
