// SqliteStore.search filters periods from memory (publication dates sorted, a bitmap read by
// FTS5 or by the phrase cache) and ranks in one pass: its answers must be those of the plain SQL
// it replaced (a join on the dates, a count, the newest RANKED_MATCHES ranked by bm25), with
// articles stored out of date order, dates with and without a time of day, no date at all, and a
// store that changes; through the phrase cache (the queries below) and through FTS5 (the same
// queries in parentheses, a shape the cache leaves to FTS5).

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seededRandom } from '../../../eval/random.js';
import { article } from '../store.contract.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-search-period-'));
const WORDS = ['shelling', 'grain', 'Kharkiv', 'Odesa', 'refugees', 'drone', 'ceasefire', 'convoy'];

function corpus(size: number, seed: number, prefix: string) {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const words = Array.from({ length: 3 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * 8)]);
    const day = Math.floor(random() * 120);
    const date = new Date(Date.parse('2022-02-20') + day * 86_400_000).toISOString().slice(0, 10);
    // out of date order; some with a time of day, some a bare date, some none
    const published =
      random() < 0.1 ? null : random() < 0.5 ? date : `${date}T${String(i % 24).padStart(2, '0')}:30:00Z`;
    return article(
      `${prefix}${i}`,
      `Report ${i}: ${words.join(' ')}.`,
      { published, title: words[0] ?? null },
      'f.jsonl',
      i,
    );
  });
}

/** The plain SQL search: a join on the dates, a count, the newest `ranked` matches by bm25. */
function reference(store: SqliteStore, q: string, from?: string, to?: string, ranked = 5000) {
  const conditions = ['articles_fts MATCH @q'];
  if (from) conditions.push('a.published >= @from');
  if (to) conditions.push(/^\d{4}-\d{2}-\d{2}$/.test(to) ? "a.published < date(@to, '+1 day')" : 'a.published <= @to');
  const where = `FROM articles_fts JOIN article_meta a ON a.rowid = articles_fts.rowid WHERE ${conditions.join(' AND ')}`;
  const params = { q, ...(from && { from }), ...(to && { to }) };
  const total = (store.db.prepare(`SELECT count(*) AS n ${where}`).get(params) as { n: number }).n;
  const rows = store.db
    .prepare(
      `SELECT a.id, s FROM (SELECT articles_fts.rowid AS r, bm25(articles_fts, 5.0, 1.0) AS s ${where}
       ORDER BY articles_fts.rowid DESC LIMIT ${ranked}) JOIN article_meta a ON a.rowid = r ORDER BY s, r LIMIT 20`,
    )
    .all(params) as Array<{ id: string; s: number }>;
  return { total, ids: rows.map((r) => r.id), scores: rows.map((r) => -r.s) };
}

test('search by period answers as the plain SQL join does, and follows a changing store', async () => {
  const store = new SqliteStore(join(dir, 'period.db'));
  await store.putArticles(corpus(400, 3, 'a'));
  const periods: Array<[string | undefined, string | undefined]> = [
    [undefined, undefined],
    ['2022-03-01', '2022-03-10'],
    ['2022-03-01', undefined],
    [undefined, '2022-03-10'],
    ['2022-03-05T12:00:00Z', '2022-03-20T05:30:00Z'],
    ['2022-03-05', '2022-03-05'],
    ['2022-04-01', '2022-03-01'], // reversed: empty
    ['2030-01-01', undefined], // after every article: empty
    ['2022-02-30', '2022-02-31'], // SQLite's date() reads these too; the answers must agree
  ];
  // a period bounded by an article's own time of day: both ends are inclusive
  const stamp = (
    store.db.prepare("SELECT published FROM article_meta WHERE published LIKE '%T%' ORDER BY rowid LIMIT 1").get() as {
      published: string;
    }
  ).published;
  periods.push([stamp, stamp], [undefined, stamp]);
  const check = async (label: string) => {
    for (const simple of ['shelling', 'grain AND Odesa', 'drone OR convoy', 'Kharkiv NOT refugees', 'ref*']) {
      for (const q of [simple, `(${simple})`]) {
        for (const [from, to] of periods) {
          const got = await store.search({ q, ...(from && { from }), ...(to && { to }) });
          const want = reference(store, q, from, to);
          const what = `${label}: ${q} ${from ?? '-'}..${to ?? '-'}`;
          assert.equal(got.total, want.total, what);
          assert.deepEqual(
            got.items.map((h) => h.article.id),
            want.ids,
            what,
          );
          assert.deepEqual(
            got.items.map((h) => h.score),
            want.scores,
            what,
          );
        }
      }
    }
  };
  await check('first batch');
  assert.ok((await store.search({ q: 'shelling', from: '2022-03-01', to: '2022-03-10' })).total > 0);
  // the store changes: the dates in memory are read again
  await store.putArticles(corpus(150, 4, 'b'));
  await check('after a second batch');
  // a syntax error is still an error when the period holds no article
  await assert.rejects(store.search({ q: '"open', from: '2030-01-01' }), /cannot parse search query/);
  await store.close();
});

test('a query matching more than 5,000 articles counts them all and ranks the newest 5,000', async () => {
  const store = new SqliteStore(join(dir, 'broad.db'));
  await store.putArticles(corpus(5300, 5, 'c'));
  for (const q of ['Report', 'shelling']) {
    const got = await store.search({ q });
    const want = reference(store, q);
    assert.ok(want.total > 5000 || q !== 'Report', `${q} matches ${want.total}`);
    assert.equal(got.total, want.total, q);
    assert.deepEqual(
      got.items.map((h) => h.article.id),
      want.ids,
      q,
    );
  }
  await store.close();
});
