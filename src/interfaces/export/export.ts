// Export contract v1 (docs/export.md, docs/export.schema.json). JSON: one object whose top-level
// keys are the sections below, each an array even when empty. JSON Lines: one line per record,
// `{"section": "<name>", "record": {...}}`, sections in the same order. Both stream: an export of
// a large store never holds it in memory.

import type { Article, Fact } from '../../core/document.js';
import type { Store } from '../../store/store.js';

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
      // A claim's evidence is its sentence, exported as `sentence`.
      for await (const fact of store.facts('claim')) {
        const { text, ...span } = spanOf(fact);
        yield { id: fact.id, ...span, sentence: text ?? null, ...fact.data };
      }
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
    default:
      // events and conflicts are cross-article records that the event and ledger stages will
      // store; until then their sections are empty.
      return;
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
