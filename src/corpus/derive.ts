// The corpus step after ingest: rebuilds the records that come from the facts of many articles —
// the claims ledger (claim groups with their sightings, per-claimant series, conflicts) and the
// merged events — from the stored facts, and replaces them in the store in one go per kind.
// Rebuilding whole keeps them exactly consistent with the facts whatever order articles came in;
// it reads only claim and event facts, which are few per article.

import type { Fact } from '../core/document.js';
import { regionName } from '../resources/entities-kb.js';
import type { ClaimData } from '../stages/claims/stage.js';
import type { EventData } from '../stages/events/stage.js';
import type { CorpusRecord, Store } from '../store/store.js';
import { buildLedger, type LedgerClaim } from './claims/ledger.js';
import { type EventReport, mergeEvents } from './events/merge.js';

/** Record kinds in the store's corpus records. */
export const CORPUS_KINDS = {
  claim: 'claim',
  series: 'claim-series',
  conflict: 'conflict',
  event: 'event',
  eventSources: 'event-sources',
} as const;

/** Sources an event record lists itself (lists and the map read it whole); the rest are stored apart. */
export const LISTED_SOURCES = 5;

/** An event record with every one of its sources. */
export async function withAllSources(store: Store, event: Record<string, unknown>): Promise<Record<string, unknown>> {
  const listed = Array.isArray(event.sources) ? event.sources.length : 0;
  if (typeof event.sourcesTotal !== 'number' || event.sourcesTotal <= listed) return event;
  const all = await store.corpusRecord(CORPUS_KINDS.eventSources, String(event.id));
  return all ? { ...event, sources: all.data.sources } : event;
}

export interface DeriveSummary {
  claims: number;
  claimGroups: number;
  conflicts: number;
  events: number;
  mergedEvents: number;
}

/** Where the corpus step notes the ingest run it last completed in (one record, id 'last'). */
export const DERIVE_STATE = 'corpus-state';

/**
 * True when a run other than `currentRun`, since the corpus step last completed, may have stored
 * articles without deriving from them: it was killed (never finished) or it added records (its
 * corpus step failed). A rerun that adds nothing still rebuilds then, so a crash during the corpus
 * step is repaired by the next ingest.
 */
export async function corpusIsStale(store: Store, currentRun: number): Promise<boolean> {
  const state = await store.corpusRecord(DERIVE_STATE, 'last');
  const since = Number(state?.data.run ?? 0);
  const runs = await store.runs(1000);
  return runs.some((r) => r.id > since && r.id !== currentRun && (r.finishedAt === null || r.added > 0));
}

/** Rebuilds the corpus records; `run` (the ingest run it belongs to) is noted when it completes. */
export async function deriveCorpus(store: Store, run?: number): Promise<DeriveSummary> {
  const claims: LedgerClaim[] = [];
  for await (const { fact, article } of store.factsWithArticles('claim')) {
    if (!fact.evidence) continue;
    const data = fact.data as ClaimData;
    claims.push({
      id: fact.id,
      article: article.id,
      published: article.published,
      duplicateOf: article.duplicateOf,
      story: article.story,
      start: fact.evidence.start,
      end: fact.evidence.end,
      data,
    });
  }
  const ledger = buildLedger(claims);
  const dateOfGroup = new Map(ledger.groups.map((g) => [g.id, g.date]));
  await store.replaceCorpusRecords(
    CORPUS_KINDS.claim,
    ledger.groups.map((g) => record(g.id, g.date, null, null, g.sightings.length, g)),
  );
  await store.replaceCorpusRecords(
    CORPUS_KINDS.series,
    ledger.series.map((s) => record(s.id, s.points.at(-1)?.date ?? null, null, null, s.points.length, s)),
  );
  await store.replaceCorpusRecords(
    CORPUS_KINDS.conflict,
    ledger.conflicts.map((c) => {
      const dates = c.claims.map((id) => dateOfGroup.get(id)).filter((d): d is string => !!d);
      const side = c.subject.side;
      return record(c.id, dates.sort().at(-1) ?? null, null, null, c.claims.length, { ...c, side });
    }),
  );

  const reports: EventReport[] = [];
  for await (const { fact, article } of store.factsWithArticles('event')) {
    reports.push({ fact: fact as Fact<EventData>, article });
  }
  const merged = mergeEvents(reports);
  await store.replaceCorpusRecords(
    CORPUS_KINDS.event,
    // `region`: the first-level region's name, beside its GeoNames code in `admin1`. A widely
    // reported event lists its first LISTED_SOURCES sources; the rest are kept apart (withAllSources)
    merged.map((e) =>
      record(e.id, e.date, e.lat, e.lon, e.sourceCount, {
        ...e,
        region: regionName(e.country, e.admin1),
        sources: e.sources.slice(0, LISTED_SOURCES),
        sourcesTotal: e.sources.length,
      }),
    ),
  );
  await store.replaceCorpusRecords(
    CORPUS_KINDS.eventSources,
    merged
      .filter((e) => e.sources.length > LISTED_SOURCES)
      .map((e) => record(e.id, null, null, null, 0, { sources: e.sources })),
  );
  if (run !== undefined) {
    await store.replaceCorpusRecords(DERIVE_STATE, [record('last', new Date().toISOString(), null, null, 0, { run })]);
  }
  return {
    claims: claims.length,
    claimGroups: ledger.groups.length,
    conflicts: ledger.conflicts.length,
    events: reports.length,
    mergedEvents: merged.length,
  };
}

function record(id: string, date: string | null, lat: number | null, lon: number | null, rank: number, data: object) {
  return { id, date, lat, lon, rank, data: data as Record<string, unknown> } satisfies CorpusRecord;
}
