// assembleBlocks remembers normalised drafts (the cascade assembles the same paragraphs more than
// once): the remembered answers must be the ones normalising gives, also after the cache is cleared.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assembleBlocks } from './blocks.js';
import { normalizeText } from './plain-text.js';

test('assembled blocks are the normalised drafts, however often and in whatever order they come', () => {
  const drafts = [
    { kind: 'paragraph' as const, text: '  Kyiv,\u00a0 24 Feb\u0007 ' },
    { kind: 'heading' as const, text: 'Title\r\n\r\n\r\nSecond' },
    { kind: 'quote' as const, text: '\ufeff"We stand"\u2028 he said' },
  ];
  const first = assembleBlocks(drafts);
  assert.equal(first.text, 'Kyiv, 24 Feb\n\nTitle\n\nSecond\n\n"We stand"\nhe said');
  assert.equal(first.controlChars, 1);
  assert.deepEqual(
    first.blocks.map((b) => b.kind),
    ['paragraph', 'heading', 'heading', 'quote'],
  );
  // more distinct drafts than the cache holds, then the first ones again
  for (let i = 0; i < 6_000; i++) {
    const text = ` p${i}\t\tx `;
    assert.equal(assembleBlocks([{ kind: 'paragraph', text }]).text, normalizeText(text).text);
  }
  assert.deepEqual(assembleBlocks(drafts), first);
  assert.equal(assembleBlocks([...drafts].reverse()).text, '"We stand"\nhe said\n\nTitle\n\nSecond\n\nKyiv, 24 Feb');
});
