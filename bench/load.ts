// `npm run bench:load -- --db FILE [--seconds 20] [--connections 20]`: a load test of the HTTP API
// with autocannon. `sitrep serve` runs as its own process on the store FILE (rate limit off, as
// for a trusted front end); autocannon runs here, on the same 2-core machine, so the figures are
// what the server reaches while sharing the CPU with its load generator. Six mixes, each for
// the given seconds: distinct searches (words, phrases and operators over a vocabulary of places,
// actors and topics, most within a random period) right after the server starts and again, the
// same forms over 5,000 of the store's own words, 20 popular searches, articles by id, and event
// queries. The server runs --workers processes (default: one per core; --workers 1 for one).
// Results go into docs/benchmarks.md between the bench:load markers. Make FILE with `npm run bench:api -- 100000` (it prints where it is kept).
// `--in-process N` measures the store alone instead (see below).

import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { seededRandom } from '../eval/random.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

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
// server processes (sitrep serve --workers): one per core unless told
const workers = Number(arg('workers', String(cpus().length)));
const port = 18_000 + Math.floor(Math.random() * 1000);
const random = seededRandom(7);

const db = new Database(dbFile, { readonly: true });
const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
const ids = (db.prepare('SELECT id FROM articles ORDER BY random() LIMIT 5000').all() as Array<{ id: string }>).map(
  (r) => r.id,
);
// A much wider vocabulary than an analyst's: the store's own words, ranks 101 to 5,100 by the
// number of articles holding them (the 100 commonest are function words), so that most phrases
// are met only a few times and the phrase lists rarely help.
db.exec(`CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, 'articles_fts', 'row')`);
const WIDE = (
  db
    .prepare(
      `SELECT term FROM temp.vocabulary WHERE term GLOB '[a-z][a-z][a-z]*' AND term NOT GLOB '*[^a-z]*'
       ORDER BY doc DESC LIMIT 5000 OFFSET 100`,
    )
    .all() as Array<{ term: string }>
).map((r) => r.term);
db.close();

// Search words: the places, actors and topics an analyst of this war looks up (the first mix of
// this bench had 14 fixed queries; these are many more, so nearly every request is a new query).
const PLACES = [
  'Kyiv',
  'Kharkiv',
  'Mariupol',
  'Kherson',
  'Odesa',
  'Bakhmut',
  'Donetsk',
  'Luhansk',
  'Zaporizhzhia',
  'Crimea',
  'Lviv',
  'Dnipro',
  'Mykolaiv',
  'Izium',
  'Sievierodonetsk',
  'Lysychansk',
  'Bucha',
  'Irpin',
  'Chernihiv',
  'Sumy',
  'Belgorod',
  'Moscow',
  'Minsk',
  'Avdiivka',
  'Enerhodar',
];
const ACTORS = [
  'Zelensky',
  'Putin',
  'Shoigu',
  'Lavrov',
  'Kuleba',
  'Biden',
  'Scholz',
  'Macron',
  'Erdogan',
  'Guterres',
  'NATO',
  'IAEA',
  'Wagner',
  'Kadyrov',
  'Prigozhin',
  'Stoltenberg',
  'Reznikov',
  'Peskov',
];
const TOPICS = [
  'sanctions',
  'grain',
  'refugees',
  'shelling',
  'missile',
  'drone',
  'evacuation',
  'ceasefire',
  'artillery',
  'HIMARS',
  'gas',
  'oil',
  'nuclear',
  'humanitarian',
  'prisoners',
  'casualties',
  'blackout',
  'tanks',
];
const WORDS = [...PLACES, ...ACTORS, ...TOPICS];
const PHRASES = [
  '"humanitarian corridor"',
  '"nuclear power plant"',
  '"grain deal"',
  '"air defence"',
  '"prisoner exchange"',
  '"power grid"',
  '"mass grave"',
  '"martial law"',
];
// the 14 queries of the first version of this bench, still in the mix
const CLASSIC = [
  'Kharkiv',
  'Mariupol',
  'Kherson',
  'Zelensky',
  'sanctions',
  'grain',
  'refugees',
  'shelling',
  'NATO',
  '"humanitarian corridor"',
  'Zelensk*',
  'sanctions AND oil',
  'missile OR drone',
  'Kyiv NOT Moscow',
];
const day = (offset: number) => new Date(Date.parse('2022-02-24') + offset * 86_400_000).toISOString().slice(0, 10);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

/** A full-text query: a word, two words with AND / OR / NOT, a phrase, a prefix, or a classic. */
function query(twoWords = false, words: readonly string[] = WORDS): string {
  const form = twoWords ? 0.3 + random() * 0.45 : random();
  if (form < 0.3) return pick(words);
  if (form < 0.55) return `${pick(words)} AND ${pick(words)}`;
  if (form < 0.67) return `${pick(words)} OR ${pick(words)}`;
  if (form < 0.75) return `${pick(words)} NOT ${pick(words)}`;
  if (words !== WORDS) return `${pick(words)} ${pick(words)}`;
  if (form < 0.83) return pick(PHRASES);
  if (form < 0.9) return `${pick(WORDS).slice(0, 5)}*`;
  return pick(CLASSIC);
}

/**
 * A search request: in two of three requests within a random period of 7 to 60 days; the others
 * over the whole store with two words (AND / OR / NOT), as the single words and phrases over the
 * whole store are so few that they would come from the response cache.
 */
function searchPath(words: readonly string[] = WORDS): string {
  if (random() < 1 / 3) return `/api/articles?q=${encodeURIComponent(query(true, words))}`;
  const from = Math.floor(random() * 300);
  return `/api/articles?q=${encodeURIComponent(query(false, words))}&from=${day(from)}&to=${day(from + 7 + Math.floor(random() * 54))}`;
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

// Distinct searches twice: right after the server starts, each server process builds a list for
// every phrase it meets (src/store/sqlite/phrase-cache.ts); the second run is the steady state of
// a server that has met this vocabulary (until the store changes).
const MIXES: Array<[string, () => string]> = [
  ['search, distinct queries, server just started', searchPath],
  ['search, distinct queries, again', searchPath],
  ['search, distinct queries, 5,000-word vocabulary', () => searchPath(WIDE)],
  ['search, 20 popular queries', () => pick(POPULAR)],
  ['article by id', () => `/api/articles/${encodeURIComponent(pick(ids))}`],
  ['events', eventsPath],
];

// `--in-process N`: no server; the store's own CPU time per distinct search (SqliteStore.search,
// as the API calls it), for the first 2,000 searches of a fresh store object (phrase lists being
// built) and for N more. Prints, writes nothing.
const inProcess = arg('in-process');
if (inProcess) {
  const store = new SqliteStore(dbFile, { readonly: true });
  const run = async (n: number) => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const url = new URL(searchPath(), 'http://x');
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      await store.search({ q: url.searchParams.get('q') ?? '', ...(from && { from }), ...(to && { to }) });
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / n;
  };
  const first = await run(2000);
  const then = await run(Number(inProcess));
  process.stdout.write(
    `store.search CPU per distinct search: ${first.toFixed(2)} ms over the first 2000, ${then.toFixed(2)} ms over ${inProcess} more\n`,
  );
  await store.close();
  process.exit(0);
}

const server = spawn(
  process.execPath,
  [
    join(ROOT, 'bin/sitrep.js'),
    'serve',
    '--db',
    dbFile,
    '--port',
    String(port),
    '--rate-limit',
    '0',
    '--workers',
    String(workers),
  ],
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
  /** Answers from the response cache (x-sitrep-cache: hit). */
  cacheHits: number;
  /** CPU time the server processes spent per request (null where /proc cannot tell). */
  serverCpuMs: number | null;
}

/**
 * CPU seconds used so far by the server and its worker processes (Linux /proc; null elsewhere).
 * The machine is shared, so requests per second also measure the neighbours; CPU time per
 * request does not.
 */
function serverCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const ticks = (p: number) => {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11]) + Number(fields[12]); // utime, stime (after the command name)
    };
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return [pid, ...children.map(Number)].reduce((sum, p) => sum + ticks(p), 0) / 100;
  } catch {
    return null;
  }
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
    let cacheHits = 0;
    const cpuBefore = serverCpuSeconds(server.pid);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (r) => ({ ...r, path: path() }),
          onResponse: (_status, _body, _context, headers) => {
            if (headers?.['x-sitrep-cache'] === 'hit') cacheHits++;
          },
        },
      ],
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
      cacheHits,
      serverCpuMs:
        cpuBefore === null || result.requests.total === 0
          ? null
          : (((serverCpuSeconds(server.pid) ?? cpuBefore) - cpuBefore) * 1000) / result.requests.total,
    });
    process.stdout.write(
      `${mix}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, cache hits ${cacheHits}, server CPU ${rows.at(-1)?.serverCpuMs?.toFixed(2) ?? '?'} ms/request\n`,
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
    `Measured ${new Date().toISOString().slice(0, 10)}. \`sitrep serve --workers ${workers}\` (rate limit off) and autocannon ` +
    `(${connections} connections, ${seconds} s per mix after a 3 s warm-up) share the two cores.`,
  '',
  '| mix | requests | req/s | p50 ms | p99 ms | max ms | errors | non-2xx | cache hits | server CPU ms/request |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.mix} | ${r.requests} | ${Math.round(r.perSecond)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} | ${r.cacheHits} | ${r.serverCpuMs === null ? '–' : r.serverCpuMs.toFixed(2)} |`,
  ),
  '',
  `Distinct search: a word, two words with AND / OR / NOT, a phrase or a prefix from ${WORDS.length} places, actors ` +
    `and topics and ${PHRASES.length} phrases, or one of the 14 queries of the first version of this bench, within ` +
    'a random period of 7 to 60 days (two requests in three); the others two words over the whole store. Nearly ' +
    'every URL differs: the cache hits column counts the rest. It runs twice: first right after the server ' +
    'starts, while each server process builds the list of every phrase it meets (one FTS5 pass each: the ' +
    'phrase cache of src/store/sqlite/phrase-cache.ts), then again with those lists built (the state of a ' +
    'server that has met these phrases since the store last changed). The 5,000-word row draws the same forms ' +
    "(no quoted phrases or prefixes) from the store's own words ranked 101 to 5,100 by the articles holding them: " +
    "a far wider vocabulary than an analyst's, where most phrases are met once or twice, so it measures the " +
    'FTS5 path the lists do not cover. Popular search: 20 of those URLs over and over, ' +
    'answered from the cache after the first ' +
    '(per server process); articles: 5,000 random ids; events: a random 14-day window or a random 3°×2° box. ' +
    'Server CPU: the CPU time of the server processes during the mix divided by its requests; the machine may be ' +
    'shared with other work, so req/s says what the server got and CPU per request what it needs (two cores ' +
    'give at most 2,000 / that figure requests per second, less what the load generator takes).',
  '<!-- /bench:load -->',
].join('\n');
const docs = join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(docs, 'utf8');
const marked = /<!-- bench:load -->[\s\S]*<!-- \/bench:load -->/;
writeFileSync(docs, marked.test(current) ? current.replace(marked, table) : `${current.trimEnd()}\n\n${table}\n`);
process.stdout.write(`${table}\n`);
