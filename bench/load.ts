// `npm run bench:load -- --db FILE [--seconds 20] [--connections 20]`: a load test of the HTTP API
// with autocannon. `sitrep serve` runs as its own process on the store FILE (rate limit off, as
// for a trusted front end); autocannon runs here, on the same 2-core machine, so the figures are
// what the server reaches while sharing the CPU with its load generator. Three mixes, each for
// the given seconds: search (a rotation of real queries, most of them distinct per request by a
// date window), articles by id, and event queries. Results go into docs/benchmarks.md between the
// bench:load markers. Make FILE with `npm run bench:api -- 100000` (it prints where it is kept).

import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { seededRandom } from '../eval/random.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name: string, fallback?: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const dbFile = arg('db');
if (!dbFile) {
  process.stderr.write('usage: npm run bench:load -- --db FILE (a store made by npm run bench:api)\n');
  process.exit(2);
}
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '20'));
const port = 18_000 + Math.floor(Math.random() * 1000);
const random = seededRandom(7);

const db = new Database(dbFile, { readonly: true });
const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
const ids = (db.prepare('SELECT id FROM articles ORDER BY random() LIMIT 5000').all() as Array<{ id: string }>).map(
  (r) => r.id,
);
db.close();

const WORDS = ['Kharkiv', 'Mariupol', 'Kherson', 'Zelensky', 'sanctions', 'grain', 'refugees', 'shelling', 'NATO'];
const QUERIES = [
  ...WORDS,
  '"humanitarian corridor"',
  'Zelensk*',
  'sanctions AND oil',
  'missile OR drone',
  'Kyiv NOT Moscow',
];
const day = (offset: number) => new Date(Date.parse('2022-02-24') + offset * 86_400_000).toISOString().slice(0, 10);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

/** A search request: a query, in two of three requests within a random month (distinct URLs). */
function searchPath(): string {
  const q = encodeURIComponent(pick(QUERIES));
  if (random() < 1 / 3) return `/api/articles?q=${q}`;
  const from = Math.floor(random() * 270);
  return `/api/articles?q=${q}&from=${day(from)}&to=${day(from + 30)}`;
}
function eventsPath(): string {
  const from = Math.floor(random() * 270);
  const lon = 22 + random() * 14;
  const lat = 44 + random() * 6;
  return random() < 0.5
    ? `/api/events?from=${day(from)}&to=${day(from + 14)}&order=date`
    : `/api/events?bbox=${lon.toFixed(1)},${lat.toFixed(1)},${(lon + 3).toFixed(1)},${(lat + 2).toFixed(1)}`;
}

// What many analysts at one desk send: the same twenty searches (the first answer is computed,
// the rest come from the response cache until the store changes).
const POPULAR = Array.from({ length: 20 }, () => searchPath());

const MIXES: Array<[string, () => string]> = [
  ['search, distinct queries', searchPath],
  ['search, 20 popular queries', () => pick(POPULAR)],
  ['article by id', () => `/api/articles/${encodeURIComponent(pick(ids))}`],
  ['events', eventsPath],
];

const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/sitrep.js'), 'serve', '--db', dbFile, '--port', String(port), '--rate-limit', '0'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('serving')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
});

interface Row {
  mix: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}
const rows: Row[] = [];
try {
  for (const [mix, path] of MIXES) {
    // a short warm-up so the first figures are not the page cache filling
    await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: 3,
      requests: [{ setupRequest: (r) => ({ ...r, path: path() }) }],
    });
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (r) => ({ ...r, path: path() }) }],
    });
    rows.push({
      mix,
      requests: result.requests.total,
      perSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    });
    process.stdout.write(
      `${mix}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}\n`,
    );
  }
} finally {
  server.kill('SIGTERM');
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  '<!-- bench:load -->',
  `## Load: the HTTP API at ${articles.toLocaleString('en')} articles`,
  '',
  `Command: \`npm run bench:load -- --db FILE --seconds ${seconds} --connections ${connections}\` (bench/load.ts; FILE made by ` +
    `\`npm run bench:api -- 100000\`, ${(statSync(dbFile).size / 2 ** 30).toFixed(1)} GiB). Machine: ${machine}. ` +
    `Measured ${new Date().toISOString().slice(0, 10)}. \`sitrep serve\` (one process, rate limit off) and autocannon ` +
    `(${connections} connections, ${seconds} s per mix after a 3 s warm-up) share the two cores.`,
  '',
  '| mix | requests | req/s | p50 ms | p99 ms | max ms | errors | non-2xx |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.mix} | ${r.requests} | ${Math.round(r.perSecond)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} |`,
  ),
  '',
  'Distinct search: 14 queries (words, a phrase, a prefix, AND, OR, NOT), two thirds of them within a random ' +
    '30-day window, so nearly every URL differs and the response cache rarely helps; popular search: 20 of those ' +
    'URLs over and over, answered from the cache after the first; articles: 5,000 random ids; events: a random ' +
    '14-day window or a random 3°×2° box.',
  '<!-- /bench:load -->',
].join('\n');
const docs = join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(docs, 'utf8');
const marked = /<!-- bench:load -->[\s\S]*<!-- \/bench:load -->/;
writeFileSync(docs, marked.test(current) ? current.replace(marked, table) : `${current.trimEnd()}\n\n${table}\n`);
process.stdout.write(`${table}\n`);
