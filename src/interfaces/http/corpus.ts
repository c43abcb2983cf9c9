// The API's corpus-level routes: the claims ledger (claim groups with their sightings), conflicts
// between claimants, and merged events (also as GeoJSON), all read from the store's corpus
// records with date, bounding-box and field filters.

import type { Hono } from 'hono';
import { withAllSources } from '../../corpus/derive.js';
import type { CorpusRecordFilter, Store } from '../../store/store.js';
import { apiError, parseBbox, parseFilter } from './params.js';

/** Record kinds as the store keeps them, and the query fields each route filters on exactly. */
const ROUTES = [
  { path: 'claims', kind: 'claim', fields: ['metric', 'side', 'claimant', 'claimantEntity', 'region'] },
  { path: 'claim-series', kind: 'claim-series', fields: ['metric', 'side', 'region', 'claimant', 'claimantEntity'] },
  { path: 'conflicts', kind: 'conflict', fields: ['metric', 'side'] },
  { path: 'events', kind: 'event', fields: ['type', 'subtype', 'country', 'admin1'] },
] as const;

export function corpusRoutes(app: Hono, store: Store): void {
  for (const route of ROUTES) {
    const parse = (query: Record<string, string>) => {
      const { limit, offset, from, to } = parseFilter(query);
      const order = query.order ?? 'rank';
      if (order !== 'rank' && order !== 'date') throw apiError(400, 'bad-parameter', 'order must be rank or date');
      const where: Record<string, string> = {};
      for (const field of route.fields) if (query[field]) where[field] = query[field];
      const bbox = parseBbox(query.bbox);
      const filter: CorpusRecordFilter = {
        limit,
        offset,
        order,
        where,
        ...(from && { from }),
        ...(to && { to }),
        ...(bbox && { bbox }),
      };
      return { limit, offset, filter };
    };
    const list = async (query: Record<string, string>) => {
      const { limit, offset, filter } = parse(query);
      return { limit, offset, page: await store.corpusRecords(route.kind, filter) };
    };

    app.get(`/api/${route.path}`, async (c) => {
      const { limit, offset, page } = await list(c.req.query());
      return c.json({ total: page.total, limit, offset, items: page.items.map((r) => r.data) });
    });

    if (route.kind === 'event') {
      app.get('/api/events.geojson', async (c) => {
        // the stored JSON of each event goes out as its properties, never parsed and re-serialised
        const { filter } = parse({ limit: '500', ...c.req.query() });
        const page = await store.corpusRecordsJson(route.kind, filter);
        const features = page.items
          .filter((r) => r.lat !== null && r.lon !== null)
          .map(
            (r) =>
              `{"type":"Feature","id":${JSON.stringify(r.id)},"geometry":{"type":"Point","coordinates":[${r.lon},${r.lat}]},"properties":${r.json}}`,
          );
        return c.body(`{"type":"FeatureCollection","total":${page.total},"features":[${features.join(',')}]}`, 200, {
          'content-type': 'application/geo+json',
        });
      });
    }

    app.get(`/api/${route.path}/:id`, async (c) => {
      const record = await store.corpusRecord(route.kind, c.req.param('id'));
      if (!record) throw apiError(404, 'not-found', `no ${route.kind} with id ${JSON.stringify(c.req.param('id'))}`);
      // one event: every source, not only those listed with it in lists and on the map
      return c.json(route.kind === 'event' ? await withAllSources(store, record.data) : record.data);
    });
  }
}
