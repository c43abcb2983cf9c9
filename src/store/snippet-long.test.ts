// textSnippet on long texts: it folds the first 4,096 characters first and the whole text only
// when needed, and checks word starts itself. A match past the head, a word cut by the head's
// end, and a look-alike inside a longer word must come out as on a short text; so must a snippet
// made from the head of a text with a way to read the rest (what search reads).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SNIPPET_HEAD, textSnippet } from './snippet.js';

const marked = (s: ReturnType<typeof textSnippet>) =>
  s ? s.highlights.map((h) => s.snippet.slice(h.start, h.end)) : null;
const filler = (n: number) => 'lorem ipsum dolor '.repeat(Math.ceil(n / 18)).slice(0, n);

test('long texts: a match after the head, or cut by its end, is found whole', () => {
  // only after the head
  const late = `${filler(10_000)} Shelling hit Kharkív again.`;
  assert.deepEqual(marked(textSnippet(late, 'kharkiv')), ['Kharkív']);
  // a word that straddles the head's end (character 4,096): not a false match on its first half
  for (let at = 4086; at <= 4098; at++) {
    const text = `${filler(at - 1)} Kharkivska ${filler(300)} Kharkiv.`;
    assert.deepEqual(marked(textSnippet(text, 'kharkiv')), ['Kharkiv'], `word at ${at}`);
    assert.deepEqual(marked(textSnippet(text, 'kharkiv*'))?.[0], 'Kharkivska', `prefix at ${at}`);
  }
  // a match near the head's end whose window runs past it: every match of the window is marked
  for (const gap of [60, 95, 100, 110]) {
    const near = `${filler(3990)} drone ${filler(gap)} drone ${filler(5000)}`;
    assert.deepEqual(marked(textSnippet(near, 'drone')), ['drone', 'drone'], `gap ${gap}`);
  }
});

test('a word start is a letter, digit or underscore before it, astral letters included', () => {
  assert.equal(textSnippet('turmoil and soil', 'oil'), null);
  assert.deepEqual(marked(textSnippet('turmoil, oil and soil', 'oil')), ['oil']);
  assert.equal(textSnippet('_oil 5oil', 'oil'), null);
  assert.equal(textSnippet('𝐀oil', 'oil'), null); // U+1D400, a letter outside the BMP
  assert.deepEqual(marked(textSnippet('😀oil', 'oil')), ['oil']); // an emoji is not a letter
});

test('from a head and a way to read the whole text: the same snippet, the whole text read only when needed', () => {
  const cases: Array<[string, string]> = [
    [`${filler(10_000)} Shelling hit Kharkív again.`, 'kharkiv'], // past the head
    [`${filler(200)} drone ${filler(8000)}`, 'drone'], // inside it
    [`${filler(3990)} drone ${filler(60)} drone ${filler(5000)}`, 'drone'], // its window runs past the head
    [`${filler(4090)} Kharkivska ${filler(300)} Kharkiv.`, 'kharkiv'], // a word cut by the head's end
    [`${filler(9000)}`, 'absent'], // nowhere
    [`“Quoted” — ${filler(200)} Kharkív’s ${filler(6000)}`, 'kharkiv'], // punctuation left unfolded
  ];
  for (const [text, q] of cases) {
    // SQLite's substr(text, 1, SNIPPET_HEAD): the first 4,096 characters
    const head = text.slice(0, SNIPPET_HEAD);
    let reads = 0;
    const got = textSnippet(head, q, () => {
      reads++;
      return text;
    });
    assert.deepEqual(got, textSnippet(text, q), `${q} in ${text.length}`);
    const inHead = text.slice(0, 3800).includes(q === 'kharkiv' ? 'Kharkív’s' : ` ${q} `);
    if (inHead) assert.equal(reads, 0, `${q}: the head sufficed`);
    else assert.ok(reads <= 1, `${q}: read at most once`);
  }
});
