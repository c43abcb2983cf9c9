// `sitrep eval events`: the events stage on the war sample. (1) The hand-annotated gold sentences
// (eval/gold/events.jsonl, pre-2024 articles; docs/evaluation/events-guidelines.md): type,
// actor, location and date accuracy. (2) Every article through the pipeline, events merged
// across articles and stories: the duplicated-events rate after merging. (3) Extracted attack
// events in Ukraine against the CIR/Bellingcat verified incidents of 2022 (date ± 1 day and
// ≤ 25 km, or the same town). A GDELT-style baseline (trigger keyword → type, first place of
// the article, publication date) is scored in the same run on (1) and (3).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Article, Fact } from '../src/core/document.js';
import { newArticle } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import {
  distanceKm,
  type EventReport,
  type MergedEvent,
  mergeEvents,
  mergeEventsUnindexed,
} from '../src/corpus/events/merge.js';
import { StoryClusterer } from '../src/corpus/stories/clusterer.js';
import { resolveMention } from '../src/resources/entities-kb.js';
import type { MentionData } from '../src/stages/events/actors.js';
import { ATTACK_TYPES, actorSide, type EventData } from '../src/stages/events/index.js';
import { checkedPlace } from '../src/stages/events/stage.js';
import { defaultStages } from '../src/stages/index.js';
import { readJsonl } from './jsonl.js';
import { seededRandom } from './random.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';
import { readWarSample, type WarArticle, warRecord } from './war-sample.js';

interface GoldEvent {
  type: string;
  subtype: string;
  actor1: string | null;
  actor2: string | null;
  location: string | null;
  date: string | null;
}

interface GoldSentence {
  item: string;
  article: string;
  sentenceStart: number;
  sentenceEnd: number;
  sentencePrefix: string;
  events: GoldEvent[];
}

/** What a system says about one gold sentence. */
interface Predicted {
  type: string;
  subtype: string;
  actor1: string | null;
  location: string | null;
  locationEntity: string | null;
  lat: number | null;
  lon: number | null;
  date: string | null;
}

const normal = (s: string | null): string =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---------------------------------------------------------------------------------------------
// The GDELT-style baseline: a keyword gives the type, the article's first place the location,
// the publication date the date, the sentence's first country-coded actor the actor.

const BASELINE_KEYWORDS: ReadonlyArray<[RegExp, string, string]> = [
  [
    /\b(?:attack\w*|shell\w*|strik\w*|struck|bomb\w*|missiles?|rockets?|drones?|explo\w*|blasts?)\b/i,
    'Explosions/Remote violence',
    'Shelling/artillery/missile attack',
  ],
  [/\b(?:fight\w*|clash\w*|battles?|captur\w*|seiz\w*|liberat\w*|retook|offensive)\b/i, 'Battles', 'Armed clash'],
  [/\b(?:kill\w*|massacre\w*|execut\w*|tortur\w*|abduct\w*|rape\w*)\b/i, 'Violence against civilians', 'Attack'],
  [/\b(?:protest\w*|rall(?:y|ies|ied)|demonstrat\w*)\b/i, 'Protests', 'Peaceful protest'],
  [/\briot\w*\b/i, 'Riots', 'Violent demonstration'],
  [/\b(?:arrest\w*|detain\w*)\b/i, 'Strategic developments', 'Arrests'],
  [/\bsanction\w*\b/i, 'Diplomacy', 'Sanctions'],
  [/\b(?:talks|meet\w*|met|negotiat\w*|summit)\b/i, 'Diplomacy', 'Talks/meeting'],
  [/\b(?:vote\w*|resolution|referend\w*)\b/i, 'Diplomacy', 'Vote/resolution'],
  [/\b(?:evacuat\w*|corridors?)\b/i, 'Humanitarian', 'Evacuation'],
  [/\binvestigat\w*\b/i, 'Legal', 'Investigation'],
];

function baselineEvent(doc: Article, sentence: string): Predicted | null {
  let best: { index: number; type: string; subtype: string } | null = null;
  for (const [pattern, type, subtype] of BASELINE_KEYWORDS) {
    const m = pattern.exec(sentence);
    if (m && (!best || m.index < best.index)) best = { index: m.index, type, subtype };
  }
  if (!best) return null;
  const place = firstPlace(doc);
  return {
    type: best.type,
    subtype: best.subtype,
    actor1: null,
    location: place ? (place.canonical ?? place.name) : null,
    locationEntity: place?.entity ?? null,
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    date: doc.published?.slice(0, 10) ?? null,
  };
}

interface PlaceData {
  name: string;
  canonical: string | null;
  entity: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  geoPrecision: 1 | 2 | 3 | null;
}

function firstPlace(doc: Article): PlaceData | null {
  const cache = new Map();
  const places = doc.facts
    .filter((f) => f.kind === 'entity-mention' && (f.data as { type: string }).type === 'place' && f.evidence)
    .sort((a, b) => a.evidence!.start - b.evidence!.start);
  for (const f of places) {
    // The same guard against the knowledge base's region slip as the stage's, so both see one geocoder.
    const d = checkedPlace(f.data as unknown as MentionData, doc.published, cache) as unknown as PlaceData;
    if (d.lat !== null) return d;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Gold scoring

interface GoldCounts {
  sentences: number;
  typeSetCorrect: number;
  goldEvents: number;
  systemEvents: number;
  matched: number;
  actorCorrect: number;
  actorSideCorrect: number;
  actorScored: number;
  locationCorrect: number;
  locationScored: number;
  dateCorrect: number;
  dateScored: number;
  errors: string[];
}

const emptyCounts = (): GoldCounts => ({
  sentences: 0,
  typeSetCorrect: 0,
  goldEvents: 0,
  systemEvents: 0,
  matched: 0,
  actorCorrect: 0,
  actorSideCorrect: 0,
  actorScored: 0,
  locationCorrect: 0,
  locationScored: 0,
  dateCorrect: 0,
  dateScored: 0,
  errors: [],
});

const goldPlaceCache = new Map<string, ReturnType<typeof resolveMention>>();

function locationMatches(gold: string | null, system: Predicted, docText: string): boolean {
  if (gold === null) return system.location === null;
  if (system.location === null) return false;
  if (normal(gold) === normal(system.location)) return true;
  let resolved = goldPlaceCache.get(gold);
  if (!goldPlaceCache.has(gold)) {
    resolved = resolveMention({ text: gold, type: 'place' }, { date: null, countries: ['UA'], text: docText });
    goldPlaceCache.set(gold, resolved);
  }
  if (!resolved) return false;
  if (resolved.id === system.locationEntity) return true;
  if (resolved.lat === null || resolved.lon === null || system.lat === null || system.lon === null) return false;
  return distanceKm(resolved.lat, resolved.lon, system.lat, system.lon) <= 25;
}

function scoreSentence(
  counts: GoldCounts,
  gold: GoldSentence,
  system: Predicted[],
  docText: string,
  label: string,
): void {
  counts.sentences++;
  const goldTypes = [...new Set(gold.events.map((e) => e.type))].sort();
  const systemTypes = [...new Set(system.map((e) => e.type))].sort();
  const sameSet = goldTypes.join('|') === systemTypes.join('|');
  if (sameSet) counts.typeSetCorrect++;
  else counts.errors.push(`${label} ${gold.item} gold=[${goldTypes.join('; ')}] system=[${systemTypes.join('; ')}]`);
  counts.goldEvents += gold.events.length;
  counts.systemEvents += system.length;
  const free = [...system];
  for (const g of gold.events) {
    const i = free.findIndex((s) => s.type === g.type);
    if (i < 0) continue;
    const s = free.splice(i, 1)[0]!;
    counts.matched++;
    counts.actorScored++;
    if ((g.actor1 ?? null) === (s.actor1 ?? null)) counts.actorCorrect++;
    else counts.errors.push(`${label} ${gold.item} actor1 gold=${g.actor1} system=${s.actor1}`);
    if (actorSide(g.actor1) === actorSide(s.actor1)) counts.actorSideCorrect++;
    counts.locationScored++;
    const locationOk = locationMatches(g.location, s, docText);
    if (locationOk) counts.locationCorrect++;
    else counts.errors.push(`${label} ${gold.item} location gold=${g.location} system=${s.location}`);
    if (g.date !== null) {
      counts.dateScored++;
      if (g.date === s.date) counts.dateCorrect++;
      else counts.errors.push(`${label} ${gold.item} date gold=${g.date} system=${s.date}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bellingcat / CIR incidents

interface Incident {
  date: string;
  day: number;
  lat: number;
  lon: number;
  town: string;
  type: string;
}

/** The ACLED-like type of a CIR incident, from its group and title. */
function incidentType(group: string, title: string): string {
  const t = `${group} ${title}`.toLowerCase();
  if (/shell|strike|missile|explos|bomb|rocket|drone|airstrike|artillery|mlrs|grad|cluster|mortar|air raid/.test(t))
    return 'Explosions/Remote violence';
  if (
    /clash|fighting|battle|firefight|ambush|combat|military losses|destroyed (?:russian|ukrainian)|tank|convoy|military presence/.test(
      t,
    )
  )
    return 'Battles';
  if (/civilian casualt|killed|shot|bod(?:y|ies)|execut|tortur|abduct/.test(t)) return 'Violence against civilians';
  if (/damage|fire|burn/.test(t)) return 'Explosions/Remote violence';
  return 'Other';
}

const dayOf = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;

function readIncidents(file: string): Incident[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
  return rows
    .filter((r) => r.country?.trim() === 'Ukraine' && r.date?.trim())
    .map((r) => ({
      date: r.date!.trim(),
      day: dayOf(r.date!.trim()),
      lat: Number(r.lat),
      lon: Number(r.lon),
      town: normal(r['town/city'] ?? ''),
      type: incidentType(r.event_group ?? '', r.title ?? ''),
    }))
    .filter((e) => Number.isFinite(e.lat) && Number.isFinite(e.lon) && e.lat !== 0);
}

interface AttackScore {
  events: number;
  matched: number;
  typeAgree: number;
}

function scoreAgainstIncidents(
  events: ReadonlyArray<{ type: string; date: string | null; lat: number; lon: number; location: string | null }>,
  incidents: readonly Incident[],
): AttackScore {
  const byDay = new Map<number, Incident[]>();
  for (const i of incidents) {
    const list = byDay.get(i.day) ?? [];
    list.push(i);
    byDay.set(i.day, list);
  }
  const score: AttackScore = { events: 0, matched: 0, typeAgree: 0 };
  for (const e of events) {
    if (!e.date) continue;
    score.events++;
    const day = dayOf(e.date);
    const town = normal(e.location);
    const candidates = [day - 1, day, day + 1].flatMap((d) => byDay.get(d) ?? []);
    const matches = candidates.filter(
      (i) => distanceKm(e.lat, e.lon, i.lat, i.lon) <= 25 || (town !== '' && i.town === town),
    );
    if (matches.length === 0) continue;
    score.matched++;
    if (matches.some((i) => i.type === e.type)) score.typeAgree++;
  }
  return score;
}

// ---------------------------------------------------------------------------------------------
// Duplicates after merging: the documented proxy

interface Probe {
  type: string;
  subtype: string;
  date: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: 1 | 2 | 3 | null;
  side: string | null;
  articles: Set<string>;
  stories: Set<string>;
}

/**
 * Two merged events are probably one event when they have the same type (and sub-type, except
 * explosions, whose reports name the weapon differently), dates at most a day
 * apart, compatible actor1 sides, and either both places at town or region precision within
 * 25 km, or both no place and a shared article or story. The rate is the share of merged events
 * that this relation would still fold away: (events − connected components) / events.
 */
function duplicateRate(events: readonly Probe[]): { rate: number; pairs: Array<[number, number]> } {
  const parent = events.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < events.length; i++) {
    const a = events[i]!;
    if (!a.date) continue;
    for (let j = i + 1; j < events.length; j++) {
      const b = events[j]!;
      if (!b.date || a.type !== b.type) continue;
      if (a.type !== 'Explosions/Remote violence' && a.subtype !== b.subtype) continue;
      if (Math.abs(dayOf(a.date) - dayOf(b.date)) > 1) continue;
      if (a.side && b.side && a.side !== b.side) continue;
      let same = false;
      if (a.lat !== null && b.lat !== null && a.lon !== null && b.lon !== null) {
        same = (a.geoPrecision ?? 3) <= 2 && (b.geoPrecision ?? 3) <= 2 && distanceKm(a.lat, a.lon, b.lat, b.lon) <= 25;
      } else if (a.lat === null && b.lat === null) {
        same = [...a.articles].some((x) => b.articles.has(x)) || [...a.stories].some((x) => b.stories.has(x));
      }
      if (!same) continue;
      pairs.push([i, j]);
      parent[find(i)] = find(j);
    }
  }
  const components = new Set(events.map((_, i) => find(i))).size;
  return { rate: events.length === 0 ? 0 : (events.length - components) / events.length, pairs };
}

// ---------------------------------------------------------------------------------------------

/** Gold split by article (never one article in both): 'dev' articles were looked at while writing rules. */
export function goldSplit(article: string): 'dev' | 'test' {
  let h = 0;
  for (const c of article) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 2 === 0 ? 'dev' : 'test';
}

// ---------------------------------------------------------------------------------------------
// Event-pair gold (eval/gold/event-pairs.jsonl; procedure in docs/evaluation/events-guidelines.md):
// seeded anchor reports from pre-2024 original articles, each paired with every candidate twin.

export const PAIR_SEED = 20261121;
export const PAIR_ANCHORS = 20;
/** Candidate window in days: looser than any merge rule's date tolerance for one-day events. */
export const PAIR_WINDOW_DAYS = 7;

interface PairEnd {
  article: string;
  start: number;
  end: number;
  prefix: string;
}

interface GoldPair {
  anchor: PairEnd;
  /** Null: the anchor has no candidate twin. */
  other: PairEnd | null;
  same: boolean | null;
  note?: string;
}

const TERRITORY_SUBTYPES = new Set([
  'Government regains territory',
  'Non-state actor overtakes territory',
  'Non-violent transfer of territory',
]);
const pairFamily = (e: EventData): string => (TERRITORY_SUBTYPES.has(e.subtype) ? 'territory' : e.type);
const placed = (e: EventData): boolean => e.lat !== null && e.lon !== null && e.locationSource !== 'dateline';

/** Could these two reports be one event? Same family (and sub-type for diplomacy, protests, humanitarian,
 * legal and strategic developments), dates ≤ 7 days apart, and not two town/region places > 150 km apart. */
export function pairCandidate(x: EventReport, y: EventReport): boolean {
  const a = x.fact.data;
  const b = y.fact.data;
  if (pairFamily(a) !== pairFamily(b)) return false;
  const loose = a.type === 'Explosions/Remote violence' || a.type === 'Battles' || pairFamily(a) === 'territory';
  if (!loose && a.subtype !== b.subtype) return false;
  if (!a.date || !b.date) return false;
  if (Math.abs(dayOf(a.date) - dayOf(b.date)) > PAIR_WINDOW_DAYS) return false;
  if (placed(a) && placed(b) && (a.geoPrecision ?? 3) < 3 && (b.geoPrecision ?? 3) < 3)
    return distanceKm(a.lat!, a.lon!, b.lat!, b.lon!) <= 150;
  return true;
}

const preWar2024 = (r: EventReport): boolean => (r.article.published ?? '9999') < '2024';

/** The pool: reports of pre-2024 articles that are not syndicated copies, in a fixed order. */
function pairPool(reports: readonly EventReport[]): EventReport[] {
  return reports
    .filter((r) => preWar2024(r) && r.article.duplicateOf === null && r.fact.evidence)
    .sort((a, b) => a.article.id.localeCompare(b.article.id) || a.fact.evidence!.start - b.fact.evidence!.start);
}

/** The held-out pair sample: another seed, 30 anchors, the tuning set's anchors excluded. */
export const HELDOUT_PAIR_SEED = 20261122;
export const HELDOUT_PAIR_ANCHORS = 30;

/** The second held-out sample (round 4): another seed, 30 anchors, neither earlier set's anchors nor articles. */
export const HELDOUT2_PAIR_SEED = 20261123;
export const HELDOUT2_PAIR_ANCHORS = 30;

/**
 * The second tuning sample (round 5, against over-merging): another seed, 30 anchors drawn only from
 * reports whose merged event has more than one report, half of them diplomacy; no anchor or article of
 * the three earlier sets.
 */
export const TUNING2_PAIR_SEED = 20261124;
export const TUNING2_PAIR_ANCHORS = 30;

export interface PairSampleOptions {
  seed: number;
  anchors: number;
  /** Only reports passing this may be anchors (tuning 2: reports of merged events with 2+ reports). */
  anchorEligible?: (r: EventReport) => boolean;
  /** Of the anchors, at most this many are diplomacy (tuning 2: half); others fill the rest. */
  diplomacyAnchors?: number;
  /** Reports (`article#start`) that may not be anchors: the anchors of an earlier sample. */
  exclude?: ReadonlySet<string>;
  /** Articles whose reports may not be anchors: every article of an earlier sample's pairs. */
  excludeArticles?: ReadonlySet<string>;
}

/** Seeded anchors (Fisher–Yates with mulberry32) and every candidate of each: the pairs to judge. */
export function samplePairs(
  reports: readonly EventReport[],
  options: PairSampleOptions = { seed: PAIR_SEED, anchors: PAIR_ANCHORS },
): Array<[EventReport, EventReport | null]> {
  const pool = pairPool(reports);
  const random = seededRandom(options.seed);
  const order = pool.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const excluded = (r: EventReport) =>
    (options.exclude?.has(`${r.article.id}#${r.fact.evidence!.start}`) ?? false) ||
    (options.excludeArticles?.has(r.article.id) ?? false);
  const pairs: Array<[EventReport, EventReport | null]> = [];
  const seen = new Set<string>();
  let chosen = order.filter((k) => !excluded(pool[k]!) && (options.anchorEligible?.(pool[k]!) ?? true));
  if (options.diplomacyAnchors !== undefined) {
    // The shuffle order is kept: the first n diplomacy anchors and then the first others up to the total
    // (when fewer than n diplomacy reports are eligible, others fill the sample).
    const isDiplomacy = (k: number) => pool[k]!.fact.data.type === 'Diplomacy';
    const diplomacy = chosen.filter(isDiplomacy).slice(0, options.diplomacyAnchors);
    const pick = new Set([
      ...diplomacy,
      ...chosen.filter((k) => !isDiplomacy(k)).slice(0, options.anchors - diplomacy.length),
    ]);
    chosen = chosen.filter((k) => pick.has(k));
  }
  for (const i of chosen.slice(0, options.anchors)) {
    const anchor = pool[i]!;
    const before = pairs.length;
    for (const other of pool) {
      if (other === anchor || !pairCandidate(anchor, other)) continue;
      const key = [anchor.fact.id, other.fact.id].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([anchor, other]);
    }
    // An anchor without candidates is recorded too (other null): it has no twin.
    if (pairs.length === before) pairs.push([anchor, null]);
  }
  return pairs;
}

function pairEnd(r: EventReport, docs: ReadonlyMap<string, Article>): PairEnd {
  const text = docs.get(r.article.id)?.text ?? '';
  const { start, end } = r.fact.evidence!;
  return { article: r.article.id, start, end, prefix: text.slice(start, start + 40) };
}

function describeReport(r: EventReport, docs: ReadonlyMap<string, Article>): string {
  const d = r.fact.data;
  const text = docs.get(r.article.id)?.text ?? '';
  const s = sentenceAround(text, r.fact.evidence!.start);
  return `${d.subtype} | ${d.actor1 ?? '?'} → ${d.actor2 ?? '?'} | ${d.location ?? '-'}${d.locationSource === 'dateline' ? '(dl)' : ''} | ${d.date}${d.timex ? '' : '(pub)'} | ${r.article.id.slice(0, 8)} ${r.article.story ?? ''} | ${s}`;
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('. ', at) + 2, text.lastIndexOf('\n', at) + 1, 0);
  const stop = text.slice(at).search(/[.!?](?:\s|$)|\n/);
  return text.slice(start, stop < 0 ? text.length : at + stop + 1).slice(0, 400);
}

/** The report a gold pair end stands for (same article, same clause start and prefix). */
function findReport(
  end: PairEnd,
  index: ReadonlyMap<string, EventReport>,
  docs: ReadonlyMap<string, Article>,
): EventReport | null {
  const r = index.get(`${end.article}#${end.start}`);
  if (!r) return null;
  const text = docs.get(end.article)?.text ?? '';
  return text.slice(end.start, end.start + 40) === end.prefix ? r : null;
}

interface PairScore {
  pairs: number;
  found: number;
  same: number;
  /** Labelled pairs the merge put together, and how many of those are the same event. */
  merged: number;
  mergedSame: number;
  anchors: number;
  anchorsWithTwinApart: number;
  /** The same per merged event: each anchor weighted by 1 / its merged event's pool reports. */
  weighted: number;
  weightedWithTwinApart: number;
  errors: string[];
}

/** Duplicates after merging and merge precision on the labelled pairs. */
function scorePairs(
  gold: readonly GoldPair[],
  reports: readonly EventReport[],
  merged: readonly MergedEvent[],
  docs: ReadonlyMap<string, Article>,
): PairScore {
  const index = new Map(reports.map((r) => [`${r.article.id}#${r.fact.evidence?.start}`, r]));
  const eventOf = new Map<string, number>();
  merged.forEach((e, i) => {
    for (const s of e.sources) eventOf.set(s.fact, i);
  });
  const poolIds = new Set(pairPool(reports).map((r) => r.fact.id));
  const poolSize = merged.map((e) => e.sources.filter((s) => poolIds.has(s.fact)).length);
  const score: PairScore = {
    pairs: 0,
    found: 0,
    same: 0,
    merged: 0,
    mergedSame: 0,
    anchors: 0,
    anchorsWithTwinApart: 0,
    weighted: 0,
    weightedWithTwinApart: 0,
    errors: [],
  };
  // Every anchor (the first end of a line) counts, with or without candidates; a same-event pair split
  // across merged events marks both ends when both are anchors.
  const anchors = new Map<string, { event: number; twinApart: boolean }>();
  for (const g of gold) {
    const a = findReport(g.anchor, index, docs);
    if (a && !anchors.has(a.fact.id)) anchors.set(a.fact.id, { event: eventOf.get(a.fact.id)!, twinApart: false });
  }
  for (const g of gold) {
    if (!g.other) continue;
    score.pairs++;
    const a = findReport(g.anchor, index, docs);
    const b = findReport(g.other, index, docs);
    if (!a || !b) continue;
    score.found++;
    const ea = eventOf.get(a.fact.id)!;
    const eb = eventOf.get(b.fact.id)!;
    const where = `${g.anchor.article}#${g.anchor.start} + ${g.other.article}#${g.other.start}`;
    if (g.same) score.same++;
    if (ea === eb) {
      score.merged++;
      if (g.same) score.mergedSame++;
      else score.errors.push(`wrongly merged: ${where}`);
    } else if (g.same) {
      for (const id of [a.fact.id, b.fact.id]) {
        const anchor = anchors.get(id);
        if (anchor) anchor.twinApart = true;
      }
      score.errors.push(`twin apart: ${where}`);
    }
  }
  for (const { event, twinApart } of anchors.values()) {
    const w = 1 / Math.max(1, poolSize[event] ?? 1);
    score.anchors++;
    score.weighted += w;
    if (twinApart) {
      score.anchorsWithTwinApart++;
      score.weightedWithTwinApart += w;
    }
  }
  return score;
}

const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');
const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);

export const evaluate: Evaluate = async (options: EvalOptions): Promise<EvalReport> => {
  const all = readWarSample(options.data);
  const gold = readJsonl<GoldSentence>(new URL('../../eval/gold/events.jsonl', import.meta.url).pathname);
  const goldArticles = new Set(gold.map((g) => g.article));
  const corpus = options.limit ? all.slice(0, options.limit) : all;
  const pipeline = createPipeline(defaultStages());
  const docs = new Map<string, Article>();
  const process = (a: WarArticle, i: number): Article => {
    const cached = docs.get(a.id);
    if (cached) return cached;
    const doc = pipeline.run(newArticle(warRecord(a, i)));
    docs.set(a.id, doc);
    return doc;
  };
  const started = performance.now();
  all.forEach((a, i) => {
    if (goldArticles.has(a.id)) process(a, i);
  });
  corpus.forEach((a, i) => {
    process(a, i);
    if (i % 100 === 99) options.log(`pipeline: ${i + 1}/${corpus.length}`);
  });
  const seconds = (performance.now() - started) / 1000;

  // (1) Gold sentences.
  const ours = { all: emptyCounts(), dev: emptyCounts(), test: emptyCounts() };
  const baseline = { all: emptyCounts(), dev: emptyCounts(), test: emptyCounts() };
  const nothing = emptyCounts();
  let located = 0;
  for (const g of gold) {
    const doc = docs.get(g.article);
    if (!doc) continue;
    const at = doc.text.indexOf(g.sentencePrefix);
    if (at < 0) {
      options.log(`gold ${g.item}: sentence not found in the clean text`);
      continue;
    }
    located++;
    const end = at + (g.sentenceEnd - g.sentenceStart);
    const events = doc.facts.filter(
      (f): f is Fact<EventData> =>
        f.kind === 'event' &&
        f.evidence !== undefined &&
        (f.data as EventData).triggerStart >= at &&
        (f.data as EventData).triggerStart < end,
    );
    const predicted: Predicted[] = events.map((f) => ({
      type: f.data.type,
      subtype: f.data.subtype,
      actor1: f.data.actor1,
      // Location is scored on what the sentence gives: a dateline fallback counts as no place.
      location: f.data.locationSource === 'dateline' ? null : f.data.location,
      locationEntity: f.data.locationEntity,
      lat: f.data.lat,
      lon: f.data.lon,
      date: f.data.date,
    }));
    const split = goldSplit(g.article);
    const b = baselineEvent(doc, doc.text.slice(at, end));
    for (const c of [ours.all, ours[split]]) scoreSentence(c, g, predicted, doc.text, 'sitrep');
    for (const c of [baseline.all, baseline[split]]) scoreSentence(c, g, b ? [b] : [], doc.text, 'baseline');
    scoreSentence(nothing, g, [], doc.text, 'nothing');
  }
  // Only the dev split's errors are shown: the test split stays unseen while rules change.
  for (const e of ours.dev.errors) options.log(e);

  // (2) Merging across the corpus.
  const byText = new Map<string, string>();
  const stories = new StoryClusterer();
  const storyOf = new Map<string, string>();
  const reports: EventReport[] = [];
  const corpusDocs = corpus.map((a) => docs.get(a.id)!);
  for (const doc of [...corpusDocs].sort((x, y) => (x.published ?? '').localeCompare(y.published ?? ''))) {
    const key = doc.text.replace(/\s+/g, ' ').trim();
    const duplicateOf = byText.get(key) ?? null;
    if (!duplicateOf) byText.set(key, doc.id);
    const assigned = stories.assign({
      id: doc.id,
      text: doc.text,
      time: doc.published ? Date.parse(doc.published) : null,
    });
    storyOf.set(doc.id, assigned.story);
    for (const m of assigned.moved) storyOf.set(m.id, m.story);
    (doc as Article & { duplicate?: string | null }).duplicate = duplicateOf;
  }
  for (const doc of corpusDocs) {
    for (const f of doc.facts) {
      if (f.kind !== 'event') continue;
      reports.push({
        fact: f as Fact<EventData>,
        article: {
          id: doc.id,
          published: doc.published,
          outlet: null,
          duplicateOf: (doc as Article & { duplicate?: string | null }).duplicate ?? null,
          story: storyOf.get(doc.id) ?? null,
        },
      });
    }
  }
  const merged = mergeEvents(reports);
  const pairSampleFile = globalThis.process.env.SITREP_EVENT_PAIRS_SAMPLE;
  if (pairSampleFile) {
    const { writeFileSync } = await import('node:fs');
    // SITREP_EVENT_PAIRS_SET=heldout samples the held-out set (its seed, its size, tuning anchors excluded);
    // heldout2 the second one (its seed, both earlier sets' anchors and articles excluded).
    const set = globalThis.process.env.SITREP_EVENT_PAIRS_SET;
    const earlier = (file: string) => readJsonl<GoldPair>(new URL(`../../eval/gold/${file}`, import.meta.url).pathname);
    const tuningGold = earlier('event-pairs.jsonl');
    const anchorsOf = (g: readonly GoldPair[]) => g.map((x) => `${x.anchor.article}#${x.anchor.start}`);
    let sampleOptions: PairSampleOptions = { seed: PAIR_SEED, anchors: PAIR_ANCHORS };
    if (set === 'heldout')
      sampleOptions = {
        seed: HELDOUT_PAIR_SEED,
        anchors: HELDOUT_PAIR_ANCHORS,
        exclude: new Set(anchorsOf(tuningGold)),
      };
    if (set === 'heldout2') {
      const both = [...tuningGold, ...earlier('event-pairs-heldout.jsonl')];
      sampleOptions = {
        seed: HELDOUT2_PAIR_SEED,
        anchors: HELDOUT2_PAIR_ANCHORS,
        exclude: new Set(anchorsOf(both)),
        excludeArticles: new Set(both.flatMap((g) => [g.anchor.article, ...(g.other ? [g.other.article] : [])])),
      };
    }
    if (set === 'tuning2') {
      // Anchors from merged events with more than one report (the merge of the code being tuned), half of
      // them diplomacy; the anchors and articles of all three earlier sets excluded. Only which reports may
      // be anchors depends on the merge: the judging listing shows no merge output.
      const all3 = [...tuningGold, ...earlier('event-pairs-heldout.jsonl'), ...earlier('event-pairs-heldout2.jsonl')];
      const multi = new Set(merged.filter((e) => e.sources.length > 1).flatMap((e) => e.sources.map((x) => x.fact)));
      sampleOptions = {
        seed: TUNING2_PAIR_SEED,
        anchors: TUNING2_PAIR_ANCHORS,
        exclude: new Set(anchorsOf(all3)),
        excludeArticles: new Set(all3.flatMap((g) => [g.anchor.article, ...(g.other ? [g.other.article] : [])])),
        anchorEligible: (r) => multi.has(r.fact.id),
        diplomacyAnchors: TUNING2_PAIR_ANCHORS / 2,
      };
    }
    const lines = samplePairs(reports, sampleOptions).map(([a, b]) =>
      JSON.stringify({
        anchor: pairEnd(a, docs),
        other: b ? pairEnd(b, docs) : null,
        same: null,
        show: [a, b].map((r) => (r ? describeReport(r, docs) : null)),
        // About 250 characters around each clause, for judging from the context.
        context: [a, b].map((r) => {
          if (!r) return null;
          const text = docs.get(r.article.id)?.text ?? '';
          const { start, end } = r.fact.evidence!;
          return `${text.slice(Math.max(0, start - 250), start)}[[${text.slice(start, end)}]]${text.slice(end, end + 250)}`;
        }),
      }),
    );
    writeFileSync(pairSampleFile, `${lines.join('\n')}\n`);
    options.log(`event pairs to judge: ${lines.length} → ${pairSampleFile}`);
  }
  // The indexed merge must give exactly what checking every cluster gives.
  const indexIdentical = JSON.stringify(mergeEventsUnindexed(reports)) === JSON.stringify(merged) ? 1 : 0;
  if (!indexIdentical) options.log('mergeEvents: the indexed merge differs from the unindexed one');
  const pairGold = readJsonl<GoldPair>(new URL('../../eval/gold/event-pairs.jsonl', import.meta.url).pathname);
  const pairs = scorePairs(pairGold, reports, merged, docs);
  for (const e of pairs.errors) options.log(`pairs: ${e}`);
  // The second tuning set (round 5, anchors from merged events of 2+ reports, half diplomacy where the pool
  // allows): its errors are read while rules are written; SITREP_EVAL_ERRORS=1 prints them.
  const tuning2Gold = readJsonl<GoldPair>(
    new URL('../../eval/gold/event-pairs-tuning2.jsonl', import.meta.url).pathname,
  );
  const tuning2 = scorePairs(tuning2Gold, reports, merged, docs);
  if (globalThis.process.env.SITREP_EVAL_ERRORS === '1') for (const e of tuning2.errors) options.log(`tuning 2: ${e}`);
  if (globalThis.process.env.SITREP_EVENT_PAIRS_DEBUG === '1') {
    const byKey = new Map(reports.map((r) => [`${r.article.id}#${r.fact.evidence?.start}`, r]));
    const shown = globalThis.process.env.SITREP_EVAL_ERRORS === '1' ? tuning2.errors : [];
    for (const e of [...pairs.errors, ...shown])
      for (const k of e.replace(/^[^:]+: /, '').split(' + ')) {
        const r = byKey.get(k);
        const m = r ? merged.find((x) => x.sources.some((y) => y.fact === r.fact.id)) : undefined;
        if (m)
          options.log(
            `   ${k} in ${m.id} ${m.subtype}|${m.actor1}|${m.actor2}|${m.country}|${m.geoPrecision}|${m.location}|${m.date}|${m.sources.map((y) => `${y.article.slice(0, 8)}#${y.start}`).join(',')}`,
          );
        if (r)
          options.log(
            `   ${k}: ${describeReport(r, docs)} | parts ${(r.fact.data.participants ?? []).join(',')} | prec ${r.fact.data.timePrecision}/${r.fact.data.geoPrecision}`,
          );
      }
  }
  // The held-out pairs (another seed, judged before any rule of the next round): only their counts are
  // shown, never their errors, so they stay unread. SITREP_EVENT_HIDE_HELDOUT=1 skips them while tuning.
  const hideHeldout = globalThis.process.env.SITREP_EVENT_HIDE_HELDOUT === '1';
  const heldoutGold = readJsonl<GoldPair>(
    new URL('../../eval/gold/event-pairs-heldout.jsonl', import.meta.url).pathname,
  );
  const heldout = hideHeldout ? null : scorePairs(heldoutGold, reports, merged, docs);
  // The second held-out set (round 4): judged before any rule of that round was written; totals only.
  const heldout2Gold = readJsonl<GoldPair>(
    new URL('../../eval/gold/event-pairs-heldout2.jsonl', import.meta.url).pathname,
  );
  const heldout2 = hideHeldout ? null : scorePairs(heldout2Gold, reports, merged, docs);
  const storiesOfArticle = (ids: Iterable<string>) => new Set([...ids].map((id) => storyOf.get(id) ?? id));
  const probe = (
    list: ReadonlyArray<{
      type: string;
      subtype: string;
      date: string | null;
      lat: number | null;
      lon: number | null;
      geoPrecision: 1 | 2 | 3 | null;
      actor1: string | null;
      articles: string[];
    }>,
  ): Probe[] =>
    list.map((e) => ({
      type: e.type,
      subtype: e.subtype,
      date: e.date,
      lat: e.lat,
      lon: e.lon,
      geoPrecision: e.geoPrecision,
      side: actorSide(e.actor1),
      articles: new Set(e.articles),
      stories: storiesOfArticle(e.articles),
    }));
  const mergedProbes = probe(merged.map((e) => ({ ...e, articles: e.sources.map((s) => s.article) })));
  const after = duplicateRate(mergedProbes);
  const before = duplicateRate(
    probe(reports.map((r) => ({ ...r.fact.data, articles: [r.article.duplicateOf ?? r.article.id] }))),
  );
  const multi = merged.filter((e) => e.sourceCount > 1).length;
  const dumpFile = globalThis.process.env.SITREP_EVENT_MERGED_DUMP;
  if (dumpFile) {
    // For choosing rules: merged events whose every source is a tuning-eligible article (pre-2024, neither
    // a test-split gold article nor an article of any held-out pair), with every report's sentence.
    const { writeFileSync } = await import('node:fs');
    const closed = new Set<string>();
    for (const g of gold) if (goldSplit(g.article) === 'test') closed.add(g.article);
    for (const g of [...heldoutGold, ...heldout2Gold])
      for (const e of [g.anchor, g.other]) if (e) closed.add(e.article);
    const byFact = new Map(reports.map((r) => [r.fact.id, r]));
    const eligible = (id: string) => id < '2024' && !closed.has(id);
    const out = merged
      .filter((e) => e.sources.every((s) => eligible(s.article)))
      .map((e) => ({
        id: e.id,
        head: `${e.type} / ${e.subtype} | ${e.actor1 ?? '?'} → ${e.actor2 ?? '?'} | ${e.location ?? '-'} (${e.geoPrecision ?? '-'}) | ${e.date}`,
        reports: e.sources.map((s) => {
          const r = byFact.get(s.fact)!;
          return `${s.article}#${s.start} ${describeReport(r, docs)}`;
        }),
      }));
    writeFileSync(dumpFile, `${out.map((o) => JSON.stringify(o)).join('\n')}\n`);
    options.log(`merged events of tuning-eligible articles: ${out.length} → ${dumpFile}`);
  }
  const sample = after.pairs.slice(0, 15).map(([i, j]) => describePair(merged[i]!, merged[j]!));

  // (3) Against the CIR/Bellingcat incidents.
  const incidents = readIncidents(join(options.data, 'bellingcat-cir-ukraine-events-2022', 'events.csv'));
  const inWindow = (date: string | null) => date !== null && date >= '2022-02-24' && date <= '2022-11-25';
  const attacks = (list: readonly MergedEvent[], precision: 1 | 2) =>
    list.filter(
      (e) =>
        (ATTACK_TYPES as readonly string[]).includes(e.type) &&
        e.country === 'UA' &&
        inWindow(e.date) &&
        e.lat !== null &&
        e.lon !== null &&
        e.geoPrecision === precision,
    ) as Array<MergedEvent & { lat: number; lon: number }>;
  const town = scoreAgainstIncidents(attacks(merged, 1), incidents);
  const region = scoreAgainstIncidents(attacks(merged, 2), incidents);
  const baselineAttacks: Array<{
    type: string;
    date: string | null;
    lat: number;
    lon: number;
    location: string | null;
  }> = [];
  for (const doc of corpusDocs) {
    const place = firstPlace(doc);
    if (!place || place.lat === null || place.lon === null || place.country !== 'UA' || place.geoPrecision !== 1)
      continue;
    const date = doc.published?.slice(0, 10) ?? null;
    if (!inWindow(date)) continue;
    const seenTypes = new Set<string>();
    for (const sentence of doc.text.split(/(?<=[.!?])\s+|\n+/)) {
      const b = baselineEvent(doc, sentence);
      if (!b || !(ATTACK_TYPES as readonly string[]).includes(b.type) || seenTypes.has(b.type)) continue;
      seenTypes.add(b.type); // GDELT's own one-event-per-article-and-code deduplication
      baselineAttacks.push({
        type: b.type,
        date,
        lat: place.lat,
        lon: place.lon,
        location: place.canonical ?? place.name,
      });
    }
  }
  const baselineScore = scoreAgainstIncidents(baselineAttacks, incidents);

  const metrics: Record<string, number> = {
    goldSentences: located,
    typeAccuracy: ratio(ours.all.typeSetCorrect, ours.all.sentences),
    eventPrecision: ratio(ours.all.matched, ours.all.systemEvents),
    eventRecall: ratio(ours.all.matched, ours.all.goldEvents),
    actorAccuracy: ratio(ours.all.actorCorrect, ours.all.actorScored),
    actorSideAccuracy: ratio(ours.all.actorSideCorrect, ours.all.actorScored),
    locationAccuracy: ratio(ours.all.locationCorrect, ours.all.locationScored),
    dateAccuracy: ratio(ours.all.dateCorrect, ours.all.dateScored),
    testTypeAccuracy: ratio(ours.test.typeSetCorrect, ours.test.sentences),
    testLocationAccuracy: ratio(ours.test.locationCorrect, ours.test.locationScored),
    testDateAccuracy: ratio(ours.test.dateCorrect, ours.test.dateScored),
    baselineTypeAccuracy: ratio(baseline.all.typeSetCorrect, baseline.all.sentences),
    baselineLocationAccuracy: ratio(baseline.all.locationCorrect, baseline.all.locationScored),
    baselineDateAccuracy: ratio(baseline.all.dateCorrect, baseline.all.dateScored),
    reports: reports.length,
    mergedEvents: merged.length,
    duplicateRateAfterMerge: after.rate,
    duplicateRateBeforeMerge: before.rate,
    mergeIndexIdentical: indexIdentical,
    pairDuplicateRate: ratio(pairs.weightedWithTwinApart, pairs.weighted),
    pairAnchorDuplicateShare: ratio(pairs.anchorsWithTwinApart, pairs.anchors),
    pairMergePrecision: ratio(pairs.mergedSame, pairs.merged),
    pairMergeRecall: ratio(pairs.mergedSame, pairs.same),
    tuning2PairDuplicateRate: ratio(tuning2.weightedWithTwinApart, tuning2.weighted),
    tuning2PairAnchorDuplicateShare: ratio(tuning2.anchorsWithTwinApart, tuning2.anchors),
    tuning2PairMergePrecision: ratio(tuning2.mergedSame, tuning2.merged),
    tuning2PairMergeRecall: ratio(tuning2.mergedSame, tuning2.same),
    ...(heldout
      ? {
          heldoutPairDuplicateRate: ratio(heldout.weightedWithTwinApart, heldout.weighted),
          heldoutPairAnchorDuplicateShare: ratio(heldout.anchorsWithTwinApart, heldout.anchors),
          heldoutPairMergePrecision: ratio(heldout.mergedSame, heldout.merged),
          heldoutPairMergeRecall: ratio(heldout.mergedSame, heldout.same),
        }
      : {}),
    ...(heldout2
      ? {
          heldout2PairDuplicateRate: ratio(heldout2.weightedWithTwinApart, heldout2.weighted),
          heldout2PairAnchorDuplicateShare: ratio(heldout2.anchorsWithTwinApart, heldout2.anchors),
          heldout2PairMergePrecision: ratio(heldout2.mergedSame, heldout2.merged),
          heldout2PairMergeRecall: ratio(heldout2.mergedSame, heldout2.same),
        }
      : {}),
    attackTownEvents: town.events,
    attackTownMatchShare: ratio(town.matched, town.events),
    attackTownTypeAgreement: ratio(town.typeAgree, town.matched),
    attackRegionMatchShare: ratio(region.matched, region.events),
    baselineAttackMatchShare: ratio(baselineScore.matched, baselineScore.events),
    articlesPerSecond: corpus.length / seconds,
  };
  for (const [k, v] of Object.entries(metrics)) options.log(`${k}: ${Number.isInteger(v) ? v : v.toFixed(3)}`);

  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const row = (name: string, c: GoldCounts) => {
    const p = ratio(c.matched, c.systemEvents);
    const r = ratio(c.matched, c.goldEvents);
    return `| ${name} | ${c.sentences} | **${pct(ratio(c.typeSetCorrect, c.sentences))}** | ${pct(p)} | ${pct(r)} | ${pct(f1(p, r))} | ${pct(ratio(c.actorCorrect, c.actorScored))} / ${pct(ratio(c.actorSideCorrect, c.actorScored))} | **${pct(ratio(c.locationCorrect, c.locationScored))}** (${c.locationScored}) | **${pct(ratio(c.dateCorrect, c.dateScored))}** (${c.dateScored}) |`;
  };
  const markdown = `# Events (ACLED taxonomy)

Command: \`sitrep eval events\` (eval/events.ts)${options.limit ? ` with \`--limit ${options.limit}\` (the gold articles always run)` : ''}.
Pipeline: clean → time → entities → quotes → claims → events, on \`../shared/data/ukraine-war-news-gdelt-sample\`
(${corpus.length} articles, ${(corpus.length / seconds).toFixed(1)} articles/s on one core including every stage).
Gold: \`eval/gold/events.jsonl\`, ${gold.length} sentences from pre-2024 articles (${located} found in the clean
text), ${gold.reduce((n, g) => n + g.events.length, 0)} events; chosen and labelled by the procedure in
[events-guidelines.md](events-guidelines.md), before the system was run on them. The gold is split by article
(hash of the article id) into a dev half, whose errors were read while the rules were written, and a test half,
whose errors were not read (all errors were printed once, before the split was made, in the first run). **The
test-split row is the honest figure.**

## Gold sentences

| system | sentences | type accuracy | event P | event R | event F1 | actor1 exact / side | location (n) | date (n) |
|---|---|---|---|---|---|---|---|---|
${row('sitrep events stage — all', ours.all)}
${row('GDELT-style baseline — all', baseline.all)}
${row('sitrep — dev split (errors read while writing rules)', ours.dev)}
${row('sitrep — test split (errors not read)', ours.test)}
${row('GDELT-style baseline — test split', baseline.test)}
${row('"no event anywhere" (majority class) — all', nothing)}

- **Type accuracy**: the share of sentences whose set of event types (possibly empty) equals the gold set.
  Targets: ≥ 0.85.
  Most gold sentences report no event, so saying "no event" everywhere already scores the majority-class row;
  event P/R/F1 is the figure that shows what finding events is worth.
- **Event P/R**: system and gold events of a sentence paired by type.
- **Actor, location, date**: over the paired events. Location: the same place (name, knowledge-base id, or
  ≤ 25 km); gold "no place in the sentence" is matched by no place or a dateline fallback (the stage marks
  those \`locationSource: 'dateline'\`). Date: the same day as the gold date (gold events with no date are
  not scored). Targets: location ≥ 0.90, date ≥ 0.90.
- The baseline (GDELT-style): the first trigger keyword of the sentence gives the type, the first geocoded
  place of the article the location, the publication date the date.

## Merging and duplicates

${reports.length} event reports → **${merged.length} merged events** (${multi} with more than one source).
The indexed merge gives ${indexIdentical ? 'exactly the same merged events as' : '**different merged events from**'} the unindexed reference (\`mergeEventsUnindexed\`) on this sample.
Stories from \`StoryClusterer\` (default options), syndicated copies by identical clean text.

### Hand-judged report pairs (\`eval/gold/event-pairs.jsonl\`)

Four samples by one procedure ([events-guidelines.md](events-guidelines.md#event-pairs)): the **tuning set**
(\`eval/gold/event-pairs.jsonl\`, seed ${PAIR_SEED}, ${pairs.anchors} anchors, ${pairs.pairs} pairs, ${pairs.same} judged the same), whose
errors were read while the merge rules were written; the **held-out set**
(\`eval/gold/event-pairs-heldout.jsonl\`, seed ${HELDOUT_PAIR_SEED}, ${HELDOUT_PAIR_ANCHORS} new anchors, the tuning anchors excluded,
${heldoutGold.filter((g) => g.other).length} pairs, ${heldoutGold.filter((g) => g.same).length} judged the same), judged before round 2, whose totals were read in the round-3
ablation; and **held-out 2** (\`eval/gold/event-pairs-heldout2.jsonl\`, seed ${HELDOUT2_PAIR_SEED}, ${HELDOUT2_PAIR_ANCHORS} new anchors, the anchors
and articles of both earlier sets excluded, ${heldout2Gold.filter((g) => g.other).length} pairs, ${heldout2Gold.filter((g) => g.same).length} judged the same), judged before any rule
of round 4 was written; and **tuning 2** (\`eval/gold/event-pairs-tuning2.jsonl\`, seed ${TUNING2_PAIR_SEED}, ${tuning2.anchors} anchors, the
anchors and articles of the three earlier sets excluded, ${tuning2Gold.filter((g) => g.other).length} pairs, ${tuning2Gold.filter((g) => g.same).length} judged the same), drawn for round 5 **only from
merged events with more than one report** (over-merging is the problem, so the anchors are reports the merge had
joined to something), half diplomacy where the pool allows (only 11 eligible diplomacy reports were left, so 11 of its
30 anchors are talks or sanctions and 19 are not), judged before its merge output was looked at; its errors were read
while the round-5 rules were written (\`SITREP_EVAL_ERRORS=1\` prints them). Only the held-out sets' totals are shown.
**The held-out 2 row is the figure that counts.**

| set | anchors | pairs found | duplicated-events rate (weighted; unweighted) | merge precision | pair recall |
|---|---|---|---|---|---|
${[
  ['tuning set (errors read)', pairs] as const,
  ['tuning 2 (errors read, round 5)', tuning2] as const,
  ['held-out set (totals read in the round-3 ablation)', heldout] as const,
  ['held-out 2 (errors not read)', heldout2] as const,
]
  .map(([name, p]) =>
    p
      ? `| ${name} | ${p.anchors} | ${p.found} / ${p.pairs} | **${pct(ratio(p.weightedWithTwinApart, p.weighted))}** (${p.anchorsWithTwinApart} of ${p.anchors} anchors; ${pct(ratio(p.anchorsWithTwinApart, p.anchors))}) | **${pct(ratio(p.mergedSame, p.merged))}** (${p.mergedSame} / ${p.merged}) | ${pct(ratio(p.mergedSame, p.same))} (${p.mergedSame} / ${p.same}) |`
      : `| ${name} | — | not scored in this run (SITREP_EVENT_HIDE_HELDOUT=1) | — | — | — |`,
  )
  .join('\n')}

The gap between the tuning row and the held-out rows is how far the rules fit the tuning errors rather than
merging in general; the held-out set was first scored after round 2, so its figure before that round is not
known. After round 3 its totals were read once more, in an ablation (see round 3 below): it is no longer fully
unseen. Held-out 2 is diplomacy-heavy (17 of its 30 anchors are talks, votes or sanctions) and has only 12
same-event pairs and 19 merged pairs before round 4, so its precision moves by about 0.05 per pair.

Targets: duplicated-events rate ≤ 0.05, merge precision ≥ 0.90. The tuning set's errors:

${pairs.errors.length ? pairs.errors.map((e) => `- ${e}`).join('\n') : '- (no errors on the judged pairs)'}

Anchors are weighted by 1 / the pool reports in their merged event. One anchor moves the rate by about
${pct(1 / Math.max(1, pairs.anchors))} on the tuning set and ${pct(1 / HELDOUT_PAIR_ANCHORS)} on each held-out set: the intervals are wide.

History on the tuning set. Round 1 (diplomacy keyed by a shared party without a place, actor2 disagreement
tolerated at one town on one day, an unplaced report joining the placed one of its article on the same day):
0.294 → 0.189 duplicated-events rate, merge precision 0.741 (20 / 27) → 0.765 (26 / 34), pair recall 0.571 → 0.743.
Round 2 (2026-11-21, chosen on the tuning set's errors only, after the held-out pairs were judged): a generic
plural reference ("many other skirmishes and terrorist attacks", "missile strikes and attacks affecting
civilians": plural trigger, no determiner, no actor, no time expression, no town) merges only with generic
references of its article or story on its day; a country is no usable place; without a usable place, reports of
one article or story merge when a time expression pins them together (a report dated only by publication joins a
dated report of its story up to the date tolerance after it) or, undated, when they are of one article and day
and share a participant (or neither names one); diplomacy without a place still merges within one article;
across stories a report dated only by its publication day matches only that day or the day before. Tuning set
before round 2: duplicated-events rate 0.189, merge precision 0.765 (26 / 34), pair recall 0.743 (26 / 35).
Round 3 (2026-11-21, chosen on the tuning pairs' errors and on merged events of tuning-eligible articles, i.e.
neither test-split gold articles nor held-out pair articles): the same clause (40+ characters) of one event type in
two articles is one copied text, so one event whatever dates the copies' publication days give it (a live page
crawled again nine days later had split "Russian troops captured Melitopol" in two); across stories, diplomacy
whose only party in common is one belligerent's government (Russia or Ukraine) is not tied together ("a peace
mission to Russia", "defence talks in Singapore … Russia's war", "negotiations with the Kremlin" had chained three
meetings); diplomacy placed by its own clauses in two countries is two meetings; and in the events stage, a news
agency telling the news ("…, Ukrinform reports") is no party to it, an organisation the knowledge base linked to a
gazetteer place ("BBC" → Bratislava) is no participant, the subject of a relative clause after the trigger ("the
artillery fire that the Russian armed forces have been raining down") is the agent. Round 3 also changed place
choice (below); one of those changes, ranking a place after in/at/on above one after of/from/to at every precision,
split held-out twins: the ablation (every round-3 rule switched off in turn, held-out totals only) showed it, the
class behind it is read on the tuning side ("the bombing of Mariupol", "the liberation of Kherson … in Kyiv": after a
nominal trigger "of" names the place), and the rule was narrowed to country-level places. The other place
changes of round 3, chosen on the dev half's errors and on events of tuning-eligible articles: "<town> region/oblast" is the region; a country naming people or an
office ("US citizens", "the defence minister of Russia") is no place; a capital standing for its government is no
place ("which Moscow illegally annexed", "sanctions against Moscow"); a facility named after its town ("the attack on
the kakhovka dam") gives the town when the sentence names no place. With the other code of
the same checkout (stories and duplicates code of 2026-11-21 17:55 UTC), before round 3: tuning set 0.158
duplicated-events rate, merge precision 1.000 (30 / 30), pair recall 0.857 (30 / 35); held-out set 0.124 (5 of 30
anchors), 0.703 (45 / 64), 0.804 (45 / 56); gold location, dev half 0.900, test half 0.870. The held-out anchors with
a twin apart stay 5 of 30; the weighted rate moves with the size of their merged events.
Round 4 (2026-11-21; held-out 2 judged first and scored once on the code before the round, then the rules chosen on
the tuning pairs' errors, the dev half's errors and merged events of tuning-eligible articles, i.e. neither
test-split gold articles nor articles of either held-out set): a *definite reference* is a clause that refers back
to an event ("before the summit", "voted against the resolution", "the Russian terrorist attack", "the artillery
shell exploded") rather than introducing one ("met with", "a meeting of", "shelled"); within one article and day,
one vote told by its voters is one vote when the clause names it definitely, whatever the voter (actor1) ("backed
the resolution" … "like Eritrea, voted against the resolution"); two unplaced meetings of one article are one only
when one of them is a definite reference, or they share a participant, or neither names one (the documented class
"three meetings in one address": "I held negotiations with the President of Costa Rica", "I held a regular meeting
of the Staff"); a definite reference of another type joins its article's event of that day when one of the two
names no participant ("the Russian terrorist attack in Ukraine's south" after "the destruction of the Nova Kakhovka
dam"; "the artillery shell exploded next to a group of reporters" after "the Russian artillery attack on
journalists"); an actor without its country ("Police Forces") is compatible with the same actor of a country. In the
events stage, for events that are not attacks, a place or a country in the war's setting ("talks … about Russian
aggression in Ukraine", "arrested for criticising the war in Ukraine") is neither the place nor a party. Before → after
round 4: tuning set 0.100 → ${pct(ratio(pairs.weightedWithTwinApart, pairs.weighted))} duplicated-events rate, merge precision 1.000 (31 / 31) →
${pct(ratio(pairs.mergedSame, pairs.merged))} (${pairs.mergedSame} / ${pairs.merged}), pair recall 0.886 → ${pct(ratio(pairs.mergedSame, pairs.same))}; held-out 2 0.097 (3 of 30 anchors) → ${heldout2 ? `${pct(ratio(heldout2.weightedWithTwinApart, heldout2.weighted))} (${heldout2.anchorsWithTwinApart} of ${heldout2.anchors})` : '—'}, merge
precision 0.421 (8 / 19) → ${heldout2 ? `${pct(ratio(heldout2.mergedSame, heldout2.merged))} (${heldout2.mergedSame} / ${heldout2.merged})` : '—'}, pair recall 0.667 (8 / 12) → ${heldout2 ? `${pct(ratio(heldout2.mergedSame, heldout2.same))} (${heldout2.mergedSame} / ${heldout2.same})` : '—'}; held-out set 0.144 →
${heldout ? pct(ratio(heldout.weightedWithTwinApart, heldout.weighted)) : '—'}, 0.742 (46 / 62) → ${heldout ? `${pct(ratio(heldout.mergedSame, heldout.merged))} (${heldout.mergedSame} / ${heldout.merged})` : '—'}; gold location, dev half 0.950 → ${pct(ratio(ours.dev.locationCorrect, ours.dev.locationScored))}, test half
0.870 → ${pct(ratio(ours.test.locationCorrect, ours.test.locationScored))}. While the rules were chosen the eval log's all-gold figures (dev and test together) were on screen, so the
test half's location total could be inferred to stay unchanged by the war-setting rule before the final run; no
rule was chosen or changed on it. **Round 4 did not move the honest figure**: none of held-out 2's pairs changed
side (its wrong merges and split twins lie outside the classes the tuning side showed, and its errors stay
unread), the first held-out set gained one right merge (its anchors with a twin apart stay 5 of 30; the weighted rate
moves with the size of their merged events), and the targets (≤ 0.05, ≥ 0.90) are not met on either held-out set.
Round 5 (2026-11-21, against over-merging; tuning 2 judged first, then the rules chosen on its errors and the tuning
set's, held-out totals read once at the end): tuning 2's four wrong merges fell into three classes, each now a rule with
a unit test that fails on the round-4 code. (1) A background match checked only the new report's publication: "during a
meeting with the Jesuits in Kazakhstan" in mid-September (published that month) joined "the SCO summit last September"
recalled half a year later; now the cluster's reports must all be background too. (2) Background diplomacy matched by its
month alone ("the SCO summit last September in Uzbekistan", "in September 2022 she decided to consult Moscow"); now
background talks, votes and sanctions must name someone in common and may not be placed by their own clauses in two
countries (territory background, "annexed Crimea in 2014", is unchanged). (3) In one article, two reports without a usable
place were tied by a date that was only the publication day ("civilians detained by Russian forces … the UN human rights
office said on Tuesday" and "those detained by Ukrainian forces" in one UN-report article); now such date anchoring needs
both dates from their own words, or a participant in common, or a definite reference, or neither naming anyone. Diplomacy
within one article is exempt from (3): applied to it, the rule split one tuning pair (a heading "at a meeting with European
leaders" and its body "He met there with the President of France"), and that exemption was chosen on the tuning set.
Before → after round 5: tuning 2 0.061 (3 of 30 anchors) → ${pct(ratio(tuning2.weightedWithTwinApart, tuning2.weighted))} (${tuning2.anchorsWithTwinApart} of ${tuning2.anchors}), merge precision 0.882 (30 / 34) →
${pct(ratio(tuning2.mergedSame, tuning2.merged))} (${tuning2.mergedSame} / ${tuning2.merged}), pair recall 0.882 (30 / 34) → ${pct(ratio(tuning2.mergedSame, tuning2.same))}; tuning set 0.015 → ${pct(ratio(pairs.weightedWithTwinApart, pairs.weighted))}, 1.000 (33 / 33) →
${pct(ratio(pairs.mergedSame, pairs.merged))} (${pairs.mergedSame} / ${pairs.merged}), recall 0.943 → ${pct(ratio(pairs.mergedSame, pairs.same))}; held-out 2 0.097 → ${heldout2 ? pct(ratio(heldout2.weightedWithTwinApart, heldout2.weighted)) : '—'}, merge precision 0.421 (8 / 19) →
${heldout2 ? `${pct(ratio(heldout2.mergedSame, heldout2.merged))} (${heldout2.mergedSame} / ${heldout2.merged})` : '—'}, pair recall 0.667 (8 / 12) → ${heldout2 ? `${pct(ratio(heldout2.mergedSame, heldout2.same))} (${heldout2.mergedSame} / ${heldout2.same})` : '—'}; held-out set 0.159 → ${heldout ? pct(ratio(heldout.weightedWithTwinApart, heldout.weighted)) : '—'}, 0.758 (47 / 62) →
${heldout ? `${pct(ratio(heldout.mergedSame, heldout.merged))} (${heldout.mergedSame} / ${heldout.merged})` : '—'}, recall 0.839 (47 / 56) → ${heldout ? `${pct(ratio(heldout.mergedSame, heldout.same))} (${heldout.mergedSame} / ${heldout.same})` : '—'}; the whole sample 587 → ${merged.length} merged events. The round touched
no index code (the rules live in \`compatible\`, which the indexed and unindexed merges share), so the timing note below
was not rerun.${
    heldout2 &&
    heldout &&
    heldout2.mergedSame === 8 &&
    heldout2.merged === 19 &&
    heldout.mergedSame === 47 &&
    heldout.merged === 62
      ? ' **Round 5 did not move the held-out figures either**: their totals (merge precision, pair recall, duplicated-events rate) are unchanged, so their wrong merges evidently lie outside the three classes tuning 2 showed (their errors stay unread), and merge precision stays far below the 0.90 target.'
      : ''
  }

**Cost of merging.** Clusters are indexed by type family, head time precision and head day (background events
also by year), so a report is checked only against clusters within its date tolerance; \`mergeEventsUnindexed\`
(every cluster for every report) is kept as the reference. Timing note (2026-11-21, one core of a shared 2-core
machine, seeded synthetic reports: 8 type/sub-types, dates uniform over 730 days, 60 % placed in Ukraine at
mixed precision, 1.5 reports per article, 20 articles per story): 15,000 reports → indexed 0.8 s, unindexed
3.9 s, identical output; 150,000 reports → indexed 7.7 s (23,430 merged events). That generator was a throwaway
script; round 4 replaced it with one in the repo, \`node dist/src/corpus/events/merge-timing.js 150000\`
(\`syntheticReports\` in src/corpus/events/merge-timing.ts, mulberry32, CPU seconds), which follows the same
description but keeps reports far more distinct (93,169 merged events from 150,000), so a report meets many more
candidate clusters and the figure is not comparable with 7.7 s. On it, run alternately with the merge of before round
4 (a copy of the previous merge.ts compiled beside it) on a loaded machine: **150,000 reports → before 61.0, 55.8,
48.7 s CPU; after 57.9, 54.6, 47.7 s CPU** (no slowdown within the noise); 15,000 reports unindexed: 6.3 s before,
6.5 s after; indexed and unindexed output identical (\`merge.test.ts\` checks it on 3,000 of these reports).

### Automatic proxy

| | events | duplicated-events rate |
|---|---|---|
| reports before merging | ${reports.length} | ${pct(before.rate)} |
| merged events | ${merged.length} | ${pct(after.rate)} |

Duplicated-events rate (automatic proxy): two events are *probably one* when they have the same type (and
sub-type, except explosions, whose reports name the weapon differently), dates at
most one day apart, compatible actor1 sides, and either both places at town/region precision within 25 km, or
both no place and a shared article or story. The rate is (events − connected components of that relation) /
events: the share of events a careful merge would still fold away. The proxy is looser than the merge rule
(it ignores actor2 and the explosion sub-type, and joins transitively), so it counts near-misses too. The first pairs it flags, for hand checking:

${sample.length ? sample.map((s) => `- ${s}`).join('\n') : '- (none)'}

**Hand check (2026-11-21, pre-2024 articles only; throwaway scripts, not in the repo; figures from those runs).**
The proxy above only sees pairs it can place or tie to one story, so it is far too optimistic. Four seeded random
samples of 25 merged events (100 in all, on the round-2 merge rules; not repeated after round 3) were each read together with every other merged
event of the same type within a day (and the known twins further apart): **26 of 100 had at least one unmerged
twin** — another merged event that is the same real-world event. Twins come in pairs or groups, so the
duplicated-events rate is roughly **13–26 %**: the ≤ 5 % target is **not met**. What the twins are: one summit or
meeting told in different stories without a usable place (the Crimea Platform summit, the G7 at Schloss Elmau,
Putin–Xi in Samarkand, Johnson–Stoltenberg, Lavrov–Truss); one event whose reports carry different dates (the ICC
warrants for Putin, dated by each article's own publication day; UK sanctions on Tinkov); nominal mentions of a
finding in one report (the Izium mass grave; a UN report on detentions); the Luhansk prosecutor's office blast
told as "Friday's mysterious explosion". Merge precision, read on two samples of 15 merged events with more than
one report: 22 of 30 right; the wrong ones join different events of one article (three meetings in one address;
a Crimea raid with attacks on Crimean bases; the 2014 Crimean and the 2022 Donbas referendums).

## Attack events against the CIR/Bellingcat verified incidents (2022)

Extracted merged events of types ${ATTACK_TYPES.join(', ')}, in Ukraine, dated 2022-02-24 … 2022-11-25, with a
place; matched to a CIR incident in Ukraine when dated ± 1 day and within 25 km, or in the same town. Type
agreement: the matched incidents include one of the same type (CIR titles mapped to ACLED types by keyword:
shelling/strike/missile/explosion → Explosions/Remote violence; clash/fighting/losses/military presence → Battles;
casualties/killed/bodies → Violence against civilians).

| system | events | with a match | share | type agreement among matches |
|---|---|---|---|---|
| sitrep, town-precision places | ${town.events} | ${town.matched} | **${pct(ratio(town.matched, town.events))}** | ${pct(ratio(town.typeAgree, town.matched))} |
| sitrep, region-precision places | ${region.events} | ${region.matched} | ${pct(ratio(region.matched, region.events))} | ${pct(ratio(region.typeAgree, region.matched))} |
| GDELT-style baseline (article's first town, publication date) | ${baselineScore.events} | ${baselineScore.matched} | ${pct(ratio(baselineScore.matched, baselineScore.events))} | ${pct(ratio(baselineScore.typeAgree, baselineScore.matched))} |

CIR covers what volunteers could verify from social media (${incidents.length} incidents in Ukraine), not
everything news reports, so an unmatched event is not necessarily wrong; the share is a lower bound on
precision of place and date, and comparable between the systems.
`;
  return { markdown, metrics };
};

function describePair(a: MergedEvent, b: MergedEvent): string {
  const one = (e: MergedEvent) =>
    `${e.subtype} · ${e.actor1 ?? '?'} · ${e.location ?? 'no place'} · ${e.date} (${e.sources.map((s) => `${s.article}#${s.start}`).join(', ')})`;
  return `${a.type}: ${one(a)} ↔ ${one(b)}`;
}
