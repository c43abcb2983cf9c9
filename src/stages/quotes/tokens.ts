// The quote tagger's tokenizer by hand: the word tokens of a text exactly as the regular expression
// /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu finds them (a run of letters and digits, joined
// by an apostrophe, full stop, hyphen or ampersand between two runs; else any one non-space code
// point), without a match object and a substring per token. tokens.test.ts checks it against the
// expression on every kind of character.

/** JavaScript's \s: the characters the expression's \S excludes. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet known, 1 no, 2 a letter or digit. */
const bmp = new Uint8Array(0x10000);

/** Whether the code point is \p{L} or \p{N}. */
export function isLetterOrDigit(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  if (cp < 0x10000) {
    let k = bmp[cp]!;
    if (k === 0) {
      // a lone surrogate is no letter (the expression sees it as a code point of its own)
      k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 2 : 1;
      bmp[cp] = k;
    }
    return k === 2;
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** The code point at i, as the expression's u flag reads it (a lone surrogate stands alone). */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}

function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || c === 38;
}

/**
 * The end of the token starting at i (text[i] is not a space), as the expression matches it there.
 */
export function tokenEnd(text: string, i: number): number {
  const n = text.length;
  let cp = codePointAt(text, i);
  if (!isLetterOrDigit(cp)) return i + (cp > 0xffff ? 2 : 1);
  let j = i;
  for (;;) {
    // a run of letters and digits
    while (j < n) {
      cp = codePointAt(text, j);
      if (!isLetterOrDigit(cp)) break;
      j += cp > 0xffff ? 2 : 1;
    }
    // a joiner continues the token only when a letter or digit follows it
    if (j + 1 < n && isJoiner(text.charCodeAt(j)) && isLetterOrDigit(codePointAt(text, j + 1))) {
      j += 1;
      continue;
    }
    return j;
  }
}
