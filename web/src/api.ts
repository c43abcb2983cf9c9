// Typed calls to the sitrep HTTP API. Errors carry the server's message. The records are the
// server's own types (src/store/records.ts), so the desk and the API cannot drift apart.

import type { ClaimConflict, ClaimGroup, ClaimSeries } from '../../src/corpus/claims/ledger';
import type { ArticleSummary, EntityMention, EntitySummary, PlaceSummary, StorySummary } from '../../src/store/records';

export type {
  ArticleSummary,
  ClaimConflict,
  ClaimGroup,
  ClaimSeries,
  EntityMention,
  EntitySummary,
  PlaceSummary,
  StorySummary,
};
/** A story's article: duplicates carry `duplicateOf`. */
export type StoryArticle = ArticleSummary;

export interface Hit {
  article: ArticleSummary;
  score?: number;
  snippet?: string;
  highlights?: Array<{ start: number; end: number }>;
}

export interface Page {
  total: number;
  limit: number;
  offset: number;
  items: Hit[];
}

export interface Message {
  severity: string;
  stage: string;
  rule: string;
  reason: string;
  line?: number;
}

export interface Fact {
  kind: string;
  id: string;
  stage: string;
  evidence?: { article: string; start: number; end: number; quote: string };
  derived?: string[];
  data: Record<string, unknown>;
}

export interface Article extends ArticleSummary {
  kind: 'article' | 'teaser';
  byline: string | null;
  dateline: string | null;
  text: string;
  teasers: string[];
  messages: Message[];
  blocks: Array<{ kind: string; start: number; end: number }>;
  provenance: Record<string, string>;
  facts: Fact[];
}

export interface Stats {
  articles: number;
  earliest: string | null;
  latest: string | null;
  outlets: Array<{ outlet: string | null; articles: number }>;
  languages: Array<{ language: string | null; articles: number }>;
  facts: Array<{ kind: string; facts: number }>;
}

/** A quote said by an entity, as its page lists it. */
export interface SaidQuote {
  id: string;
  article: string;
  title: string | null;
  published: string | null;
  start: number | null;
  end: number | null;
  text: string;
  type: 'direct' | 'indirect' | null;
  cue: string | null;
}

export interface TimelineBucket {
  date: string;
  articles: number;
}

export class ApiError extends Error {}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export interface Filter {
  q?: string;
  outlet?: string;
  language?: string;
  from?: string;
  to?: string;
  offset?: number;
}

function query(filter: Filter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** What the map asks for: the period, query and story, and the coarsest geocoding shown. */
export interface PlaceQuery {
  from?: string;
  to?: string;
  q?: string;
  story?: string;
  precision?: number;
}

/** A GeoJSON Feature/FeatureCollection, as loosely as the map needs it. */
export interface GeoFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: { type: string; coordinates: unknown };
  properties: P;
}
export interface GeoCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  total?: number;
  metadata?: { source?: string; licence?: string; changes?: string[] };
  features: GeoFeature<P>[];
}

/** Like get(), but a 404 (a route or file this server does not have yet) is null, not an error. */
async function optional<T>(path: string): Promise<T | null> {
  const res = await fetch(path, { headers: { accept: 'application/json, application/geo+json' } });
  if (res.status === 404) return null;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export const api = {
  places: ({ precision, ...rest }: PlaceQuery, limit = 1000) =>
    get<{ total: number; limit: number; items: PlaceSummary[] }>(
      `/api/places?${query(rest as Filter, { limit: String(limit), ...(precision && { precision: String(precision) }) })}`,
    ),
  placeMentions: (entity: string, period: { from?: string; to?: string }) =>
    get<{ entity: EntitySummary; mentions: EntityMention[] }>(
      `/api/places/${encodeURIComponent(entity)}/mentions?${query(period)}`,
    ),
  /** The country borders built by scripts/build-boundaries.ts; null when the desk was built without them. */
  boundaries: () => optional<GeoCollection<{ id: string; name: string; note?: string }>>('/boundaries.geojson'),
  /** Merged events as points; null while the server has no events route. */
  events: (period: { from?: string; to?: string }) =>
    optional<GeoCollection>(`/api/events.geojson?${query(period, { limit: '500' })}`),
  stats: () => get<Stats>('/api/stats'),
  articles: (filter: Filter, limit = 25) => get<Page>(`/api/articles?${query(filter, { limit: String(limit) })}`),
  article: (id: string) => get<Article>(`/api/articles/${encodeURIComponent(id)}`),
  stories: (filter: Filter, limit = 50) =>
    get<{ total: number; offset: number; items: StorySummary[] }>(
      `/api/stories?${query(filter, { limit: String(limit) })}`,
    ),
  story: (id: string) => get<{ id: string; articles: StoryArticle[] }>(`/api/stories/${encodeURIComponent(id)}`),
  entities: (params: { type?: string; q?: string; offset?: number }, limit = 50) =>
    get<{ total: number; offset: number; items: EntitySummary[] }>(
      `/api/entities?${query(
        {},
        {
          limit: String(limit),
          ...Object.fromEntries(
            Object.entries(params)
              .filter(([, v]) => v !== undefined && v !== '')
              .map(([k, v]) => [k, String(v)]),
          ),
        },
      )}`,
    ),
  entity: (id: string) =>
    get<{
      entity: EntitySummary;
      aliases: string[];
      mentions: EntityMention[];
      quotes: SaidQuote[];
      quoteCount: number;
    }>(`/api/entities/${encodeURIComponent(id)}`),
  entityTimeline: (entity: string) => get<{ buckets: TimelineBucket[] }>(`/api/timeline?${query({}, { entity })}`),
  claims: (params: Record<string, string>, limit = 200) =>
    get<{ total: number; items: ClaimGroup[] }>(`/api/claims?${query({}, { limit: String(limit), ...params })}`),
  claimSeries: (params: Record<string, string>, limit = 200) =>
    get<{ total: number; items: ClaimSeries[] }>(`/api/claim-series?${query({}, { limit: String(limit), ...params })}`),
  conflicts: (params: Record<string, string>, limit = 200) =>
    get<{ total: number; items: ClaimConflict[] }>(`/api/conflicts?${query({}, { limit: String(limit), ...params })}`),
  timeline: (filter: Filter) => {
    const { from: _from, to: _to, offset: _offset, ...rest } = filter;
    return get<{ buckets: TimelineBucket[] }>(`/api/timeline?${query(rest)}`);
  },
};
