// Which characters make words for the cross-article tokenizers (\p{L}\p{N}: letters and digits of any
// script), asked by UTF-16 code unit so that a scan of character codes finds exactly the tokens of
// `[\p{L}\p{N}]+` without a regular expression per token.

// Letters and digits (\p{L}\p{N}) by UTF-16 code unit of the basic plane, learnt once per unit met:
// 0 = not yet known, 1 = word character, 2 = not.
const WORD_UNIT = new Uint8Array(65_536);
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
for (let c = 0; c < 128; c++) WORD_UNIT[c] = WORD_CHARACTER.test(String.fromCharCode(c)) ? 1 : 2;

/** How many code units the word character at `i` takes (1, or 2 outside the basic plane), or 0 when it is none. */
export function wordCharacter(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return WORD_UNIT[code] === 1 ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    if (i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
      return WORD_CHARACTER.test(text.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  let known = WORD_UNIT[code]!;
  if (known === 0) {
    known = (code & 0xf800) !== 0xd800 && WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNIT[code] = known;
  }
  return known === 1 ? 1 : 0;
}
