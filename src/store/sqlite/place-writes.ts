// The map's tables (places, place_mentions, place_days) written from the facts of a batch in
// JavaScript, instead of by a trigger on every fact. The trigger (migration 6/8) parsed each
// entity mention's JSON up to nine times and updated `places` and `place_days` once per mention;
// that was more than half of the store write. Here each positioned mention is read from the fact
// object, its place row is inserted once per batch, its place_mentions row once, and the totals
// are added once per place (places) and per place and day (place_days) for the whole batch.
// The rows are exactly the ones the trigger made: the same SQL expressions build the place key and
// name, places are inserted in the same order (so the same rowids), and a mention whose fields are
// not plain strings and numbers takes a path that reads them from the JSON text, as the trigger did.

import type Database from 'better-sqlite3';
import type { Fact } from '../../core/document.js';
import { MultiInsert } from './multi-insert.js';

/** One place mention of an article, as the trigger would have derived it. */
interface Mention {
  fact: string;
  place: string;
}

/** A place's totals over the batch (added to the stored ones at the end). */
interface PlaceTotals {
  articles: number;
  mentions: number;
  first: string | null;
  last: string | null;
}

/** A value json_extract would return as non-NULL (JSON.stringify writes it as neither absent nor null). */
function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value !== 'function' && typeof value !== 'symbol';
}

/** a < b as SQLite compares text (BINARY: the bytes of UTF-8), which is not UTF-16 order beyond the BMP. */
function before(a: string, b: string): boolean {
  return a !== b && Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}

const isText = (value: unknown) => value === undefined || value === null || typeof value === 'string';
const isFiniteNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

export class PlaceWriter {
  private readonly insertPlace: Database.Statement;
  private readonly insertPlaceJson: Database.Statement;
  private readonly positionKey: Database.Statement;
  private readonly insertMentions: MultiInsert;
  private readonly addTotals: Database.Statement;
  private readonly addDay: Database.Statement;
  private readonly dayOf: Database.Statement;
  /** 'at:lat,lon' keys by position, as SQLite prints round(x, 3) (a pure function of the two numbers). */
  private readonly positionKeys = new Map<string, string>();

  constructor(db: Database.Database) {
    this.insertMentions = new MultiInsert(db, 'INSERT OR IGNORE INTO place_mentions (fact, article_rowid, place)', 3);
    this.insertPlace = db.prepare(
      `INSERT OR IGNORE INTO places (place, entity, name, lat, lon, precision)
       VALUES (@place, @entity, @name, @lat, @lon, @precision)`,
    );
    // The trigger's own expressions over the fact's JSON, for fields that are not plain values.
    this.insertPlaceJson = db.prepare(
      `INSERT OR IGNORE INTO places (place, entity, name, lat, lon, precision)
       SELECT coalesce(entity, 'at:' || round(lat, 3) || ',' || round(lon, 3)), entity, name, lat, lon, precision
       FROM (SELECT json_extract(@data, '$.entity') AS entity,
         coalesce(json_extract(@data, '$.canonical'), json_extract(@data, '$.name'), @quote, '') AS name,
         json_extract(@data, '$.lat') AS lat, json_extract(@data, '$.lon') AS lon,
         json_extract(@data, '$.geoPrecision') AS precision)
       RETURNING CAST(place AS TEXT) AS place`,
    );
    this.positionKey = db
      .prepare(
        `SELECT CAST(coalesce(json_extract(@data, '$.entity'),
           'at:' || round(json_extract(@data, '$.lat'), 3) || ',' || round(json_extract(@data, '$.lon'), 3)) AS TEXT)`,
      )
      .pluck();
    this.addTotals = db.prepare(
      `UPDATE places SET mentions = mentions + @mentions, articles = articles + @articles,
         first = CASE WHEN @first IS NULL OR @first >= first THEN first ELSE @first END,
         last = CASE WHEN @last IS NULL OR @last <= last THEN last ELSE @last END
       WHERE place = @place`,
    );
    this.addDay = db.prepare(
      `INSERT INTO place_days (place, day, articles, mentions) VALUES (@place, @day, @articles, @mentions)
       ON CONFLICT (day, place) DO UPDATE SET articles = articles + excluded.articles,
         mentions = mentions + excluded.mentions`,
    );
    this.dayOf = db.prepare('SELECT substr(?, 1, 10)').pluck();
  }

  /**
   * Writes the place rows of a batch's new articles (each with its row id, publication date and
   * stored facts, in the order they were stored). Call inside the batch's transaction.
   */
  write(articles: ReadonlyArray<{ rowid: number | bigint; published: string | null; facts: readonly Fact[] }>): void {
    const inserted = new Set<string>();
    const totals = new Map<string, PlaceTotals>();
    const days = new Map<string, { place: string; day: string; articles: number; mentions: number }>();
    for (const article of articles) {
      const mentions: Mention[] = [];
      for (const fact of article.facts) {
        if (fact.kind !== 'entity-mention') continue;
        const data = fact.data as Record<string, unknown>;
        if (!present(data.lat) || !present(data.lon)) continue;
        const place = this.placeOf(fact, data, inserted);
        mentions.push({ fact: fact.id, place });
      }
      if (mentions.length === 0) continue;
      const rows: unknown[] = [];
      for (const m of mentions) rows.push(m.fact, article.rowid, m.place);
      this.insertMentions.run(rows);
      // what the trigger added per mention, summed: one article per place, and its day
      const day = article.published === null ? null : (this.dayOf.get(article.published) as string | null);
      const counts = new Map<string, number>();
      for (const m of mentions) counts.set(m.place, (counts.get(m.place) ?? 0) + 1);
      for (const [place, n] of counts) {
        const t = totals.get(place) ?? { articles: 0, mentions: 0, first: null, last: null };
        t.articles++;
        t.mentions += n;
        if (day !== null) {
          if (t.first === null || before(day, t.first)) t.first = day;
          if (t.last === null || before(t.last, day)) t.last = day;
        }
        totals.set(place, t);
        const dayKey = `${day ?? ''}\u0000${place}`;
        const d = days.get(dayKey) ?? { place, day: day ?? '', articles: 0, mentions: 0 };
        d.articles++;
        d.mentions += n;
        days.set(dayKey, d);
      }
    }
    for (const [place, t] of totals) this.addTotals.run({ place, ...t });
    for (const d of days.values()) this.addDay.run(d);
  }

  /** The fact's place key; its places row is inserted the first time the batch meets it. */
  private placeOf(fact: Fact, data: Record<string, unknown>, inserted: Set<string>): string {
    const { entity, canonical, name, lat, lon, geoPrecision } = data;
    const plain =
      isText(entity) &&
      isText(canonical) &&
      isText(name) &&
      isFiniteNumber(lat) &&
      isFiniteNumber(lon) &&
      (geoPrecision === undefined || geoPrecision === null || isFiniteNumber(geoPrecision));
    if (!plain) {
      // Unusual field types: the trigger's expressions over the JSON text, exactly.
      const json = JSON.stringify(fact.data);
      const row = this.insertPlaceJson.get({ data: json, quote: fact.evidence?.quote ?? null }) as
        | { place: string }
        | undefined;
      const place = row?.place ?? (this.positionKey.get({ data: json }) as string);
      inserted.add(place);
      return place;
    }
    const place = typeof entity === 'string' ? entity : this.positionKeyOf(lat as number, lon as number);
    if (!inserted.has(place)) {
      inserted.add(place);
      this.insertPlace.run({
        place,
        entity: entity ?? null,
        name: canonical ?? name ?? fact.evidence?.quote ?? '',
        lat: (lat as number) + 0, // -0 is 0, as in the fact's JSON
        lon: (lon as number) + 0,
        precision: geoPrecision ?? null,
      });
    }
    return place;
  }

  private positionKeyOf(lat: number, lon: number): string {
    // through JSON text, as the trigger read them (so -0 is 0, as JSON.stringify writes it)
    const memo = `${lat},${lon}`;
    let key = this.positionKeys.get(memo);
    if (key === undefined) {
      key = this.positionKey.get({ data: JSON.stringify({ lat, lon }) }) as string;
      if (this.positionKeys.size > 100_000) this.positionKeys.clear();
      this.positionKeys.set(memo, key);
    }
    return key;
  }
}
