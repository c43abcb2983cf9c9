// The claims ledger: pure functions over the claim facts of many articles. (a) Groups: the same
// claim (metric, side, figure, claimant, compatible date) read in several articles, duplicates or
// teasers is one claim with its sightings, never counted twice. (b) Series: per metric + side
// (+ region), each claimant's figures in date order. (c) Conflicts: different claimants giving
// incompatible figures for the same metric and side over overlapping periods. See README.md for
// the compatibility rule.

import { factId } from '../../core/document.js';
import { TALLY_METRICS } from '../../stages/claims/metrics.js';
import type { ClaimData } from '../../stages/claims/stage.js';
import { figureOf } from './figure.js';

/** One claim fact as the ledger needs it, with its article's date and duplicate/story links. */
export interface LedgerClaim {
  /** The claim fact's id. */
  id: string;
  article: string;
  /** The article's publication date (ISO), or null. */
  published: string | null;
  /** The article this one duplicates (or the article a teaser came from), or null. */
  duplicateOf: string | null;
  story: string | null;
  /** The claim's sentence span in its article (the fact's evidence). */
  start: number;
  end: number;
  data: Pick<
    ClaimData,
    | 'value'
    | 'low'
    | 'high'
    | 'qualifier'
    | 'metric'
    | 'side'
    | 'what'
    | 'claimant'
    | 'claimantEntity'
    | 'date'
    | 'location'
  > &
    Partial<Pick<ClaimData, 'numberText' | 'numberStart' | 'numberEnd' | 'cumulative'>>;
  /** The region for series and conflicts (e.g. the place's admin-1); default: the claim's location. */
  region?: string | null;
}

export interface ClaimSighting {
  article: string;
  /** The claim fact seen there. */
  claim: string;
  start: number;
  end: number;
  published: string | null;
}

export interface ClaimGroup {
  id: string;
  metric: string;
  side: string;
  region: string | null;
  value: number;
  low: number | null;
  high: number | null;
  qualifier: string;
  what: string;
  claimant: string | null;
  claimantEntity: string | null;
  /** The "as of" date: the earliest claim date of the group (else its earliest publication date). */
  date: string | null;
  /** Where it was read, first sighting first: one claim however many articles repeat it. */
  sightings: ClaimSighting[];
  stories: string[];
}

export interface SeriesPoint {
  group: string;
  date: string | null;
  value: number;
  low: number | null;
  high: number | null;
}

export interface ClaimSeries {
  id: string;
  metric: string;
  side: string;
  region: string | null;
  claimant: string | null;
  claimantEntity: string | null;
  /** Date order (undated last). */
  points: SeriesPoint[];
}

export interface ClaimConflict {
  id: string;
  metric: string;
  subject: { side: string; region: string | null };
  /** The ids of the claim groups in conflict (two or more). */
  claims: string[];
  note: string;
}

export interface ClaimsLedger {
  groups: ClaimGroup[];
  series: ClaimSeries[];
  conflicts: ClaimConflict[];
}

export interface LedgerOptions {
  /** Claims this many days apart or less are "the same period" (and may be the same claim). */
  windowDays: number;
  /** Relative tolerance of an "about" figure (0.1: "about 1,000" is 900–1,100). */
  aboutTolerance: number;
  /** Claims further apart than this many days are never in conflict (they describe different periods). */
  conflictDays: number;
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = { windowDays: 7, aboutTolerance: 0.1, conflictDays: 31 };

/** Metrics that only grow over time: a later, larger figure does not contradict an earlier one. */
export const CUMULATIVE_METRICS: ReadonlySet<string> = new Set([
  ...TALLY_METRICS,
  'seized',
  'attacks',
  'aid',
  'sanctions',
]);

/**
 * Metrics whose figures from two claimants can contradict each other: the tallies and troop
 * strength. Aid and sanctions packages, votes, attacks and seizures count separate things each
 * time they are named, so different figures never conflict.
 */
export const DISPUTABLE_METRICS: ReadonlySet<string> = new Set([...TALLY_METRICS, 'troops']);

const DAY = 86_400_000;
function dayOf(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
}

function claimantKey(c: { claimant: string | null; claimantEntity: string | null }): string | null {
  if (c.claimantEntity) return c.claimantEntity;
  return c.claimant
    ? c.claimant
        .toLowerCase()
        .replace(/^the\s+/, '')
        .replace(/\s+/g, ' ')
        .trim()
    : null;
}

const regionOf = (c: LedgerClaim): string | null => (c.region !== undefined ? c.region : c.data.location);
const dateOf = (c: LedgerClaim): string | null => c.data.date ?? c.published?.slice(0, 10) ?? null;

/** The interval a figure allows: "over 1,000" is [1000, ∞), "about 1,000" is [900, 1100] at 10 %. */
export function interval(
  c: { value: number; low: number | null; high: number | null; qualifier: string },
  aboutTolerance = DEFAULT_LEDGER_OPTIONS.aboutTolerance,
): [number, number] {
  if (c.qualifier === 'about') return [c.value * (1 - aboutTolerance), c.value * (1 + aboutTolerance)];
  return [c.low ?? 0, c.high ?? Number.POSITIVE_INFINITY];
}

/** Whether two readings are the same claim: metric, side, figure, claimant and a close date. */
export function sameClaim(a: LedgerClaim, b: LedgerClaim, options: LedgerOptions = DEFAULT_LEDGER_OPTIONS): boolean {
  if (a.data.metric !== b.data.metric || a.data.side !== b.data.side) return false;
  if (a.data.value !== b.data.value || a.data.low !== b.data.low || a.data.high !== b.data.high) return false;
  const family = related(a, b);
  const ka = claimantKey(a.data);
  const kb = claimantKey(b.data);
  // a duplicate or teaser may drop the attribution: the same figure there is the same claim
  if (ka !== kb && !(family && (ka === null || kb === null))) return false;
  if (family) return true;
  const da = dayOf(dateOf(a));
  const db = dayOf(dateOf(b));
  return da === null || db === null || Math.abs(da - db) <= options.windowDays;
}

function related(a: LedgerClaim, b: LedgerClaim): boolean {
  const root = (c: LedgerClaim) => c.duplicateOf ?? c.article;
  return root(a) === root(b) || a.duplicateOf === b.article || b.duplicateOf === a.article;
}

/**
 * Whether two figures for the same metric and side can both be true. Same period (dates within
 * the window, or a date unknown): their intervals must overlap. Cumulative metrics over different
 * periods: the earlier figure's lower bound must not exceed the later figure's upper bound (counts
 * grow; they do not shrink). Other metrics over different periods: always compatible.
 */
export function compatible(
  a: { value: number; low: number | null; high: number | null; qualifier: string; date: string | null; metric: string },
  b: { value: number; low: number | null; high: number | null; qualifier: string; date: string | null; metric: string },
  options: LedgerOptions = DEFAULT_LEDGER_OPTIONS,
): boolean {
  const [aLow, aHigh] = interval(a, options.aboutTolerance);
  const [bLow, bHigh] = interval(b, options.aboutTolerance);
  const da = dayOf(a.date);
  const db = dayOf(b.date);
  const samePeriod = da === null || db === null || Math.abs(da - db) <= options.windowDays;
  if (samePeriod) {
    if (CUMULATIVE_METRICS.has(a.metric) && da !== null && db !== null && da !== db) {
      const [first, later] =
        da < db
          ? [
              [aLow, aHigh],
              [bLow, bHigh],
            ]
          : [
              [bLow, bHigh],
              [aLow, aHigh],
            ];
      return (first[0] as number) <= (later[1] as number);
    }
    return aLow <= bHigh && bLow <= aHigh;
  }
  if (!CUMULATIVE_METRICS.has(a.metric)) return true;
  const [early, late] =
    (da as number) < (db as number)
      ? [
          [aLow, aHigh],
          [bLow, bHigh],
        ]
      : [
          [bLow, bHigh],
          [aLow, aHigh],
        ];
  return (early[0] as number) <= (late[1] as number);
}

/** Builds the ledger from claims of many articles. Input order does not matter. */
export function buildLedger(claims: readonly LedgerClaim[], options: Partial<LedgerOptions> = {}): ClaimsLedger {
  const o = { ...DEFAULT_LEDGER_OPTIONS, ...options };
  const totals = new Set<string>();
  const groups = groupClaims(claims, o, totals);
  const series = buildSeries(groups);
  const conflicts = findConflicts(groups, o, totals);
  return { groups, series, conflicts };
}

/** `totals` receives the ids of the groups any of whose claims the text presents as a running total. */
function groupClaims(claims: readonly LedgerClaim[], o: LedgerOptions, totals: Set<string>): ClaimGroup[] {
  // originals before duplicates, then by date, so a group's first sighting is the earliest original
  const sorted = [...claims].sort(
    (a, b) =>
      Number(a.duplicateOf !== null) - Number(b.duplicateOf !== null) ||
      (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') ||
      a.article.localeCompare(b.article) ||
      a.start - b.start,
  );
  const members: LedgerClaim[][] = [];
  const byFigure = new Map<string, number[]>();
  for (const c of sorted) {
    const key = `${c.data.metric}\u0000${c.data.side}\u0000${c.data.value}\u0000${c.data.low}\u0000${c.data.high}`;
    const candidates = byFigure.get(key) ?? [];
    const found = candidates.find((i) => members[i]!.some((m) => sameClaim(m, c, o)));
    if (found !== undefined) members[found]!.push(c);
    else {
      members.push([c]);
      byFigure.set(key, [...candidates, members.length - 1]);
    }
  }
  return members.map((list) => {
    const first = list[0]!;
    const attributed = list.find((c) => c.data.claimant) ?? first;
    const dates = list
      .map(dateOf)
      .filter((d): d is string => !!d)
      .sort();
    const sightings: ClaimSighting[] = [];
    const seen = new Set<string>();
    for (const c of list) {
      // the same sentence read twice in one article (a repeated paragraph) is one sighting
      const key = `${c.article}\u0000${c.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sightings.push({ article: c.article, claim: c.id, start: c.start, end: c.end, published: c.published });
    }
    const id = factId('claim-group', ...list.map((c) => c.id).sort());
    if (list.some((c) => c.data.cumulative)) totals.add(id);
    return {
      id,
      metric: first.data.metric,
      side: first.data.side,
      region: regionOf(first),
      value: first.data.value,
      low: first.data.low,
      high: first.data.high,
      qualifier: first.data.qualifier,
      what: first.data.what,
      claimant: attributed.data.claimant,
      claimantEntity: attributed.data.claimantEntity,
      date: dates[0] ?? null,
      sightings,
      stories: [...new Set(list.map((c) => c.story).filter((s): s is string => !!s))],
    };
  });
}

function buildSeries(groups: readonly ClaimGroup[]): ClaimSeries[] {
  const byKey = new Map<string, ClaimGroup[]>();
  for (const g of groups) {
    const key = `${g.metric}\u0000${g.side}\u0000${g.region ?? ''}\u0000${claimantKey(g) ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), g]);
  }
  return [...byKey.values()].map((list) => {
    const g = list[0]!;
    const points = list
      .map((x) => ({ group: x.id, date: x.date, value: x.value, low: x.low, high: x.high }))
      .sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.value - b.value);
    return {
      id: factId('claim-series', g.metric, g.side, g.region ?? '', claimantKey(g) ?? ''),
      metric: g.metric,
      side: g.side,
      region: g.region,
      claimant: g.claimant,
      claimantEntity: g.claimantEntity,
      points,
    };
  });
}

const fmt = (g: ClaimGroup): string =>
  `${g.claimant ?? 'unattributed'}: ${figureOf(g)}${g.date ? ` (as of ${g.date})` : ''}`;

/**
 * Military losses are announced as running tallies (a ministry's daily count), and so are refugees and
 * the displaced; other figures are totals only when the text says so (LedgerClaim.data.cumulative).
 */
const TALLY_SIDES: ReadonlySet<string> = new Set(['russian-military', 'ukrainian-military']);
const TALLY_BY_NATURE: ReadonlySet<string> = new Set(['refugees', 'displaced']);

function isTotal(g: ClaimGroup, totals: ReadonlySet<string>): boolean {
  return totals.has(g.id) || TALLY_SIDES.has(g.side) || TALLY_BY_NATURE.has(g.metric);
}

/**
 * Two claimants' figures for one subject conflict only when they count the same thing: two figures
 * of one story (one incident told two ways), or two running totals. "87 civilians killed" in one
 * strike and "over 1,000 civilians killed" since the invasion are not a dispute.
 */
function findConflicts(groups: readonly ClaimGroup[], o: LedgerOptions, totals: ReadonlySet<string>): ClaimConflict[] {
  const bySubject = new Map<string, ClaimGroup[]>();
  for (const g of groups) {
    if (claimantKey(g) === null || !DISPUTABLE_METRICS.has(g.metric) || dayOf(g.date) === null) continue;
    const key = `${g.metric}\u0000${g.side}\u0000${g.region ?? ''}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), g]);
  }
  const out: ClaimConflict[] = [];
  for (const list of bySubject.values()) {
    // date order, and each claim compared only with those of the next `conflictDays`: linear in
    // the claims of a subject, not quadratic
    list.sort((a, b) => (a.date as string).localeCompare(b.date as string) || a.id.localeCompare(b.id));
    for (let i = 0; i < list.length; i++) {
      const until = (dayOf(list[i]!.date) as number) + o.conflictDays;
      for (let j = i + 1; j < list.length && (dayOf(list[j]!.date) as number) <= until; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (claimantKey(a) === claimantKey(b)) continue;
        const sameStory = a.stories.some((story) => b.stories.includes(story));
        if (!sameStory && !(isTotal(a, totals) && isTotal(b, totals))) continue;
        if (compatible(a, b, o)) continue;
        const [first, second] = (a.date ?? '') <= (b.date ?? '') ? [a, b] : [b, a];
        const da = dayOf(first.date);
        const db = dayOf(second.date);
        const why =
          da !== null && db !== null && db - da > 0 && CUMULATIVE_METRICS.has(a.metric)
            ? 'the later figure is below the earlier one, but the count only grows'
            : 'the figures do not overlap for the same period';
        out.push({
          id: factId('claim-conflict', ...[a.id, b.id].sort()),
          metric: a.metric,
          subject: { side: a.side, region: a.region },
          claims: [first.id, second.id],
          note: `${a.metric} (${a.side}${a.region ? `, ${a.region}` : ''}): ${fmt(first)} vs ${fmt(second)}: ${why}`,
        });
      }
    }
  }
  return out;
}
