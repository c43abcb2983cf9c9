import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { article, storeContract } from '../store.contract.js';
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
