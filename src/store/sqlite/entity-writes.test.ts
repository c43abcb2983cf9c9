// The entity look-up tables (entity-writes.ts, migration 11): what the store writes per batch must
// be what migration 11 derives from the mention rows of an older store, and the entity pages read
// from them must count as the mention rows did (per type of mention, articles counted once).

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Article, Fact } from '../../core/document.js';
import { article } from '../store.contract.js';
import { bandKeyNumber } from './band-keys.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-entities-'));
let n = 0;
const freshFile = () => join(dir, `store-${n++}.db`);
const TEXT = 'NATO met in Kyiv. The alliance, NATO, said NATO would stay. Kiev agreed.';

function mention(doc: string, id: string, word: string, from: number, data: Record<string, unknown>): Fact {
  const start = TEXT.indexOf(word, from);
  return {
    kind: 'entity-mention',
    id,
    stage: 'entities',
    evidence: { article: doc, start, end: start + word.length, quote: word },
    data,
  };
}

const nato = { type: 'organization', name: 'NATO', entity: 'actor:nato', canonical: 'NATO' };
const kyiv = { type: 'place', entity: 'geonames:703448', canonical: 'Kyiv', country: 'UA', lat: 50.45, lon: 30.52 };

/** Two articles: NATO three times as an organisation and once tagged a place, Kyiv written two ways. */
function docs(): Article[] {
  const a1 = article('a1', TEXT, { published: '2022-03-01T10:00:00Z' });
  const a2 = article('a2', TEXT, { published: '2022-03-02T10:00:00Z' });
  return [
    {
      ...a1,
      facts: [
        mention('a1', 'n1', 'NATO', 0, nato),
        mention('a1', 'n2', 'NATO', 20, { ...nato, type: 'place' }),
        mention('a1', 'k1', 'Kyiv', 0, kyiv),
        mention('a1', 'u1', 'alliance', 0, { type: 'organization', name: 'alliance' }),
      ],
    },
    {
      ...a2,
      facts: [
        mention('a2', 'n1', 'NATO', 0, nato),
        mention('a2', 'n2', 'NATO', 40, nato),
        mention('a2', 'k2', 'Kiev', 0, { ...kyiv, canonical: null }),
      ],
    },
  ];
}

const rows = (db: Database.Database) => ({
  articles: db.prepare('SELECT * FROM entity_articles ORDER BY entity, article_rowid, type').all(),
  names: db.prepare('SELECT * FROM entity_names ORDER BY entity').all(),
  aliases: db.prepare('SELECT * FROM entity_aliases ORDER BY entity, alias').all(),
});

test('entity rows per article and mention type, fields by max(), aliases distinct', async () => {
  const store = new SqliteStore(freshFile());
  await store.putArticles(docs());
  assert.deepEqual(rows(store.db), {
    articles: [
      { entity: 'actor:nato', article_rowid: 1, type: 'organization', mentions: 1 },
      { entity: 'actor:nato', article_rowid: 1, type: 'place', mentions: 1 },
      { entity: 'actor:nato', article_rowid: 2, type: 'organization', mentions: 2 },
      { entity: 'geonames:703448', article_rowid: 1, type: 'place', mentions: 1 },
      { entity: 'geonames:703448', article_rowid: 2, type: 'place', mentions: 1 },
    ],
    names: [
      { entity: 'actor:nato', name: 'NATO', country: null, lat: null, lon: null },
      // a mention without a canonical name does not blank the one another mention gave
      { entity: 'geonames:703448', name: 'Kyiv', country: 'UA', lat: 50.45, lon: 30.52 },
    ],
    aliases: [
      { entity: 'actor:nato', alias: 'NATO' },
      { entity: 'geonames:703448', alias: 'Kiev' },
      { entity: 'geonames:703448', alias: 'Kyiv' },
    ],
  });

  // every mention counted once, every article once; a type filter counts the mentions of that type
  const all = await store.listEntities();
  assert.deepEqual(
    all.items.map((e) => [e.id, e.mentions, e.articles]),
    [
      ['actor:nato', 4, 2],
      ['geonames:703448', 2, 2],
    ],
  );
  const places = await store.listEntities({ type: 'place' });
  assert.deepEqual(
    places.items.map((e) => [e.id, e.type, e.mentions, e.articles]),
    [
      ['geonames:703448', 'place', 2, 2],
      ['actor:nato', 'place', 1, 1],
    ],
  );
  assert.deepEqual(
    (await store.listEntities({ from: '2022-03-02' })).items.map((e) => [e.id, e.mentions, e.articles]),
    [
      ['actor:nato', 2, 1],
      ['geonames:703448', 1, 1],
    ],
  );
  assert.deepEqual(
    (await store.listEntities({ q: 'ky' })).items.map((e) => e.id),
    ['geonames:703448'],
  );

  const page = await store.entity('actor:nato');
  assert.ok(page);
  assert.equal(page.entity.mentions, 4);
  assert.equal(page.entity.articles, 2);
  assert.deepEqual(page.aliases, ['NATO']);
  // newest article first, its mentions in text order, then the older article's
  assert.deepEqual(
    page.mentions.map((m) => [m.article, m.start, m.text]),
    [
      ['a2', TEXT.indexOf('NATO'), 'NATO'],
      ['a2', TEXT.indexOf('NATO', 40), 'NATO'],
      ['a1', TEXT.indexOf('NATO'), 'NATO'],
      ['a1', TEXT.indexOf('NATO', 20), 'NATO'],
    ],
  );
  assert.deepEqual(
    (await store.entity('actor:nato', 2))?.mentions.map((m) => m.article),
    ['a2', 'a2'],
  );
  assert.equal(await store.entity('actor:nobody'), null);
  assert.deepEqual(
    (await store.listArticles({ entity: 'geonames:703448' })).items.map((a) => a.id),
    ['a2', 'a1'],
  );
  assert.deepEqual(
    (await store.listFacts('entity-mention', { where: { entity: 'actor:nato' } })).items.map((f) => f.fact.id),
    ['n1', 'n2', 'n1', 'n2'],
  );
  await store.close();
});

test('migration 11 derives from the mention rows of an older store exactly what the store writes', async () => {
  const written = new SqliteStore(freshFile());
  await written.putArticles(docs());
  const expected = rows(written.db);
  await written.close();

  // the same articles and facts in a store of migration 10 (written with that version's tables)
  const file = freshFile();
  const old = new Database(file);
  old.function('sitrep_band_key', { deterministic: true }, (key) => bandKeyNumber(String(key)));
  for (const migration of MIGRATIONS.filter((m) => m.version <= 10)) old.exec(migration.sql);
  old.pragma('user_version = 10');
  const insertArticle = old.prepare(
    `INSERT INTO articles (id, key, source, position, format, raw, fields, title, published, text, blocks, messages, provenance, ingested_at)
     VALUES (?, ?, 's', 0, 'text', '', '{}', NULL, ?, ?, '[]', '[]', '{}', '2026-11-22')`,
  );
  const insertFact = old.prepare(
    `INSERT INTO facts (id, article_rowid, kind, stage, start, "end", quote, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const doc of docs()) {
    const rowid = insertArticle.run(doc.id, doc.key, doc.published, doc.text).lastInsertRowid;
    for (const f of doc.facts)
      insertFact.run(
        f.id,
        rowid,
        f.kind,
        f.stage,
        f.evidence?.start,
        f.evidence?.end,
        f.evidence?.quote,
        JSON.stringify(f.data),
      );
  }
  old.close();
  const migrated = new SqliteStore(file);
  assert.equal(migrated.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  assert.deepEqual(rows(migrated.db), expected);
  // removing a mention keeps the counts; removing an article's last mention of an entity drops its row
  migrated.db.prepare("DELETE FROM facts WHERE article_rowid = 2 AND id = 'n2'").run();
  migrated.db.prepare("DELETE FROM facts WHERE article_rowid = 1 AND id = 'k1'").run();
  assert.deepEqual(
    migrated.db.prepare("SELECT article_rowid, type, mentions FROM entity_articles WHERE entity = 'actor:nato'").all(),
    [
      { article_rowid: 1, type: 'organization', mentions: 1 },
      { article_rowid: 1, type: 'place', mentions: 1 },
      { article_rowid: 2, type: 'organization', mentions: 1 },
    ],
  );
  assert.deepEqual(
    (await migrated.listArticles({ entity: 'geonames:703448' })).items.map((a) => a.id),
    ['a2'],
  );
  await migrated.close();
});
