// The PostgreSQL store against a real server started for this file (test/postgres-server.ts):
// the shared Store contract, one fresh database per store, plus what only PostgreSQL has to
// show: concurrent writers from two pools, migrations applied once, the query parser, box queries.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { type PostgresServer, skipPostgres, startPostgres } from '../../../test/postgres-server.js';
import { type Fact, factId } from '../../core/document.js';
import { evidenceOf } from '../../core/spans.js';
import { openStore } from '../index.js';
import { article, storeContract } from '../store.contract.js';
import { QuerySyntaxError } from '../store.js';
import { MIGRATIONS } from './migrations.js';
import { PgStore } from './pg-store.js';
import { toTsquery } from './tsquery.js';

let server: Promise<PostgresServer> | null = null;
const stores: PgStore[] = [];
const freshDatabase = async () => {
  server ??= startPostgres();
  return (await server).createDatabase();
};
const freshStore = async () => {
  const store = new PgStore(await freshDatabase());
  stores.push(store);
  return store;
};

after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  if (server) await (await server).stop();
});

if (skipPostgres) {
  test('PostgreSQL store', { skip: skipPostgres }, () => {});
} else {
  storeContract('PostgreSQL', freshStore);

  describe('PostgreSQL store', () => {
    test('two stores (two pools, as two processes) writing overlapping batches store each article once', async () => {
      const url = await freshDatabase();
      const a = new PgStore(url);
      const b = new PgStore(url);
      stores.push(a, b);
      const text = (i: number) => `Report ${i}: shelling near Kharkiv and Izium, officials said.`;
      const docs = Array.from({ length: 300 }, (_, i) => article(`c${i}`, text(i)));
      // overlapping halves, in opposite orders, in several concurrent batches each
      const first = docs.slice(0, 200);
      const second = docs.slice(100).reverse();
      const chunks = <T>(xs: T[], n: number) =>
        Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
      const results = await Promise.all([
        ...chunks(first, 50).map((batch) =>
          a.putArticles(batch, {
            outletLines: batch.map((d) => ({ article: d.id, outlet: 'Wire', fingerprints: ['f1'] })),
          }),
        ),
        ...chunks(second, 50).map((batch) =>
          b.putArticles(batch, {
            outletLines: batch.map((d) => ({ article: d.id, outlet: 'Wire', fingerprints: ['f1'] })),
          }),
        ),
      ]);
      const added = results.flatMap((r) => r.addedIds);
      assert.equal(added.length, 300, 'every article added by exactly one writer');
      assert.equal(new Set(added).size, 300);
      assert.equal(
        results.reduce((n, r) => n + r.skipped, 0),
        100,
        'the overlap was skipped once each',
      );
      assert.equal((await a.stats()).articles, 300);
      // counters follow the articles actually added, whoever added them
      const counts = await b.outletLineCounts('Wire', ['f1']);
      assert.equal(counts.articles, 300);
      assert.equal(counts.lines.get('f1'), 300);
      assert.deepEqual(await a.check(), []);
    });

    test('reopening keeps the data and does not run migrations again', async () => {
      const url = await freshDatabase();
      const store = new PgStore(url);
      await store.putArticles([article('keep', 'Kept across reopen.')]);
      assert.deepEqual(
        store.applied,
        MIGRATIONS.map((m) => m.version),
      );
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const before = (await client.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows;
      const reopened = openStore(url) as PgStore;
      stores.push(reopened);
      assert.ok(reopened instanceof PgStore);
      assert.equal((await reopened.stats()).articles, 1);
      assert.equal((await reopened.search({ q: 'reopen*' })).total, 1);
      assert.deepEqual(reopened.applied, []);
      const afterRows = (await client.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows;
      assert.deepEqual(afterRows, before);
      assert.equal(afterRows.length, MIGRATIONS.length);
      // read-only: reads work, writes are refused by the server
      const readonly = openStore(url, { readonly: true });
      assert.equal((await readonly.stats()).articles, 1);
      await assert.rejects(readonly.putArticles([article('new', 'Refused.')]), /read-only/);
      await readonly.close();
      await client.end();
    });

    test('two stores opening an empty database at once migrate it once', async () => {
      const url = await freshDatabase();
      const a = new PgStore(url);
      const b = new PgStore(url);
      stores.push(a, b);
      await Promise.all([a.ready, b.ready]);
      assert.deepEqual(
        [...a.applied, ...b.applied].sort(),
        MIGRATIONS.map((m) => m.version),
      );
    });

    test('malformed searches are QuerySyntaxErrors; FTS5 operators, phrases, prefixes and columns work', async () => {
      const store = await freshStore();
      await store.putArticles([
        article('s1', 'Russian forces shelled Kharkiv overnight.', { title: 'Kharkiv shelled' }),
        article('s2', 'Grain ships left Odesa; the shelling of Mykolaiv went on.', { title: 'Odesa port' }),
        article('s3', "The U.S. sent aid to Kyiv's defenders.", { title: 'Aid' }),
      ]);
      const ids = async (q: string) => (await store.search({ q })).items.map((h) => h.article.id).sort();
      for (const q of [
        '"unterminated',
        'AND OR',
        'kharkiv AND',
        'NOT kharkiv',
        '(kharkiv',
        'kharkiv)',
        'nosuch:word',
        '()',
        'a OR',
      ]) {
        await assert.rejects(store.search({ q }), QuerySyntaxError, q);
        await assert.rejects(store.timeline({ q }), QuerySyntaxError, q);
      }
      assert.deepEqual(await ids('shell*'), ['s1', 's2']);
      assert.deepEqual(await ids('shell* NOT odesa'), ['s1']);
      assert.deepEqual(await ids('kharkiv OR mykolaiv'), ['s1', 's2']);
      assert.deepEqual(await ids('"forces shelled"'), ['s1']);
      assert.deepEqual(await ids('"shelled forces"'), []);
      assert.deepEqual(await ids('title:odesa'), ['s2']);
      assert.deepEqual(await ids('text:kharkiv'), ['s1']);
      assert.deepEqual(await ids('title:grain'), []);
      assert.deepEqual(await ids('u.s. aid'), ['s3']);
      // stray punctuation is ignored, lower-case operators are words, quotes may hold anything
      assert.deepEqual(await ids("kyiv's - +"), ['s3']);
      assert.deepEqual(await ids('"it\'s" OR grain'), ['s2']);
      assert.deepEqual(await ids("'; DROP TABLE articles; --"), []);
      assert.equal((await store.stats()).articles, 3);
    });

    test('the query parser renders only quoted words and its own operators', () => {
      assert.equal(toTsquery('Kharkiv'), "'Kharkiv'");
      assert.equal(toTsquery('a b OR c NOT d'), "(('a' & 'b') | ('c' & !'d'))");
      assert.equal(toTsquery('"forces shelled"*'), "('forces' <-> 'shelled':*)");
      assert.equal(toTsquery('title:(kyiv OR kiev)'), "('kyiv':A | 'kiev':A)");
      assert.equal(toTsquery("o'brien U.S.*"), "('o''brien' & 'U.S.':*)");
      assert.equal(toTsquery(String.raw`"a\b 'c"`), String.raw`('a\\b' <-> '''c')`);
      assert.throws(() => toTsquery('"open'), QuerySyntaxError);
      assert.throws(() => toTsquery('NEAR(a b)'), QuerySyntaxError);
    });

    test('box queries return only the places and records inside the box', async () => {
      const store = await freshStore();
      const spots: Array<[string, number, number]> = [
        ['Kyiv', 50.45, 30.52],
        ['Lviv', 49.84, 24.03],
        ['Kharkiv', 49.99, 36.23],
        ['Odesa', 46.48, 30.72],
        ['Sevastopol', 44.6, 33.52],
      ];
      const text = spots.map(([name]) => name).join(', ');
      const facts: Fact[] = spots.map(([name, lat, lon]) => {
        const start = text.indexOf(name);
        return {
          kind: 'entity-mention',
          id: factId('entity-mention', 'map', start, start + name.length),
          stage: 'entities',
          evidence: evidenceOf('map', text, start, start + name.length),
          data: { type: 'place', name, canonical: name, entity: `kb:${name}`, lat, lon, geoPrecision: 1 },
        };
      });
      await store.putArticles([article('map', text, { published: '2022-03-01', facts })]);
      const names = async (bbox: [number, number, number, number]) =>
        (await store.places({ bbox })).items.map((p) => p.name).sort();
      assert.deepEqual(await names([30, 46, 37, 51]), ['Kharkiv', 'Kyiv', 'Odesa']);
      assert.deepEqual(await names([22, 49, 25, 50]), ['Lviv']);
      assert.deepEqual(await names([0, 0, 1, 1]), []);
      // a box drawn backwards is empty, as BETWEEN is in the SQLite store
      assert.deepEqual(await names([37, 51, 30, 46]), []);
      await store.replaceCorpusRecords(
        'event',
        spots.map(([name, lat, lon], i) => ({ id: name, date: '2022-03-01', lat, lon, rank: i, data: { name } })),
      );
      await store.replaceCorpusRecords('event', [
        ...spots.map(([name, lat, lon], i) => ({ id: name, date: '2022-03-01', lat, lon, rank: i, data: { name } })),
        { id: 'nowhere', date: '2022-03-01', lat: null, lon: null, rank: 9, data: {} },
      ]);
      const inside = await store.corpusRecords('event', { bbox: [30, 44, 34, 51] });
      assert.deepEqual(inside.items.map((r) => r.id).sort(), ['Kyiv', 'Odesa', 'Sevastopol']);
      assert.equal((await store.corpusRecords('event')).total, 6);
    });

    test('a NUL character in a record is stored as U+FFFD, offsets and evidence intact', async () => {
      const store = await freshStore();
      const text = 'Bad\u0000byte near Kherson.';
      const start = text.indexOf('Kherson');
      const fact: Fact = {
        kind: 'entity-mention',
        id: factId('entity-mention', 'nul', start, start + 7),
        stage: 'entities',
        evidence: evidenceOf('nul', text, start, start + 7),
        data: { name: 'Kherson\u0000' },
      };
      await store.putArticles([article('nul', text, { facts: [fact] })]);
      const back = await store.getArticle('nul');
      assert.equal(back?.text, 'Bad\uFFFDbyte near Kherson.');
      assert.equal(back?.facts[0]?.evidence?.quote, 'Kherson');
      assert.deepEqual(back?.facts[0]?.data, { name: 'Kherson\uFFFD' });
      assert.equal((await store.listEntities()).total, 0); // data::jsonb still parses
    });

    test('check() finds what it promises to find; a page past the end still counts the matches', async () => {
      const store = await freshStore();
      const text = 'Kyiv held. Kyiv again.';
      const facts: Fact[] = [0, 11].map((start) => ({
        kind: 'entity-mention',
        id: factId('entity-mention', 'ck', start, start + 4),
        stage: 'entities',
        evidence: evidenceOf('ck', text, start, start + 4),
        data: { type: 'place', name: 'Kyiv', canonical: 'Kyiv', entity: 'kb:kyiv', lat: 50.45, lon: 30.52 },
      }));
      await store.putArticles([article('ck', text, { story: 's', facts }), article('ck2', 'Kyiv too.')]);
      assert.deepEqual(await store.check(), []);
      const page = await store.search({ q: 'kyiv', offset: 40 });
      assert.deepEqual([page.total, page.items.length], [2, 0]);
      await store.pool.query("UPDATE places SET mentions = 5 WHERE place = 'kb:kyiv'");
      await store.pool.query('DELETE FROM entity_mentions WHERE fact = (SELECT min(fact) FROM entity_mentions)');
      await store.pool.query("INSERT INTO stories (id, articles) VALUES ('s', 7)");
      const problems = await store.check();
      assert.equal(problems.length, 3, problems.join('; '));
      assert.match(problems.join('\n'), /1 places whose mention totals/);
      assert.match(problems.join('\n'), /1 linked entity mentions missing/);
      assert.match(problems.join('\n'), /1 stories whose stored article count/);
    });

    test('a search matching over 5,000 articles ranks the 5,000 most recently stored and counts them all', async () => {
      const store = await freshStore();
      // cap0…cap9 (stored first) and cap10 have the word in their title too, so they would rank
      // first; only cap10 is among the 5,000 most recently stored (cap10…cap5009)
      const docs = Array.from({ length: 5010 }, (_, i) =>
        article(`cap${i}`, `Report ${i}: the cap held.`, i <= 10 ? { title: 'Cap report' } : {}),
      );
      for (let i = 0; i < docs.length; i += 1000) await store.putArticles(docs.slice(i, i + 1000));
      const first = await store.search({ q: 'cap', limit: 3 });
      assert.equal(first.total, 5010);
      assert.deepEqual(
        first.items.map((h) => h.article.id),
        ['cap10', 'cap11', 'cap12'], // then equal scores in storage order
      );
      assert.ok(first.items[0]!.score > first.items[1]!.score);
      const last = await store.search({ q: 'cap', limit: 20, offset: 4990 });
      assert.deepEqual([last.total, last.items.length, last.items.at(-1)?.article.id], [5010, 10, 'cap5009']);
      assert.deepEqual(
        await store.search({ q: 'cap', offset: 5000 }).then((p) => [p.total, p.items.length]),
        [5010, 0],
      );
      // a filter narrows both the total and the ranked set
      const titled = await store.search({ q: 'title:cap' });
      assert.deepEqual([titled.total, titled.items.length, titled.items[0]?.article.id], [11, 11, 'cap0']);
    });

    test('broad searches rank the 5,000 most recent matches: the hits, order and scores of ranking them directly', async () => {
      const store = await freshStore();
      // 'cap' in all 20,500 articles, 'early' only in the oldest 10,500. A title match ranks first
      // only if among the 5,000 most recent matches (w5600 and w20000, not w5400 and w14000).
      const titles = new Map([
        [5400, 'Early report'],
        [5600, 'Early report'],
        [14000, 'Cap report'],
        [20000, 'Cap report'],
      ]);
      const docs = Array.from({ length: 20500 }, (_, i) =>
        article(`w${i}`, `Report ${i}: the cap held${i < 10500 ? ' early' : ''}.`, {
          ...(titles.has(i) && { title: titles.get(i) }),
        }),
      );
      for (let i = 0; i < docs.length; i += 2500) await store.putArticles(docs.slice(i, i + 2500));
      // the reference: rank the 5,000 most recent matches directly
      const reference = async (q: string, limit: number, offset: number) =>
        (
          await store.pool.query(
            `WITH matched AS (SELECT rid, search FROM article_search WHERE search @@ to_tsquery('sitrep', $1)
               ORDER BY rid DESC LIMIT 5000)
             SELECT a.id, ts_rank_cd(m.search, to_tsquery('sitrep', $1)) AS score FROM matched m
             JOIN articles a USING (rid) ORDER BY score DESC, m.rid LIMIT $2 OFFSET $3`,
            [q, limit, offset],
          )
        ).rows.map((r) => [r.id, r.score]);
      for (const [q, top] of [
        ['cap', 'w20000'],
        ['early', 'w5600'],
      ] as const) {
        for (const offset of [0, 2450, 4990]) {
          const page = await store.search({ q, limit: 50, offset });
          assert.equal(page.total, q === 'cap' ? 20500 : 10500, q);
          assert.deepEqual(
            page.items.map((h) => [h.article.id, h.score]),
            await reference(q, 50, offset),
            `${q} at ${offset}`,
          );
        }
        assert.equal((await store.search({ q, limit: 1 })).items[0]?.article.id, top);
      }
      // the last page of each ranked set ends with its newest match (equal scores in storage order);
      // w5400 and w14000, outside the ranked sets, would have ranked first with w5600 and w20000
      for (const [q, last] of [
        ['early', 'w10499'],
        ['cap', 'w20499'],
      ]) {
        const page = await store.search({ q: q!, limit: 500, offset: 4500 });
        assert.deepEqual([page.items.length, page.items.at(-1)?.article.id], [500, last]);
      }
      // a filter narrows the total and the ranked set alike
      const filtered = await store.search({ q: 'title:early', limit: 10 });
      assert.deepEqual([filtered.total, filtered.items.map((h) => h.article.id)], [2, ['w5400', 'w5600']]);
    });

    test('migration 4 moves the search vectors of a store at version 3 into article_search', async () => {
      const url = await freshDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // a store as the code of migration 3 left it, with two articles
        await client.query(`CREATE TABLE schema_migrations (
          version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
        for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        }
        for (const [id, title, text] of [
          ['old1', 'Mariupol siege', 'Shelling continued overnight.'],
          ['old2', null, 'Grain exports resumed from Odesa.'],
        ]) {
          await client.query(
            `INSERT INTO articles (id, key, source, position, format, raw, fields, title, text, length, blocks,
               messages, provenance, ingested_at)
             VALUES ($1, $1, 's', 0, 'jsonl', '{}', '{}', $2, $3, length($3), '[]', '[]', '{}', now())`,
            [id, title, text],
          );
        }
        const store = new PgStore(url);
        stores.push(store);
        assert.equal((await store.search({ q: 'mariupol' })).items[0]?.article.id, 'old1');
        assert.deepEqual(store.applied, [4]);
        assert.equal((await store.search({ q: 'odesa OR siege' })).total, 2);
        assert.deepEqual(await store.check(), []);
        // the wide row no longer carries the vector
        const columns = await client.query(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'search'",
        );
        assert.equal(columns.rowCount, 0);
        // articles written after the migration are searchable too
        await store.putArticles([article('new1', 'Mariupol again.')]);
        assert.equal((await store.search({ q: 'mariupol' })).total, 2);
      } finally {
        await client.end();
      }
    });

    test('article_search follows every write to articles, and check() notices when it does not', async () => {
      const store = await freshStore();
      await store.putArticles([
        article('w1', 'Shelling near Izium.', { story: 's1' }),
        article('w2', 'Shelling near Kupiansk.'),
      ]);
      const ids = async (q: string) => (await store.search({ q })).items.map((h) => h.article.id).sort();
      assert.deepEqual(await ids('shelling'), ['w1', 'w2']);
      const vectorRow = async (id: string) =>
        (
          await store.pool.query(
            'SELECT s.xmin::text AS x FROM article_search s JOIN articles a USING (rid) WHERE a.id = $1',
            [id],
          )
        ).rows[0]?.x;
      // a story or duplicate update leaves the vector row alone (no rewrite of several kB)
      const before = await vectorRow('w1');
      await store.pool.query("UPDATE articles SET story = 's2', duplicate_of = NULL WHERE id = 'w1'");
      assert.equal(await vectorRow('w1'), before);
      // a new text or title is searched at once
      await store.pool.query("UPDATE articles SET text = 'Flooding near Kherson.' WHERE id = 'w1'");
      await store.pool.query("UPDATE articles SET title = 'Kupiansk front' WHERE id = 'w2'");
      assert.deepEqual(await ids('shelling'), ['w2']);
      assert.deepEqual(await ids('flooding'), ['w1']);
      assert.equal((await store.search({ q: 'title:kupiansk' })).total, 1);
      // a deleted article leaves no vector behind
      await store.pool.query("DELETE FROM articles WHERE id = 'w2'");
      assert.equal((await store.search({ q: 'kupiansk' })).total, 0);
      assert.equal(Number((await store.pool.query('SELECT count(*) AS n FROM article_search')).rows[0].n), 1);
      assert.deepEqual(await store.check(), []);
      // a vector lost or stale is a check() problem
      await store.pool.query("UPDATE article_search SET search = to_tsvector('sitrep', 'stale')");
      await store.pool.query(
        "INSERT INTO article_search (rid, search) VALUES (999999, to_tsvector('sitrep', 'orphan'))",
      );
      const problems = await store.check();
      assert.equal(problems.length, 1, problems.join('; '));
      assert.match(problems[0]!, /^2 articles whose search vector is missing or does not match/);
      await store.pool.query('TRUNCATE articles CASCADE');
      assert.equal(Number((await store.pool.query('SELECT count(*) AS n FROM article_search')).rows[0].n), 0);
    });

    test('an unreachable server is a StoreOpenError on first use, naming the URL without its password', async () => {
      const store = openStore('postgres://someone:secret@127.0.0.1:1/nowhere');
      await assert.rejects(store.stats(), (error: Error) => {
        assert.equal(error.name, 'StoreOpenError');
        assert.match(error.message, /someone:\*\*\*@127\.0\.0\.1:1/);
        assert.doesNotMatch(error.message, /secret/);
        return true;
      });
      await store.close();
    });

    test('a store whose database was missing at first use works once it exists (no restart needed)', async () => {
      const name = `late_${process.pid}`;
      const url = (await freshDatabase()).replace(/\/[^/]+$/, `/${name}`);
      const store = new PgStore(url);
      stores.push(store);
      await assert.rejects(store.stats(), /does not exist/);
      await (await server!).createDatabase(name);
      assert.equal((await store.stats()).articles, 0);
      assert.deepEqual(
        store.applied,
        MIGRATIONS.map((m) => m.version),
      );
    });
  });
}
