// The API's map routes: places mentioned in articles (positioned entity mentions aggregated per
// place) as JSON and as GeoJSON, filtered by period, query, story, bounding box and geocoding
// precision; and one place's mentions with their articles, for the map's side list.

import type { Hono } from 'hono';
import type { PlaceFilter, PlaceSummary, Store } from '../../store/store.js';
import { apiError, integerParam, parseBbox, parseFilter } from './params.js';

/** Validates the places parameters; a 400 names the parameter that is wrong. */
export function parsePlaceFilter(query: Record<string, string>): PlaceFilter & { limit: number } {
  const { from, to } = parseFilter({ ...query, limit: '', offset: '' });
  const integer = (name: string, fallback: number, min: number, max: number) =>
    integerParam(query, name, fallback, min, max);
  const bbox = parseBbox(query.bbox);
  const q = query.q?.trim();
  return {
    limit: integer('limit', 500, 1, 5000),
    maxPrecision: integer('precision', 3, 1, 3),
    ...(from && { from }),
    ...(to && { to }),
    ...(q && { q }),
    ...(query.story && { story: query.story }),
    ...(bbox && { bbox }),
  };
}

/** Places as a GeoJSON FeatureCollection of points (the place summary is the properties). */
export function placesGeoJson(places: readonly PlaceSummary[], total = places.length) {
  return {
    type: 'FeatureCollection' as const,
    total,
    features: places.map((p) => ({
      type: 'Feature' as const,
      ...(p.entity && { id: p.entity }),
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: p,
    })),
  };
}

export function geoRoutes(app: Hono, store: Store): void {
  app.get('/api/places', async (c) => {
    const filter = parsePlaceFilter(c.req.query());
    const page = await store.places(filter);
    return c.json({ total: page.total, limit: filter.limit, items: page.items });
  });

  app.get('/api/places.geojson', async (c) => {
    const filter = parsePlaceFilter(c.req.query());
    const page = await store.places(filter);
    return c.body(JSON.stringify(placesGeoJson(page.items, page.total)), 200, {
      'content-type': 'application/geo+json',
    });
  });

  app.get('/api/places/:entity/mentions', async (c) => {
    const { from, to } = parseFilter({ ...c.req.query(), limit: '', offset: '' });
    const raw = c.req.query('limit');
    const limit = raw === undefined || raw === '' ? 100 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw apiError(400, 'bad-parameter', `limit must be an integer from 1 to 1000, got ${JSON.stringify(raw)}`);
    }
    const found = await store.entity(c.req.param('entity'), limit, { ...(from && { from }), ...(to && { to }) });
    if (!found) throw apiError(404, 'not-found', `no place with id ${JSON.stringify(c.req.param('entity'))}`);
    return c.json({ entity: found.entity, mentions: found.mentions });
  });
}
