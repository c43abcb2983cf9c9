// Export contract v1 (docs/export.md, docs/export.schema.json). JSON: one object whose top-level
// keys are the sections below, each an array even when empty. JSON Lines: one line per record,
// `{"section": "<name>", "record": {...}}`, sections in the same order. Both stream: an export of
// a large store never holds it in memory.

import type { Article, Fact } from '../../core/document.js';
import type { ClaimConflict, ClaimGroup } from '../../corpus/claims/ledger.js';
import { CORPUS_KINDS, withAllSources } from '../../corpus/derive.js';
import { toAcledCsv, toGeoJson } from '../../corpus/events/formats.js';
import type { MergedEvent } from '../../corpus/events/merge.js';
import type { CorpusRecord, Store } from '../../store/store.js';

export const EXPORT_VERSION = 1;
export const EXPORT_SECTIONS = [
  'articles',
  'entities',
  'timexes',
  'claims',
  'quotes',
  'events',
  'stories',
  'conflicts',
  'sharedBlocks',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];
export type ExportFormat = 'json' | 'jsonl';

type Json = Record<string, unknown>;

/** The records of one section, streamed. Sections that no stage fills yet yield nothing. */
async function* sectionRecords(store: Store, section: ExportSection): AsyncIterable<Json> {
  switch (section) {
    case 'articles':
      for await (const doc of store.articles()) yield exportArticle(doc);
      return;
    case 'entities':
      yield* entities(store);
      return;
    case 'timexes':
      for await (const fact of store.facts('timex'))
        yield { ...spanOf(fact), ...pick(fact.data, ['value', 'precision']) };
      return;
    case 'claims':
      yield* claims(store);
      return;
    case 'quotes':
      for await (const fact of store.facts('quote')) yield { id: fact.id, ...spanOf(fact), ...fact.data };
      return;
    case 'stories':
      for (let offset = 0; ; offset += 500) {
        const page = await store.listStories({ limit: 500, offset });
        for (const story of page.items) {
          const articles = (await store.storyArticles(story.id)).map((a) => a.id);
          yield { id: story.id, title: story.title, articles };
        }
        if (offset + page.items.length >= page.total) return;
      }
    case 'sharedBlocks':
      for await (const block of store.sharedBlocks()) yield block;
      return;
    case 'events':
      for await (const record of allCorpusRecords(store, CORPUS_KINDS.event)) {
        const e = (await withAllSources(store, record.data)) as unknown as MergedEvent;
        yield {
          ...e,
          actors: [e.actor1, e.actor2].filter((a): a is string => !!a),
          sources: e.sources.map((s) => ({ ...s })),
        };
      }
      return;
    case 'conflicts':
      for await (const record of allCorpusRecords(store, CORPUS_KINDS.conflict)) {
        const c = record.data as unknown as ClaimConflict;
        const subject = c.subject.region ? `${c.subject.side} in ${c.subject.region}` : c.subject.side;
        yield { id: c.id, metric: c.metric, subject, claims: c.claims, note: c.note, side: c.subject.side };
      }
      return;
  }
}

/** Every corpus record of a kind, page by page. */
async function* allCorpusRecords(store: Store, kind: string): AsyncIterable<CorpusRecord> {
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await store.corpusRecords(kind, { limit, offset, order: 'date' });
    yield* page.items;
    if (page.items.length < limit) return;
  }
}

/**
 * The claims ledger's claims: one record per claim group (the same figure from the same claimant
 * repeated by many articles is one claim), placed at its first sighting's sentence, with every
 * sighting. A claim fact in no group (the ledger not built yet) is its own claim.
 */
async function* claims(store: Store): AsyncIterable<Json> {
  const groupOf = new Map<string, ClaimGroup>();
  for await (const record of allCorpusRecords(store, CORPUS_KINDS.claim)) {
    const group = record.data as unknown as ClaimGroup;
    for (const s of group.sightings) groupOf.set(s.claim, group);
  }
  const emitted = new Set<string>();
  for await (const fact of store.facts('claim')) {
    const group = groupOf.get(fact.id);
    if (group && (emitted.has(group.id) || group.sightings[0]?.claim !== fact.id)) continue;
    const { text, ...span } = spanOf(fact);
    const data = fact.data as Json;
    if (group) {
      emitted.add(group.id);
      yield {
        ...data,
        ...group,
        ...span,
        sentence: text ?? null,
        sightings: group.sightings.map(({ article, start, end }) => ({ article, start, end })),
      };
    } else {
      yield { ...data, id: fact.id, ...span, sentence: text ?? null, sightings: [{ ...span }] };
    }
  }
}

/**
 * Canonical entities with their mentions, from the entity-mention facts: linked mentions group by
 * their knowledge-base id; unlinked ones by type and name (so they are still findable, but two
 * different people who share a name share an entry until the knowledge base knows them).
 */
async function* entities(store: Store): AsyncIterable<Json> {
  const byKey = new Map<string, Json & { aliases: Set<string>; mentions: Json[] }>();
  for await (const fact of store.facts('entity-mention')) {
    const d = fact.data as Record<string, string | number | null>;
    const key = d.entity ? String(d.entity) : `unlinked:${d.type}:${String(d.name).toLowerCase()}`;
    let entity = byKey.get(key);
    if (!entity) {
      entity = {
        id: key,
        name: String(d.canonical ?? d.name),
        type: d.type,
        aliases: new Set<string>(),
        lat: d.lat ?? null,
        lon: d.lon ?? null,
        country: d.country ?? null,
        mentions: [],
      };
      byKey.set(key, entity);
    }
    if (fact.evidence) {
      entity.aliases.add(fact.evidence.quote);
      entity.mentions.push({
        article: fact.evidence.article,
        start: fact.evidence.start,
        end: fact.evidence.end,
        text: fact.evidence.quote,
      });
    }
  }
  for (const entity of byKey.values())
    yield { ...entity, aliases: [...entity.aliases].filter((a) => a !== entity.name) };
}

export function exportArticle(doc: Article): Json {
  return {
    id: doc.id,
    kind: doc.kind,
    source: doc.source,
    url: doc.url,
    outlet: doc.outlet,
    title: doc.title,
    published: doc.published,
    language: doc.language,
    byline: doc.byline,
    dateline: doc.dateline,
    text: doc.text,
    teasers: doc.teaserIds,
    duplicateOf: doc.duplicateOf,
    story: doc.story,
    messages: doc.messages,
  };
}

/** Writes the export to `write` (which may return a promise to apply back-pressure). */
export async function writeExport(
  store: Store,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<Record<ExportSection, number>> {
  const counts = Object.fromEntries(EXPORT_SECTIONS.map((s) => [s, 0])) as Record<ExportSection, number>;
  if (format === 'json') await write('{');
  for (const [index, section] of EXPORT_SECTIONS.entries()) {
    if (format === 'json') await write(`${index ? ',' : ''}\n${JSON.stringify(section)}: [`);
    for await (const record of sectionRecords(store, section)) {
      if (format === 'json') await write(`${counts[section] ? ',' : ''}\n  ${JSON.stringify(record)}`);
      else await write(`${JSON.stringify({ section, record })}\n`);
      counts[section]++;
    }
    if (format === 'json') await write(counts[section] ? '\n]' : ']');
  }
  if (format === 'json') await write('\n}\n');
  return counts;
}

function spanOf(fact: Fact): Json {
  const e = fact.evidence;
  return e ? { article: e.article, start: e.start, end: e.end, text: e.quote } : {};
}

function pick(data: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((k) => [k, data[k] ?? null]));
}

/** The merged events alone, in ACLED's CSV columns or as a GeoJSON FeatureCollection. */
export async function writeEventExport(
  store: Store,
  format: 'acled-csv' | 'geojson',
  write: (chunk: string) => void | Promise<void>,
): Promise<{ events: number }> {
  const events: MergedEvent[] = [];
  for await (const record of allCorpusRecords(store, CORPUS_KINDS.event)) {
    const e = (await withAllSources(store, record.data)) as unknown as MergedEvent & { region?: string | null };
    // ACLED's admin1 is the region's name, not its code
    events.push(format === 'acled-csv' ? { ...e, admin1: e.region ?? e.admin1 } : e);
  }
  await write(format === 'acled-csv' ? toAcledCsv(events) : `${JSON.stringify(toGeoJson(events))}\n`);
  return { events: events.length };
}
