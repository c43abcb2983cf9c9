// The entity look-up tables (migration 11) written from the facts of a batch: one entity_articles
// row per linked entity, article and mention type with its mention count, each entity's fields in entity_names
// (the largest value over its mentions, as max() over the mention rows gave), and the distinct
// forms it was written in (entity_aliases). They replace an index over every mention's JSON: the
// pages and filters by entity read articles, so a row per article is what they need, and a batch
// writes each entity's name row once however often its articles name it.

import type Database from 'better-sqlite3';
import type { Fact } from '../../core/document.js';
import { MultiInsert } from './multi-insert.js';

export class EntityWriter {
  private readonly insertArticles: MultiInsert;
  private readonly insertAliases: MultiInsert;
  private readonly upsertName: Database.Statement;

  constructor(db: Database.Database) {
    this.insertArticles = new MultiInsert(
      db,
      'INSERT INTO entity_articles (entity, article_rowid, type, mentions)',
      4,
      'ON CONFLICT (entity, article_rowid, type) DO UPDATE SET mentions = mentions + excluded.mentions',
    );
    this.insertAliases = new MultiInsert(db, 'INSERT OR IGNORE INTO entity_aliases (entity, alias)', 2);
    // The fields go in as the mention's JSON and are read with json_extract, so they compare as
    // the mention rows' json_extract values did; the larger of stored and new is kept (NULLs lose).
    const larger = (field: string) =>
      `${field} = CASE WHEN excluded.${field} IS NULL OR (${field} IS NOT NULL AND ${field} >= excluded.${field})
        THEN ${field} ELSE excluded.${field} END`;
    this.upsertName = db.prepare(
      `INSERT INTO entity_names (entity, name, country, lat, lon)
       SELECT @entity, json_extract(@data, '$.canonical'), json_extract(@data, '$.country'), json_extract(@data, '$.lat'), json_extract(@data, '$.lon')
       WHERE true
       ON CONFLICT (entity) DO UPDATE SET ${['name', 'country', 'lat', 'lon'].map(larger).join(', ')}`,
    );
  }

  /** Writes the rows of a batch's new articles (each with its row id and stored facts). Call inside the batch's transaction. */
  write(articles: ReadonlyArray<{ rowid: number | bigint; facts: readonly Fact[] }>): void {
    const rows: Array<[string, number | bigint, string, number]> = [];
    const names = new Map<string, Set<string>>();
    const aliases = new Set<string>();
    const aliasRows: unknown[] = [];
    for (const article of articles) {
      const counts = new Map<string, { entity: string; type: string; n: number }>();
      for (const fact of article.facts) {
        if (fact.kind !== 'entity-mention') continue;
        const data = fact.data as Record<string, unknown>;
        const entity = data.entity;
        if (typeof entity !== 'string') continue;
        const type = typeText(data.type);
        const key = `${entity}\u0000${type}`;
        const count = counts.get(key);
        if (count) count.n++;
        else counts.set(key, { entity, type, n: 1 });
        const fields = JSON.stringify({
          canonical: data.canonical,
          country: data.country,
          lat: data.lat,
          lon: data.lon,
        });
        const seen = names.get(entity);
        if (seen) seen.add(fields);
        else names.set(entity, new Set([fields]));
        const alias = fact.evidence?.quote;
        if (typeof alias === 'string') {
          const key = `${entity}\u0000${alias}`;
          if (!aliases.has(key)) {
            aliases.add(key);
            aliasRows.push(entity, alias);
          }
        }
      }
      for (const c of counts.values()) rows.push([c.entity, article.rowid, c.type, c.n]);
    }
    // in key order: consecutive rows of a multi-row INSERT then often land on the same page
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : Number(a[1]) - Number(b[1]) || (a[2] < b[2] ? -1 : 1)));
    this.insertArticles.run(rows.flat());
    this.insertAliases.run(aliasRows);
    for (const [entity, variants] of names) for (const data of variants) this.upsertName.run({ entity, data });
  }
}

/** The mention's type as the column holds coalesce(json_extract(data, '$.type'), ''). */
function typeText(type: unknown): string {
  if (type === undefined || type === null) return '';
  if (typeof type === 'string') return type;
  if (typeof type === 'boolean') return type ? '1' : '0';
  return typeof type === 'number' ? String(type) : JSON.stringify(type);
}
