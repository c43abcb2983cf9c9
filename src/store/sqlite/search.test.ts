// search.ts beyond what the other search tests cover: a query FTS5 answers (a shape the phrase
// cache does not take) that matches more than RANKED_MATCHES articles is counted exactly and
// ranked as one the cache answers; and the FTS5 snippet of a hit whose text holds no query word
// (a title-only match) is that article's own text, not another's.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { article } from '../store.contract.js';
import { parseSimpleQuery } from './phrase-cache.js';
import { RANKED_MATCHES } from './search.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-search-'));

test('a broad query FTS5 answers is counted exactly and ranked as the phrase cache ranks it', async () => {
  const store = new SqliteStore(join(dir, 'broad.db'));
  // "shelling" in two articles of three; "convoy" in one of ten
  const docs = Array.from({ length: 9000 }, (_, i) =>
    article(`a${i}`, `Report ${i}: ${i % 3 === 0 ? 'quiet day' : 'shelling'}${i % 10 === 0 ? ' convoy' : ''}.`, {
      published: `2022-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    }),
  );
  await store.putArticles(docs);
  const exact = (q: string) =>
    (store.db.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?').get(q) as { n: number }).n;
  assert.ok(exact('shelling') > RANKED_MATCHES);
  for (const [fts, cached] of [
    ['(shelling)', 'shelling'], // parentheses: not a shape the cache takes, so FTS5 answers
    ['(shelling OR convoy)', 'shelling OR convoy'],
  ] as const) {
    assert.equal(parseSimpleQuery(fts), null);
    for (const period of [{}, { from: '2022-03-03', to: '2022-03-20' }]) {
      for (const offset of [0, 40]) {
        const a = await store.search({ q: fts, offset, ...period });
        const b = await store.search({ q: cached, offset, ...period });
        assert.equal(a.total, b.total, fts);
        assert.deepEqual(a, b, `${fts} ${JSON.stringify(period)} +${offset}`);
      }
    }
  }
  assert.equal((await store.search({ q: '(shelling)' })).total, exact('shelling'));
  await store.close();
});

test('a hit whose text holds no query word gets its own text as snippet', async () => {
  const store = new SqliteStore(join(dir, 'title.db'));
  await store.putArticles([
    article('first', 'Kharkiv was shelled overnight, officials said.', { published: '2022-03-01' }),
    article('second', 'Nothing about the city in this text.', { title: 'Kharkiv update', published: '2022-03-02' }),
  ]);
  const page = await store.search({ q: 'kharkiv' });
  const second = page.items.find((h) => h.article.id === 'second');
  assert.ok(second);
  assert.match(second.snippet, /^Nothing about the city/);
  assert.deepEqual(second.highlights, []);
  await store.close();
});
