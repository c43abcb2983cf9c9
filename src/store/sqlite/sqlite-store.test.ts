import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { article, storeContract } from '../store.contract.js';
import { bandKeyNumber } from './band-keys.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sqlite-'));
let n = 0;
const freshFile = () => join(dir, `store-${n++}.db`);

storeContract('SQLite', async () => new SqliteStore(freshFile()));

test('SQLite store runs in WAL mode at the latest migration, and reopening keeps the data', async () => {
  const file = freshFile();
  const store = new SqliteStore(file);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  await store.putArticles([article('keep', 'Kept across reopen.')]);
  await store.close();
  const reopened = new SqliteStore(file);
  assert.equal((await reopened.stats()).articles, 1);
  assert.equal((await reopened.search({ q: 'reopen' })).total, 1);
  await reopened.close();
});

test('a read-only store refuses a missing file instead of creating one', () => {
  assert.throws(() => new SqliteStore(join(dir, 'missing.db'), { readonly: true }));
});

test('several processes opening a new store at once migrate it once, and all of them open it', async () => {
  const { spawn } = await import('node:child_process');
  const module = new URL('./sqlite-store.js', import.meta.url).href;
  for (let round = 0; round < 3; round++) {
    const file = freshFile();
    const script = `import(${JSON.stringify(module)}).then(async ({ SqliteStore }) => { const s = new SqliteStore(${JSON.stringify(file)}); await s.close(); })`;
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
        });
        return new Promise<string>((resolve) => child.once('exit', (code) => resolve(`${code} ${stderr}`.trim())));
      }),
    );
    assert.deepEqual(codes, ['0', '0', '0', '0']);
    const store = new SqliteStore(file, { readonly: true });
    assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
    await store.close();
  }
});

test('a store of migration 7 moves its facts and place mentions to the article-keyed tables intact', async () => {
  const file = freshFile();
  const old = new Database(file);
  for (const migration of MIGRATIONS.filter((m) => m.version <= 7)) old.exec(migration.sql);
  old.pragma('user_version = 7');
  const insertArticle = old.prepare(
    `INSERT INTO articles (id, key, source, position, format, raw, fields, title, published, text, blocks, messages, provenance, ingested_at)
     VALUES (?, ?, 's', 0, 'text', '', '{}', ?, ?, ?, '[]', '[]', '{}', '2026-11-21')`,
  );
  const insertFact = old.prepare(
    `INSERT INTO facts (id, article_rowid, kind, stage, start, "end", quote, data) VALUES (?, ?, 'entity-mention', 'entities', 0, 4, 'Kyiv', ?)`,
  );
  const kyiv = JSON.stringify({ type: 'place', name: 'Kyiv', entity: 'geonames:703448', lat: 50.45, lon: 30.52 });
  for (const [i, day] of ['2022-03-01', '2022-03-02'].entries()) {
    const rowid = insertArticle.run(`a${i}`, `k${i}`, `Kyiv ${i}`, `${day}T10:00:00Z`, 'Kyiv held.').lastInsertRowid;
    insertFact.run(`f${i}a`, rowid, kyiv);
    insertFact.run(`f${i}b`, rowid, kyiv);
  }
  const before = old.prepare('SELECT place, articles, mentions FROM places').all();
  const beforeDays = old.prepare('SELECT * FROM place_days ORDER BY day').all();
  old.close();

  const store = new SqliteStore(file);
  assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  assert.deepEqual(await store.check(), []);
  assert.equal((store.db.prepare('SELECT count(*) AS n FROM facts').get() as { n: number }).n, 4);
  assert.equal((store.db.prepare('SELECT count(*) AS n FROM place_mentions').get() as { n: number }).n, 4);
  assert.deepEqual(store.db.prepare('SELECT place, articles, mentions FROM places').all(), before);
  assert.deepEqual(store.db.prepare('SELECT * FROM place_days ORDER BY day').all(), beforeDays);
  assert.deepEqual(before, [{ place: 'geonames:703448', articles: 2, mentions: 4 }]);
  assert.equal((await store.getArticle('a1'))?.facts.length, 2);
  // the triggers work on the new tables: a third article adds to the totals
  await store.putArticles([
    {
      ...article('a2', 'Kyiv again.', { published: '2022-03-03T10:00:00Z' }),
      facts: [
        {
          kind: 'entity-mention',
          id: 'f2a',
          stage: 'entities',
          evidence: { article: 'a2', start: 0, end: 4, quote: 'Kyiv' },
          data: JSON.parse(kyiv),
        },
      ],
    },
  ]);
  assert.deepEqual(store.db.prepare('SELECT articles, mentions FROM places').get(), { articles: 3, mentions: 5 });
  await store.close();
});

test('band keys and signatures: found by any shared key, originals only, in article id order', async () => {
  const store = new SqliteStore(freshFile());
  const sig = (article: string, bands: string[], original = true) => ({
    article,
    size: 3,
    mins: Buffer.from(article),
    bands,
    original,
  });
  await store.putArticles([article('b2', 'Two.'), article('a10', 'Ten.'), article('c3', 'Three.')], {
    links: {
      signatures: [sig('b2', ['0:k', '1:zz']), sig('a10', ['1:zz', '2:q']), sig('c3', ['0:k'], false)],
      blocks: [],
      storyMoves: [],
      newOriginals: [],
      stories: [],
    },
  });
  const found = await store.duplicateCandidates(['1:zz', '0:k', 'unknown']);
  assert.deepEqual(
    found.map((c) => [c.article, c.size, c.mins.toString()]),
    [
      ['a10', 3, 'a10'],
      ['b2', 3, 'b2'],
    ],
  );
  assert.deepEqual(
    (await store.duplicateCandidates(['2:q'])).map((c) => c.article),
    ['a10'],
  );
  assert.deepEqual(await store.duplicateCandidates(['2:Q']), []);
  await store.close();
});

test('band rows move from the recent table to the main one in the batch that fills it, and stay found', async () => {
  const store = new SqliteStore(freshFile(), { recentRows: 5 });
  const count = (table: string) => Number(store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  const links = (article: string, bands: string[]) => ({
    signatures: [{ article, size: 2, mins: Buffer.from(article), bands, original: true }],
    blocks: [],
    storyMoves: [],
    newOriginals: [],
    stories: [],
  });
  await store.putArticles([article('p1', 'One.')], { links: links('p1', ['0:a', '1:b', '2:c']) });
  assert.deepEqual([count('lsh_bands_recent'), count('lsh_bands')], [3, 0]);
  await store.putArticles([article('p2', 'Two.')], { links: links('p2', ['0:a', '3:d']) });
  assert.deepEqual([count('lsh_bands_recent'), count('lsh_bands')], [0, 5]);
  await store.putArticles([article('p3', 'Three.')], { links: links('p3', ['0:a']) });
  assert.deepEqual([count('lsh_bands_recent'), count('lsh_bands')], [1, 5]);
  // found in either table, each article once
  assert.deepEqual(
    (await store.duplicateCandidates(['0:a', '3:d'])).map((c) => c.article),
    ['p1', 'p2', 'p3'],
  );
  // a new connection counts the recent rows itself
  await store.close();
  const again = new SqliteStore(store.file, { recentRows: 5 });
  await again.putArticles([article('p4', 'Four.')], { links: links('p4', ['4:e', '5:f', '6:g', '7:h']) });
  assert.equal(Number(again.db.prepare('SELECT count(*) FROM lsh_bands_recent').pluck().get()), 0);
  assert.equal(Number(again.db.prepare('SELECT count(*) FROM lsh_bands').pluck().get()), 10);
  await again.close();
});

test('shared blocks and their count are the same whichever table of paragraphs holds the rows', async () => {
  // the same batches into a store that moves rows at once, one that moves them late, one that never does
  const batches: Array<Array<[string, string[]]>> = [
    [
      ['d1', ['h1', 'h2', 'h3']],
      ['d2', ['h1']],
    ],
    [
      ['c3', ['h2', 'h4']],
      ['b4', ['h4', 'h1']],
    ],
    [['a5', ['h5', 'h3']]],
  ];
  const results = [];
  for (const recentRows of [1, 6, 1000]) {
    const store = new SqliteStore(freshFile(), { recentRows });
    for (const batch of batches) {
      await store.putArticles(
        batch.map(([id, hashes]) => article(id, hashes.map((h) => `${h} paragraph of ${id}.`).join('\n\n'))),
        {
          links: {
            signatures: [],
            blocks: batch.flatMap(([id, hashes]) =>
              hashes.map((hash, i) => ({ article: id, hash, start: i === 0 ? 0 : 1, end: 3 })),
            ),
            storyMoves: [],
            newOriginals: [],
            stories: [],
          },
        },
      );
    }
    const shared = [];
    for await (const block of store.sharedBlocks()) shared.push(block);
    results.push({ shared, count: (await store.stats()).sharedBlocks });
    await store.close();
  }
  // each block's text from its first article by id, as the one table of migration 3 gave it
  assert.deepEqual(results[0], {
    shared: [
      { text: '4 ', articles: ['b4', 'd1', 'd2'] },
      { text: 'h2 ', articles: ['c3', 'd1'] },
      { text: '5 ', articles: ['a5', 'd1'] },
      { text: 'h4 ', articles: ['b4', 'c3'] },
    ],
    count: 4,
  });
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[2], results[0]);
});

test('a store of migration 9 keeps its band keys, signatures and entity lookups through migration 10', async () => {
  const file = freshFile();
  const old = new Database(file);
  for (const migration of MIGRATIONS.filter((m) => m.version <= 9)) old.exec(migration.sql);
  old.pragma('user_version = 9');
  const insertArticle = old.prepare(
    `INSERT INTO articles (id, key, source, position, format, raw, fields, title, published, text, blocks, messages, provenance, ingested_at)
     VALUES (?, ?, 's', 0, 'text', '', '{}', ?, '2022-03-01', 'Kyiv held.', '[]', '[]', '{}', '2026-11-21')`,
  );
  for (const id of ['x1', 'x2', 'x3']) insertArticle.run(id, `k-${id}`, id);
  const band = old.prepare('INSERT INTO lsh_bands (key, article) VALUES (?, ?)');
  band.run('0:abc', 'x1');
  band.run('0:abc', 'x3');
  band.run('7:1z141z3', 'x2');
  band.run('not-a-key', 'x2');
  const signature = old.prepare('INSERT INTO article_signatures (article, size, mins) VALUES (?, ?, ?)');
  for (const id of ['x1', 'x2', 'x3']) signature.run(id, 5, Buffer.from(id));
  old
    .prepare(
      `INSERT INTO facts (id, article_rowid, kind, stage, start, "end", quote, data) VALUES
        ('f1', 1, 'entity-mention', 'entities', 0, 4, 'Kyiv', '{"entity":"geonames:703448"}'),
        ('f2', 1, 'entity-mention', 'entities', 0, 4, 'Kyiv', '{"name":"Kyiv"}'),
        ('q1', 2, 'quote', 'quotes', 0, 4, 'Kyiv', '{"speakerEntity":"person:zelensky"}')`,
    )
    .run();
  old.close();

  const store = new SqliteStore(file);
  assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  assert.deepEqual(await store.check(), []);
  assert.deepEqual(store.db.prepare('SELECT key, article_rowid FROM lsh_bands ORDER BY key, article_rowid').all(), [
    { key: 13_368, article_rowid: 1 },
    { key: 13_368, article_rowid: 3 },
    { key: 7 * 2 ** 32 + 0xffffffff, article_rowid: 2 },
    { key: bandKeyNumber('not-a-key'), article_rowid: 2 },
  ]);
  assert.deepEqual(
    (await store.duplicateCandidates(['0:abc'])).map((c) => [c.article, c.mins.toString()]),
    [
      ['x1', 'x1'],
      ['x3', 'x3'],
    ],
  );
  assert.deepEqual(
    (await store.duplicateCandidates(['not-a-key', '7:1z141z3'])).map((c) => c.article),
    ['x2'],
  );
  // lookups by entity and speaker still find their facts, through the narrower indexes
  assert.deepEqual(
    (await store.listArticles({ entity: 'geonames:703448' })).items.map((a) => a.id),
    ['x1'],
  );
  assert.equal((await store.listFacts('quote', { where: { speakerEntity: 'person:zelensky' } })).total, 1);
  // (by entity through entity_articles since migration 11: one row per entity and article)
  assert.deepEqual(store.db.prepare('SELECT * FROM entity_articles').all(), [
    { entity: 'geonames:703448', article_rowid: 1, type: '', mentions: 1 },
  ]);
  await store.close();
});

test('facts counted per kind (migration 12) follow every write and delete, and the migration counts old stores', async () => {
  const text = 'Kyiv said 12 were killed.';
  const fact = (doc: string, id: string, kind: string, start: number, end: number) => ({
    kind,
    id,
    stage: 'test',
    evidence: { article: doc, start, end, quote: text.slice(start, end) },
    data: {},
  });
  const store = new SqliteStore(freshFile());
  const counts = () =>
    store.db.prepare('SELECT kind, count(*) AS facts FROM facts GROUP BY kind ORDER BY kind').all() as Array<{
      kind: string;
      facts: number;
    }>;
  const stats = async () => (await store.stats()).facts.map((f) => ({ kind: f.kind, facts: f.facts }));
  await store.putArticles([
    // the same fact id twice in one article is one fact
    { ...article('c1', text), facts: [fact('c1', 'a', 'claim', 10, 12), fact('c1', 'a', 'claim', 10, 12)] },
    { ...article('c2', text), facts: [fact('c2', 'a', 'claim', 10, 12), fact('c2', 'k', 'entity-mention', 0, 4)] },
  ]);
  // an article stored again adds nothing
  await store.putArticles([{ ...article('c2', text), facts: [fact('c2', 'z', 'claim', 10, 12)] }]);
  assert.deepEqual(await stats(), [
    { kind: 'claim', facts: 2 },
    { kind: 'entity-mention', facts: 1 },
  ]);
  assert.deepEqual(await stats(), counts());
  store.db.prepare("DELETE FROM facts WHERE kind = 'entity-mention'").run();
  assert.deepEqual(await stats(), [{ kind: 'claim', facts: 2 }]);
  // a store of migration 11 gets its counts from its facts
  store.db.exec('DROP TABLE fact_kinds; DROP TRIGGER facts_kinds_delete');
  store.db.pragma('user_version = 11');
  const file = store.db.name;
  await store.close();
  const migrated = new SqliteStore(file);
  assert.deepEqual(
    (await migrated.stats()).facts.map((f) => ({ kind: f.kind, facts: f.facts })),
    [{ kind: 'claim', facts: 2 }],
  );
  await migrated.close();
});
