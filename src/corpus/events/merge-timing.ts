// The cost of merging, measured on seeded synthetic reports (the timing note of docs/evaluation/events.md):
// 8 type/sub-types, dates uniform over 730 days, 60 % placed in Ukraine at mixed precision, 1.5 reports per
// article, 20 articles per story. `node dist/src/corpus/events/merge-timing.js [reports] [--unindexed]`
// prints the CPU seconds of one merge (the shared machine makes wall-clock time noisy).

import type { Fact } from '../../core/document.js';
import type { EventData } from '../../stages/events/stage.js';
import { type EventReport, mergeEvents, mergeEventsUnindexed } from './merge.js';

const KINDS: ReadonlyArray<[EventData['type'], string]> = [
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Explosions/Remote violence', 'Air/drone strike'],
  ['Battles', 'Armed clash'],
  ['Battles', 'Government regains territory'],
  ['Violence against civilians', 'Attack'],
  ['Diplomacy', 'Talks/meeting'],
  ['Diplomacy', 'Sanctions'],
  ['Strategic developments', 'Arrests'],
];
const ACTORS = [
  null,
  'Military Forces of Russia (2000-)',
  'Military Forces of Ukraine (2019-)',
  'Government of China',
  'Government of Germany',
  'Government of Türkiye',
  'Wagner Group',
  'Police Forces of Russia (2000-)',
];
/** Clauses and their trigger words: some introduce an event, some refer back to one ("the strike", "the summit"). */
const QUOTES: ReadonlyArray<[string, string]> = [
  ['Russian forces shelled the city', 'shelled'],
  ['after the strike on the station', 'strike'],
  ['he held talks with', 'talks with'],
  ['before the summit opened', 'summit'],
];

/** Seeded synthetic reports: the same seed gives the same reports. */
export function syntheticReports(count: number, seed = 11): EventReport[] {
  // mulberry32: 32-bit integer arithmetic, so no precision is lost and the sequence does not cycle early.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const articles = Math.max(1, Math.round(count / 1.5));
  const start = Date.UTC(2022, 1, 24);
  const reports: EventReport[] = [];
  for (let i = 0; i < count; i++) {
    const article = Math.floor(random() * articles);
    const published = new Date(start + Math.floor((article / articles) * 730) * 86_400_000).toISOString();
    const dated = random() < 0.5;
    const date = dated
      ? new Date(Date.parse(published) - Math.floor(random() * 3) * 86_400_000).toISOString().slice(0, 10)
      : published.slice(0, 10);
    const [type, subtype] = pick(KINDS);
    const placed = random() < 0.6;
    const geoPrecision = placed ? pick([1, 1, 2, 3] as const) : null;
    const [clause, word] = pick(QUOTES);
    const quote = `${clause} ${i % 7 === 0 ? 'again' : ''} in the report number ${i}`;
    const data = {
      type,
      subtype,
      plover: null,
      actor1: pick(ACTORS),
      actor2: random() < 0.7 ? null : pick(['Civilians (Ukraine)', ...ACTORS.slice(1, 5)]),
      claimant: null,
      claimantEntity: null,
      verified: true,
      location: placed ? `place${Math.floor(random() * 400)}` : null,
      locationEntity: null,
      locationSource: placed ? pick(['clause', 'sentence', 'dateline'] as const) : null,
      lat: placed ? 45 + random() * 7 : null,
      lon: placed ? 23 + random() * 17 : null,
      country: placed ? 'UA' : null,
      admin1: null,
      geoPrecision,
      date,
      timePrecision: pick([1, 1, 1, 1, 1, 1, 1, 1, 2, 3] as const),
      timex: dated ? 't' : null,
      fatalities: null,
      fatalitiesClaim: null,
      trigger: word,
      triggerStart: clause.indexOf(word),
      triggerEnd: clause.indexOf(word) + word.length,
      participants: [`person${Math.floor(random() * 20_000)}`, `town${Math.floor(random() * 2_000)}`],
      modality: 'asserted',
      rule: 'synthetic',
    } as unknown as EventData;
    const fact: Fact<EventData> = {
      kind: 'event',
      id: `f${i}`,
      stage: 'events',
      evidence: { article: `a${article}`, start: 0, end: quote.length, quote },
      data,
    } as Fact<EventData>;
    reports.push({
      fact,
      article: {
        id: `a${article}`,
        published,
        outlet: null,
        duplicateOf: null,
        story: `s${Math.floor(article / 20)}`,
      },
    });
  }
  return reports;
}

/** CPU seconds of one merge of `count` synthetic reports, and the merged events it made. */
export function timeMerge(count: number, unindexed = false): { seconds: number; merged: number } {
  const reports = syntheticReports(count);
  const before = process.cpuUsage();
  const merged = (unindexed ? mergeEventsUnindexed : mergeEvents)(reports).length;
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, merged };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 150_000);
  const unindexed = process.argv.includes('--unindexed');
  const { seconds, merged } = timeMerge(count, unindexed);
  console.log(
    `${count} reports → ${merged} merged events, ${unindexed ? 'unindexed' : 'indexed'} ${seconds.toFixed(2)} s CPU`,
  );
}
