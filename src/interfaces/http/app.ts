// The HTTP JSON API over a Store, as a Hono app that tests drive in-process (app.request) and
// `sitrep serve` binds to a port. Expected failures are typed 4xx JSON errors; anything else is
// logged and answered with a generic 500.

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type ArticleFilter, QuerySyntaxError, type Store } from '../../store/store.js';
import { EXPORT_VERSION, exportArticle, writeExport } from '../export/export.js';
import { openApiDocument } from './openapi.js';
import { homePage } from './page.js';

export interface AppOptions {
  store: Store;
  /** Where unexpected errors are logged. */
  log?: (line: string) => void;
}

export function createApp({ store, log = console.error }: AppOptions): Hono {
  const app = new Hono();

  app.get('/', (c) => c.html(homePage()));
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

function apiError(status: 400 | 404, code: string, message: string): HTTPException {
  return new HTTPException(status, {
    res: new Response(JSON.stringify({ error: { code, message } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Validates list and search parameters; throws a 400 naming the parameter. */
function parseFilter(query: Record<string, string>): Required<Pick<ArticleFilter, 'limit' | 'offset'>> & ArticleFilter {
  const integer = (name: string, fallback: number, min: number, max: number) => {
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
  };
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
  return filter;
}
