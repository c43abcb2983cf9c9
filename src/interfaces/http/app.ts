// The HTTP JSON API over a Store, as a Hono app that tests drive in-process (app.request) and
// `sitrep serve` binds to a port. Expected failures are typed 4xx JSON errors; anything else is
// logged and answered with a generic 500.

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { QuerySyntaxError, type Store } from '../../store/store.js';
import { EXPORT_VERSION, exportArticle, writeExport } from '../export/export.js';
import { buildReport, reportHtml, reportMarkdown } from '../report/report.js';
import { type CacheOptions, responseCache } from './cache.js';
import { corpusRoutes } from './corpus.js';
import { geoRoutes } from './geo.js';
import { type GuardOptions, guard } from './guard.js';
import { openApiDocument } from './openapi.js';
import { apiError, parseFilter } from './params.js';
import { DEFAULT_WEB_ROOT, desk } from './static.js';

export interface AppOptions {
  store: Store;
  /** The built web desk (default dist/web). */
  webRoot?: string;
  /** Where unexpected errors are logged. */
  log?: (line: string) => void;
  /** Token, CORS, rate limit and request limits (defaults: no token, no CORS, 20/s per remote client). */
  guard?: GuardOptions;
  /** The response cache's bounds, or false for none (it needs the store's version marker). */
  cache?: CacheOptions | false;
}

export function createApp({
  store,
  webRoot = DEFAULT_WEB_ROOT,
  log = console.error,
  guard: guarding,
  cache = {},
}: AppOptions): Hono {
  const app = new Hono();
  const web = desk(webRoot);

  app.use('*', guard(guarding));
  if (cache) app.use('/api/*', responseCache(store, cache));

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/stats', async (c) => c.json(await store.stats()));

  app.get('/api/articles', async (c) => {
    const filter = parseFilter(c.req.query());
    const q = c.req.query('q');
    if (q !== undefined && q.trim() !== '') {
      const page = await store.search({ ...filter, q });
      return c.json({ total: page.total, limit: filter.limit, offset: filter.offset, items: page.items });
    }
    const page = await store.listArticles(filter);
    return c.json({
      total: page.total,
      limit: filter.limit,
      offset: filter.offset,
      items: page.items.map((article) => ({ article })),
    });
  });

  app.get('/api/articles/:id', async (c) => {
    const doc = await store.getArticle(c.req.param('id'));
    if (!doc) throw apiError(404, 'not-found', `no article with id ${JSON.stringify(c.req.param('id'))}`);
    return c.json({
      ...exportArticle(doc),
      blocks: doc.blocks,
      provenance: doc.provenance,
      facts: doc.facts,
      ...(c.req.query('raw') === '1' && { raw: doc.raw }),
    });
  });

  app.get('/api/stories', async (c) => {
    const filter = parseFilter(c.req.query());
    const page = await store.listStories(filter);
    return c.json({ total: page.total, limit: filter.limit, offset: filter.offset, items: page.items });
  });

  app.get('/api/stories/:id', async (c) => {
    const articles = await store.storyArticles(c.req.param('id'));
    if (articles.length === 0)
      throw apiError(404, 'not-found', `no story with id ${JSON.stringify(c.req.param('id'))}`);
    return c.json({ id: c.req.param('id'), articles });
  });

  app.get('/api/entities', async (c) => {
    const { limit, offset } = parseFilter(c.req.query());
    const type = c.req.query('type');
    if (type && !['person', 'place', 'organization', 'other'].includes(type)) {
      throw apiError(400, 'bad-parameter', 'type must be person, place, organization or other');
    }
    const page = await store.listEntities({
      limit,
      offset,
      ...(type && { type }),
      ...(c.req.query('q') && { q: c.req.query('q') }),
    });
    return c.json({ total: page.total, limit, offset, items: page.items });
  });

  app.get('/api/entities/:id', async (c) => {
    const found = await store.entity(c.req.param('id'));
    if (!found) throw apiError(404, 'not-found', `no entity with id ${JSON.stringify(c.req.param('id'))}`);
    // What a person or organisation said, newest first, each with its span
    const said = await store.listFacts('quote', { where: { speakerEntity: found.entity.id }, limit: 50 });
    const quotes = said.items.map(({ fact, article }) => ({
      id: fact.id,
      article: article.id,
      title: article.title,
      published: article.published,
      start: fact.evidence?.start ?? null,
      end: fact.evidence?.end ?? null,
      text: fact.evidence?.quote ?? '',
      type: fact.data.type ?? null,
      cue: fact.data.cue ?? null,
    }));
    return c.json({ ...found, quotes, quoteCount: said.total });
  });

  corpusRoutes(app, store);
  geoRoutes(app, store);

  app.get('/api/report', async (c) => {
    const { from, to } = parseFilter(c.req.query());
    if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
      throw apiError(400, 'bad-parameter', 'from and to are required ISO dates such as 2022-03-01');
    }
    const report = await buildReport(store, { from, to });
    return c.req.query('format') === 'html'
      ? c.html(reportHtml(report))
      : c.body(reportMarkdown(report), 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });

  app.get('/api/timeline', async (c) => {
    const { limit: _limit, offset: _offset, ...filter } = parseFilter(c.req.query());
    const q = c.req.query('q')?.trim();
    const days = await store.timeline({ ...filter, ...(q && { q }) });
    return c.json({ granularity: 'day', buckets: fillDays(days) });
  });

  app.get('/api/export', async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'jsonl') {
      throw apiError(400, 'bad-parameter', 'format must be json or jsonl');
    }
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          await writeExport(store, format, (chunk) => controller.enqueue(encoder.encode(chunk)));
          controller.close();
        } catch (error) {
          log(`export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          controller.error(error);
        }
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': format === 'json' ? 'application/json' : 'application/x-ndjson',
        'x-sitrep-export-version': String(EXPORT_VERSION),
      },
    });
  });

  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const file = web.lookup(c.req.path);
    if (!file) {
      if (!web.built) {
        return c.text('The web desk is not built: run `npm run build`. The API is at /api and /openapi.json.', 503);
      }
      return next();
    }
    c.header('content-type', file.type);
    c.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(new Uint8Array(file.body));
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof QuerySyntaxError) {
      return c.json({ error: { code: 'bad-query', message: error.message } }, 400);
    }
    if (error instanceof HTTPException) {
      return error.getResponse();
    }
    log(
      `${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  return app;
}

/** Adds the days without articles between the first and last, so a chart shows gaps as gaps. */
export function fillDays(days: Array<{ date: string; articles: number }>): Array<{ date: string; articles: number }> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || !/^\d{4}-\d{2}-\d{2}$/.test(first.date) || !/^\d{4}-\d{2}-\d{2}$/.test(last.date)) return days;
  const counts = new Map(days.map((d) => [d.date, d.articles]));
  const filled: Array<{ date: string; articles: number }> = [];
  const end = Date.parse(`${last.date}T00:00:00Z`);
  // Bounded: a corpus spanning decades is shown as its dated days only.
  if ((end - Date.parse(`${first.date}T00:00:00Z`)) / 86_400_000 > 5000) return days;
  for (let t = Date.parse(`${first.date}T00:00:00Z`); t <= end; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    filled.push({ date, articles: counts.get(date) ?? 0 });
  }
  return filled;
}
