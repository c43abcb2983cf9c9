// Search from cached phrase lists: for the simple query shapes analysts type most (one phrase;
// phrases joined by AND or side by side; phrases joined by OR; either AND form followed by NOT
// phrases), the matches and BM25 scores are computed in JavaScript from per-phrase lists
// (every matching row id and that phrase's own bm25() score) kept in memory, instead of asking
// FTS5 on every request. FTS5's bm25() is a sum over the query's phrases of a per-phrase term
// (its idf, the phrase's weighted hits in the row and the row's length), where a phrase absent
// from the row adds zero; so for these shapes, where every phrase a matching row contains is
// also counted by FTS5, the sum of the cached per-phrase scores in query order is the very number
// FTS5 returns, and the answers are the same (tested against FTS5 in phrase-cache.test.ts).
// Why: on a 100,000-article store a search through FTS5 cost about 2 ms of CPU in bm25() alone
// (each request re-counts every query term over the whole index before scoring), which capped
// the API far below its load target. A phrase's list costs one full FTS5 pass to build (about
// 40 ms for a word in a third of the store), made when a phrase is met the second time; the lists
// are dropped whenever the store changes (scores depend on the whole store), and the cache is
// bounded (CACHE_ENTRIES); a query of more than MAX_PHRASES phrases, or with a phrase in more than
// MAX_LIST rows, is left to FTS5.
// Anything else (NEAR, column filters, parentheses, mixed AND/OR, other punctuation, other
// filters) goes through FTS5 as before.

import type Database from 'better-sqlite3';

/** A query this module answers: phrases (FTS5 syntax, as typed) and how they combine. */
export interface SimpleQuery {
  /** 'and': every phrase; 'or': any of them. */
  form: 'and' | 'or';
  phrases: string[];
  /** Phrases a match must not contain (only with 'and'). */
  not: string[];
}

const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const BAREWORD = /^[\p{L}\p{N}_]+\*?/u;
const HAS_TOKEN = /[\p{L}\p{N}]/u;

/**
 * The query as a SimpleQuery, or null when it has any other shape (FTS5 answers it then,
 * including with its syntax errors). Follows FTS5's grammar: operators are AND, OR, NOT in
 * capitals; phrases are barewords (letters, digits, _), "quoted" (a doubled quote inside is a
 * quote) or either followed by * (a prefix); phrases side by side are joined by AND.
 */
export function parseSimpleQuery(q: string): SimpleQuery | null {
  const items: Array<{ op: string } | { phrase: string }> = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        const close = q.indexOf('"', j);
        if (close < 0) return null;
        if (q[close + 1] === '"') {
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      if (q[j] === '*') j++;
      if (j < q.length && !/\s/.test(q[j] as string)) return null;
      const phrase = q.slice(i, j);
      if (!HAS_TOKEN.test(phrase)) return null;
      items.push({ phrase });
      i = j;
      continue;
    }
    const word = BAREWORD.exec(q.slice(i, i + 200));
    if (!word) return null;
    const text = word[0];
    // a bareword runs on over characters FTS5 accepts in one (any non-ASCII): leave those to FTS5
    const after = q[i + text.length];
    if (after !== undefined && !/\s|"/.test(after)) return null;
    if (OPERATORS.has(text)) items.push({ op: text });
    else if (text === 'NEAR' || !HAS_TOKEN.test(text)) return null;
    else items.push({ phrase: text });
    i += text.length;
  }
  const phrases: string[] = [];
  const not: string[] = [];
  let form: 'and' | 'or' | undefined;
  let pending: string | undefined = 'start';
  for (const item of items) {
    if ('op' in item) {
      if (pending) return null; // two operators in a row, or one at the start
      pending = item.op;
      continue;
    }
    if (pending === 'NOT') not.push(item.phrase);
    else {
      if (not.length > 0) return null; // a phrase after NOT q: ((… NOT q) AND p), not flat
      const join = pending === 'OR' ? 'or' : pending === 'start' ? undefined : 'and';
      if (join) {
        if (form && form !== join) return null;
        form = join;
      }
      phrases.push(item.phrase);
    }
    pending = undefined;
  }
  if (pending || phrases.length === 0) return null;
  if (form === 'or' && not.length > 0) return null;
  return { form: form ?? 'and', phrases, not };
}

/** Every row matching one phrase, ascending, with that phrase's bm25() score in each. */
interface PhraseList {
  rowids: Float64Array;
  scores: Float64Array;
}

/** Phrase list entries kept at most (16 bytes each: 64 MiB). */
export const CACHE_ENTRIES = 4_000_000;
/**
 * The longest list built: a phrase in more rows (a stop word in a very large store) is left to
 * FTS5, whose cost is bounded by the ranked matches, instead of one pass over all its rows.
 */
export const MAX_LIST = 250_000;
/**
 * Phrases a query may have (NOT phrases included) to be answered from lists: each new phrase costs
 * a pass over its rows, so a long query of common words is left to FTS5 rather than let one
 * request build dozens of lists.
 */
export const MAX_PHRASES = 4;

/** The match set of a SimpleQuery, restricted to a row id span and a period: what search ranks. */
export interface Matches {
  /** How many rows match. */
  total: number;
  /** The matches' row ids ascending and their scores (bm25(), lower is better), first `total` valid. */
  rowids: Float64Array;
  scores: Float64Array;
}

export class PhraseCache {
  private lists = new Map<string, PhraseList>();
  private entries = 0;
  private version: string | undefined;
  private buffer = { rowids: new Float64Array(1024), scores: new Float64Array(1024) };
  /** Lists built and found since the cache was made (for tests and measurements). */
  readonly stats = { built: 0, found: 0 };

  /** Phrases found in more than maxList rows since the store last changed (see MAX_LIST). */
  private tooCommon = new Set<string>();
  /** How often each phrase without a list was met since the store last changed. */
  private met = new Map<string, number>();
  private readonly limit: number;
  private readonly maxList: number;
  private readonly buildAfter: number;

  /**
   * `list` answers one phrase (@q) with at most @limit rows: rowid and bm25(), by rowid. `limit`
   * bounds the entries kept (CACHE_ENTRIES), `maxList` a list (MAX_LIST); a phrase's list is built
   * when a query meets the phrase for the `buildAfter`-th time (default: the second) since the
   * store last changed, and FTS5 answers until then: a phrase met once (a one-off search, a
   * `sitrep search` command) costs what it did, not a pass over all its rows.
   */
  constructor(
    private readonly list: () => Database.Statement,
    options: { limit?: number; maxList?: number; buildAfter?: number } = {},
  ) {
    this.limit = options.limit ?? CACHE_ENTRIES;
    this.maxList = options.maxList ?? MAX_LIST;
    this.buildAfter = options.buildAfter ?? 2;
  }

  /**
   * The matches of `query` with row ids in lo..hi for which `keep` holds (all when keep is null);
   * null when the query is left to FTS5 (too many phrases, or one too common).
   */
  matches(
    query: SimpleQuery,
    version: string,
    lo: number,
    hi: number,
    keep: ((rowid: number) => boolean) | null,
  ): Matches | null {
    if (version !== this.version) {
      this.lists.clear();
      this.tooCommon.clear();
      this.met.clear();
      this.entries = 0;
      this.version = version;
    }
    if (query.phrases.length + query.not.length > MAX_PHRASES) return null;
    // every phrase is counted as met, then FTS5 answers unless all of them have (or get) a list
    let ready = true;
    for (const p of [...query.phrases, ...query.not]) if (!this.ready(p)) ready = false;
    if (!ready) return null;
    const lists: PhraseList[] = [];
    const nots: PhraseList[] = [];
    for (const [phrases, into] of [
      [query.phrases, lists],
      [query.not, nots],
    ] as const) {
      for (const p of phrases) {
        const list = this.phrase(p);
        if (!list) return null;
        into.push(list);
      }
    }
    let total = 0;
    const add = (rowid: number, score: number) => {
      if (total === this.buffer.rowids.length) this.grow();
      this.buffer.rowids[total] = rowid;
      this.buffer.scores[total] = score;
      total++;
    };
    if (query.form === 'and') {
      // walk the shortest list; find each of its rows in the others (cursors only move forward)
      let driver = 0;
      for (let k = 1; k < lists.length; k++) {
        if ((lists[k] as PhraseList).rowids.length < (lists[driver] as PhraseList).rowids.length) driver = k;
      }
      const d = lists[driver] as PhraseList;
      const cursors = lists.map((l) => lowerBound(l.rowids, lo, 0));
      const notCursors = nots.map((l) => lowerBound(l.rowids, lo, 0));
      const at = new Int32Array(lists.length);
      rows: for (let i = cursors[driver] as number; i < d.rowids.length; i++) {
        const rowid = d.rowids[i] as number;
        if (rowid > hi) break;
        if (keep && !keep(rowid)) continue;
        for (let k = 0; k < lists.length; k++) {
          const l = lists[k] as PhraseList;
          const c = lowerBound(l.rowids, rowid, cursors[k] as number);
          cursors[k] = c;
          if (l.rowids[c] !== rowid) continue rows;
          at[k] = c;
        }
        for (let k = 0; k < nots.length; k++) {
          const l = nots[k] as PhraseList;
          const c = lowerBound(l.rowids, rowid, notCursors[k] as number);
          notCursors[k] = c;
          if (l.rowids[c] === rowid) continue rows;
        }
        // summed in query order, as FTS5 sums its phrases
        let score = 0;
        for (let k = 0; k < lists.length; k++) score += (lists[k] as PhraseList).scores[at[k] as number] as number;
        add(rowid, score);
      }
    } else {
      const cursors = lists.map((l) => lowerBound(l.rowids, lo, 0));
      for (;;) {
        let rowid = Number.POSITIVE_INFINITY;
        for (let k = 0; k < lists.length; k++) {
          const r = (lists[k] as PhraseList).rowids[cursors[k] as number];
          if (r !== undefined && r < rowid) rowid = r;
        }
        if (rowid > hi) break;
        let score = 0;
        for (let k = 0; k < lists.length; k++) {
          const l = lists[k] as PhraseList;
          const c = cursors[k] as number;
          if (l.rowids[c] === rowid) {
            score += l.scores[c] as number;
            cursors[k] = c + 1;
          }
        }
        if (!keep || keep(rowid)) add(rowid, score);
      }
    }
    return { total, rowids: this.buffer.rowids, scores: this.buffer.scores };
  }

  private grow(): void {
    const size = this.buffer.rowids.length * 2;
    const rowids = new Float64Array(size);
    const scores = new Float64Array(size);
    rowids.set(this.buffer.rowids);
    scores.set(this.buffer.scores);
    this.buffer = { rowids, scores };
  }

  /** Whether the phrase has a list or is to get one now (see buildAfter); counts the meeting. */
  private ready(phrase: string): boolean {
    if (this.tooCommon.has(phrase)) return false;
    if (this.lists.has(phrase)) return true;
    const met = (this.met.get(phrase) ?? 0) + 1;
    if (met >= this.buildAfter) {
      this.met.delete(phrase);
      return true;
    }
    if (this.met.size >= 100_000) this.met.clear(); // bounded: a flood of new phrases forgets the old
    this.met.set(phrase, met);
    return false;
  }

  private phrase(phrase: string): PhraseList | null {
    if (this.tooCommon.has(phrase)) return null;
    const found = this.lists.get(phrase);
    if (found) {
      // most recently used last: the first in the map is the first to go
      this.lists.delete(phrase);
      this.lists.set(phrase, found);
      this.stats.found++;
      return found;
    }
    const rows = this.list().all({ q: phrase, limit: this.maxList + 1 }) as Array<[number, number]>;
    if (rows.length > this.maxList) {
      this.tooCommon.add(phrase);
      return null;
    }
    const list: PhraseList = {
      rowids: Float64Array.from(rows, (r) => r[0]),
      scores: Float64Array.from(rows, (r) => r[1]),
    };
    this.stats.built++;
    this.entries += rows.length;
    this.lists.set(phrase, list);
    for (const [key, old] of this.lists) {
      if (this.entries <= this.limit || key === phrase) break;
      this.lists.delete(key);
      this.entries -= old.rowids.length;
    }
    return list;
  }
}

/** The first position at or after `from` whose value is >= x. */
function lowerBound(values: Float64Array, x: number, from: number): number {
  // gallop: matches are usually near the cursor
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < values.length && (values[hi] as number) < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > values.length) hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The page of the newest `newest` matches ranked by score then row id (FTS5's ORDER BY s, r on
 * bm25()): [rowid, score] pairs from `offset`, at most `limit` of them.
 */
export function rankNewest(
  m: Matches,
  newest: number,
  offset: number,
  limit: number,
): { page: Array<[number, number]>; n: number; oldest: number } {
  const start = Math.max(0, m.total - newest);
  const n = m.total - start;
  const want = offset + limit;
  if (want > 200) {
    // a deep page: sort them all
    const all: Array<[number, number]> = [];
    for (let i = start; i < m.total; i++) all.push([m.rowids[i] as number, m.scores[i] as number]);
    all.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return { page: all.slice(offset, want), n, oldest: n > 0 ? (m.rowids[start] as number) : 0 };
  }
  // the best `want` so far, in order (a small sorted array: `want` is a page, the matches many)
  const best: Array<[number, number]> = [];
  for (let i = start; i < m.total; i++) {
    const s = m.scores[i] as number;
    const r = m.rowids[i] as number;
    if (best.length === want) {
      const worst = best[want - 1] as [number, number];
      if (s > worst[1] || (s === worst[1] && r > worst[0])) continue;
    }
    let at = best.length;
    while (at > 0) {
      const [br, bs] = best[at - 1] as [number, number];
      if (bs < s || (bs === s && br < r)) break;
      at--;
    }
    best.splice(at, 0, [r, s]);
    if (best.length > want) best.pop();
  }
  return { page: best.slice(offset), n, oldest: n > 0 ? (m.rowids[start] as number) : 0 };
}
