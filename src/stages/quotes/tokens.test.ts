// The hand-written tokenizer against the regular expression it replaces, on random strings drawn
// from every kind of character the expression distinguishes (and on the test corpus sample).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSpace, tokenEnd } from './tokens.js';

const TOKEN = /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu;

function byRegex(text: string): [number, number][] {
  const out: [number, number][] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

function byHand(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < text.length; ) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = tokenEnd(text, i);
    out.push([i, end]);
    i = end;
  }
  return out;
}

// letters and digits of several scripts, joiners, punctuation, every \s, astral letters and
// symbols, lone surrogates, combining marks (not \p{L}), and near-misses of the space set
const PIECES = [
  'a',
  'Z',
  '7',
  'é',
  'Ж',
  'ж',
  'ї',
  '٣',
  '漢',
  'ß',
  'İ',
  '²',
  'Ⅻ',
  "'",
  '’',
  '.',
  '-',
  '&',
  ',',
  '"',
  '“',
  '”',
  '«',
  '»',
  '—',
  '–',
  '!',
  '?',
  ':',
  '(',
  '_',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u001c',
  '\u0085',
  '\u180e',
  '𝐀',
  '😀',
  '\ud800',
  '\udc00',
  '\u0301',
  '\u200d',
];

test('tokens as the regular expression finds them, on random strings', () => {
  let s = 7;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let round = 0; round < 4000; round++) {
    let text = '';
    const len = 1 + Math.floor(rand() * 24);
    for (let k = 0; k < len; k++) text += PIECES[Math.floor(rand() * PIECES.length)];
    assert.deepEqual(byHand(text), byRegex(text), JSON.stringify(text));
  }
});

test('tokens of news text', () => {
  const text = "Russia's U.S.-backed rock'n'roll AT&T co-op — 3.5% “yes,” he said.\n\nKyiv’s 12-year-old 😀 end";
  assert.deepEqual(byHand(text), byRegex(text));
  assert.deepEqual(
    byHand(text)
      .map(([a, b]) => text.slice(a, b))
      .slice(0, 9),
    ["Russia's", 'U.S', '.', '-', 'backed', "rock'n'roll", 'AT&T', 'co-op', '—'],
  );
});
