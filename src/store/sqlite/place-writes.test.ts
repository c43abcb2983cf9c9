// The map's tables written by the store per batch (place-writes.ts, migration 9) must hold exactly
// what the per-fact triggers of migration 8 made: same places (and rowids), place_days and
// place_mentions, including mentions whose fields are not plain strings and numbers.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Article, Fact } from '../../core/document.js';
import { article } from '../store.contract.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-places-'));
const TEXT = 'Kyiv and Kharkiv were shelled; Lviv, Odesa and a village near Izium too.';

function mention(doc: string, id: string, word: string, data: Record<string, unknown>): Fact {
  const start = TEXT.indexOf(word);
  return {
    kind: 'entity-mention',
    id,
    stage: 'entities',
    evidence: { article: doc, start, end: start + word.length, quote: word },
    data,
  };
}

const kyiv = { type: 'place', name: 'Kyiv', entity: 'geonames:703448', canonical: 'Kyiv', lat: 50.45, lon: 30.52 };
const kharkiv = { type: 'place', name: 'Kharkiv', entity: 'geonames:706483', lat: 50, lon: 36.25, geoPrecision: 2 };
/** Mentions of every shape the trigger handled: plain, unlinked, odd field types, no position. */
function facts(doc: string, day: number): Fact[] {
  return [
    mention(doc, 'a', 'Kyiv', kyiv),
    mention(doc, 'b', 'Kyiv', { ...kyiv, canonical: null }),
    mention(doc, 'c', 'Kharkiv', kharkiv),
    // unlinked: the place is its rounded position; two positions that round alike are one place
    mention(doc, 'd', 'village', { type: 'place', name: 'village', lat: 49.2000004, lon: 37.25 + day }),
    mention(doc, 'e', 'Izium', { type: 'place', lat: 49.2, lon: 37.2500001 + day, geoPrecision: 4 }),
    // odd types, read from the JSON text as the trigger did
    mention(doc, 'f', 'Lviv', { type: 'place', entity: 42, name: 7, lat: '49.84', lon: 24.03 }),
    mention(doc, 'g', 'Odesa', { type: 'place', canonical: ['Odesa'], lat: 46.48, lon: -0, geoPrecision: '3' }),
    mention(doc, 'h', 'Odesa', { type: 'place', name: 'Odesa', lat: 46.48, lon: 0, geoPrecision: 2.5 }),
    // no position, or NaN (null in JSON): no place
    mention(doc, 'i', 'Lviv', { type: 'place', entity: 'geonames:702550', lat: null, lon: 24 }),
    mention(doc, 'j', 'Lviv', { type: 'place', entity: 'geonames:702550', lat: Number.NaN, lon: 24 }),
    { ...mention(doc, 'k', 'Kyiv', kyiv), kind: 'quote' },
  ];
}

function docs(): Article[] {
  const published = ['2022-03-02T10:00:00Z', '2022-03-01T08:00:00Z', null, '2022-03-02T23:00:00Z', ''];
  return published.map((p, i) => ({ ...article(`d${i}`, TEXT, { published: p }), facts: facts(`d${i}`, i % 2) }));
}

const tables = (db: Database.Database) => ({
  places: db.prepare('SELECT rowid, * FROM places ORDER BY rowid').all(),
  days: db.prepare('SELECT * FROM place_days ORDER BY day, place').all(),
  mentions: db.prepare('SELECT * FROM place_mentions ORDER BY article_rowid, fact').all(),
  types: db
    .prepare('SELECT typeof(lat), typeof(lon), typeof(precision), typeof(entity) FROM places ORDER BY rowid')
    .all(),
});

test('place rows written per batch equal those of the per-fact triggers (migration 8)', async () => {
  // the reference: a store of migration 8, articles and facts inserted as the store used to
  const old = new Database(join(dir, 'old.db'));
  for (const migration of MIGRATIONS.filter((m) => m.version <= 8)) old.exec(migration.sql);
  const insertArticle = old.prepare(
    `INSERT INTO articles (id, key, source, position, format, raw, fields, published, text, blocks, messages, provenance, ingested_at)
     VALUES (?, ?, 's', 0, 'jsonl', '', '{}', ?, ?, '[]', '[]', '{}', 'now')`,
  );
  const insertFact = old.prepare(
    `INSERT INTO facts (id, article_rowid, kind, stage, start, "end", quote, data) VALUES (?, ?, ?, 'entities', ?, ?, ?, ?)`,
  );
  const batch = docs();
  for (const doc of batch) {
    const rowid = insertArticle.run(doc.id, doc.key, doc.published, doc.text).lastInsertRowid;
    for (const f of doc.facts) {
      const e = f.evidence!;
      insertFact.run(f.id, rowid, f.kind, e.start, e.end, e.quote, JSON.stringify(f.data));
    }
  }
  const expected = tables(old);
  old.close();

  const store = new SqliteStore(join(dir, 'new.db'));
  // two batches, so totals are also added to stored ones
  await store.putArticles(batch.slice(0, 2));
  await store.putArticles(batch.slice(2));
  const actual = tables(store.db);
  await store.close();

  assert.deepEqual(actual, expected);
  // the cases did what they claim: odd types kept, rounding merged, no place without a position
  const places = expected.places as Array<Record<string, unknown>>;
  assert.ok(places.some((p) => p.place === '42' && p.name === '7'));
  assert.equal(places.filter((p) => String(p.place).startsWith('at:49.2,37.25')).length, 1);
  assert.ok(!places.some((p) => p.entity === 'geonames:702550'));
  assert.equal(expected.mentions.length, 5 * 8);
});
