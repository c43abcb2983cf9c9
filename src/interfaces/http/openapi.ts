// The OpenAPI 3 description of the HTTP API, served at /openapi.json.

const filterParameters = [
  { name: 'outlet', in: 'query', schema: { type: 'string' }, description: 'exact outlet name' },
  { name: 'language', in: 'query', schema: { type: 'string' }, description: 'language code, e.g. en' },
  {
    name: 'entity',
    in: 'query',
    schema: { type: 'string' },
    description: 'knowledge-base id of a person, organisation or place the article mentions (see /api/entities)',
  },
  { name: 'story', in: 'query', schema: { type: 'string' }, description: 'story id (see /api/stories)' },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'published on or after' },
  {
    name: 'to',
    in: 'query',
    schema: { type: 'string', format: 'date' },
    description: 'published on or before (a date includes the whole day)',
  },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 20 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];

const error = {
  description: 'invalid input',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'sitrep API',
      version: '1.0.0',
      description: 'Articles and the facts extracted from them, each traceable to its article and span.',
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
      '/api/stats': {
        get: {
          summary: 'Counts of articles, outlets, languages, facts and ingest runs',
          responses: { 200: { description: 'stats' } },
        },
      },
      '/api/articles': {
        get: {
          summary: 'List or search articles',
          description:
            'Without q: newest first. With q: full-text search (FTS5 syntax: words, "phrases", AND, OR, NOT, prefix*) ranked by BM25 with the title weighted 5x, each hit with a snippet and the spans of its matches.',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, ...filterParameters],
          responses: {
            200: { description: '{total, limit, offset, items: [{article, score?, snippet?, highlights?}]}' },
            400: error,
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article with its clean text, blocks, facts and messages',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'raw', in: 'query', schema: { type: 'string', enum: ['1'] }, description: 'include the raw input' },
          ],
          responses: { 200: { description: 'the article' }, 404: error },
        },
      },
      '/api/stories': {
        get: {
          summary: 'Stories (articles grouped by the real-world story they report), largest first',
          parameters: filterParameters.filter((p) => ['from', 'to', 'limit', 'offset'].includes(p.name)),
          responses: {
            200: {
              description: '{total, limit, offset, items: [{id, title, articles, firstPublished, lastPublished}]}',
            },
            400: error,
          },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary: "A story's articles, oldest first (duplicates included, with duplicateOf)",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: '{id, articles: [...]}' }, 404: error },
        },
      },
      '/api/entities': {
        get: {
          summary: 'Linked entities (people, places, organisations), most mentioned first',
          parameters: [
            {
              name: 'type',
              in: 'query',
              schema: { type: 'string', enum: ['person', 'place', 'organization', 'other'] },
            },
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'canonical name prefix' },
            ...filterParameters.filter((p) => ['limit', 'offset'].includes(p.name)),
          ],
          responses: {
            200: {
              description: '{total, limit, offset, items: [{id, name, type, country, lat, lon, mentions, articles}]}',
            },
            400: error,
          },
        },
      },
      '/api/entities/{id}': {
        get: {
          summary: 'One entity: how it was written (aliases) and its mentions with their articles, newest first',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description:
                '{entity, aliases, mentions: [{article, title, published, start, end, text}], quotes: [{id, article, title, published, start, end, text, type, cue}] (what the entity said, direct and reported), quoteCount}',
            },
            404: error,
          },
        },
      },
      ...corpusPaths(),
      ...geoPaths(),
      '/api/report': {
        get: {
          summary:
            'The situation report for a period (as `sitrep report`): top stories, most mentioned entities, each line cited',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['md', 'html'], default: 'md' } },
          ],
          responses: { 200: { description: 'text/markdown or text/html' }, 400: error },
        },
      },
      '/api/timeline': {
        get: {
          summary:
            'Articles per publication day (gaps filled with zeros), for the same filters and query as /api/articles',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, ...filterParameters.slice(0, 6)],
          responses: { 200: { description: '{granularity: "day", buckets: [{date, articles}]}' }, 400: error },
        },
      },
      '/api/export': {
        get: {
          summary: 'The whole store in export contract v1 (docs/export.md)',
          parameters: [
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'jsonl'], default: 'json' } },
          ],
          responses: { 200: { description: 'a streamed export' }, 400: error },
        },
      },
    },
  };
}

/** The corpus-record routes: claim groups, conflicts and merged events (src/interfaces/http/corpus.ts). */
function corpusPaths(): Record<string, unknown> {
  const recordFilters = (fields: string[]) => [
    ...fields.map((name) => ({ name, in: 'query', schema: { type: 'string' }, description: `exact ${name}` })),
    { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'dated on or after' },
    { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'dated on or before' },
    {
      name: 'bbox',
      in: 'query',
      schema: { type: 'string' },
      description: 'minLon,minLat,maxLon,maxLat: only records positioned inside',
    },
    { name: 'order', in: 'query', schema: { type: 'string', enum: ['rank', 'date'], default: 'rank' } },
    ...filterParameters.slice(6),
  ];
  const one = (what: string) => ({
    get: {
      summary: `One ${what}`,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: what }, 404: error },
    },
  });
  return {
    '/api/claims': {
      get: {
        summary:
          'The claims ledger: each claim once (metric, side, value, claimant, date) with every sighting, most sighted first',
        parameters: recordFilters(['metric', 'side', 'claimant', 'claimantEntity', 'region']),
        responses: { 200: { description: '{total, limit, offset, items: [claim group]}' }, 400: error },
      },
    },
    '/api/claims/{id}': one('claim group with its sightings'),
    '/api/claim-series': {
      get: {
        summary: "Per metric and side (and region), each claimant's figures in date order: the ledger's timelines",
        parameters: recordFilters(['metric', 'side', 'region', 'claimant', 'claimantEntity']),
        responses: {
          200: { description: '{total, limit, offset, items: [{id, metric, side, region, claimant, points}]}' },
        },
      },
    },
    '/api/conflicts': {
      get: {
        summary: 'Claimants giving incompatible figures for the same metric and side over overlapping periods',
        parameters: recordFilters(['metric', 'side']),
        responses: { 200: { description: '{total, limit, offset, items: [{id, metric, subject, claims, note}]}' } },
      },
    },
    '/api/conflicts/{id}': one('conflict'),
    '/api/events': {
      get: {
        summary: 'Merged events (ACLED types) with their sources, filtered by type, date and bounding box',
        parameters: recordFilters(['type', 'subtype', 'country', 'admin1']),
        responses: { 200: { description: '{total, limit, offset, items: [event]}' }, 400: error },
      },
    },
    '/api/events.geojson': {
      get: {
        summary: 'The same events as a GeoJSON FeatureCollection of points (default limit 500)',
        parameters: recordFilters(['type', 'subtype', 'country', 'admin1']),
        responses: { 200: { description: 'application/geo+json' }, 400: error },
      },
    },
    '/api/events/{id}': one('merged event with its sources'),
  };
}

/** The map's routes (src/interfaces/http/geo.ts). */
function geoPaths(): Record<string, unknown> {
  const parameters = [
    { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'published on or after' },
    { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'published on or before' },
    { name: 'q', in: 'query', schema: { type: 'string' }, description: 'full-text query over the articles' },
    { name: 'story', in: 'query', schema: { type: 'string' }, description: 'story id (see /api/stories)' },
    {
      name: 'bbox',
      in: 'query',
      schema: { type: 'string' },
      description: 'minLon,minLat,maxLon,maxLat: only places inside',
    },
    {
      name: 'precision',
      in: 'query',
      schema: { type: 'integer', enum: [1, 2, 3], default: 3 },
      description: 'coarsest geocoding kept: 1 towns only, 2 towns and regions, 3 also countries',
    },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } },
  ];
  const place = '{entity, name, lat, lon, geoPrecision, articles, mentions, first, last}';
  return {
    '/api/places': {
      get: {
        summary: 'Places mentioned in articles (positioned entity mentions), aggregated per place, most articles first',
        parameters,
        responses: { 200: { description: `{total, limit, items: [${place}]}` }, 400: error },
      },
    },
    '/api/places.geojson': {
      get: {
        summary: 'The same places as a GeoJSON FeatureCollection of points (properties: the place)',
        parameters,
        responses: { 200: { description: 'application/geo+json' }, 400: error },
      },
    },
    '/api/places/{entity}/mentions': {
      get: {
        summary: "A place's mentions with their articles, newest first, for the period",
        parameters: [
          { name: 'entity', in: 'path', required: true, schema: { type: 'string' } },
          ...parameters.slice(0, 2),
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        ],
        responses: {
          200: { description: '{entity, mentions: [{article, title, published, start, end, text}]}' },
          400: error,
          404: error,
        },
      },
    },
  };
}
