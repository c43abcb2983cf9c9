// Tokenisation with offsets for the tagger: words (with inner hyphens and apostrophes, as in
// "O'Neill" or "Rimsky-Korsakov"), abbreviations ("U.S.", "Mr."), numbers, the possessive "'s"
// as its own token (CoNLL style), any other non-space character alone. Tokens never cut a word,
// so neither can an entity span, which is a run of whole tokens.

/** Tokens of a text as parallel typed arrays of UTF-16 offsets (end-exclusive). */
export interface Tokens {
  text: string;
  n: number;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a token begins a sentence (the tagger decodes sentence by sentence). */
  sentenceStart: Uint8Array;
}

const ABBREVIATIONS =
  'Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cpl|Prof|Sen|Rep|Gov|Pres|St|Jr|Sr|Inc|Corp|Co|Ltd|Bros|Mt|Ft|Gov|Rev|Hon|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc';
const WORD_CHAR = '\\p{L}\\p{M}\\p{N}';
const TOKEN = new RegExp(
  [
    '(?:\\p{Lu}\\.){2,}(?:-[\\p{L}\\p{M}]+)*', // U.S., U.N., U.S.-based
    `(?:${ABBREVIATIONS})\\.(?=\\s)`, // Mr. Putin
    '\\d+(?:[.,:/]\\d+)*(?:[\\p{L}]+)?', // 1,200 12.5 24/7 10km
    // words; an apostrophe joins letters unless it starts a final possessive 's
    // a period joins letters ("bbc.co.uk", "e.g") but not a lowercase letter to a capitalised
    // word: "Vilnius.However" is two words and a sentence end (an abbreviation stays: "St.Petersburg")
    `[${WORD_CHAR}]+(?:(?:['’](?![sS](?![${WORD_CHAR}]))|[-‐‑&](?=[${WORD_CHAR}])|\\.(?!(?<=\\p{Ll}{2}\\.)(?<!(?<![\\p{L}])(?:${ABBREVIATIONS})\\.)\\p{Lu}\\p{Ll})(?=[${WORD_CHAR}]))[${WORD_CHAR}]+)*`,
    "['’][sS](?![\\p{L}\\p{M}\\p{N}])", // possessive
    '\\S',
  ].join('|'),
  'gu',
);

const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

/**
 * Tokenises a text. Sentences end after . ! ? (and any closing quotes) when the next token does
 * not start with a lowercase letter, and at blank lines; a single line break ends a sentence only
 * after such punctuation or a line without any (a heading), so a name split across two lines of
 * a hard-wrapped paragraph stays one name.
 */
export function tokenize(text: string): Tokens {
  let cap = Math.max(16, text.length >> 2);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (n === cap) {
      cap *= 2;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }
    starts[n] = m.index;
    ends[n] = m.index + m[0].length;
    n++;
  }
  starts = starts.subarray(0, n);
  ends = ends.subarray(0, n);
  const sentenceStart = new Uint8Array(n);
  let pendingTerminal = false;
  let lineHasPunct = false;
  let lineStart = 0;
  for (let i = 0; i < n; i++) {
    const s = starts[i]!;
    if (i === 0) sentenceStart[i] = 1;
    else {
      const newlines = countNewlines(text, ends[i - 1]!, s);
      const first = text.charCodeAt(s);
      const lowerNext = isLowerCode(first);
      if (newlines >= 2) sentenceStart[i] = 1;
      else if (newlines === 1 && (pendingTerminal || (!lineHasPunct && isHeading(text, lineStart, ends[i - 1]!, s))))
        sentenceStart[i] = 1;
      else if (pendingTerminal && !lowerNext) sentenceStart[i] = 1;
      if (newlines > 0) {
        lineHasPunct = false;
        lineStart = s;
      }
    }
    const tok = ends[i]! - s === 1 ? text[s]! : '';
    if (tok && TERMINAL.has(tok)) pendingTerminal = true;
    else if (!(pendingTerminal && tok && CLOSERS.has(tok))) pendingTerminal = false;
    if (tok && (TERMINAL.has(tok) || tok === ',' || tok === ';' || tok === ':')) lineHasPunct = true;
  }
  return { text, n, starts, ends, sentenceStart };
}

/**
 * A line without punctuation ends a sentence when it is short (a heading or dateline), unless it
 * ends in a capitalised word and the next line starts with one (a name split across lines).
 */
function isHeading(text: string, lineStart: number, lineEnd: number, next: number): boolean {
  if (lineEnd - lineStart > 60) return false;
  const line = text.slice(lineStart, lineEnd);
  if (!/\p{Ll}/u.test(line)) return true;
  const lastWord = /(\S+)$/.exec(line)?.[1] ?? '';
  return !(/^\p{Lu}\p{Ll}/u.test(lastWord) && /^\p{Lu}/u.test(text.slice(next, next + 1)));
}

/** Line feeds in text[from, to). */
function countNewlines(text: string, from: number, to: number): number {
  let k = 0;
  for (let j = from; j < to; j++) if (text.charCodeAt(j) === 10) k++;
  return k;
}

function isLowerCode(c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Tokens for text already split into tokens (CoNLL): joined with single spaces, one sentence each. */
export function tokensOfSentences(sentences: readonly (readonly string[])[]): Tokens {
  const total = sentences.reduce((k, s) => k + s.length, 0);
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  const sentenceStart = new Uint8Array(total);
  const parts: string[] = [];
  let pos = 0;
  let i = 0;
  for (const sentence of sentences) {
    sentence.forEach((tok, j) => {
      if (j === 0) sentenceStart[i] = 1;
      starts[i] = pos;
      ends[i] = pos + tok.length;
      parts.push(tok);
      pos += tok.length + 1;
      i++;
    });
  }
  return { text: parts.join(' '), n: total, starts, ends, sentenceStart };
}
