// Full-text search for the SQLite store (SqliteStore.search): matching, BM25 ranking of the newest
// RANKED_MATCHES matches, the total, and snippets for the page. Kept apart from the rest of the
// store because it is the hot path of the HTTP API under load (docs/benchmarks.md, bench:load).
// Queries of the simple shapes analysts type most are answered from cached per-phrase lists
// (phrase-cache.ts: the same answers as FTS5, without FTS5's per-request cost); the others, and
// any query with a filter besides the period, through FTS5 with statements prepared once. The
// period filter reads publication dates from memory (PublishedIndex). Snippets read the head of
// each hit's text only (snippet.ts).

import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN, paging, type Row, toSummary, unmark } from '../rows.js';
import { SNIPPET_HEAD, textSnippet } from '../snippet.js';
import type { Page, SearchHit, SearchQuery } from '../store.js';
import { type PhraseCache, parseSimpleQuery, rankNewest } from './phrase-cache.js';

/** Matches ranked by BM25 at most: the newest ones (by row id, i.e. ingest order); older ones are not ranked. */
export const RANKED_MATCHES = 5000;
const MIN_ROWID = Number.MIN_SAFE_INTEGER;
const MAX_ROWID = Number.MAX_SAFE_INTEGER;

const SUMMARY_COLUMNS =
  'a.id, a.source, a.url, a.outlet, a.title, a.published, a.language, a.duplicate_of, a.story, a.length, a.failed';

/** What search needs from the store: its connection, cached statements and the dates in memory. */
export interface SearchContext {
  statement(sql: string, raw?: boolean): Database.Statement;
  publishedIndex(): PublishedIndex;
  /** The store's version (see Store.version): cached phrase lists are dropped when it moves. */
  version(): string;
  phrases: PhraseCache;
}

/**
 * Runs one search. `filter` is the SQL condition (on article_meta as `a`) and parameters of the
 * filters other than the period; the period is matched from memory.
 */
export function searchArticles(
  ctx: SearchContext,
  query: SearchQuery,
  q: string,
  filter: { where: string; params: Record<string, string> },
): Page<SearchHit> {
  const index = query.from || query.to ? ctx.publishedIndex() : null;
  const period = index ? index.select(query.from, query.to) : null;
  try {
    // The simple shapes (see phrase-cache.ts) from the cached phrase lists: same answers, exact totals.
    const simple = filter.where ? null : parseSimpleQuery(q);
    const matches =
      simple &&
      ctx.phrases.matches(
        simple,
        ctx.version(),
        period?.lo ?? MIN_ROWID,
        period?.hi ?? MAX_ROWID,
        index ? (rowid) => index.marked(rowid) : null,
      );
    if (matches) {
      const { limit, offset } = paging(query);
      const { page } = rankNewest(matches, RANKED_MATCHES, offset, limit);
      return { total: matches.total, items: page.length > 0 ? hits(ctx, page, q) : [] };
    }
    const params: Record<string, string | number> = {
      ...filter.params,
      q,
      lo: period?.lo ?? MIN_ROWID,
      hi: period?.hi ?? MAX_ROWID,
    };
    const match = [
      'articles_fts MATCH @q AND articles_fts.rowid BETWEEN @lo AND @hi',
      ...(period ? ['sitrep_in_period(articles_fts.rowid)'] : []),
      ...(filter.where ? [filter.where.slice('WHERE '.length)] : []),
    ].join(' AND ');
    // the metadata is joined only when a filter needs it: counting and ranking read the index alone
    const from = filter.where ? 'articles_fts JOIN article_meta a ON a.rowid = articles_fts.rowid' : 'articles_fts';
    // One pass down the newest RANKED_MATCHES matches, scored (a query matching very many
    // articles ranks the most recently stored RANKED_MATCHES of them, so a broad query costs
    // what a narrow one does). The newest are kept inside SQLite and only the page comes out:
    // handing 5,000 rows to JavaScript to sort them cost more than the ranking.
    const ranked = ctx
      .statement(
        `WITH newest AS MATERIALIZED (
           SELECT articles_fts.rowid AS r, bm25(articles_fts, 5.0, 1.0) AS s FROM ${from} WHERE ${match}
           ORDER BY articles_fts.rowid DESC LIMIT ${RANKED_MATCHES})
         SELECT r, s, (SELECT count(*) FROM newest) AS n, (SELECT min(r) FROM newest) AS oldest
         FROM newest ORDER BY s, r LIMIT @limit OFFSET @offset`,
        true,
      )
      .all({ ...params, ...paging(query) }) as Array<[number, number, number, number]>;
    // an offset past the end returns no row, and with it no count: count again
    const counted = ranked[0]
      ? { n: ranked[0][2], oldest: ranked[0][3] }
      : newestCount(ctx, `FROM ${from} WHERE ${match}`, params);
    let total = counted.n;
    if (total === RANKED_MATCHES) {
      // older matches are counted, not ranked (queries of the simple shapes get here only with
      // other filters: see phrase-cache.ts)
      const rest = ctx.statement(`SELECT count(*) FROM ${from} WHERE ${match}`, true).get({
        ...params,
        hi: counted.oldest - 1,
      });
      total += Number((rest as [number])[0]);
    }
    const page: Page<SearchHit> = { total, items: [] };
    if (ranked.length > 0) page.items = hits(ctx, ranked, q);
    return page;
  } finally {
    period?.release();
  }
}

/** How many of the newest RANKED_MATCHES matches there are, and the oldest of them. */
function newestCount(
  ctx: SearchContext,
  matches: string,
  params: Record<string, string | number>,
): { n: number; oldest: number } {
  const [n, oldest] = ctx
    .statement(
      `SELECT count(*), min(r) FROM (SELECT articles_fts.rowid AS r ${matches}
       ORDER BY articles_fts.rowid DESC LIMIT ${RANKED_MATCHES})`,
      true,
    )
    .get(params) as [number, number | null];
  return { n, oldest: oldest ?? 0 };
}

/** The page's hits: summaries and snippets, reading the head of each text only (SNIPPET_HEAD). */
function hits(
  ctx: SearchContext,
  ranked: ReadonlyArray<readonly [number, number, ...number[]]>,
  q: string,
): SearchHit[] {
  const rows = ctx
    .statement(
      `SELECT ${SUMMARY_COLUMNS}, a.rowid AS r, substr(t.text, 1, ${SNIPPET_HEAD}) AS head
       FROM article_meta a JOIN articles t ON t.rowid = a.rowid
       WHERE a.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(ranked.map(([rowid]) => rowid)) }) as Row[];
  const byRowid = new Map(rows.map((row) => [Number(row.r), row]));
  const items: SearchHit[] = [];
  for (const [rowid, score] of ranked) {
    const row = byRowid.get(rowid);
    if (!row) continue;
    const head = String(row.head);
    // the whole text is read only when its head has no match to show (SQLite's length and substr
    // count characters, not UTF-16 units)
    const whole =
      Number(row.length) > SNIPPET_HEAD
        ? () =>
            String(
              (
                ctx.statement('SELECT text FROM articles WHERE rowid = ?', true).get(rowid) as [string] | undefined
              )?.[0] ?? head,
            )
        : undefined;
    // Snippets from the text (src/store/snippet.ts); FTS5's own where the query's words are not found there.
    items.push({
      article: toSummary(row),
      score: -score,
      ...(textSnippet(head, q, whole) ?? ftsSnippet(ctx, q, rowid)),
    });
  }
  return items;
}

/**
 * FTS5's snippet of one hit. The row id is bound as an integer (BigInt): FTS5 ignores a `rowid =`
 * bound to a JavaScript number (better-sqlite3 binds it as REAL) and answered with the first
 * match of the whole index, so the snippet was another article's.
 */
function ftsSnippet(ctx: SearchContext, q: string, rowid: number): ReturnType<typeof unmark> {
  const row = ctx
    .statement(
      `SELECT snippet(articles_fts, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 24) AS snippet
       FROM articles_fts WHERE articles_fts MATCH @q AND rowid = @r`,
    )
    .get({ q, r: BigInt(rowid) }) as Row | undefined;
  return unmark(String(row?.snippet ?? ''));
}

/** The articles of a period, marked in a PublishedIndex until release(). */
export interface PeriodSelection {
  /** The span of their row ids (an empty span, lo > hi, when there are none). */
  lo: number;
  hi: number;
  release(): void;
}

/**
 * Publication dates in memory for search's period filter: row ids sorted by date, so a period is
 * two binary searches and a slice, marked in a bitmap that the SQL function sitrep_in_period reads
 * while FTS5 walks its matches. Joining each match to article_meta instead cost about 1.3 µs a
 * match, most of a dated search. Comparisons are SQLite's: published >= from, and published <= to
 * (published < the next day when `to` is a bare date), on the same strings.
 */
export class PublishedIndex {
  private readonly dates: string[];
  private readonly rowids: Float64Array;
  private readonly mask: Uint8Array;

  constructor(
    readonly version: string,
    rows: ReadonlyArray<[string, number]>,
    private readonly nextDay: (day: string) => string | null,
  ) {
    this.dates = rows.map((row) => row[0]);
    this.rowids = Float64Array.from(rows, (row) => row[1]);
    let max = 0;
    for (const rowid of this.rowids) if (rowid > max) max = rowid;
    this.mask = new Uint8Array(max + 1);
  }

  marked(rowid: number): boolean {
    return this.mask[rowid] === 1;
  }

  /** Marks the articles published in the period until release(); lo..hi spans their row ids. */
  select(from: string | undefined, to: string | undefined): PeriodSelection {
    let start = from ? this.firstAtLeast(from, false) : 0;
    let end = this.dates.length;
    if (to) {
      const next = /^\d{4}-\d{2}-\d{2}$/.test(to) ? this.nextDay(to) : undefined;
      // an unreadable bare date makes SQLite's date() null, and the period empty
      end = next === null ? start : next === undefined ? this.firstAtLeast(to, true) : this.firstAtLeast(next, false);
    }
    if (end < start) start = end;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const rowid = this.rowids[i] as number;
      this.mask[rowid] = 1;
      if (rowid < lo) lo = rowid;
      if (rowid > hi) hi = rowid;
    }
    // no article in the period: an empty range (the query itself is still parsed: a 400 stays a 400)
    if (start === end) [lo, hi] = [1, 0];
    return {
      lo,
      hi,
      release: () => {
        for (let i = start; i < end; i++) this.mask[this.rowids[i] as number] = 0;
      },
    };
  }

  /** The first position whose date is >= day (> day when after is set). */
  private firstAtLeast(day: string, after: boolean): number {
    let lo = 0;
    let hi = this.dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const date = this.dates[mid] as string;
      if (date < day || (after && date === day)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
