// Searches answered from cached phrase lists (phrase-cache.ts) must be exactly FTS5's: the same
// totals, hits in the same order and the same bm25() scores, for every query shape the cache
// takes, with and without a period and with paging; they follow a changing store; the cache is
// bounded; and every other shape is left to FTS5 (parseSimpleQuery returns null), as are queries
// of many phrases or with a phrase in too many rows.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seededRandom } from '../../../eval/random.js';
import { article } from '../store.contract.js';
import { MAX_PHRASES, PhraseCache, parseSimpleQuery } from './phrase-cache.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-phrase-cache-'));

test('the query shapes the cache takes, and those it leaves to FTS5', () => {
  assert.deepEqual(parseSimpleQuery('Kyiv'), { form: 'and', phrases: ['Kyiv'], not: [] });
  assert.deepEqual(parseSimpleQuery(' grain  AND "grain deal" Odesa '), {
    form: 'and',
    phrases: ['grain', '"grain deal"', 'Odesa'],
    not: [],
  });
  assert.deepEqual(parseSimpleQuery('missile OR drone OR Zelen*'), {
    form: 'or',
    phrases: ['missile', 'drone', 'Zelen*'],
    not: [],
  });
  assert.deepEqual(parseSimpleQuery('Kyiv NOT Moscow NOT "air defence"*'), {
    form: 'and',
    phrases: ['Kyiv'],
    not: ['Moscow', '"air defence"*'],
  });
  assert.deepEqual(parseSimpleQuery('"he said ""no"" twice" Kharkív'), {
    form: 'and',
    phrases: ['"he said ""no"" twice"', 'Kharkív'],
    not: [],
  });
  // lower-case operators are words, as in FTS5
  assert.deepEqual(parseSimpleQuery('war and peace'), { form: 'and', phrases: ['war', 'and', 'peace'], not: [] });
  for (const q of [
    'a OR b AND c', // (a) OR (b AND c): FTS5 may not count a phrase of a branch that failed
    'a AND b OR c',
    'a b OR c',
    'a OR b NOT c',
    'a NOT b c',
    'a NOT b OR c',
    '(a OR b) AND c',
    'title:Kyiv',
    '{title text}: Kyiv',
    'NEAR(a b)',
    'a NEAR b',
    '"open',
    'AND a',
    'a AND',
    'a AND AND b',
    'a NOT',
    "Kyiv's",
    'Kyiv’s',
    '-a',
    '^a',
    'a + b',
    '_',
    '""',
    '"a"b',
    '',
    '   ',
  ]) {
    assert.equal(parseSimpleQuery(q), null, q);
  }
});

const WORDS = [
  'shelling',
  'grain',
  'Kharkiv',
  'Kharkív',
  'Odesa',
  'refugees',
  'drone',
  'ceasefire',
  'convoy',
  'grain deal',
];
const QUERY_WORDS = ['shelling', 'grain', 'Kharkiv', 'Odesa', 'refugees', 'drone', 'ceasefire', 'convoy', 'absent'];
const PHRASES = ['"grain deal"', '"deal grain"', 'ref*', 'Kh*', '"grain de"*', 'KHARKIV'];

function corpus(size: number, seed: number, prefix: string) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: size }, (_, i) => {
    const words = Array.from({ length: 2 + Math.floor(random() * 30) }, () => pick(WORDS));
    const day = Math.floor(random() * 90);
    const date = new Date(Date.parse('2022-02-20') + day * 86_400_000).toISOString().slice(0, 10);
    const published = random() < 0.1 ? null : random() < 0.5 ? date : `${date}T0${i % 10}:15:00Z`;
    const title = random() < 0.2 ? null : `${pick(WORDS)} ${random() < 0.5 ? pick(WORDS) : 'update'}`;
    return article(`${prefix}${i}`, `Report ${i}: ${words.join(' ')}.`, { published, title }, 'f.jsonl', i);
  });
}

/** A random query of a shape the cache takes. */
function simpleQuery(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const phrase = () => (random() < 0.25 ? pick(PHRASES) : pick(QUERY_WORDS));
  const n = 1 + Math.floor(random() * 3);
  const phrases = Array.from({ length: n }, phrase);
  const form = random();
  if (form < 0.3) return phrases.join(' AND ');
  if (form < 0.45) return phrases.join(' ');
  if (form < 0.75) return phrases.join(' OR ');
  return `${phrases.join(' AND ')} NOT ${phrase()}${random() < 0.3 ? ` NOT ${phrase()}` : ''}`;
}

/** FTS5 itself: the newest 5,000 matches of the period, ranked by bm25(), with the count of all. */
function reference(store: SqliteStore, q: string, from: string | undefined, to: string | undefined, offset: number) {
  const conditions = ['articles_fts MATCH @q'];
  if (from) conditions.push('a.published >= @from');
  if (to) conditions.push(/^\d{4}-\d{2}-\d{2}$/.test(to) ? "a.published < date(@to, '+1 day')" : 'a.published <= @to');
  const where = `FROM articles_fts JOIN article_meta a ON a.rowid = articles_fts.rowid WHERE ${conditions.join(' AND ')}`;
  const params = { q, ...(from && { from }), ...(to && { to }) };
  const total = (store.db.prepare(`SELECT count(*) AS n ${where}`).get(params) as { n: number }).n;
  const rows = store.db
    .prepare(
      `SELECT a.id, s FROM (SELECT articles_fts.rowid AS r, bm25(articles_fts, 5.0, 1.0) AS s ${where}
       ORDER BY articles_fts.rowid DESC LIMIT 5000) JOIN article_meta a ON a.rowid = r ORDER BY s, r LIMIT 20 OFFSET ${offset}`,
    )
    .all(params) as Array<{ id: string; s: number }>;
  return { total, ids: rows.map((r) => r.id), scores: rows.map((r) => -r.s) };
}

test('answers from cached phrase lists are FTS5 answers, and follow a changing store', async () => {
  const store = new SqliteStore(join(dir, 'same.db'));
  await store.putArticles(corpus(600, 11, 'a'));
  const random = seededRandom(12);
  const periods: Array<[string | undefined, string | undefined]> = [
    [undefined, undefined],
    ['2022-03-01', '2022-03-20'],
    ['2022-03-05T05:00:00Z', undefined],
    [undefined, '2022-03-02'],
  ];
  const check = async (label: string, rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      const q = simpleQuery(random);
      assert.ok(parseSimpleQuery(q), q);
      const [from, to] = periods[i % periods.length] as [string | undefined, string | undefined];
      const offset = i % 7 === 0 ? 20 : 0;
      const got = await store.search({ q, offset, ...(from && { from }), ...(to && { to }) });
      const want = reference(store, q, from, to, offset);
      const what = `${label}: ${q} ${from ?? '-'}..${to ?? '-'} +${offset}`;
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
  };
  await check('first batch', 300);
  // new articles change every score (idf, average length): the lists are built again
  await store.putArticles(corpus(200, 13, 'b'));
  await check('after a second batch', 150);
  await store.close();
});

test('the cache keeps at most its limit of entries, the most recently used first', async () => {
  const store = new SqliteStore(join(dir, 'bounded.db'));
  await store.putArticles(corpus(300, 21, 'c'));
  const list = store.db.prepare(
    'SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH @q ORDER BY rowid LIMIT @limit',
  );
  list.raw(true);
  const size = (q: string) => (list.all({ q, limit: -1 }) as unknown[]).length;
  const [grain, drone, odesa] = [size('grain'), size('drone'), size('Odesa')];
  assert.ok(grain > 0 && drone > 0 && odesa > 0);
  const cache = new PhraseCache(() => list, { limit: grain + drone, buildAfter: 1 });
  const matches = (q: string) => cache.matches({ form: 'and', phrases: [q], not: [] }, 'v1', 0, 1e9, null)?.total;
  assert.equal(matches('grain'), grain);
  assert.equal(matches('drone'), drone);
  assert.equal(matches('grain'), grain); // found: grain is now the most recently used
  assert.deepEqual(cache.stats, { built: 2, found: 1 });
  assert.equal(matches('Odesa'), odesa); // over the limit: drone goes, grain stays
  assert.equal(matches('grain'), grain);
  assert.deepEqual(cache.stats, { built: 3, found: 2 });
  assert.equal(matches('drone'), drone);
  assert.deepEqual(cache.stats, { built: 4, found: 2 });
  // another store version: everything is built again
  cache.matches({ form: 'and', phrases: ['drone'], not: [] }, 'v2', 0, 1e9, null);
  assert.deepEqual(cache.stats, { built: 5, found: 2 });
  await store.close();
});

test('a query of many phrases, or with a phrase in too many rows, is left to FTS5', async () => {
  const store = new SqliteStore(join(dir, 'guards.db'));
  await store.putArticles(corpus(300, 31, 'd'));
  const list = store.db.prepare(
    'SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH @q ORDER BY rowid LIMIT @limit',
  );
  list.raw(true);
  const rows = (q: string) => (list.all({ q, limit: -1 }) as unknown[]).length;
  let reads = 0;
  const cache = new PhraseCache(
    () => {
      reads++;
      return list;
    },
    { maxList: rows('drone'), buildAfter: 1 },
  );
  const and = (...phrases: string[]) => cache.matches({ form: 'and', phrases, not: [] }, 'v1', 0, 1e9, null);
  // more phrases than MAX_PHRASES: no list is built
  assert.equal(and(...Array.from({ length: MAX_PHRASES + 1 }, () => 'drone')), null);
  assert.deepEqual(cache.stats, { built: 0, found: 0 });
  assert.equal(and('drone')?.total, rows('drone'));
  // "Report" is in every article, more than the longest list: FTS5 answers, and the phrase is
  // not read again until the store changes
  assert.ok(rows('Report') > rows('drone'));
  assert.equal(and('drone', 'Report'), null);
  assert.equal(and('Report'), null);
  assert.deepEqual(cache.stats, { built: 1, found: 1 });
  assert.equal(reads, 2);
  // through the store: the same answers either way
  const got = await store.search({ q: Array.from({ length: MAX_PHRASES + 1 }, () => 'drone').join(' ') });
  assert.equal(got.total, rows('drone'));
  await store.close();
});

test('a phrase gets its list when met the second time; FTS5 answers the first', async () => {
  const store = new SqliteStore(join(dir, 'second.db'));
  await store.putArticles(corpus(200, 41, 'e'));
  const list = store.db.prepare(
    'SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH @q ORDER BY rowid LIMIT @limit',
  );
  list.raw(true);
  const cache = new PhraseCache(() => list);
  const query = (...phrases: string[]) => cache.matches({ form: 'or', phrases, not: [] }, 'v1', 0, 1e9, null);
  assert.equal(query('grain'), null); // met once
  assert.ok(query('grain')); // twice: built
  assert.equal(query('grain', 'drone'), null); // drone met once: FTS5 answers, grain's list stays
  assert.ok(query('drone', 'grain'));
  assert.deepEqual(cache.stats, { built: 2, found: 1 });
  // the store changed: met again from nothing
  assert.equal(cache.matches({ form: 'and', phrases: ['grain'], not: [] }, 'v2', 0, 1e9, null), null);
  await store.close();
});
