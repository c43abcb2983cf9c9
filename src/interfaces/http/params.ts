// Request parameters shared by the API's routes: validated, with a typed 400 naming the parameter.

import { HTTPException } from 'hono/http-exception';
import type { ArticleFilter } from '../../store/store.js';

export function apiError(status: 400 | 404, code: string, message: string): HTTPException {
  return new HTTPException(status, {
    res: new Response(JSON.stringify({ error: { code, message } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** An integer query parameter within bounds, the fallback when absent; a 400 naming it otherwise. */
export function integerParam(
  query: Record<string, string>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw apiError(
      400,
      'bad-parameter',
      `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Validates list and search parameters; throws a 400 naming the parameter. */
export function parseFilter(
  query: Record<string, string>,
): Required<Pick<ArticleFilter, 'limit' | 'offset'>> & ArticleFilter {
  const integer = (name: string, fallback: number, min: number, max: number) =>
    integerParam(query, name, fallback, min, max);
  const filter: Required<Pick<ArticleFilter, 'limit' | 'offset'>> & ArticleFilter = {
    limit: integer('limit', 20, 1, 500),
    offset: integer('offset', 0, 0, 1_000_000_000),
  };
  for (const name of ['from', 'to'] as const) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (!DATE.test(value)) {
      throw apiError(
        400,
        'bad-parameter',
        `${name} must be an ISO 8601 date such as 2022-02-24, got ${JSON.stringify(value)}`,
      );
    }
    filter[name] = value;
  }
  if (query.outlet) filter.outlet = query.outlet;
  if (query.language) filter.language = query.language;
  if (query.entity) filter.entity = query.entity;
  if (query.story) filter.story = query.story;
  return filter;
}

/** `minLon,minLat,maxLon,maxLat` in degrees, or undefined when absent; a 400 when malformed. */
export function parseBbox(raw: string | undefined): [number, number, number, number] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parts = raw.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  if (
    parts.length !== 4 ||
    parts.some((p) => !Number.isFinite(p)) ||
    minLon < -180 ||
    maxLon > 180 ||
    minLat < -90 ||
    maxLat > 90 ||
    minLon > maxLon ||
    minLat > maxLat
  ) {
    throw apiError(
      400,
      'bad-parameter',
      `bbox must be minLon,minLat,maxLon,maxLat in degrees (min before max), got ${JSON.stringify(raw)}`,
    );
  }
  return [minLon, minLat, maxLon, maxLat];
}
