import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';
import { createApp } from './app.js';
import { type GuardOptions, isLoopback, TOKEN_COOKIE, tokenMatches } from './guard.js';
import { InsecureBindError, startServer } from './server.js';

const TOKEN = 'correct-horse-battery-staple-0123456789';

async function store() {
  const s = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-guard-')), 'g.db'));
  await s.putArticles([
    article('k1', 'Missiles struck Kharkiv on Tuesday, the governor said.', {
      title: 'Strike',
      published: '2022-03-01',
    }),
  ]);
  return s;
}

async function appWith(guard: GuardOptions) {
  const logged: string[] = [];
  return { app: createApp({ store: await store(), guard, log: (l) => logged.push(l) }), logged };
}

test('CORS is off by default and on only for the origins named; security headers on every answer', async () => {
  const { app } = await appWith({});
  const plain = await app.request('/api/articles', { headers: { origin: 'https://evil.example' } });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get('access-control-allow-origin'), null);
  assert.match(plain.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(plain.headers.get('x-frame-options'), 'DENY');
  assert.equal(plain.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await app.request('/api/articles', { method: 'OPTIONS' })).status, 405);

  const { app: open } = await appWith({ corsOrigins: ['https://desk.example'] });
  const allowed = await open.request('/api/articles', { headers: { origin: 'https://desk.example' } });
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://desk.example');
  const other = await open.request('/api/articles', { headers: { origin: 'https://evil.example' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const preflight = await open.request('/api/articles', {
    method: 'OPTIONS',
    headers: { origin: 'https://desk.example', 'access-control-request-method': 'GET' },
  });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
});

test('only reads: other methods are 405, bodies 413, very long URLs 414, all with the headers', async () => {
  const { app } = await appWith({ maxUrlLength: 200 });
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const res = await app.request('/api/articles', { method, body: 'x' });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.ok(res.headers.get('content-security-policy'));
  }
  const withBody = await app.request('/api/articles', { headers: { 'content-length': '10' } });
  assert.equal(withBody.status, 413);
  const long = await app.request(`/api/articles?q=${'a'.repeat(300)}`);
  assert.equal(long.status, 414);
  assert.equal((await long.json()).error.code, 'uri-too-long');
  assert.equal((await app.request(`/api/articles?q=${'a'.repeat(100)}`)).status, 200);
});

test('with a token: refused without it, accepted as a Bearer header or the cookie the printed link sets', async () => {
  const { app } = await appWith({ token: TOKEN });
  assert.equal((await app.request('/api/articles')).status, 401);
  assert.equal((await app.request('/api/articles', { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await app.request('/api/articles', { headers: { authorization: `Bearer ${TOKEN}x` } })).status, 401);
  assert.equal((await app.request(`/api/articles?token=${TOKEN}`)).status, 401, 'tokens are not taken from API URLs');
  const ok = await app.request('/api/articles', { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).total, 1);
  assert.equal((await app.request('/api/health')).status, 200, 'health checks need no token');

  const link = await app.request(`/map?token=${encodeURIComponent(TOKEN)}&period=7`);
  assert.equal(link.status, 303);
  assert.equal(link.headers.get('location'), '/map?period=7', 'the token is dropped from the URL');
  const cookie = link.headers.get('set-cookie') ?? '';
  assert.match(cookie, new RegExp(`^${TOKEN_COOKIE}=`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const viaCookie = await app.request('/api/articles', { headers: { cookie: cookie.split(';')[0] as string } });
  assert.equal(viaCookie.status, 200);
  const wrongLink = await app.request('/map?token=nope');
  assert.equal(wrongLink.status, 401);
});

test('token comparison: equal strings only, whatever their lengths', () => {
  assert.equal(tokenMatches(TOKEN, TOKEN), true);
  assert.equal(tokenMatches(TOKEN.slice(0, -1), TOKEN), false);
  assert.equal(tokenMatches(`${TOKEN}!`, TOKEN), false);
  assert.equal(tokenMatches('', TOKEN), false);
  assert.equal(tokenMatches(undefined, TOKEN), false);
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) => tokenMatches(a, b) === (a === b)));
});

test('rate limiting per remote client: a burst, then 429 with Retry-After; loopback exempt by default', async () => {
  let client = '203.0.113.7';
  const { app } = await appWith({
    rateLimit: { perSecond: 1, burst: 3 },
    clientAddress: () => client,
  });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await app.request('/api/health')).status);
  assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
  const limited = await app.request('/api/health');
  assert.equal(limited.headers.get('retry-after'), '1');
  client = '198.51.100.1';
  assert.equal((await app.request('/api/health')).status, 200, 'another client has its own bucket');
  client = '127.0.0.1';
  for (let i = 0; i < 10; i++) assert.equal((await app.request('/api/health')).status, 200);
  assert.ok(isLoopback('::1') && isLoopback('127.8.0.1') && isLoopback('::ffff:127.0.0.1'));
  assert.ok(!isLoopback('0.0.0.0') && !isLoopback('::') && !isLoopback('10.0.0.1'));
});

test('no search, filter or path is a 500: random query strings are 200 or 400 and never reach the log', async () => {
  const { app, logged } = await appWith({});
  const paths = ['/api/articles', '/api/timeline', '/api/events', '/api/claims', '/api/places', '/api/entities'];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...paths),
      fc.constantFrom('q', 'from', 'to', 'limit', 'offset', 'bbox', 'outlet', 'entity', 'type'),
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom(
          '"',
          'NOT',
          'a AND',
          '(',
          '*',
          'x OR OR y',
          "' OR 1=1 --",
          'NEAR(a b',
          '^a',
          'a:b',
          '-1',
          '1e999',
        ),
      ),
      async (path, key, value) => {
        const res = await app.request(`${path}?${key}=${encodeURIComponent(value)}`);
        return res.status === 200 || res.status === 400;
      },
    ),
    { numRuns: 300 },
  );
  assert.deepEqual(logged, []);
  for (const path of ['/..%2F..%2Fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/%5c..%5c..%5cpackage.json']) {
    const res = await app.request(path);
    assert.doesNotMatch(await res.text(), /"name": "sitrep"/, path);
  }
});

test('binding beyond loopback needs a token; a real socket gets the guard too', async (t) => {
  const s = await store();
  t.after(() => s.close());
  await assert.rejects(startServer({ store: s, host: '0.0.0.0', port: 0 }), InsecureBindError);
  const server = await startServer({ store: s, host: '127.0.0.1', port: 0, guard: { token: TOKEN } });
  t.after(() => server.close());
  const get = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/articles`, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  assert.equal(await get({}), 401);
  assert.equal(await get({ authorization: `Bearer ${TOKEN}` }), 200);
  const wide = await startServer({ store: s, host: '0.0.0.0', port: 0, guard: { token: TOKEN } });
  await wide.close();
});
