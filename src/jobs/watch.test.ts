// The watch job against local HTTP servers started here (allowPrivate set explicitly): conditional
// requests, backoff and Retry-After, per-host politeness, linked pages and their fallback,
// idempotence across polls and restarts, the refusal of private addresses without allowPrivate,
// the latency from a feed item appearing to the article being listed by the HTTP API, and the
// `sitrep watch` command end to end (spawned, polled, stopped with SIGINT).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../core/pipeline.js';
import { createApp } from '../interfaces/http/app.js';
import { cleanStage } from '../stages/clean/index.js';
import { defaultStages } from '../stages/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { parseDuration, parseFeedsFile, Watcher, type WatchOptions } from './watch.js';

const BIN = fileURLToPath(new URL('../../../bin/sitrep.js', import.meta.url));

interface Item {
  id: string;
  title: string;
  body: string;
  /** Link to a page on the same server (/page/<id>) unless false. */
  link?: boolean;
}

interface FeedServer {
  url: string;
  items: Item[];
  /** Requests per path. */
  hits: Map<string, number>;
  notModified: number;
  maxConcurrent: number;
  /** [start, end] of each request, in order of arrival. */
  spans: Array<[number, number]>;
  /** Override the answer for a path: return true when handled. */
  override?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** Delay before answering, ms. */
  slowMs: number;
  etag: boolean;
  lastModified: boolean;
  close: () => Promise<void>;
}

function rss(items: Item[], base: string): string {
  const entries = items
    .map(
      (i) =>
        `<item><title>${i.title}</title><guid isPermaLink="false">${i.id}</guid>` +
        (i.link === false ? '' : `<link>${base}/page/${i.id}</link>`) +
        `<pubDate>Tue, 01 Mar 2022 10:00:00 GMT</pubDate><description>${i.body} (from the feed)</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>${entries}</channel></rss>`;
}

async function feedServer(): Promise<FeedServer> {
  let active = 0;
  const state: Omit<FeedServer, 'url' | 'close'> = {
    items: [],
    hits: new Map(),
    notModified: 0,
    maxConcurrent: 0,
    spans: [],
    slowMs: 0,
    etag: true,
    lastModified: false,
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, active);
    const span: [number, number] = [Date.now(), 0];
    state.spans.push(span);
    res.on('close', () => {
      active--;
      span[1] = Date.now();
    });
    setTimeout(() => {
      if (state.override?.(req, res)) return;
      if (path.startsWith('/page/')) {
        const item = state.items.find((i) => `/page/${i.id}` === path);
        if (!item) res.writeHead(404).end('no such page');
        else
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(
              `<!doctype html><html><head><title>${item.title}</title></head><body><article><h1>${item.title}</h1><p>${item.body} (from the page)</p></article></body></html>`,
            );
        return;
      }
      const body = rss(state.items, `http://127.0.0.1:${port}`);
      const tag = `"v${state.items.length}-${state.items.map((i) => i.id).join('.')}"`;
      const modified = new Date(Date.UTC(2022, 2, 1, 0, state.items.length)).toUTCString();
      const headers: Record<string, string> = { 'content-type': 'application/rss+xml' };
      if (state.etag) headers.etag = tag;
      if (state.lastModified) headers['last-modified'] = modified;
      const fresh =
        (state.etag && req.headers['if-none-match'] === tag) ||
        (!state.etag && state.lastModified && req.headers['if-modified-since'] === modified);
      if (fresh) {
        state.notModified++;
        res.writeHead(304, headers).end();
      } else res.writeHead(200, headers).end(body);
    }, state.slowMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const result = state as FeedServer;
  result.url = `http://127.0.0.1:${port}`;
  result.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return result;
}

function tempStore(): { dir: string; db: string; store: SqliteStore } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
  const db = join(dir, 'watch.db');
  return { dir, db, store: new SqliteStore(db) };
}

const fastPipeline = createPipeline([cleanStage()]);

function watcher(store: SqliteStore, urls: string[], extra: Partial<WatchOptions> = {}): Watcher {
  return new Watcher({
    store,
    pipeline: fastPipeline,
    sources: urls.map((url) => ({ url })),
    fetch: { allowPrivate: true },
    hostDelayMs: 0,
    deriveDelayMs: 0,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    random: () => 1,
    ...extra,
  });
}

const item = (n: number, link = true): Item => ({
  id: `item-${n}`,
  title: `Bridge ${n} reopened`,
  body: `Engineers reopened bridge number ${n} near Kharkiv on Tuesday, officials said.`,
  link,
});

describe('feeds file', () => {
  test('reads URLs, intervals and kinds; names each bad line', () => {
    const text = [
      '# my feeds',
      'https://example.org/feed.xml every=60s',
      'https://example.org/a.html kind=article  # one page',
      'https://example.org/#frag every=500ms',
      '',
      'ftp://example.org/x',
      'https://example.org/feed.xml',
      'https://example.org/b every=soon',
      'https://example.org/c colour=blue',
      'not a url',
    ].join('\n');
    const { sources, problems } = parseFeedsFile(text, 'feeds.txt');
    assert.deepEqual(
      sources.map((s) => [s.url, s.everyMs, s.kind, s.line]),
      [
        ['https://example.org/feed.xml', 60_000, undefined, 2],
        ['https://example.org/a.html', undefined, 'article', 3],
        ['https://example.org/#frag', 500, undefined, 4],
      ],
    );
    assert.equal(problems.length, 5);
    assert.match(problems[0] ?? '', /^feeds\.txt:6: .* not an http or https URL/);
    assert.match(problems[1] ?? '', /^feeds\.txt:7: .* listed twice/);
    assert.match(problems[2] ?? '', /^feeds\.txt:8: every=soon is not a duration/);
    assert.match(problems[3] ?? '', /^feeds\.txt:9: unknown option "colour=blue"/);
    assert.match(problems[4] ?? '', /^feeds\.txt:10: "not" is not a URL/);
    assert.equal(parseDuration('0.5s'), 500);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('90'), 90_000);
    assert.equal(parseDuration('-1s'), null);
  });
});

describe('watch', () => {
  test('conditional requests: an unchanged feed is a 304, a changed one is read again', async () => {
    const server = await feedServer();
    const { store } = tempStore();
    try {
      server.items.push(item(1, false), item(2, false));
      const w = watcher(store, [`${server.url}/feed`]);
      const [first] = await w.pollAll();
      assert.equal(first?.result, 'new');
      assert.equal(first?.added, 2);
      const [second] = await w.pollAll();
      assert.equal(second?.result, 'not-modified');
      assert.equal(server.notModified, 1);
      server.items.push(item(3, false));
      const [third] = await w.pollAll();
      assert.equal(third?.status, 200);
      assert.equal(third?.added, 1);
      // Last-Modified alone works the same way.
      server.etag = false;
      server.lastModified = true;
      await w.pollAll(); // learns the Last-Modified (the ETag it had no longer applies)
      const [fifth] = await w.pollAll();
      assert.equal(fifth?.result, 'not-modified');
      assert.equal(server.notModified, 2);
      assert.equal((await store.stats()).articles, 3);
      assert.equal(w.stats.fromDescription, 3);
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('idempotent: two polls and a restart store each item once; the state file carries the validators', async () => {
    const server = await feedServer();
    server.etag = false; // every poll is a full 200
    const { dir, store } = tempStore();
    const statePath = join(dir, 'state.json');
    try {
      server.items.push(item(1), item(2));
      const w = watcher(store, [`${server.url}/feed`], { statePath });
      await w.pollAll();
      await w.pollAll();
      assert.equal((await store.stats()).articles, 2);
      assert.equal(w.stats.newItems, 2, 'the second poll found nothing new');
      assert.equal(server.hits.get('/page/item-1'), 1, 'a stored item is not fetched again');
      // A restart with validators in the state file: the first request is conditional.
      server.etag = true;
      await w.pollAll();
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { urls: Record<string, { etag?: string }> };
      assert.match(saved.urls[`${server.url}/feed`]?.etag ?? '', /^"v2/);
      const restarted = watcher(store, [`${server.url}/feed`], { statePath });
      const [outcome] = await restarted.pollAll();
      assert.equal(outcome?.result, 'not-modified');
      assert.equal((await store.stats()).articles, 2);
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('fetches the linked page, and falls back to the description when the page fails', async () => {
    const server = await feedServer();
    const { store } = tempStore();
    try {
      server.items.push(item(1), { ...item(2), id: 'gone' });
      server.override = (req, res) => {
        if (req.url !== '/page/gone') return false;
        res.writeHead(404).end();
        return true;
      };
      const logs: string[] = [];
      const w = watcher(store, [`${server.url}/feed`], { onLog: (l) => logs.push(l) });
      await w.pollAll();
      assert.equal(w.stats.pagesFetched, 1);
      assert.equal(w.stats.fromDescription, 1);
      const page = await store.getArticle('item-1');
      assert.match(page?.text ?? '', /\(from the page\)/);
      assert.equal(page?.title, 'Bridge 1 reopened');
      assert.equal(page?.url, `${server.url}/page/item-1`);
      const fallback = await store.getArticle('gone');
      assert.match(fallback?.text ?? '', /\(from the feed\)/);
      assert.ok(logs.some((l) => /page\/gone answered HTTP 404; using the feed's description/.test(l)));
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('backs off exponentially after 500s and honours Retry-After on 429 and 503', async () => {
    const server = await feedServer();
    const { store } = tempStore();
    let answer: { status: number; retryAfter?: string } = { status: 500 };
    server.override = (_req, res) => {
      if (answer.status === 200) return false;
      res.writeHead(answer.status, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}).end('busy');
      return true;
    };
    try {
      server.items.push(item(1, false));
      const w = watcher(store, [`${server.url}/feed`], { intervalMs: 100, backoff: { baseMs: 1000, maxMs: 8000 } });
      const source = { url: `${server.url}/feed` };
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const outcome = await w.poll(source);
        assert.equal(outcome.result, 'failed');
        assert.equal(outcome.status, 500);
        waits.push(Math.round((outcome.next - Date.now()) / 1000));
      }
      // random() = 1: the top of each jitter range, 1 s doubling up to the 8 s cap.
      assert.deepEqual(waits, [1, 2, 4, 8, 8]);
      assert.equal(w.state.get(source.url).failures, 5);
      // Jitter: with random() = 0 the wait is half.
      const jittered = watcher(store, [source.url], {
        intervalMs: 100,
        backoff: { baseMs: 1000, maxMs: 8000 },
        random: () => 0,
      });
      const half = await jittered.poll(source);
      assert.ok(Math.abs(half.next - Date.now() - 500) < 100, `${half.next - Date.now()}`);

      answer = { status: 429, retryAfter: '30' };
      const limited = await w.poll(source);
      assert.ok(limited.next - Date.now() > 29_000, 'Retry-After 30 s is honoured');
      answer = { status: 503, retryAfter: new Date(Date.now() + 45_000).toUTCString() };
      // (A fresh watcher: w's host is now paused for those 30 s.)
      const unavailable = await watcher(store, [source.url], { intervalMs: 100 }).poll(source);
      assert.ok(unavailable.next - Date.now() > 40_000, 'an HTTP-date Retry-After is honoured');

      // Retry-After pauses the whole host: another URL there waits too.
      answer = { status: 503, retryAfter: '1' };
      const paused = watcher(store, [source.url], { intervalMs: 100 });
      await paused.poll(source);
      answer = { status: 200 };
      const started = Date.now();
      const other = await paused.poll({ url: `${server.url}/other-feed` });
      assert.equal(other.status, 200);
      assert.ok(Date.now() - started >= 900, `waited ${Date.now() - started} ms for the host`);
      // Success resets the streak.
      const ok = await paused.poll(source);
      assert.equal(ok.status, 200);
      assert.equal(paused.state.get(source.url).failures, 0);
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('politeness: two feeds on one host are fetched one at a time with the host delay between', async () => {
    const server = await feedServer();
    server.slowMs = 150;
    const { store } = tempStore();
    try {
      server.items.push(item(1, false));
      const w = watcher(store, [`${server.url}/a`, `${server.url}/b`, `${server.url}/c`], { hostDelayMs: 200 });
      await w.pollAll();
      assert.equal(server.spans.length, 3);
      assert.equal(server.maxConcurrent, 1, 'never two requests at once');
      for (let i = 1; i < server.spans.length; i++) {
        const gap = (server.spans[i]?.[0] ?? 0) - (server.spans[i - 1]?.[1] ?? 0);
        assert.ok(gap >= 190, `gap ${gap} ms between requests ${i - 1} and ${i}`);
      }
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('a private address is refused without allowPrivate, and the poll backs off', async () => {
    const server = await feedServer();
    const { store } = tempStore();
    try {
      server.items.push(item(1, false));
      const logs: string[] = [];
      const w = watcher(store, [`${server.url}/feed`], { fetch: {}, onLog: (l) => logs.push(l) });
      const [outcome] = await w.pollAll();
      assert.equal(outcome?.result, 'failed');
      assert.match(outcome?.error ?? '', /refused: loopback address 127\.0\.0\.1/);
      assert.equal(server.hits.size, 0);
      assert.match(logs[0] ?? '', /next try in/);
      assert.equal((await store.stats()).articles, 0);
    } finally {
      await store.close();
      await server.close();
    }
  });

  test('a plain article URL is stored once and then no longer fetched', async () => {
    const server = await feedServer();
    const { store } = tempStore();
    try {
      server.items.push(item(7));
      const pageUrl = `${server.url}/page/item-7`;
      const w = watcher(store, [pageUrl]);
      const [first] = await w.pollAll();
      assert.equal(first?.added, 1);
      const [second] = await w.pollAll();
      assert.equal(second?.result, 'stored-before');
      assert.equal(server.hits.get('/page/item-7'), 1);
      const listed = await store.listArticles({});
      assert.equal(listed.items[0]?.url, pageUrl);
    } finally {
      await store.close();
      await server.close();
    }
  });

  // SITREP_WATCH_BENCH_DB=<a filled store> runs this against a copy of it (SITREP_WATCH_SAMPLES items).
  test('latency: a new feed item is listed by GET /api/articles within a second (full pipeline)', async (t) => {
    const server = await feedServer();
    const seed = process.env.SITREP_WATCH_BENCH_DB;
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
    if (seed) copyFileSync(seed, join(dir, 'watch.db'));
    const store = new SqliteStore(join(dir, 'watch.db'));
    const count = Number(process.env.SITREP_WATCH_SAMPLES ?? 5);
    const app = createApp({ store, log: () => {} });
    const w = new Watcher({
      store,
      pipeline: createPipeline(defaultStages()),
      sources: [{ url: `${server.url}/feed`, everyMs: 500 }],
      fetch: { allowPrivate: true },
      hostDelayMs: 100,
      // The corpus step in a worker, often: it must not hold back the next items.
      deriveDelayMs: 1000,
      deriveStore: join(dir, 'watch.db'),
    });
    const listed = async () => {
      const response = await app.request('/api/articles?limit=100');
      return ((await response.json()) as { total: number }).total;
    };
    const before = await listed();
    const running = w.run();
    try {
      const samples: number[] = [];
      for (let n = 1; n <= count; n++) {
        server.items.push(item(n));
        const started = performance.now();
        while ((await listed()) < before + n) {
          assert.ok(performance.now() - started < 5000, 'visible within 5 s');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        samples.push(performance.now() - started);
        // Let the next item arrive at a random point of the poll cycle.
        await new Promise((resolve) => setTimeout(resolve, (137 * n) % 500));
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(0);
      t.diagnostic(
        `feed item → /api/articles on a store of ${before} articles, poll every 500 ms, ${count} items: ` +
          `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`,
      );
      assert.ok((samples[samples.length - 1] ?? 0) < 5000);
      assert.equal(w.stats.pagesFetched, count);
    } finally {
      w.stop();
      await running;
      await store.close();
      await server.close();
    }
    assert.ok(w.stats.derived >= 1, 'the corpus step ran (at the latest on stop)');
  });

  test('sitrep watch: spawned, polls, adds, stops cleanly on SIGINT and keeps its state', async (t) => {
    const server = await feedServer();
    const { dir, db } = tempStore();
    const feeds = join(dir, 'feeds.txt');
    writeFileSync(feeds, `# test feeds\n${server.url}/feed every=300ms\n`);
    server.items.push(item(1), item(2));
    const child = spawn(
      process.execPath,
      [
        BIN,
        'watch',
        '--feeds',
        feeds,
        '--db',
        db,
        '--allow-private',
        '--host-delay',
        '50ms',
        '--derive-delay',
        '200ms',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const reader = new SqliteStore(db);
    try {
      const until = async (predicate: () => Promise<boolean>, what: string) => {
        const started = Date.now();
        while (!(await predicate())) {
          assert.ok(Date.now() - started < 20_000, `${what} within 20 s\nstdout: ${stdout}\nstderr: ${stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return Date.now() - started;
      };
      await until(async () => (await reader.stats()).articles >= 2, 'the first two items');
      server.items.push(item(3));
      const ms = await until(async () => (await reader.stats()).articles >= 3, 'the third item');
      t.diagnostic(`sitrep watch (separate process, poll every 300 ms): third item stored after ${ms} ms`);
      await until(async () => server.notModified > 0, 'a 304');
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      assert.match(stdout, /sitrep is watching 1 URLs/);
      assert.match(stdout, /\+2 from http/);
      assert.match(stdout, /3 added/);
      const state = JSON.parse(readFileSync(`${db}.watch.json`, 'utf8')) as { urls: Record<string, { etag?: string }> };
      assert.ok(state.urls[`${server.url}/feed`]?.etag, 'the ETag was saved');
      assert.equal((await reader.stats()).articles, 3);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await reader.close();
      await server.close();
    }
  });

  test('sitrep watch: a bad feeds file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
    const feeds = join(dir, 'feeds.txt');
    writeFileSync(feeds, 'https://example.org/feed every=often\n');
    const child = spawn(process.execPath, [BIN, 'watch', '--feeds', feeds, '--db', join(dir, 'x.db')]);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    return new Promise<void>((resolve, reject) =>
      child.on('exit', (code) => {
        try {
          assert.equal(code, 1);
          assert.match(stderr, /feeds\.txt:1: every=often is not a duration/);
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
  });
});
