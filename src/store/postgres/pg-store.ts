// The PostgreSQL store, through the `pg` pool: the same Store interface and behaviour as the
// SQLite store, for corpora and deployments where many processes (or machines) write at once.
// The constructor only creates the pool; the first call connects and applies migrations (the
// `ready` promise every method awaits; retried on the next call if the server was down), so
// `openStore` stays synchronous.
//
// Writes: `putArticles` inserts a batch with `INSERT … ON CONFLICT DO NOTHING` on the record key
// in one transaction, so concurrent writers store each article exactly once; counters (outlet
// lines, places) are upserts taken in sorted order, and a transaction that still deadlocks with
// another writer is retried whole. All values are bound parameters ($1…); the only text spliced
// into SQL is our own fixed fragments and field names checked against /^[A-Za-z][A-Za-z0-9]*$/.

import pg from 'pg';
import type { Article, Fact } from '../../core/document.js';
import type { Message } from '../../core/messages.js';
import {
  MARK_CLOSE,
  MARK_OPEN,
  nullable,
  paging,
  type Row,
  toArticle,
  toCorpusRecord,
  toDuplicateCandidate,
  toEntitySummary,
  toFact,
  toFactArticle,
  toIngestRun,
  toPlaceSummary,
  toStoryMember,
  toStorySummary,
  toSummary,
  unmark,
  verifiedFacts,
} from '../rows.js';
import { textSnippet } from '../snippet.js';
import type {
  ArticleFilter,
  ArticleSummary,
  CorpusLinks,
  CorpusRecord,
  CorpusRecordFilter,
  DuplicateCandidate,
  EntityMention,
  EntitySummary,
  FactArticle,
  FactFilter,
  IngestRun,
  OutletLineCounts,
  Page,
  PlaceFilter,
  PlaceSummary,
  PutExtras,
  PutResult,
  SearchHit,
  SearchQuery,
  Store,
  StoreStats,
  StoryMember,
  StorySummary,
} from '../store.js';
import { MIGRATIONS, SEARCH_VECTOR_FUNCTION } from './migrations.js';
import { Params, pgJson, pgText } from './sql.js';
import { syntaxError, toTsquery } from './tsquery.js';

const STREAM_PAGE = 500;
/** Matches ranked at most; beyond it, the most recently stored ones (as the SQLite store does). */
const RANKED_MATCHES = 5000;
/**
 * Full-text search runs its statements in one transaction with these planner settings. The
 * planner prices `search @@ query` as a cheap operator, not knowing that each test reads
 * (detoasts) a vector of several kB, so for a common word it prefers a sequential scan (or a
 * backward primary-key scan) testing every article, 0.6 to 1.2 s at 100,000 articles, to the GIN
 * index, which finds the same rows without reading one vector: `enable_seqscan = off` makes the
 * sequential scan a last resort. JIT is off: these statements are short, compiling them is not.
 */
const SEARCH_BEGIN = 'BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL jit = off';
/** Retries of a write transaction that lost a deadlock or serialization conflict to another writer. */
const WRITE_ATTEMPTS = 6;
/** Key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x51742e9;

type Queryable = pg.Pool | pg.PoolClient;

export interface PgStoreOptions {
  /** Do not migrate; fail on first use if the schema is missing or older than this code. */
  readonly?: boolean;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

export class PgStore implements Store {
  readonly pool: pg.Pool;
  private opening: Promise<void> | null = null;
  /** Migration versions this instance applied (empty when the schema was already current). */
  readonly applied: number[] = [];
  private closed = false;

  constructor(
    readonly url: string,
    private readonly options: PgStoreOptions = {},
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 4,
      application_name: 'sitrep',
      ...(options.readonly && { options: '-c default_transaction_read_only=on' }),
    });
    // An idle client that loses its connection (server restart) must not crash the process.
    this.pool.on('error', () => {});
  }

  /**
   * Resolves once connected and migrated; every method awaits it. The first call starts it; a
   * failed attempt (server down) is reported to its callers and the next call tries again, so a
   * long-running `serve` recovers when the server comes back.
   */
  get ready(): Promise<void> {
    this.opening ??= this.open().catch((error) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  /** The URL without its password, for messages. */
  get safeUrl(): string {
    return this.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }

  private async open(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw await openError(`cannot connect to PostgreSQL at ${this.safeUrl}: ${reason(error)}`);
    }
    try {
      if (this.options.readonly) {
        const latest = MIGRATIONS.at(-1)?.version ?? 0;
        const found = await client
          .query('SELECT max(version) AS v FROM schema_migrations')
          .then((r) => Number(r.rows[0]?.v ?? 0))
          .catch(() => 0);
        if (found < latest) {
          throw await openError(`${this.safeUrl} holds no sitrep store at schema version ${latest} (found ${found})`);
        }
        return;
      }
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied: number[] = [];
      const done = new Set(
        (await client.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)),
      );
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        applied.push(migration.version);
      }
      await client.query('COMMIT');
      this.applied.push(...applied);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      if (error instanceof Error && error.name === 'StoreOpenError') throw error;
      throw await openError(`cannot prepare the sitrep schema in ${this.safeUrl}: ${reason(error)}`);
    } finally {
      client.release();
    }
  }

  private async query(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    await this.ready;
    try {
      return (await on.query(sql, values)).rows as Row[];
    } catch (error) {
      // our tsquery sources are well-formed; should the server still refuse one, it is the query's fault
      if ((error as { code?: string }).code === '42601' && /tsquery/i.test(reason(error))) {
        throw syntaxError(String(values[0] ?? ''), reason(error));
      }
      throw error;
    }
  }

  private async one(sql: string, values: unknown[] = []): Promise<Row> {
    return (await this.query(sql, values))[0] ?? {};
  }

  /**
   * Runs `work` in a transaction on one connection, retried whole when it loses a deadlock;
   * `begin` may add settings local to the transaction (`BEGIN; SET LOCAL …`).
   */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query(begin);
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // a connection that cannot even roll back is dropped from the pool, not reused
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = (error as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < WRITE_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async putArticles(docs: readonly Article[], extras: PutExtras = {}): Promise<PutResult> {
    if (docs.length === 0) return { added: 0, skipped: 0, addedIds: [] };
    const now = new Date().toISOString();
    const prepared = docs.map((doc) => ({ doc, ...verifiedFacts(doc) }));
    return this.transaction(async (client) => {
      const cols = {
        id: [] as string[],
        kind: [] as string[],
        key: [] as string[],
        source: [] as string[],
        position: [] as number[],
        line: [] as Array<number | null>,
        format: [] as string[],
        raw: [] as string[],
        fields: [] as string[],
        url: [] as Array<string | null>,
        outlet: [] as Array<string | null>,
        title: [] as Array<string | null>,
        published: [] as Array<string | null>,
        language: [] as Array<string | null>,
        byline: [] as Array<string | null>,
        dateline: [] as Array<string | null>,
        text: [] as string[],
        length: [] as number[],
        blocks: [] as string[],
        duplicateOf: [] as Array<string | null>,
        story: [] as Array<string | null>,
        messages: [] as string[],
        provenance: [] as string[],
        failed: [] as boolean[],
      };
      for (const { doc, messages } of prepared) {
        cols.id.push(pgText(doc.id));
        cols.kind.push(doc.kind);
        cols.key.push(pgText(doc.key));
        cols.source.push(pgText(doc.source));
        cols.position.push(doc.position);
        cols.line.push(doc.line);
        cols.format.push(doc.format);
        cols.raw.push(pgText(doc.raw));
        cols.fields.push(pgJson(doc.fields));
        cols.url.push(pgText(doc.url));
        cols.outlet.push(pgText(doc.outlet));
        cols.title.push(pgText(doc.title));
        cols.published.push(pgText(doc.published));
        cols.language.push(pgText(doc.language));
        cols.byline.push(pgText(doc.byline));
        cols.dateline.push(pgText(doc.dateline));
        cols.text.push(pgText(doc.text));
        cols.length.push(doc.text.length);
        cols.blocks.push(JSON.stringify(doc.blocks));
        cols.duplicateOf.push(pgText(doc.duplicateOf));
        cols.story.push(pgText(doc.story));
        cols.messages.push(pgJson(messages));
        cols.provenance.push(pgJson(doc.provenance));
        cols.failed.push(messages.some((m) => m.severity === 'fatal'));
      }
      // In input order, so storage order (rid) is ingest order; a key or id already stored (or
      // repeated in the batch, or being written by another process) is skipped.
      const inserted = (
        await client.query(
          `INSERT INTO articles (id, kind, key, source, position, line, format, raw, fields, url, outlet, title,
             published, language, byline, dateline, text, length, blocks, duplicate_of, story, messages, provenance,
             failed, ingested_at)
           SELECT ${UNNEST_COLUMNS}, $25::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[],
             $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
             $14::text[], $15::text[], $16::text[], $17::text[], $18::int[], $19::text[], $20::text[], $21::text[],
             $22::text[], $23::text[], $24::bool[]) WITH ORDINALITY AS u(${UNNEST_COLUMNS}, n)
           ORDER BY n
           ON CONFLICT DO NOTHING
           RETURNING id, rid`,
          [...Object.values(cols), now],
        )
      ).rows as Array<{ id: string; rid: string }>;
      const rids = new Map(inserted.map((r) => [r.id, r.rid]));
      const result: PutResult = { added: 0, skipped: 0, addedIds: [] };
      const added = new Set<string>();
      const facts = { id: [] as string[], rid: [] as string[], kind: [] as string[], stage: [] as string[] };
      const evidence = {
        start: [] as Array<number | null>,
        end: [] as Array<number | null>,
        quote: [] as Array<string | null>,
        derived: [] as Array<string | null>,
        data: [] as string[],
      };
      const teasers = { article: [] as string[], teaser: [] as string[], position: [] as number[] };
      const placed: PlacedMention[] = [];
      const entities: LinkedMention[] = [];
      for (const { doc, facts: verified } of prepared) {
        const rid = rids.get(pgText(doc.id));
        if (rid === undefined || added.has(doc.id)) {
          result.skipped++;
          continue;
        }
        added.add(doc.id);
        result.added++;
        result.addedIds.push(doc.id);
        for (const [position, teaser] of doc.teaserIds.entries()) {
          teasers.article.push(doc.id);
          teasers.teaser.push(teaser);
          teasers.position.push(position);
        }
        for (const fact of verified) {
          facts.id.push(pgText(fact.id));
          facts.rid.push(rid);
          facts.kind.push(fact.kind);
          facts.stage.push(fact.stage);
          evidence.start.push(fact.evidence?.start ?? null);
          evidence.end.push(fact.evidence?.end ?? null);
          evidence.quote.push(fact.evidence ? pgText(fact.evidence.quote) : null);
          evidence.derived.push(fact.derived ? pgJson(fact.derived) : null);
          evidence.data.push(pgJson(fact.data));
          const mention = placedMention(fact, rid, doc.published);
          if (mention) placed.push(mention);
          const linked = linkedMention(fact, rid);
          if (linked) entities.push(linked);
        }
      }
      if (facts.id.length) {
        await client.query(
          `INSERT INTO facts (id, article_rid, kind, stage, start, "end", quote, derived, data)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[],
             $8::text[], $9::text[])
           ON CONFLICT (id) DO NOTHING`,
          [...Object.values(facts), ...Object.values(evidence)],
        );
      }
      if (teasers.article.length) {
        await client.query(
          `INSERT INTO article_teasers (article, teaser, position)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING`,
          Object.values(teasers),
        );
      }
      if (entities.length) {
        const column = <K extends keyof LinkedMention>(k: K) => entities.map((m) => m[k]);
        await client.query(
          `INSERT INTO entity_mentions (fact, article_rid, entity, canonical, type, country, lat, lon, start, "end", quote)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[],
             $8::float8[], $9::int[], $10::int[], $11::text[])
           ON CONFLICT (fact) DO NOTHING`,
          (
            ['fact', 'rid', 'entity', 'canonical', 'type', 'country', 'lat', 'lon', 'start', 'end', 'quote'] as const
          ).map(column),
        );
      }
      await this.countOutletLines(client, extras, added);
      await this.writePlaces(client, placed);
      if (extras.links) await this.writeLinks(client, extras.links, added);
      return result;
    });
  }

  /** Outlet line counts for the articles this call added; upserts in sorted order (no deadlocks). */
  private async countOutletLines(client: pg.PoolClient, extras: PutExtras, added: Set<string>): Promise<void> {
    const outlets = new Map<string, number>();
    const lines = new Map<string, { outlet: string; fingerprint: string; n: number }>();
    for (const entry of extras.outletLines ?? []) {
      if (!added.has(entry.article)) continue;
      outlets.set(entry.outlet, (outlets.get(entry.outlet) ?? 0) + 1);
      for (const fingerprint of new Set(entry.fingerprints)) {
        const k = JSON.stringify([entry.outlet, fingerprint]);
        const line = lines.get(k) ?? { outlet: entry.outlet, fingerprint, n: 0 };
        line.n++;
        lines.set(k, line);
      }
    }
    if (outlets.size) {
      const sorted = [...outlets].sort(([a], [b]) => compare(a, b));
      await client.query(
        `INSERT INTO outlet_articles (outlet, articles) SELECT * FROM unnest($1::text[], $2::int[])
         ON CONFLICT (outlet) DO UPDATE SET articles = outlet_articles.articles + excluded.articles`,
        [sorted.map(([o]) => pgText(o)), sorted.map(([, n]) => n)],
      );
    }
    if (lines.size) {
      const sorted = [...lines.values()].sort(
        (a, b) => compare(a.outlet, b.outlet) || compare(a.fingerprint, b.fingerprint),
      );
      await client.query(
        `INSERT INTO outlet_lines (outlet, fingerprint, articles) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (outlet, fingerprint) DO UPDATE SET articles = outlet_lines.articles + excluded.articles`,
        [sorted.map((l) => pgText(l.outlet)), sorted.map((l) => pgText(l.fingerprint)), sorted.map((l) => l.n)],
      );
    }
  }

  /** Positioned mentions of the added articles: place rows, per-day counts, and one row each. */
  private async writePlaces(client: pg.PoolClient, placed: PlacedMention[]): Promise<void> {
    if (placed.length === 0) return;
    const places = new Map<
      string,
      { first: PlacedMention; articles: Set<string>; mentions: number; firstDay: string | null; lastDay: string | null }
    >();
    const days = new Map<string, { day: string; place: string; articles: Set<string>; mentions: number }>();
    for (const m of placed) {
      const p = places.get(m.place) ?? {
        first: m,
        articles: new Set<string>(),
        mentions: 0,
        firstDay: null,
        lastDay: null,
      };
      p.articles.add(m.rid);
      p.mentions++;
      if (m.day && (p.firstDay === null || m.day < p.firstDay)) p.firstDay = m.day;
      if (m.day && (p.lastDay === null || m.day > p.lastDay)) p.lastDay = m.day;
      places.set(m.place, p);
      const dayKey = JSON.stringify([m.day ?? '', m.place]);
      const d = days.get(dayKey) ?? { day: m.day ?? '', place: m.place, articles: new Set<string>(), mentions: 0 };
      d.articles.add(m.rid);
      d.mentions++;
      days.set(dayKey, d);
    }
    await client.query(
      `INSERT INTO place_mentions (fact, article_rid, place) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
       ON CONFLICT (fact) DO NOTHING`,
      [placed.map((m) => m.fact), placed.map((m) => m.rid), placed.map((m) => m.place)],
    );
    const ps = [...places].sort(([a], [b]) => compare(a, b));
    await client.query(
      `INSERT INTO places (place, entity, name, lat, lon, precision, articles, mentions, first, last)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::int[], $7::int[],
         $8::int[], $9::text[], $10::text[])
       ON CONFLICT (place) DO UPDATE SET articles = places.articles + excluded.articles,
         mentions = places.mentions + excluded.mentions,
         first = least(places.first, excluded.first), last = greatest(places.last, excluded.last)`,
      [
        ps.map(([k]) => k),
        ps.map(([, p]) => p.first.entity),
        ps.map(([, p]) => p.first.name),
        ps.map(([, p]) => p.first.lat),
        ps.map(([, p]) => p.first.lon),
        ps.map(([, p]) => p.first.precision),
        ps.map(([, p]) => p.articles.size),
        ps.map(([, p]) => p.mentions),
        ps.map(([, p]) => p.firstDay),
        ps.map(([, p]) => p.lastDay),
      ],
    );
    const ds = [...days.values()].sort((a, b) => compare(a.day, b.day) || compare(a.place, b.place));
    await client.query(
      `INSERT INTO place_days (day, place, articles, mentions) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])
       ON CONFLICT (day, place) DO UPDATE SET articles = place_days.articles + excluded.articles,
         mentions = place_days.mentions + excluded.mentions`,
      [ds.map((d) => d.day), ds.map((d) => d.place), ds.map((d) => d.articles.size), ds.map((d) => d.mentions)],
    );
  }

  /** Duplicate, story and block decisions for a batch; only rows of articles this batch added. */
  private async writeLinks(client: pg.PoolClient, links: CorpusLinks, added: Set<string>): Promise<void> {
    const sigs = links.signatures.filter((s) => added.has(s.article));
    if (sigs.length) {
      await client.query(
        `INSERT INTO article_signatures (article, size, mins) SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[])
         ON CONFLICT DO NOTHING`,
        [sigs.map((s) => s.article), sigs.map((s) => s.size), sigs.map((s) => s.mins)],
      );
      // Only originals are indexed: a story syndicated a thousand times stays one candidate.
      const bands = sigs.filter((s) => s.original).flatMap((s) => s.bands.map((key) => [key, s.article] as const));
      if (bands.length) {
        await client.query(
          'INSERT INTO lsh_bands (key, article) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
          [bands.map(([k]) => k), bands.map(([, a]) => a)],
        );
      }
    }
    const blocks = links.blocks.filter((b) => added.has(b.article));
    if (blocks.length) {
      await client.query(
        `INSERT INTO block_articles (hash, article, start, "end")
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) ON CONFLICT DO NOTHING`,
        [blocks.map((b) => b.hash), blocks.map((b) => b.article), blocks.map((b) => b.start), blocks.map((b) => b.end)],
      );
    }
    for (const o of links.newOriginals) {
      await client.query('UPDATE articles SET duplicate_of = $1 WHERE (duplicate_of = $2 OR id = $2) AND id <> $1', [
        o.original,
        o.previous,
      ]);
    }
    for (const m of links.storyMoves) {
      await client.query('UPDATE articles SET story = $1 WHERE id = $2 OR duplicate_of = $2', [m.story, m.article]);
    }
    const stories = [...new Set(links.stories)].sort(compare);
    if (stories.length) {
      await client.query(
        `INSERT INTO stories (id, title, articles, first_published, last_published)
         SELECT s.id,
           (SELECT coalesce(t.title, substr(t.text, 1, 120) || CASE WHEN length(t.text) > 120 THEN '…' ELSE '' END)
            FROM articles t WHERE t.story = s.id AND t.kind = 'article'
            ORDER BY t.title IS NULL, t.duplicate_of IS NOT NULL, t.published IS NULL, t.published, t.rid LIMIT 1),
           c.n, c.first, c.last
         FROM unnest($1::text[]) AS s(id)
         CROSS JOIN LATERAL (SELECT count(*) AS n, min(published) AS first, max(published) AS last
                             FROM articles WHERE story = s.id) c
         WHERE c.n > 0
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, articles = excluded.articles,
           first_published = excluded.first_published, last_published = excluded.last_published`,
        [stories],
      );
      await client.query(
        'DELETE FROM stories s WHERE s.id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = s.id)',
        [stories],
      );
    }
  }

  async duplicateCandidates(bandKeys: readonly string[]): Promise<DuplicateCandidate[]> {
    if (bandKeys.length === 0) return [];
    const rows = await this.query(
      `SELECT s.article, s.size, s.mins, a.published, a.duplicate_of, a.story
       FROM article_signatures s JOIN articles a ON a.id = s.article
       WHERE s.article IN (SELECT DISTINCT article FROM lsh_bands WHERE key = ANY($1::text[]) LIMIT 200)`,
      [bandKeys],
    );
    return rows.map(toDuplicateCandidate);
  }

  async recentStoryMembers(days: number, undated: number): Promise<StoryMember[]> {
    const latest = nullable((await this.one('SELECT max(published) AS m FROM articles')).m);
    const since = latest ? shiftDay(latest.slice(0, 10), -Math.trunc(days)) : null;
    const rows = await this.query(
      `SELECT * FROM (
         SELECT id, text, title, published, story, rid FROM articles
         WHERE kind = 'article' AND duplicate_of IS NULL AND story IS NOT NULL AND published IS NOT NULL
           AND published >= $1
         UNION ALL
         SELECT * FROM (SELECT id, text, title, published, story, rid FROM articles
           WHERE kind = 'article' AND duplicate_of IS NULL AND story IS NOT NULL AND published IS NULL
           ORDER BY rid DESC LIMIT $2) u
       ) m ORDER BY published IS NULL, published, rid`,
      [since, Math.max(0, Math.trunc(undated))],
    );
    return rows.map(toStoryMember);
  }

  async listStories(filter: ArticleFilter = {}): Promise<Page<StorySummary>> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.from) conditions.push(`last_published >= ${p.add(filter.from)}`);
    if (filter.to) conditions.push(upperBound('first_published', filter.to, p));
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = await this.one(`SELECT count(*) AS n FROM stories ${where}`, p.values);
    const { limit, offset } = paging(filter);
    const rows = await this.query(
      `SELECT * FROM stories ${where} ORDER BY articles DESC, last_published DESC NULLS LAST, id
       LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    return {
      total: Number(total.n),
      items: rows.map(toStorySummary),
    };
  }

  async listEntities(
    filter: { type?: string; q?: string; from?: string; to?: string; limit?: number; offset?: number } = {},
  ): Promise<Page<EntitySummary>> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.type) conditions.push(`m.type = ${p.add(filter.type)}`);
    if (filter.q) conditions.push(`lower(m.canonical) LIKE ${p.add(likePrefix(filter.q))} ESCAPE '\\'`);
    const period = articleConditions({ from: filter.from, to: filter.to }, 'a', p);
    conditions.push(...period);
    // the articles are joined only for a period
    const from = period.length ? 'entity_mentions m JOIN articles a ON a.rid = m.article_rid' : 'entity_mentions m';
    const grouped = `SELECT m.entity AS id, max(m.canonical) AS name, max(m.type) AS type, max(m.country) AS country,
        max(m.lat) AS lat, max(m.lon) AS lon, count(*) AS mentions, count(DISTINCT m.article_rid) AS articles
      FROM ${from} ${whereOf(conditions)} GROUP BY m.entity`;
    const { limit, offset } = paging(filter);
    // the total rides along with the page (one aggregation, not two); asked apart only past the end
    const rows = await this.query(
      `SELECT g.*, count(*) OVER () AS total FROM (${grouped}) g
       ORDER BY mentions DESC, id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    const total = rows.length
      ? Number(rows[0]!.total)
      : Number((await this.one(`SELECT count(*) AS n FROM (${grouped}) g`, p.values.slice(0, -2))).n);
    return { total, items: rows.map(toEntitySummary) };
  }

  async entity(
    id: string,
    limit = 200,
    period: { from?: string; to?: string } = {},
  ): Promise<{ entity: EntitySummary; aliases: string[]; mentions: EntityMention[] } | null> {
    const summary = await this.one(
      `SELECT $1::text AS id, max(canonical) AS name, max(type) AS type, max(country) AS country, max(lat) AS lat,
         max(lon) AS lon, count(*) AS mentions, count(DISTINCT article_rid) AS articles
       FROM entity_mentions WHERE entity = $1`,
      [id],
    );
    if (Number(summary.mentions) === 0) return null;
    const aliases = (
      await this.query('SELECT DISTINCT quote FROM entity_mentions WHERE entity = $1 ORDER BY quote LIMIT 100', [id])
    ).map((r) => String(r.quote));
    const p = new Params([id]);
    const dates = articleConditions(period, 'a', p);
    const mentions = (
      await this.query(
        `SELECT a.id AS article, a.title, a.published, m.start, m."end", m.quote FROM entity_mentions m
         JOIN articles a ON a.rid = m.article_rid WHERE ${['m.entity = $1', ...dates].join(' AND ')}
         ORDER BY a.published IS NULL, a.published DESC, m.start LIMIT ${p.add(Math.max(0, Math.trunc(limit)))}`,
        p.values,
      )
    ).map((r) => ({
      article: String(r.article),
      title: nullable(r.title),
      published: nullable(r.published),
      start: Number(r.start),
      end: Number(r.end),
      text: String(r.quote),
    }));
    return { entity: toEntitySummary(summary), aliases, mentions };
  }

  async storyArticles(id: string): Promise<ArticleSummary[]> {
    const rows = await this.query(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.story = $1 ORDER BY a.published IS NULL, a.published, a.rid`,
      [id],
    );
    return rows.map(toSummary);
  }

  async *sharedBlocks(): AsyncIterable<{ text: string; articles: string[] }> {
    // A server-side cursor: the grouping runs once, and rows come STREAM_PAGE at a time.
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(
        `DECLARE shared_blocks NO SCROLL CURSOR FOR
         SELECT (SELECT substr(a.text, f.start + 1, f."end" - f.start) FROM block_articles f
                 JOIN articles a ON a.id = f.article WHERE f.hash = b.hash LIMIT 1) AS text,
           array_agg(b.article ORDER BY b.article) AS articles
         FROM block_articles b GROUP BY b.hash HAVING count(*) >= 2 ORDER BY count(*) DESC, b.hash`,
      );
      for (;;) {
        const rows = (await client.query(`FETCH ${STREAM_PAGE} FROM shared_blocks`)).rows as Row[];
        if (rows.length === 0) break;
        for (const row of rows) yield { text: String(row.text), articles: (row.articles as string[]).map(String) };
      }
      await client.query('COMMIT');
    } finally {
      await client.query('ROLLBACK').catch(() => {}); // after an early break; a no-op after COMMIT
      client.release();
    }
  }

  async outletLineCounts(outlet: string, fingerprints: readonly string[]): Promise<OutletLineCounts> {
    const total = await this.one('SELECT articles FROM outlet_articles WHERE outlet = $1', [outlet]);
    const lines = new Map<string, number>();
    const distinct = [...new Set(fingerprints)];
    if (distinct.length) {
      const rows = await this.query(
        'SELECT fingerprint, articles FROM outlet_lines WHERE outlet = $1 AND fingerprint = ANY($2::text[])',
        [outlet, distinct],
      );
      for (const row of rows) lines.set(String(row.fingerprint), Number(row.articles));
    }
    return { articles: Number(total.articles ?? 0), lines };
  }

  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.query('SELECT key FROM articles WHERE key = ANY($1::text[])', [keys.map(pgText)]);
    return new Set(rows.map((r) => String(r.key)));
  }

  async getArticle(id: string): Promise<Article | null> {
    const rows = await this.query('SELECT * FROM articles WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    return (await this.toArticles(rows))[0] ?? null;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Page<ArticleSummary>> {
    const p = new Params();
    const where = whereOf(articleConditions(filter, 'a', p));
    const total = await this.one(`SELECT count(*) AS n FROM articles a ${where}`, p.values);
    const { limit, offset } = paging(filter);
    const rows = await this.query(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a ${where}
       ORDER BY a.published IS NULL, a.published DESC, a.rid LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    return { total: Number(total.n), items: rows.map(toSummary) };
  }

  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    const q = query.q.trim();
    const tsquery = toTsquery(q);
    const p = new Params([tsquery]);
    const filters = articleConditions(query, 'a', p);
    // The vectors live in the narrow `article_search (rid, search)` (migration 4); the wide
    // `articles` row is joined only when a filter needs its columns, and read for the page's hits.
    const from = filters.length ? 'article_search s JOIN articles a ON a.rid = s.rid' : 'article_search s';
    const where = ["s.search @@ to_tsquery('sitrep', $1)", ...filters].join(' AND ');
    const { limit, offset } = paging(query);
    // One statement, one bitmap scan of the GIN index: the matches' `rid`s alone are read from the
    // narrow heap and counted before the cap (`count(*) OVER ()`), the most recently stored
    // RANKED_MATCHES of them are ranked (a broad query ranks what a narrow one does), their vectors
    // read one primary-key lookup each (a subquery, so the planner cannot turn it into a hash join
    // over the whole table), and only the page's rows are read from `articles`. Carrying the
    // vectors through the count and sort instead cost more: short ones are stored in the row, and
    // 40,000 of them spilled the window to a temporary file. `rid + 0` keeps the planner off a
    // backward scan of the primary key that would test (and detoast) every vector until it had them all.
    const { rows, total } = await this.transaction(async (client) => {
      const rows = await this.query(
        `WITH matched AS (SELECT s.rid, count(*) OVER () AS total FROM ${from} WHERE ${where}
                          ORDER BY s.rid + 0 DESC LIMIT ${RANKED_MATCHES}),
         top AS (SELECT rid, total, ts_rank_cd((SELECT v.search FROM article_search v WHERE v.rid = m.rid),
                   to_tsquery('sitrep', $1)) AS score FROM matched m
                 ORDER BY score DESC, rid LIMIT ${p.add(limit)} OFFSET ${p.add(offset)})
         SELECT ${SUMMARY_COLUMNS}, a.rid, top.score, top.total, a.text
         FROM top JOIN articles a ON a.rid = top.rid ORDER BY top.score DESC, top.rid`,
        p.values,
        client,
      );
      const total = rows.length
        ? Number(rows[0]!.total)
        : Number(
            (await this.query(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, p.values.slice(0, -2), client))[0]
              ?.n ?? 0,
          );
      return { rows, total };
    }, SEARCH_BEGIN);
    const items: SearchHit[] = [];
    for (const row of rows) {
      const text = String(row.text);
      let snippet = textSnippet(text, q);
      if (!snippet) {
        // the query's words are not in the text as typed (e.g. matched in the title only, or through
        // a different spelling the index folded): ask the server for a headline instead
        const head = await this.one(
          `SELECT ts_headline('sitrep', $2, to_tsquery('sitrep', $1),
             'StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=35, MinWords=15, ShortWord=0') AS h`,
          [tsquery, text],
        );
        snippet = unmark(String(head.h ?? ''));
      }
      items.push({ article: toSummary(row), score: Number(row.score), ...snippet });
    }
    return { total, items };
  }

  async *articles(): AsyncIterable<Article> {
    let after = '0';
    for (;;) {
      const rows = await this.query('SELECT * FROM articles WHERE rid > $1 ORDER BY rid LIMIT $2', [
        after,
        STREAM_PAGE,
      ]);
      if (rows.length === 0) return;
      for (const doc of await this.toArticles(rows)) yield doc;
      after = String(rows[rows.length - 1]?.rid);
    }
  }

  async *facts(kind?: string): AsyncIterable<Fact> {
    let after = '0';
    for (;;) {
      const rows = await this.query(
        // two shapes, so that a kind reads the (kind, rid) index instead of filtering every fact
        `SELECT f.*, a.id AS article FROM facts f JOIN articles a ON a.rid = f.article_rid
         WHERE f.rid > $1 ${kind === undefined ? '' : 'AND f.kind = $3'} ORDER BY f.rid LIMIT $2`,
        kind === undefined ? [after, STREAM_PAGE] : [after, STREAM_PAGE, kind],
      );
      if (rows.length === 0) return;
      for (const row of rows) yield toFact(row);
      after = String(rows[rows.length - 1]?.rid);
    }
  }

  async *factsWithArticles(kind: string): AsyncIterable<{ fact: Fact; article: FactArticle }> {
    let after = '0';
    for (;;) {
      const rows = await this.query(
        `SELECT f.*, a.id AS article, a.kind AS article_kind, a.published, a.outlet, a.title, a.duplicate_of, a.story
         FROM facts f JOIN articles a ON a.rid = f.article_rid
         WHERE f.kind = $1 AND f.rid > $2 ORDER BY f.rid LIMIT $3`,
        [kind, after, STREAM_PAGE],
      );
      if (rows.length === 0) return;
      for (const row of rows) yield { fact: toFact(row), article: toFactArticle(row) };
      after = String(rows[rows.length - 1]?.rid);
    }
  }

  async listFacts(kind: string, filter: FactFilter = {}): Promise<Page<{ fact: Fact; article: FactArticle }>> {
    const p = new Params([kind]);
    const conditions = ['f.kind = $1', ...articleConditions(filter, 'a', p)];
    for (const [name, value] of Object.entries(filter.where ?? {})) {
      conditions.push(`${dataField('f.data', name)} = ${p.add(value)}`);
    }
    for (const name of filter.present ?? []) conditions.push(`${dataField('f.data', name)} IS NOT NULL`);
    const from = `FROM facts f JOIN articles a ON a.rid = f.article_rid WHERE ${conditions.join(' AND ')}`;
    const total = await this.one(`SELECT count(*) AS n ${from}`, p.values);
    const { limit, offset } = paging(filter);
    const rows = await this.query(
      `SELECT f.*, a.id AS article, a.kind AS article_kind, a.published, a.outlet, a.title, a.duplicate_of, a.story
       ${from} ORDER BY a.published IS NULL, a.published DESC, f.rid LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    return { total: Number(total.n), items: rows.map((row) => ({ fact: toFact(row), article: toFactArticle(row) })) };
  }

  async replaceCorpusRecords(kind: string, records: readonly CorpusRecord[]): Promise<void> {
    const [field1, field2] = CORPUS_KEY_FIELDS[kind] ?? [];
    const key = (r: CorpusRecord, field: string | undefined) => {
      const value = field ? r.data[field] : null;
      return typeof value === 'string' ? pgText(value) : null;
    };
    await this.transaction(async (client) => {
      // one replacement of a kind at a time: two processes rebuilding it would collide on the ids
      await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep:corpus_records:' || $1))", [kind]);
      await client.query('DELETE FROM corpus_records WHERE kind = $1', [kind]);
      for (let i = 0; i < records.length; i += 5000) {
        const chunk = records.slice(i, i + 5000);
        await client.query(
          `INSERT INTO corpus_records (kind, id, date, lat, lon, rank, key1, key2, data)
           SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::text[],
             $8::text[], $9::text[]) AS u`,
          [
            kind,
            chunk.map((r) => pgText(r.id)),
            chunk.map((r) => pgText(r.date)),
            chunk.map((r) => r.lat),
            chunk.map((r) => r.lon),
            chunk.map((r) => r.rank),
            chunk.map((r) => key(r, field1)),
            chunk.map((r) => key(r, field2)),
            chunk.map((r) => pgJson(r.data)),
          ],
        );
      }
    });
  }

  async corpusRecords(kind: string, filter: CorpusRecordFilter = {}): Promise<Page<CorpusRecord>> {
    const { total, rows } = await this.corpusRecordRows(kind, filter);
    return { total, items: rows.map(toCorpusRecord) };
  }

  async corpusRecordsJson(
    kind: string,
    filter: CorpusRecordFilter = {},
  ): Promise<Page<Omit<CorpusRecord, 'data'> & { json: string }>> {
    const { total, rows } = await this.corpusRecordRows(kind, filter);
    return {
      total,
      items: rows.map((row) => {
        const { data: _data, ...record } = toCorpusRecord({ ...row, data: '{}' });
        return { ...record, json: String(row.data) };
      }),
    };
  }

  private async corpusRecordRows(kind: string, filter: CorpusRecordFilter): Promise<{ total: number; rows: Row[] }> {
    const p = new Params([kind]);
    const conditions = ['kind = $1'];
    if (filter.from) conditions.push(`date >= ${p.add(filter.from)}`);
    if (filter.to) conditions.push(upperBound('date', filter.to, p));
    if (filter.bbox) conditions.push(boxCondition('pos', filter.bbox, p));
    const keyed: readonly string[] = CORPUS_KEY_FIELDS[kind] ?? [];
    for (const [field, value] of Object.entries(filter.where ?? {})) {
      const column = keyed.indexOf(field);
      conditions.push(`${column >= 0 ? `key${column + 1}` : dataField('data', field)} = ${p.add(value)}`);
    }
    const where = `WHERE ${conditions.join(' AND ')}`;
    const order =
      filter.order === 'date' ? 'date IS NULL, date DESC, rank DESC, id' : 'rank DESC, date IS NULL, date DESC, id';
    const total = await this.one(`SELECT count(*) AS n FROM corpus_records ${where}`, p.values);
    const { limit, offset } = paging(filter);
    const rows = await this.query(
      `SELECT id, date, lat, lon, rank, data FROM corpus_records ${where}
       ORDER BY ${order} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    return { total: Number(total.n), rows };
  }

  async corpusRecord(kind: string, id: string): Promise<CorpusRecord | null> {
    const rows = await this.query('SELECT * FROM corpus_records WHERE kind = $1 AND id = $2', [kind, id]);
    return rows[0] ? toCorpusRecord(rows[0]) : null;
  }

  async startRun(inputs: readonly string[]): Promise<number> {
    const row = await this.one('INSERT INTO ingest_runs (started_at, inputs) VALUES ($1, $2) RETURNING id', [
      new Date().toISOString(),
      pgJson(inputs),
    ]);
    return Number(row.id);
  }

  async addRunMessages(run: number, messages: readonly Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.query(
      'INSERT INTO run_messages (run, message) SELECT $1, m FROM unnest($2::text[]) WITH ORDINALITY AS u(m, n) ORDER BY n',
      [run, messages.map((m) => pgJson(m))],
    );
  }

  async finishRun(run: number, totals: { added: number; skipped: number; failedInputs: number }): Promise<void> {
    await this.query(
      'UPDATE ingest_runs SET finished_at = $1, added = $2, skipped = $3, failed_inputs = $4 WHERE id = $5',
      [new Date().toISOString(), totals.added, totals.skipped, totals.failedInputs, run],
    );
  }

  async runs(limit = 20): Promise<IngestRun[]> {
    const rows = await this.query(
      `SELECT r.*, (SELECT count(*) FROM run_messages m WHERE m.run = r.id) AS messages
       FROM ingest_runs r ORDER BY r.id DESC LIMIT $1`,
      [Math.max(0, Math.trunc(limit))],
    );
    return rows.map(toIngestRun);
  }

  async runMessages(run: number): Promise<Message[]> {
    const rows = await this.query('SELECT message FROM run_messages WHERE run = $1 ORDER BY id', [run]);
    return rows.map((row) => JSON.parse(String(row.message)) as Message);
  }

  async stats(): Promise<StoreStats> {
    const [totals, dups, stories, blocks, outlets, languages, formats, facts, runs, messages] = await Promise.all([
      this.one(
        `SELECT count(*) AS articles, count(*) FILTER (WHERE failed) AS failed, count(published) AS dated,
           min(published) AS earliest, max(published) AS latest FROM articles`,
      ),
      this.one('SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL'),
      this.one('SELECT count(*) AS n FROM stories'),
      this.one('SELECT count(*) AS n FROM (SELECT hash FROM block_articles GROUP BY hash HAVING count(*) >= 2) b'),
      this.query(
        'SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet NULLS FIRST LIMIT 50',
      ),
      this.query(
        'SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language NULLS FIRST',
      ),
      this.query('SELECT format, count(*) AS n FROM articles GROUP BY format ORDER BY n DESC, format'),
      this.query('SELECT kind, count(*) AS n FROM facts GROUP BY kind ORDER BY kind'),
      this.one('SELECT count(*) AS n FROM ingest_runs'),
      this.one('SELECT count(*) AS n FROM run_messages'),
    ]);
    return {
      articles: Number(totals.articles),
      failedArticles: Number(totals.failed),
      duplicates: Number(dups.n),
      stories: Number(stories.n),
      sharedBlocks: Number(blocks.n),
      withPublished: Number(totals.dated),
      earliest: nullable(totals.earliest),
      latest: nullable(totals.latest),
      outlets: outlets.map((r) => ({ outlet: nullable(r.outlet), articles: Number(r.n) })),
      languages: languages.map((r) => ({ language: nullable(r.language), articles: Number(r.n) })),
      formats: formats.map((r) => ({ format: String(r.format), articles: Number(r.n) })),
      facts: facts.map((r) => ({ kind: String(r.kind), facts: Number(r.n) })),
      runs: Number(runs.n),
      inputMessages: Number(messages.n),
    };
  }

  async places(filter: PlaceFilter = {}): Promise<Page<PlaceSummary>> {
    const q = filter.q?.trim();
    const tsquery = q ? toTsquery(q) : null;
    const bareDate = (d?: string) => d === undefined || DATE_ONLY.test(d);
    const p = new Params();
    let counts: string;
    if (!q && !filter.story && !filter.from && !filter.to) {
      // The totals over all articles are kept with the place.
      counts = 'SELECT place, articles, mentions, first, last FROM places WHERE mentions > 0';
    } else if (!q && !filter.story && bareDate(filter.from) && bareDate(filter.to)) {
      // Per-day counts add up exactly (an article has one day): no need to visit each mention.
      const days: string[] = [];
      if (filter.from || filter.to) days.push("day <> ''");
      if (filter.from) days.push(`day >= ${p.add(filter.from)}`);
      if (filter.to) days.push(`day <= ${p.add(filter.to)}`);
      counts = `SELECT place, sum(articles) AS articles, sum(mentions) AS mentions, min(nullif(day, '')) AS first,
          max(nullif(day, '')) AS last
        FROM place_days ${whereOf(days)} GROUP BY place`;
    } else {
      const conditions = articleConditions({ from: filter.from, to: filter.to, story: filter.story }, 'a', p);
      if (tsquery) conditions.push(searchCondition('a', p.add(tsquery)));
      counts = `SELECT pm.place, count(DISTINCT pm.article_rid) AS articles, count(*) AS mentions,
          min(left(a.published, 10)) AS first, max(left(a.published, 10)) AS last
        FROM place_mentions pm JOIN articles a ON a.rid = pm.article_rid ${whereOf(conditions)} GROUP BY pm.place`;
    }
    const conditions: string[] = [];
    if (filter.bbox) conditions.push(boxCondition('pl.pos', filter.bbox, p));
    if (filter.maxPrecision !== undefined) {
      conditions.push(`(pl.precision IS NULL OR pl.precision <= ${p.add(Math.trunc(filter.maxPrecision))})`);
    }
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 500), 1), 5000);
    const rows = await this.query(
      `SELECT pl.entity, pl.name, pl.lat, pl.lon, pl.precision, c.articles, c.mentions, c.first, c.last,
         count(*) OVER () AS total
       FROM (${counts}) c JOIN places pl ON pl.place = c.place ${whereOf(conditions)}
       ORDER BY c.articles DESC, c.mentions DESC, pl.name, pl.place LIMIT ${p.add(limit)}`,
      p.values,
    );
    return {
      total: rows.length ? Number(rows[0]!.total) : 0,
      items: rows.map(toPlaceSummary),
    };
  }

  async timeline(filter: ArticleFilter & { q?: string } = {}): Promise<Array<{ date: string; articles: number }>> {
    const q = filter.q?.trim();
    const p = new Params();
    const conditions = [...articleConditions(filter, 'a', p), 'a.published IS NOT NULL'];
    if (q) conditions.push(searchCondition('a', p.add(toTsquery(q))));
    const rows = await this.query(
      `SELECT left(a.published, 10) AS day, count(*) AS n FROM articles a ${whereOf(conditions)}
       GROUP BY day ORDER BY day`,
      p.values,
    );
    return rows.map((r) => ({ date: String(r.day), articles: Number(r.n) }));
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const count = async (sql: string) => Number((await this.one(sql)).n);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    const version = Number((await this.one('SELECT max(version) AS v FROM schema_migrations')).v ?? 0);
    if (version !== latest) problems.push(`schema at version ${version}, this sitrep expects ${latest}`);
    const invalid = await this.query(
      `SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema() AND (NOT i.indisvalid OR NOT i.indisready)`,
    );
    for (const r of invalid) problems.push(`index ${r.relname} is not valid (a failed concurrent build?)`);
    const checks: Array<[string, string]> = [
      [
        `SELECT count(*) AS n FROM articles a FULL JOIN article_search s ON s.rid = a.rid
           WHERE a.rid IS NULL OR s.rid IS NULL OR s.search IS DISTINCT FROM ${SEARCH_VECTOR_FUNCTION}(a.title, a.text)`,
        'articles whose search vector is missing or does not match their title and text (or vectors of no article)',
      ],
      ['SELECT count(*) - count(DISTINCT key) AS n FROM articles', 'duplicate record keys'],
      ['SELECT count(*) - count(DISTINCT id) AS n FROM articles', 'duplicate article ids'],
      [
        'SELECT count(*) AS n FROM facts f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.rid = f.article_rid)',
        'facts that name no stored article',
      ],
      [
        `SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = articles.duplicate_of)`,
        'duplicates of an article that is not stored',
      ],
      [
        `SELECT count(*) AS n FROM stories t
           LEFT JOIN (SELECT story, count(*) AS c FROM articles WHERE story IS NOT NULL GROUP BY story) s ON s.story = t.id
           WHERE t.articles <> coalesce(s.c, 0)`,
        'stories whose stored article count disagrees with their articles',
      ],
      [
        `SELECT count(*) AS n FROM places pl LEFT JOIN
           (SELECT place, count(*) AS m FROM place_mentions GROUP BY place) pm ON pm.place = pl.place
           WHERE pl.mentions <> coalesce(pm.m, 0)`,
        'places whose mention totals disagree with their mentions',
      ],
      [
        `SELECT count(*) AS n FROM place_mentions pm WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.id = pm.fact)`,
        'place mentions without their fact',
      ],
      [
        `SELECT count(*) AS n FROM entity_mentions m WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.id = m.fact)`,
        'entity mentions without their fact',
      ],
      [
        `SELECT (SELECT count(*) FROM place_mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.rid = m.article_rid))
           + (SELECT count(*) FROM entity_mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.rid = m.article_rid)) AS n`,
        'place or entity mentions of an article that is not stored',
      ],
      [
        `SELECT count(*) AS n FROM facts f WHERE f.kind = 'entity-mention' AND jsonb_typeof(f.data::jsonb -> 'entity') = 'string'
           AND NOT EXISTS (SELECT 1 FROM entity_mentions m WHERE m.fact = f.id)`,
        'linked entity mentions missing from the entity index',
      ],
    ];
    const counts = await Promise.all(checks.map(([sql]) => count(sql)));
    counts.forEach((n, i) => {
      if (n !== 0) problems.push(`${n} ${checks[i]![1]}`);
    });
    return problems;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.opening?.catch(() => {});
    await this.pool.end();
  }

  /** Articles from their rows, with facts and teasers read for the whole page at once. */
  private async toArticles(rows: Row[]): Promise<Article[]> {
    const rids = rows.map((r) => String(r.rid));
    const ids = rows.map((r) => String(r.id));
    const [facts, teasers] = await Promise.all([
      this.query(
        `SELECT f.*, a.id AS article FROM facts f JOIN articles a ON a.rid = f.article_rid
         WHERE f.article_rid = ANY($1::bigint[]) ORDER BY f.article_rid, f.start NULLS FIRST, f.id`,
        [rids],
      ),
      this.query(
        'SELECT article, teaser FROM article_teasers WHERE article = ANY($1::text[]) ORDER BY article, position',
        [ids],
      ),
    ]);
    const factsOf = groupBy(facts, (r) => String(r.article_rid));
    const teasersOf = groupBy(teasers, (r) => String(r.article));
    return rows.map((row) =>
      toArticle(
        row,
        (teasersOf.get(String(row.id)) ?? []).map((r) => String(r.teaser)),
        (factsOf.get(String(row.rid)) ?? []).map(toFact),
      ),
    );
  }
}

interface LinkedMention {
  fact: string;
  rid: string;
  entity: string;
  canonical: string | null;
  type: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
}

/** An entity mention linked to the knowledge base, with its fields as typed columns. */
function linkedMention(fact: Fact, rid: string): LinkedMention | null {
  if (fact.kind !== 'entity-mention') return null;
  const d = fact.data as Record<string, unknown>;
  if (typeof d.entity !== 'string') return null;
  const str = (v: unknown) => (typeof v === 'string' ? pgText(v) : null);
  return {
    fact: pgText(fact.id),
    rid,
    entity: pgText(d.entity),
    canonical: str(d.canonical),
    type: str(d.type),
    country: str(d.country),
    lat: numeric(d.lat),
    lon: numeric(d.lon),
    start: fact.evidence?.start ?? null,
    end: fact.evidence?.end ?? null,
    quote: fact.evidence ? pgText(fact.evidence.quote) : null,
  };
}

interface PlacedMention {
  fact: string;
  rid: string;
  place: string;
  entity: string | null;
  name: string;
  lat: number;
  lon: number;
  precision: number | null;
  day: string | null;
}

/** An entity mention with a position is a place on the map: its KB id, or its rounded position. */
function placedMention(fact: Fact, rid: string, published: string | null): PlacedMention | null {
  if (fact.kind !== 'entity-mention') return null;
  const d = fact.data as Record<string, unknown>;
  const lat = numeric(d.lat);
  const lon = numeric(d.lon);
  if (lat === null || lon === null) return null;
  const entity = typeof d.entity === 'string' ? pgText(d.entity) : null;
  const round = (x: number) => String(Math.round(x * 1000) / 1000);
  const name = [d.canonical, d.name, fact.evidence?.quote].find((v) => typeof v === 'string') as string | undefined;
  const precision = numeric(d.geoPrecision);
  return {
    fact: pgText(fact.id),
    rid,
    place: entity ?? `at:${round(lat)},${round(lon)}`,
    entity,
    name: pgText(name ?? ''),
    lat,
    lon,
    precision: precision === null ? null : Math.trunc(precision),
    day: published ? pgText(published.slice(0, 10)) : null,
  };
}

function numeric(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD moved by `days`, or null when it is not a real date. */
function shiftDay(day: string, days: number): string | null {
  if (!DATE_ONLY.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  const shifted = new Date(t + days * 86_400_000).toISOString().slice(0, 10);
  // Date.parse accepts 2022-02-30 (rolling over); SQLite's date() does too, so keep the rollover
  return shifted;
}

/** `column <= to`, where a bare date means "to the end of that day" (compare with the next day). */
function upperBound(column: string, to: string, p: Params): string {
  if (DATE_ONLY.test(to)) {
    const next = shiftDay(to, 1);
    return next === null ? 'false' : `${column} < ${p.add(next)}`;
  }
  return `${column} <= ${p.add(to)}`;
}

/** Points inside a [minLon, minLat, maxLon, maxLat] box, through the GiST index on `column`. */
function boxCondition(column: string, bbox: readonly [number, number, number, number], p: Params): string {
  const [minLon, minLat, maxLon, maxLat] = bbox.map(Number) as [number, number, number, number];
  if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite) || minLon > maxLon || minLat > maxLat) return 'false';
  return `${column} <@ box(point(${p.add(minLon)}::float8, ${p.add(minLat)}::float8), point(${p.add(maxLon)}::float8, ${p.add(maxLat)}::float8))`;
}

function articleConditions(filter: ArticleFilter, alias: string, p: Params): string[] {
  const conditions: string[] = [];
  if (filter.outlet) conditions.push(`${alias}.outlet = ${p.add(filter.outlet)}`);
  if (filter.language) conditions.push(`${alias}.language = ${p.add(filter.language)}`);
  if (filter.entity) {
    conditions.push(`${alias}.rid IN (SELECT article_rid FROM entity_mentions WHERE entity = ${p.add(filter.entity)})`);
  }
  if (filter.story) conditions.push(`${alias}.story = ${p.add(filter.story)}`);
  if (filter.from) conditions.push(`${alias}.published >= ${p.add(filter.from)}`);
  if (filter.to) conditions.push(upperBound(`${alias}.published`, filter.to, p));
  return conditions;
}

/** Articles (under `alias`) whose search vector matches the tsquery source in parameter `param`. */
function searchCondition(alias: string, param: string): string {
  return `${alias}.rid IN (SELECT rid FROM article_search WHERE search @@ to_tsquery('sitrep', ${param}))`;
}

function whereOf(conditions: readonly string[]): string {
  const kept = conditions.filter(Boolean);
  return kept.length ? `WHERE ${kept.join(' AND ')}` : '';
}

/** A top-level JSON field of a text column holding JSON; the name is checked, then quoted as a literal. */
function dataField(column: string, name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new RangeError(`not a data field: ${name}`);
  return `(${column}::jsonb ->> '${name}')`;
}

function likePrefix(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Names for the 24 unnested article columns (an alias list cannot be a parameter). */
const UNNEST_COLUMNS = Array.from({ length: 24 }, (_, i) => `c${i + 1}`).join(', ');

const SUMMARY_COLUMNS =
  'a.id, a.source, a.url, a.outlet, a.title, a.published, a.language, a.duplicate_of, a.story, a.length, a.failed';

/** The two `data` fields of each corpus-record kind kept in indexed columns (as in the SQLite store). */
const CORPUS_KEY_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  event: ['type', 'subtype'],
  claim: ['metric', 'side'],
  'claim-series': ['metric', 'side'],
  conflict: ['metric', 'side'],
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
}

/** A StoreOpenError (the CLI prints it as a user error); imported late to avoid an import cycle at load. */
async function openError(text: string): Promise<Error> {
  const { StoreOpenError } = await import('../index.js');
  return new StoreOpenError(text);
}
