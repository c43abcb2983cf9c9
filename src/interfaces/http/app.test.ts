import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Fact, factId } from '../../core/document.js';
import { evidenceOf } from '../../core/spans.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';
import { createApp } from './app.js';

async function appWithArticles() {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-http-')), 'x.db'));
  await store.putArticles([
    article('k1', 'Missiles struck Kharkiv on Tuesday, the governor said.', {
      title: 'Strike on Kharkiv',
      published: '2022-03-01',
      outlet: 'Wire',
    }),
    article('k2', 'Talks in Istanbul ended without agreement.', {
      title: 'Talks',
      published: '2022-03-29',
      outlet: 'Other',
    }),
  ]);
  const logged: string[] = [];
  return { app: createApp({ store, log: (l) => logged.push(l) }), store, logged };
}

test('GET /api/articles searches with ranked snippets and filters', async () => {
  const { app, store } = await appWithArticles();
  const res = await app.request('/api/articles?q=kharkiv');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.total, 1);
  assert.equal(body.items[0].article.id, 'k1');
  assert.match(body.items[0].snippet, /Kharkiv/);
  const list = await (await app.request('/api/articles?from=2022-03-02')).json();
  assert.deepEqual(
    list.items.map((i: { article: { id: string } }) => i.article.id),
    ['k2'],
  );
  await store.close();
});

test('GET /api/articles/:id returns the article with spans, or a 404', async () => {
  const { app, store } = await appWithArticles();
  const doc = await (await app.request('/api/articles/k2')).json();
  assert.equal(doc.text, 'Talks in Istanbul ended without agreement.');
  assert.equal(doc.raw, undefined);
  assert.match((await (await app.request('/api/articles/k2?raw=1')).json()).raw, /Istanbul/);
  const missing = await app.request('/api/articles/nope');
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'not-found');
  await store.close();
});

test('bad input is a 400 that says what is wrong, never a 500', async () => {
  const { app, store, logged } = await appWithArticles();
  for (const [path, pattern] of [
    ['/api/articles?q=%22unterminated', /cannot parse search query/],
    ['/api/articles?limit=0', /limit must be an integer/],
    ['/api/articles?limit=abc', /limit/],
    ['/api/articles?from=last%20week', /from must be an ISO 8601 date/],
    ['/api/export?format=xml', /json or jsonl/],
    ['/api/report?from=2022-03-01', /from and to are required/],
  ] as const) {
    const res = await app.request(path);
    assert.equal(res.status, 400, path);
    assert.match((await res.json()).error.message, pattern, path);
  }
  assert.deepEqual(logged, []);
  await store.close();
});

test('/openapi.json documents every API route, and the export streams', async () => {
  const { app, store } = await appWithArticles();
  const spec = await (await app.request('/openapi.json')).json();
  assert.equal(spec.openapi.slice(0, 2), '3.');
  for (const path of ['/api/articles', '/api/articles/{id}', '/api/stats', '/api/export'])
    assert.ok(spec.paths[path], path);
  const res = await app.request('/api/export?format=jsonl');
  assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
  const lines = (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.record.id),
    ['k1', 'k2'],
  );
  await store.close();
});

test('/api/timeline counts articles per day with the gaps filled, filtered like the list', async () => {
  const { app, store } = await appWithArticles();
  const body = await (await app.request('/api/timeline')).json();
  assert.equal(body.buckets.length, 29, '2022-03-01 to 2022-03-29');
  assert.deepEqual(body.buckets[0], { date: '2022-03-01', articles: 1 });
  assert.deepEqual(body.buckets[1], { date: '2022-03-02', articles: 0 });
  const searched = await (await app.request('/api/timeline?q=istanbul')).json();
  assert.deepEqual(searched.buckets, [{ date: '2022-03-29', articles: 1 }]);
  assert.equal((await app.request('/api/timeline?q=%22open')).status, 400);
  await store.close();
});

test('the desk is served for its own URLs, with a content security policy; nothing outside its folder', async () => {
  // the store sits beside the desk's folder: a traversal would find it there
  const webRoot = join(mkdtempSync(join(tmpdir(), 'sitrep-web-')), 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1.js'), 'console.log(1)');
  const store = new SqliteStore(join(webRoot, '..', 'x.db'));
  const app = createApp({ store, webRoot });
  for (const path of ['/', '/articles', '/articles/k1']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<title>desk<\/title>/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  }
  const asset = await app.request('/assets/app-1.js');
  assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  for (const path of ['/assets/missing.js', '/..%2F..%2Fetc%2Fpasswd', '/assets/..%2F..%2F' + 'x.db']) {
    assert.equal((await app.request(path)).status, 404, path);
  }
  assert.equal((await app.request('/api/nothing')).status, 404);
  await store.close();
});

test('events, claims and conflicts are served from corpus records with filters, GeoJSON and 400s', async () => {
  const { app, store } = await appWithArticles();
  const event = (id: string, type: string, date: string, lat: number, lon: number) => ({
    id,
    date,
    lat,
    lon,
    rank: 1,
    data: { id, type, date, lat, lon, sources: [{ article: 'k1', start: 0, end: 10 }] },
  });
  await store.replaceCorpusRecords('event', [
    event('e1', 'Explosions/Remote violence', '2022-03-01', 49.99, 36.23),
    event('e2', 'Battles', '2022-03-02', 46.64, 32.61),
    event('e3', 'Battles', '2022-03-20', 50.45, 30.52),
  ]);
  await store.replaceCorpusRecords('claim', [
    { id: 'c1', date: '2022-02-25', lat: null, lon: null, rank: 2, data: { id: 'c1', metric: 'killed' } },
  ]);
  const battles = await (await app.request('/api/events?type=Battles&to=2022-03-10')).json();
  assert.deepEqual(
    battles.items.map((e: { id: string }) => e.id),
    ['e2'],
  );
  const geo = await app.request('/api/events.geojson?bbox=35,49,37,51');
  assert.equal(geo.status, 200);
  assert.match(geo.headers.get('content-type') ?? '', /geo\+json/);
  const collection = await geo.json();
  assert.equal(collection.type, 'FeatureCollection');
  assert.deepEqual(collection.features[0].geometry.coordinates, [36.23, 49.99]);
  assert.equal(collection.features.length, 1);
  assert.equal((await app.request('/api/events.geojson?bbox=40,50,30,52')).status, 400);
  assert.equal((await app.request('/api/events?bbox=1,2,3')).status, 400);
  assert.equal((await app.request('/api/events/e3')).status, 200);
  assert.equal((await app.request('/api/events/nope')).status, 404);
  const claims = await (await app.request('/api/claims?metric=killed')).json();
  assert.equal(claims.total, 1);
  assert.equal((await (await app.request('/api/claims?metric=wounded')).json()).total, 0);
  assert.equal((await (await app.request('/api/conflicts')).json()).total, 0);
  await store.close();
});

test('/api/places aggregates positioned mentions per place, as JSON and GeoJSON, with box and period filters', async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-http-')), 'x.db'));
  const mention = (id: string, text: string, name: string, data: Record<string, unknown>): Fact => {
    const start = text.indexOf(name);
    return {
      kind: 'entity-mention',
      id: factId('entity-mention', id, start),
      stage: 'entities',
      evidence: evidenceOf(id, text, start, start + name.length),
      data: { type: 'place', name, canonical: name, geoPrecision: 1, ...data },
    };
  };
  const kharkiv = { entity: 'geonames:706483', lat: 49.98, lon: 36.25 };
  const t1 = 'Missiles struck Kharkiv on Tuesday.';
  const t2 = 'In Kharkiv and Lviv, sirens sounded.';
  await store.putArticles([
    article('k1', t1, { published: '2022-03-01', facts: [mention('k1', t1, 'Kharkiv', kharkiv)] }),
    article('k2', t2, {
      published: '2022-03-20',
      facts: [
        mention('k2', t2, 'Kharkiv', kharkiv),
        mention('k2', t2, 'Lviv', { entity: 'geonames:702550', lat: 49.84, lon: 24.03 }),
      ],
    }),
  ]);
  const app = createApp({ store });
  const body = await (await app.request('/api/places')).json();
  assert.equal(body.total, 2);
  assert.deepEqual(
    body.items.map((p: { name: string; articles: number }) => [p.name, p.articles]),
    [
      ['Kharkiv', 2],
      ['Lviv', 1],
    ],
  );
  assert.equal(body.items[0].first, '2022-03-01');
  const east = await (await app.request('/api/places?bbox=30,44,41,53')).json();
  assert.deepEqual(
    east.items.map((p: { name: string }) => p.name),
    ['Kharkiv'],
  );
  const march1 = await (await app.request('/api/places?from=2022-03-01&to=2022-03-01')).json();
  assert.deepEqual(
    march1.items.map((p: { name: string; mentions: number }) => [p.name, p.mentions]),
    [['Kharkiv', 1]],
  );
  const geo = await app.request('/api/places.geojson?q=lviv');
  assert.equal(geo.headers.get('content-type'), 'application/geo+json');
  const collection = await geo.json();
  assert.equal(collection.type, 'FeatureCollection');
  assert.deepEqual(
    collection.features.map((f: { geometry: { coordinates: number[] }; properties: { name: string } }) => [
      f.properties.name,
      f.geometry.coordinates,
    ]),
    [
      ['Kharkiv', [36.25, 49.98]],
      ['Lviv', [24.03, 49.84]],
    ],
  );
  const mentions = await (await app.request('/api/places/geonames%3A706483/mentions?from=2022-03-10')).json();
  assert.deepEqual(
    mentions.mentions.map((m: { article: string; text: string }) => [m.article, m.text]),
    [['k2', 'Kharkiv']],
  );
  assert.equal((await app.request('/api/places/geonames%3A1/mentions')).status, 404);
  for (const [path, pattern] of [
    ['/api/places?bbox=30,44,41', /bbox must be minLon,minLat,maxLon,maxLat/],
    ['/api/places?bbox=41,44,30,53', /bbox must be/],
    ['/api/places?bbox=30,44,41,95', /bbox must be/],
    ['/api/places.geojson?bbox=a,b,c,d', /bbox must be/],
    ['/api/places?from=yesterday', /from must be an ISO 8601 date/],
    ['/api/places?limit=0', /limit must be an integer from 1 to 5000/],
    ['/api/places?precision=4', /precision must be an integer from 1 to 3/],
    ['/api/places?q=%22open', /cannot parse search query/],
  ] as const) {
    const res = await app.request(path);
    assert.equal(res.status, 400, path);
    assert.match((await res.json()).error.message, pattern, path);
  }
  const spec = await (await app.request('/openapi.json')).json();
  for (const path of ['/api/places', '/api/places.geojson', '/api/places/{entity}/mentions'])
    assert.ok(spec.paths[path], path);
  await store.close();
});

test('an event lists its first sources; the event itself gives them all', async () => {
  const { app, store } = await appWithArticles();
  const sources = Array.from({ length: 12 }, (_, i) => ({ article: 'k1', start: i, end: i + 1 }));
  await store.replaceCorpusRecords('event', [
    {
      id: 'wide',
      date: '2022-03-01',
      lat: 50,
      lon: 36,
      rank: 12,
      data: { id: 'wide', type: 'Battles', sources: sources.slice(0, 10), sourcesTotal: 12 },
    },
  ]);
  await store.replaceCorpusRecords('event-sources', [
    { id: 'wide', date: null, lat: null, lon: null, rank: 0, data: { sources } },
  ]);
  const list = await (await app.request('/api/events')).json();
  assert.equal(list.items[0].sources.length, 10);
  const one = await (await app.request('/api/events/wide')).json();
  assert.equal(one.sources.length, 12);
  await store.close();
});
