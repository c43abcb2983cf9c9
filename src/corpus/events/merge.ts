// Merging event reports across articles and stories (pure): reports of one real-world event —
// the same type, compatible actors, places within a radius that grows with geo precision, dates
// within their precision — become one merged event with its sources, source count and
// claimants. Fatalities: the most conservative figure among the reports.

import { createHash } from 'node:crypto';
import type { Fact } from '../../core/document.js';
import type { EventData } from '../../stages/events/stage.js';

export interface EventArticle {
  id: string;
  published: string | null;
  outlet: string | null;
  /** The article this one duplicates (syndicated copy), if any. */
  duplicateOf: string | null;
  story: string | null;
}

export interface EventReport {
  fact: Fact<EventData>;
  article: EventArticle;
}

export interface EventSource {
  article: string;
  start: number;
  end: number;
  fact: string;
  outlet: string | null;
  published: string | null;
  claimant: string | null;
}

/**
 * One real-world event: the most specific report's fields, with every report as a source; `verified`
 * when at least one report gives it in the outlet's own voice, `fatalities` the smallest reported.
 */
export type MergedEvent = Pick<
  EventData,
  | 'type'
  | 'subtype'
  | 'plover'
  | 'actor1'
  | 'actor2'
  | 'location'
  | 'locationEntity'
  | 'lat'
  | 'lon'
  | 'country'
  | 'admin1'
  | 'geoPrecision'
  | 'date'
  | 'timePrecision'
  | 'fatalities'
  | 'verified'
> & {
  id: string;
  sources: EventSource[];
  /** Distinct articles reporting it (a syndicated copy counts once, with its original). */
  sourceCount: number;
  /** Everyone the reports attribute it to ('' stands for outlets reporting it in their own voice). */
  claimants: string[];
};

export interface MergeOptions {
  /** Radius in km by the coarser geo precision of the two reports (1 town, 2 region, 3 country). */
  radiusKm: Readonly<Record<1 | 2 | 3, number>>;
  /** Date tolerance in days by the coarser time precision (1 day, 2 week, 3 month). */
  days: Readonly<Record<1 | 2 | 3, number>>;
}

export const DEFAULT_MERGE_OPTIONS: MergeOptions = {
  radiusKm: { 1: 25, 2: 150, 3: 1500 },
  days: { 1: 1, 2: 7, 3: 31 },
};

/** Great-circle distance in km. */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const dayCache = new Map<string, number | null>();
const dayNumber = (date: string | null): number | null => {
  if (!date) return null;
  const cached = dayCache.get(date);
  if (cached !== undefined) return cached;
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  const day = Number.isNaN(t) ? null : t / 86_400_000;
  if (dayCache.size > 100_000) dayCache.clear();
  dayCache.set(date, day);
  return day;
};

interface Cluster {
  reports: EventReport[];
  participants: Set<string>;
  /** The most precise report: its place and date stand for the cluster. */
  head: EventData;
  articles: Set<string>;
  stories: Set<string>;
  /** Days of the reports dated by a time expression (not only by their article's publication day). */
  timexDays: number[];
  /** Every report is a generic plural reference ("attacks on cities"). */
  generic: boolean;
  /** The head is dated only by its article's publication day. */
  headPublicationDated: boolean;
  /** `copyKey` of every report. */
  copies: Set<string>;
  /** Some report refers back to an event already named ("the summit", "the Russian terrorist attack"). */
  definite: boolean;
  /** Every report is told as background (half a year or more after its month-precise date). */
  background: boolean;
}

/** Dated only by the article's publication day (no time expression of its own). */
export function publicationDated(r: EventReport): boolean {
  const d = r.fact.data;
  return (
    d.timex === null &&
    d.date !== null &&
    r.article.published !== null &&
    d.date.slice(0, 10) === r.article.published.slice(0, 10)
  );
}

const DETERMINER =
  /(?:^|\s)(?:the|these|those|this|that|its|their|his|her|our|both|two|three|four|five|a series of|a wave of|[A-Z][a-z]+day['’]s|[a-z]+['’]s)\s+(?:[\w-]+\s+){0,2}$/i;

/**
 * A generic plural reference: a plural trigger ("attacks", "strikes", "skirmishes") with no determiner
 * tying it to particular events ("the blasts", "Thursday's missile strikes", "two explosions"), no time
 * expression and no town-precision place: "many other skirmishes and terrorist attacks", "missile
 * strikes and attacks affecting civilians". It stands for a kind of event, not one event.
 */
export function genericReference(r: EventReport): boolean {
  const d = r.fact.data;
  if (d.timex !== null || d.actor1 !== null || (d.geoPrecision === 1 && d.locationSource !== 'dateline')) return false;
  const word = d.trigger.trim().split(/\s+/).pop() ?? '';
  if (!/[a-z]{3,}(?:s|es)$/i.test(word) || /(?:ss|us|is)$/i.test(word)) return false;
  const evidence = r.fact.evidence;
  if (!evidence) return false;
  const before = evidence.quote.slice(0, Math.max(0, d.triggerStart - evidence.start));
  return !DETERMINER.test(before);
}

/** A singular trigger after a definite determiner: "the destruction of the dam", "the Russian artillery attack". */
const DEFINITE_BEFORE =
  /(?:^|\s)(?:the|this|that|its|their|his|her|our|[A-Z][a-z]+day['’]s|[a-z]+['’]s)\s+(?:[\w-]+\s+){0,2}$/i;
/** Diplomacy named definitely anywhere in its clause: "the summit", "voted against the resolution". */
const DEFINITE_DIPLOMACY =
  /\b(?:the|this|that|its|[a-z]+['’]s)\s+(?:[\w-]+\s+){0,3}?(?:summit|meeting|talks|negotiations|conference|session|vote|resolution|referendum|sanctions)\b/i;

/**
 * A definite reference: the clause refers back to one particular event rather than introducing one.
 * Diplomacy: its clause names the meeting, vote or sanctions with a definite determiner ("before the summit",
 * "voted against the resolution"). Other events: a singular trigger after a definite determiner within
 * three words ("the Russian terrorist attack", "the artillery shell exploded"); "these strikes", "a meeting
 * with", "met with", "held negotiations with" are not.
 */
export function definiteReference(r: EventReport): boolean {
  const d = r.fact.data;
  const evidence = r.fact.evidence;
  if (!evidence) return false;
  if (d.type === 'Diplomacy') return DEFINITE_DIPLOMACY.test(evidence.quote);
  const word = d.trigger.trim().split(/\s+/).pop() ?? '';
  if (/[a-z]{3,}(?:s|es)$/i.test(word) && !/(?:ss|us|is)$/i.test(word)) return false;
  return DEFINITE_BEFORE.test(evidence.quote.slice(0, Math.max(0, d.triggerStart - evidence.start)));
}

function sharedParticipants(c: Cluster, b: EventData): number {
  let n = 0;
  for (const p of b.participants ?? []) if (c.participants.has(p)) n++;
  return n;
}

/** Actors named without their country ("Police Forces", "Protesters"): the same actor of some country. */
const COUNTRYLESS_ACTORS = new Set(['Police Forces', 'Protesters', 'Rioters', 'Civilians']);
const generalises = (g: string, s: string): boolean =>
  COUNTRYLESS_ACTORS.has(g) && (s.startsWith(`${g} of `) || s.startsWith(`${g} (`));

/** Unknown, equal, or one the countryless form of the other ("Police Forces" ~ "Police Forces of Russia (2000-)"). */
export const compatibleActor = (a: string | null, b: string | null): boolean =>
  a === null || b === null || a === b || generalises(a, b) || generalises(b, a);

const TERRITORY = new Set([
  'Government regains territory',
  'Non-state actor overtakes territory',
  'Non-violent transfer of territory',
]);
const family = (e: EventData): string => (TERRITORY.has(e.subtype) ? 'territory' : `${e.type}/${e.subtype}`);

/**
 * Background events, told half a year or more after they happened ("Russia annexed Crimea in
 * 2014", "seized Crimea", "the annexation of Crimea"): one event when they are of one family
 * (territory changes are one family), dated the same (or one only by the same year), and their
 * places agree (the same entity, within the region radius, or one unknown) or they share a participant.
 */
function sameBackground(c: Cluster, a: EventData, r: EventReport, options: MergeOptions): boolean {
  const b = r.fact.data;
  const published = dayNumber(r.article.published);
  const da = dayNumber(a.date);
  const db = dayNumber(b.date);
  if (published === null || da === null || db === null || !a.date || !b.date) return false;
  if (published - da <= 180 || published - db <= 180 || a.timePrecision !== 3 || b.timePrecision !== 3) return false;
  // The cluster must be background too: a report told within weeks of its month ("in mid-September, during a
  // meeting with the Jesuits", published that month) is news, not the background "summit last September"
  // an article half a year later recalls, even when the later report's own publication makes it background.
  if (!c.background) return false;
  if (family(a) !== family(b)) return false;
  // Diplomacy of one month is many meetings, votes and packages ("the SCO summit last September in
  // Uzbekistan", "in September 2022 she decided to consult Moscow"): one only when they name someone in
  // common, and never placed by their own clauses in two countries.
  if (a.type === 'Diplomacy') {
    if (sharedParticipants(c, b) < 1) return false;
    if (a.locationSource === 'clause' && b.locationSource === 'clause' && a.country && b.country)
      return a.country === b.country;
  }
  const yearOnly = (d: string) => d.slice(5) === '01-01';
  if (a.date !== b.date && !(a.date.slice(0, 4) === b.date.slice(0, 4) && (yearOnly(a.date) || yearOnly(b.date))))
    return false;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return true;
  if (a.locationEntity !== null && a.locationEntity === b.locationEntity) return true;
  if (distanceKm(a.lat, a.lon, b.lat, b.lon) <= options.radiusKm[2]) return true;
  return sharedParticipants(c, b) >= 1;
}

/**
 * Diplomacy (talks, votes, sanctions) has no usable place in most reports: two reports of one sub-type
 * within the date tolerance are one event when they name a party in common (actor1 or actor2, in either
 * role: "Putin met Xi", "Xi met Putin"), unless both are placed at town or region precision far apart.
 */
function sameParties(a: EventData, b: EventData, together: boolean): boolean {
  const parties = new Set([a.actor1, a.actor2].filter((x): x is string => x !== null));
  const others = [b.actor1, b.actor2].filter((x): x is string => x !== null);
  const shared = others.filter((x) => parties.has(x));
  // Both name two parties: both must agree ("Erdogan met Zelensky" is not NATO meeting Türkiye).
  if (shared.length === 0 || (parties.size === 2 && others.length === 2 && shared.length < 2)) return false;
  // Across stories, one belligerent's government in common ties nothing together: the war's two
  // governments are parties to half the diplomacy of the corpus ("a peace mission to Russia",
  // "defence talks … Russia's war", "negotiations with the Kremlin").
  if (!together && shared.length < 2 && shared.every((x) => BELLIGERENT_GOVERNMENTS.has(x))) return false;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return true;
  if (a.locationSource === 'dateline' || b.locationSource === 'dateline') return true;
  // Placed by their own clauses in two countries ("a peace mission to Russia", "defence talks in
  // Singapore"): two meetings. (A place from elsewhere in the sentence is too loose to keep them apart.)
  if (
    a.locationSource === 'clause' &&
    b.locationSource === 'clause' &&
    a.country &&
    b.country &&
    a.country !== b.country
  )
    return false;
  if ((a.geoPrecision ?? 3) === 3 || (b.geoPrecision ?? 3) === 3) return true;
  return distanceKm(a.lat, a.lon, b.lat, b.lon) <= DIPLOMACY_RADIUS_KM;
}

/** Two reports of one sub-type at town precision, within the town radius, on the same day. */
function sameTownSameDay(a: EventData, b: EventData, da: number, db: number, options: MergeOptions): boolean {
  if (da !== db || a.subtype !== b.subtype || a.geoPrecision !== 1 || b.geoPrecision !== 1) return false;
  if (a.locationSource === 'dateline' || b.locationSource === 'dateline') return false;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return distanceKm(a.lat, a.lon, b.lat, b.lon) <= options.radiusKm[1];
}

const DIPLOMACY_RADIUS_KM = 150;

const BELLIGERENT_GOVERNMENTS = new Set(['Government of Russia (2000-)', 'Government of Ukraine (2019-)']);

/** A place at town or region precision from the clause or sentence (not a dateline, not a country). */
const usablePlace = (e: EventData): boolean =>
  e.lat !== null && e.lon !== null && e.locationSource !== 'dateline' && (e.geoPrecision ?? 3) < 3;

/**
 * Dates that pin two reports of one article or story together: the report or the cluster has a
 * time expression, and a report dated only by publication is on or after (within the tolerance) the
 * day a report of the cluster gives ("the blasts came a week after…", published two days later).
 */
function anchoredDates(c: Cluster, r: EventReport, da: number, db: number, options: MergeOptions): boolean {
  const b = r.fact.data;
  if (b.timex !== null || !publicationDated(r)) {
    // Dated by its own words: the cluster's dated reports agree within a day, or a cluster dated only
    // by publication was published on that day or within the tolerance after it.
    if (c.timexDays.length) return c.timexDays.some((d) => Math.abs(d - db) <= options.days[1]);
    return c.headPublicationDated && da >= db && da - db <= options.days[b.timePrecision];
  }
  return c.timexDays.some((d) => d <= db && db - d <= options.days[b.timePrecision]);
}

/**
 * The clause of a report, folded: the same clause (40+ characters) of one event type in two articles is
 * one text copied (a wire story reposted, a live page crawled again days later), so one event, whatever
 * dates each copy's publication day gives it.
 */
export function copyKey(r: EventReport): string | null {
  const quote = r.fact.evidence?.quote;
  if (!quote) return null;
  const folded = quote.toLowerCase().replace(/\s+/g, ' ').trim();
  return folded.length < 40 ? null : `${family(r.fact.data)}|${folded}`;
}

function compatible(c: Cluster, r: EventReport, options: MergeOptions): boolean {
  const a = c.head;
  const b = r.fact.data;
  if (sameBackground(c, a, r, options)) return true;
  const copy = copyKey(r);
  if (copy !== null && c.copies.has(copy)) return true;
  if (a.type !== b.type) return false;
  // Territory changes and diplomacy are different events when their sub-types differ.
  if (a.type !== 'Explosions/Remote violence' && a.subtype !== b.subtype) return false;
  const da = dayNumber(a.date);
  const db = dayNumber(b.date);
  if (da === null || db === null) return false;
  const tolerance = options.days[Math.max(a.timePrecision, b.timePrecision) as 1 | 2 | 3];
  if (Math.abs(da - db) > tolerance) return false;
  const sameArticle =
    c.articles.has(r.article.id) || (r.article.duplicateOf !== null && c.articles.has(r.article.duplicateOf));
  const sameStory = r.article.story !== null && c.stories.has(r.article.story);
  // A generic plural reference ("attacks on cities") is never one specific event; generic references
  // are one only when restated in one article or story on one day.
  const generic = genericReference(r);
  if (generic !== c.generic) return false;
  if (generic) return (sameArticle || sameStory) && da === db && a.subtype === b.subtype;
  // Across stories, a report dated only by its publication day happened that day or the day before.
  const pubB = publicationDated(r);
  if (!sameArticle && !sameStory && a.type !== 'Diplomacy') {
    if (pubB && c.headPublicationDated && Math.abs(da - db) > 1) return false;
    if (pubB && !c.headPublicationDated && (da > db || da < db - 1)) return false;
    if (!pubB && c.headPublicationDated && (db > da || db < da - 1)) return false;
  }
  if (a.type === 'Diplomacy' && sameParties(a, b, sameArticle || sameStory)) return true;
  // One vote told in one article by its voters ("backed the resolution", "like Eritrea, voted against the
  // resolution"): the voters are not the event's parties, so they may differ; the clause must name the
  // vote definitely, and neither report may be placed.
  if (
    sameArticle &&
    da === db &&
    a.subtype === 'Vote/resolution' &&
    b.subtype === 'Vote/resolution' &&
    c.definite &&
    definiteReference(r) &&
    !usablePlace(a) &&
    !usablePlace(b)
  )
    return true;
  if (!compatibleActor(a.actor1, b.actor1)) return false;
  // actor2 disagreeing is tolerated for one sub-type at one town on one day (targets get named differently).
  // So is it within one article when the dates pin the two together (one told with its target, once with
  // its victims).
  if (
    !compatibleActor(a.actor2, b.actor2) &&
    !sameTownSameDay(a, b, da, db, options) &&
    !(sameArticle && anchoredDates(c, r, da, db, options))
  )
    return false;
  // A dateline stand-in says where the reporter was, not where it happened, and a country is no
  // usable place either: neither counts as a place for merging.
  const placedA = usablePlace(a);
  const placedB = usablePlace(b);
  if (!placedA || !placedB) {
    // Within one article or story (or copies), a report without a usable place is another one told
    // again ("the missile strikes on Kyiv" … "a second missile hit the building") when the cluster
    // or the report is pinned to a day by a time expression and the dates agree, or, when neither
    // is, they are from one article, of one day and share a participant. Reports that are merely
    // dated by publication and name nothing in common are different events of one article
    // ("Kamenev was shot dead in a skirmish" … "Sychev was killed in an overnight skirmish").
    // (Explosions within one article may name the weapon differently: "missile strikes", "they bombed".)
    const sameKind = a.subtype === b.subtype || (sameArticle && a.type === 'Explosions/Remote violence');
    if ((sameArticle || sameStory) && (placedA === placedB || sameKind)) {
      // With no place on either side, a date that is only a publication day pins nothing: one article
      // (a UN report's "detained by Ukrainian forces", "civilians detained by Russian forces") tells many
      // events of its day. Dates anchor two unplaced reports when both are dated by their own words, or
      // when they share a participant, one refers back definitely, or neither names anyone. (Diplomacy keeps
      // joining by dates within its article: a story on talks tells one meeting in its heading and its body,
      // "at a meeting with European leaders" … "He met there with the President of France".)
      if (
        anchoredDates(c, r, da, db, options) &&
        (placedA ||
          placedB ||
          a.type === 'Diplomacy' ||
          (b.timex !== null && c.timexDays.length > 0) ||
          sharedParticipants(c, b) >= 1 ||
          definiteReference(r) ||
          (!c.participants.size && !b.participants?.length))
      )
        return true;
      // Diplomacy told again in one article without a place (a vote, its count, its abstentions).
      // Two meetings each introduced with their own counterpart ("I held negotiations with the President of
      // Costa Rica", "I held a regular meeting of the Staff") are two: one of them must name the meeting
      // definitely ("the summit", "the vote"), or they share a participant, or neither names one.
      if (
        sameArticle &&
        a.type === 'Diplomacy' &&
        placedA === placedB &&
        (c.definite ||
          definiteReference(r) ||
          sharedParticipants(c, b) >= 1 ||
          (!c.participants.size && !b.participants?.length))
      )
        return true;
      if (
        sameArticle &&
        da === db &&
        (sharedParticipants(c, b) >= 1 || (!c.participants.size && !b.participants?.length))
      )
        return true;
      // A definite reference back to an event of its article and day ("the Russian terrorist attack" after
      // "the destruction of the Nova Kakhovka dam"; "the artillery shell exploded" after "the Russian artillery
      // attack on journalists") when one of the two names no participant to tell them apart.
      if (
        sameArticle &&
        da === db &&
        a.type !== 'Diplomacy' &&
        c.definite &&
        definiteReference(r) &&
        (!c.participants.size || !b.participants?.length)
      )
        return true;
    }
    if (!placedA && !placedB) {
      // Across stories, with no place, only when both name both actors, the same ones, on the same day…
      if (a.actor1 !== null && a.actor2 !== null && a.actor1 === b.actor1 && a.actor2 === b.actor2 && da === db)
        return true;
    }
    // …or when they name two of the same people, organisations or towns ("Putin", "Xi Jinping").
    return sharedParticipants(c, b) >= 2;
  }
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  const precision = Math.max(a.geoPrecision ?? 3, b.geoPrecision ?? 3) as 1 | 2 | 3;
  return distanceKm(a.lat, a.lon, b.lat, b.lon) <= options.radiusKm[precision];
}

/** The report that pins the cluster down best: finest place, then finest date. */
function moreSpecific(a: EventData, b: EventData): boolean {
  const pa = a.lat === null ? 4 : (a.geoPrecision ?? 3);
  const pb = b.lat === null ? 4 : (b.geoPrecision ?? 3);
  if (pa !== pb) return pa < pb;
  if (a.timePrecision !== b.timePrecision) return a.timePrecision < b.timePrecision;
  return (
    (a.actor1 !== null ? 1 : 0) + (a.actor2 !== null ? 1 : 0) >
    (b.actor1 !== null ? 1 : 0) + (b.actor2 !== null ? 1 : 0)
  );
}

/** Reports in merge order: by date, finer time, finer place, fact id. */
function mergeOrder(events: readonly EventReport[]): EventReport[] {
  return [...events].sort(
    (x, y) =>
      (x.fact.data.date ?? '').localeCompare(y.fact.data.date ?? '') ||
      x.fact.data.timePrecision - y.fact.data.timePrecision ||
      (x.fact.data.geoPrecision ?? 4) - (y.fact.data.geoPrecision ?? 4) ||
      x.fact.id.localeCompare(y.fact.id),
  );
}

const timexDay = (r: EventReport): number[] => {
  const day = r.fact.data.timex !== null ? dayNumber(r.fact.data.date) : null;
  return day === null ? [] : [day];
};

function newCluster(report: EventReport): Cluster {
  return {
    reports: [report],
    participants: new Set(report.fact.data.participants ?? []),
    head: { ...report.fact.data },
    articles: new Set([report.article.id]),
    stories: new Set(report.article.story ? [report.article.story] : []),
    timexDays: timexDay(report),
    generic: genericReference(report),
    headPublicationDated: publicationDated(report),
    copies: new Set(copyKeys(report)),
    definite: definiteReference(report),
    background: toldAsBackground(report),
  };
}

/** A month-precise report published half a year or more after its date ("annexed Crimea in 2014"). */
function toldAsBackground(r: EventReport): boolean {
  const published = dayNumber(r.article.published);
  const day = dayNumber(r.fact.data.date);
  return published !== null && day !== null && r.fact.data.timePrecision === 3 && published - day > 180;
}

const copyKeys = (r: EventReport): string[] => {
  const k = copyKey(r);
  return k === null ? [] : [k];
};

/** The head's actor, filled in or made country-specific by a report ("Police Forces" → "… of Russia"). */
const moreNamed = (head: string | null, other: string | null): string | null =>
  head === null || (other !== null && generalises(head, other)) ? other : head;

function join(home: Cluster, report: EventReport): void {
  home.reports.push(report);
  for (const p of report.fact.data.participants ?? []) home.participants.add(p);
  home.articles.add(report.article.id);
  if (report.article.story) home.stories.add(report.article.story);
  home.timexDays.push(...timexDay(report));
  for (const k of copyKeys(report)) home.copies.add(k);
  if (definiteReference(report)) home.definite = true;
  if (!toldAsBackground(report)) home.background = false;
  if (moreSpecific(report.fact.data, home.head)) {
    home.head = { ...report.fact.data };
    home.headPublicationDated = publicationDated(report);
  }
  // Actors unknown to the head but named by a report fill in.
  home.head.actor1 = moreNamed(home.head.actor1, report.fact.data.actor1);
  home.head.actor2 = moreNamed(home.head.actor2, report.fact.data.actor2);
}

/**
 * One merged event per real-world event; input order does not matter (reports are sorted first).
 * Each report joins the first-made cluster it is compatible with. Clusters are indexed by type
 * family and by their head's day (and, for background events, by year), so a report is checked only
 * against clusters within the largest date tolerance: about linear in the number of reports.
 */
export function mergeEvents(
  events: readonly EventReport[],
  options: MergeOptions = DEFAULT_MERGE_OPTIONS,
): MergedEvent[] {
  const clusters: Cluster[] = [];
  const order = new Map<Cluster, number>();
  // family key | head time precision → day → clusters whose head is dated that day.
  const byDay = new Map<string, Map<number, Set<Cluster>>>();
  // family key → year → clusters whose head could be a background event (time precision 3).
  const byYear = new Map<string, Map<string, Set<Cluster>>>();
  const slot = <K>(index: Map<string, Map<K, Set<Cluster>>>, key: string, at: K): Set<Cluster> => {
    const inner = index.get(key) ?? new Map<K, Set<Cluster>>();
    index.set(key, inner);
    const set = inner.get(at) ?? new Set<Cluster>();
    inner.set(at, set);
    return set;
  };
  // copyKey → clusters holding a report with that clause (a copy is compatible at any date).
  const byCopy = new Map<string, Set<Cluster>>();
  const place = (c: Cluster, add: boolean): void => {
    const key = indexKey(c.head);
    const day = dayNumber(c.head.date);
    if (day === null) return; // an undated head is compatible with nothing
    const sets = [slot(byDay, `${key}|${c.head.timePrecision}`, day)];
    if (c.head.timePrecision === 3 && c.head.date) sets.push(slot(byYear, key, c.head.date.slice(0, 4)));
    for (const set of sets) add ? set.add(c) : set.delete(c);
  };
  for (const report of mergeOrder(events)) {
    const d = report.fact.data;
    const key = indexKey(d);
    const day = dayNumber(d.date);
    const candidates = new Set<Cluster>();
    if (day !== null) {
      // A cluster is compatible only within the tolerance of the coarser time precision of the two.
      for (const q of [1, 2, 3] as const) {
        const days = byDay.get(`${key}|${q}`);
        const reach = Math.ceil(options.days[Math.max(q, d.timePrecision) as 1 | 2 | 3]);
        if (days) for (let k = day - reach; k <= day + reach; k++) for (const c of days.get(k) ?? []) candidates.add(c);
      }
      if (d.timePrecision === 3 && d.date)
        for (const c of byYear.get(key)?.get(d.date.slice(0, 4)) ?? []) candidates.add(c);
    }
    const copy = copyKey(report);
    if (copy !== null) for (const c of byCopy.get(copy) ?? []) candidates.add(c);
    let home: Cluster | undefined;
    for (const c of [...candidates].sort((x, y) => order.get(x)! - order.get(y)!))
      if (compatible(c, report, options)) {
        home = c;
        break;
      }
    let target: Cluster;
    if (home) {
      place(home, false);
      join(home, report);
      place(home, true);
      target = home;
    } else {
      target = newCluster(report);
      order.set(target, clusters.length);
      clusters.push(target);
      place(target, true);
    }
    if (copy !== null) {
      const set = byCopy.get(copy) ?? new Set<Cluster>();
      set.add(target);
      byCopy.set(copy, set);
    }
  }
  return clusters.map(toMerged);
}

/** Clusters can only merge within one key: the type, or 'territory' for every territory change. */
const indexKey = (e: EventData): string => (TERRITORY.has(e.subtype) ? 'territory' : e.type);

/** The same merge without the index (every cluster checked for every report): the reference for tests. */
export function mergeEventsUnindexed(
  events: readonly EventReport[],
  options: MergeOptions = DEFAULT_MERGE_OPTIONS,
): MergedEvent[] {
  const clusters: Cluster[] = [];
  for (const report of mergeOrder(events)) {
    const home = clusters.find((c) => compatible(c, report, options));
    if (home) join(home, report);
    else clusters.push(newCluster(report));
  }
  return clusters.map(toMerged);
}

function toMerged(c: Cluster): MergedEvent {
  const h = c.head;
  const sources: EventSource[] = c.reports.map((r) => ({
    article: r.article.id,
    start: r.fact.evidence?.start ?? r.fact.data.triggerStart,
    end: r.fact.evidence?.end ?? r.fact.data.triggerEnd,
    fact: r.fact.id,
    outlet: r.article.outlet,
    published: r.article.published,
    claimant: r.fact.data.claimant,
  }));
  const originals = new Set(c.reports.map((r) => r.article.duplicateOf ?? r.article.id));
  const deaths = c.reports.map((r) => r.fact.data.fatalities).filter((n): n is number => typeof n === 'number');
  const claimants = [...new Set(c.reports.map((r) => r.fact.data.claimant ?? ''))].sort();
  const ids = c.reports.map((r) => r.fact.id).sort();
  return {
    id: `ev${createHash('sha256').update(ids[0]!).digest('hex').slice(0, 15)}`,
    type: h.type,
    subtype: h.subtype,
    plover: h.plover,
    actor1: h.actor1,
    actor2: h.actor2,
    location: h.location,
    locationEntity: h.locationEntity,
    lat: h.lat,
    lon: h.lon,
    country: h.country,
    admin1: h.admin1,
    geoPrecision: h.geoPrecision,
    date: h.date,
    timePrecision: h.timePrecision,
    fatalities: deaths.length ? Math.min(...deaths) : null,
    sources,
    sourceCount: originals.size,
    claimants,
    verified: c.reports.some((r) => r.fact.data.verified),
  };
}
