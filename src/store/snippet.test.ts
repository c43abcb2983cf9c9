import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryWords, textSnippet } from './snippet.js';

const marked = (s: ReturnType<typeof textSnippet>) =>
  s ? s.highlights.map((h) => s.snippet.slice(h.start, h.end)) : null;

test('query words: operators in capitals and column names are not words; prefixes are kept', () => {
  assert.deepEqual(queryWords('title:Kharkiv AND (shelling OR missile*) NOT "Kyiv"'), [
    { word: 'kharkiv', prefix: false },
    { word: 'shelling', prefix: false },
    { word: 'missile', prefix: true },
    { word: 'kyiv', prefix: false },
  ]);
  assert.deepEqual(queryWords('and'), [{ word: 'and', prefix: false }]);
});

test('the passage around the first match, every match marked, case and diacritics folded', () => {
  const text = `${'Earlier text. '.repeat(20)}Missiles struck Kharkív overnight;\n\nKHARKIV's governor said missiles hit again.`;
  const s = textSnippet(text, 'kharkiv missile*');
  assert.ok(s);
  assert.deepEqual(marked(s), ['Missiles', 'Kharkív', 'KHARKIV', 'missiles']);
  assert.match(s.snippet, /^….*Missiles struck Kharkív overnight; KHARKIV's/);
  assert.doesNotMatch(s.snippet, /\n/);
  // a whole word only, unless the query asks for a prefix
  assert.equal(textSnippet('Missiles flew.', 'missile'), null);
  assert.deepEqual(marked(textSnippet('Missiles flew.', 'missile*')), ['Missiles']);
});
