// Mapping the many names publishers, APIs and scrapers use for the same field onto
// RecordFields. The first name present wins; empty values count as absent.

import type { RecordFields } from '../../core/document.js';

/** Accepted names per field, in order of preference. Matched case-insensitively. */
export const FIELD_ALIASES: { readonly [K in keyof Required<RecordFields>]: readonly string[] } = {
  id: ['id', 'guid', '_id'],
  title: ['title', 'headline'],
  url: ['url', 'link', 'uri'],
  published: [
    'published',
    'published_at',
    'publishedAt',
    'datePublished',
    'date',
    'pubDate',
    'gdelt_seendate',
    'seendate',
  ],
  outlet: ['outlet', 'site', 'site_name', 'publisher'],
  language: ['language', 'lang', 'lang_label'],
  text: ['text', 'body', 'content'],
  html: ['html', 'raw_html'],
};

/** The names that can carry a record's body, for messages and CSV header checks. */
export const BODY_NAMES: readonly string[] = [...FIELD_ALIASES.text, ...FIELD_ALIASES.html];

export function mapFields(object: Record<string, unknown>): RecordFields {
  // Exact names first, then case-insensitive ones ("Title", "URL" in spreadsheets).
  const exact = new Map(Object.entries(object).map(([k, v]) => [k.trim(), v] as const));
  const folded = new Map<string, unknown>();
  for (const [k, v] of exact) if (!folded.has(k.toLowerCase())) folded.set(k.toLowerCase(), v);

  const fields: RecordFields = {};
  for (const [field, names] of Object.entries(FIELD_ALIASES) as Array<[keyof RecordFields, readonly string[]]>) {
    for (const name of names) {
      const value = asText(exact.has(name) ? exact.get(name) : folded.get(name.toLowerCase()));
      if (value !== undefined) {
        fields[field] = value;
        break;
      }
    }
  }
  return fields;
}

/** A trimmed, non-empty string from a string or number (ids are often numbers); else undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** True when a list of column names can fill text or html. */
export function namesCarryBody(names: readonly string[]): boolean {
  const lower = new Set(names.map((n) => n.trim().toLowerCase()));
  return BODY_NAMES.some((n) => lower.has(n.toLowerCase()));
}
