// `npm run bench:api [-- N]`: API latency for search and event queries when the store holds N
// articles (default 100,000). The demo corpus and the war sample go through the whole pipeline
// once; the store is then filled to N by copies of those processed articles under new ids, spread
// over 300 days, with their facts (claims and events dated alike), and the corpus step rebuilds the
// ledger and merged events over all of them (timed). Each query is sent to the in-process API
// (Hono, JSON serialisation included) 50 times after a warm-up; p50 and p95 go to docs/benchmarks.md.

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../eval/random.js';
import type { Article, Fact } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import { deriveCorpus } from '../src/corpus/derive.js';
import { createApp } from '../src/interfaces/http/app.js';
import { runIngest } from '../src/jobs/ingest.js';
import { defaultStages } from '../src/stages/index.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { startPostgres } from '../test/postgres-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? 100_000);
const ROUNDS = 50;
// `--only WORD`: only the queries whose name contains WORD (e.g. `search`), no corpus step, and
// docs/benchmarks.md is left alone (a partial table is for tuning, not for the record).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] as string) : null;
const random = seededRandom(4242);

const inputs = [join(ROOT, 'data/demo/articles.jsonl.gz')];
const war = join(ROOT, '../shared/data/ukraine-war-news-gdelt-sample/articles.jsonl');
if (existsSync(war)) inputs.push(war);

// `--db FILE`: a store this bench filled before (the copies are kept); only the corpus step and
// the queries run again.
const at = process.argv.indexOf('--db');
const dbFile =
  at > 0 ? (process.argv[at + 1] as string) : join(mkdtempSync(join(tmpdir(), 'sitrep-api-bench-')), 'api.db');
// `--pg`: the same on PostgreSQL, in a throwaway server (test/postgres-server.ts).
// `--pg-url URL`: on the PostgreSQL database at URL instead, kept afterwards; a database this bench
// filled before (it holds articles) is reused like `--db FILE`, so tuning the store does not mean
// filling 100,000 articles again.
const urlAt = process.argv.indexOf('--pg-url');
const pgUrl = urlAt > 0 ? (process.argv[urlAt + 1] as string) : null;
const pgServer = !pgUrl && process.argv.includes('--pg') ? await startPostgres() : null;
const onPg = pgServer !== null || pgUrl !== null;
const store: Store = pgUrl
  ? new PgStore(pgUrl)
  : pgServer
    ? new PgStore(await pgServer.createDatabase('api'))
    : new SqliteStore(dbFile);
const reuse = pgUrl ? (await store.stats()).articles > 0 : !pgServer && existsSync(dbFile);
if (!reuse) {
  process.stdout.write(`processing ${inputs.length} base corpora…\n`);
  await runIngest({ store, pipeline: createPipeline(defaultStages()), paths: inputs });
}

const bases: Article[] = [];
if (!reuse)
  for await (const doc of store.articles()) if (doc.kind === 'article' && doc.text.length > 0) bases.push(doc);
const baseCount = (await store.stats()).articles;

const DAY = 86_400_000;
const start = Date.parse('2022-02-24T00:00:00Z');
const shiftDay = (iso: string | null, days: number) =>
  iso ? new Date(Date.parse(iso.slice(0, 10)) + days * DAY).toISOString().slice(0, 10) : null;

/** A processed article under a new identity and date, its facts re-keyed to it and dated alike. */
function copyOf(base: Article, i: number): Article {
  const id = `c${i}`;
  const published = new Date(start + Math.floor((i / TOTAL) * 300 * DAY + random() * DAY)).toISOString();
  const shift = base.published
    ? Math.round((Date.parse(published) - Date.parse(base.published.slice(0, 10))) / DAY)
    : 0;
  const facts: Fact[] = base.facts.map((f) => ({
    ...f,
    id: `${f.id}~${i}`,
    ...(f.evidence && { evidence: { ...f.evidence, article: id } }),
    // claims and events move with their article, so the corpus step sees distinct ones
    ...(typeof f.data.date === 'string' && { data: { ...f.data, date: shiftDay(f.data.date, shift) } }),
  }));
  return {
    ...base,
    id,
    key: `id:${id}`,
    fields: { ...base.fields, id },
    published,
    teaserIds: [],
    teasers: [],
    duplicateOf: null,
    story: base.story ? `${base.story}~${Math.floor(i / bases.length)}` : null,
    facts,
  };
}

if (!reuse) process.stdout.write(`copying to ${TOTAL.toLocaleString('en')} articles…\n`);
const fillStart = process.hrtime.bigint();
let batch: Article[] = [];
for (let i = baseCount; i < TOTAL && !reuse; i++) {
  batch.push(copyOf(bases[i % bases.length]!, i));
  if (batch.length === 1000) {
    await store.putArticles(batch);
    batch = [];
  }
}
if (batch.length) await store.putArticles(batch);
// the store's write throughput for these copies (their facts included), when this run filled it
const fillSeconds = reuse ? null : Number(process.hrtime.bigint() - fillStart) / 1e9;
if (fillSeconds !== null) {
  const rate = (TOTAL - baseCount) / fillSeconds;
  process.stdout.write(
    `stored ${(TOTAL - baseCount).toLocaleString('en')} copies in ${fillSeconds.toFixed(1)} s (${rate.toFixed(0)} articles/s)\n`,
  );
}

process.stdout.write('rebuilding the claims ledger and merged events…\n');
const deriveStart = process.hrtime.bigint();
const derived =
  only === null ? await deriveCorpus(store) : { claims: 0, events: 0, claimGroups: 0, conflicts: 0, mergedEvents: 0 };
const deriveSeconds = Number(process.hrtime.bigint() - deriveStart) / 1e9;

// no response cache: every round is computed
const app = createApp({ store, log: () => {}, cache: false });
const kharkiv = (await store.listEntities({ q: 'Kharkiv', type: 'place', limit: 1, offset: 0 })).items[0]?.id;
const queries: Array<[string, string]> = [
  ['search: one word', '/api/articles?q=Kharkiv'],
  ['search: phrase', '/api/articles?q=%22humanitarian%20corridor%22'],
  ['search: prefix', '/api/articles?q=Zelensk*'],
  ['search: boolean', '/api/articles?q=sanctions%20AND%20oil'],
  ['search: with a month', '/api/articles?q=grain&from=2022-06-01&to=2022-06-30'],
  ['articles of a month', '/api/articles?from=2022-05-01&to=2022-05-31'],
  ...(kharkiv
    ? [['articles naming a place', `/api/articles?entity=${encodeURIComponent(kharkiv)}`] as [string, string]]
    : []),
  ['events in a box', '/api/events?bbox=35,48,39,51'],
  ['events in a box and a month', '/api/events?bbox=22,44,41,53&from=2022-04-01&to=2022-04-30&order=date'],
  ['events of a type', '/api/events?type=Battles'],
  ['events as GeoJSON (500)', '/api/events.geojson?bbox=22,44,41,53'],
  ['claims of a metric', '/api/claims?metric=killed'],
  ['places of a month (map)', '/api/places?from=2022-05-01&to=2022-05-31'],
  ['stats', '/api/stats'],
];

const rows: string[] = [];
for (const [name, url] of queries) {
  if (only !== null && !name.includes(only)) continue;
  const times: number[] = [];
  let status = 0;
  let total = 0;
  for (let r = 0; r < ROUNDS + 5; r++) {
    const t = process.hrtime.bigint();
    const res = await app.request(url);
    const body = await res.text();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    status = res.status;
    if (r === 0) total = Number(/"total":(\d+)/.exec(body)?.[1] ?? 0);
    if (r >= 5) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  const line = `| ${name} | \`${url}\` | ${status} | ${total.toLocaleString('en')} | ${at(0.5)} | ${at(0.95)} |`;
  rows.push(line);
  process.stdout.write(`${line}\n`);
}

// PostgreSQL on this machine: the server's CPU time per search (user + system of the one backend
// serving a one-connection store, from /proc), which the other jobs sharing the cores disturb far
// less than wall time. 20 searches after 3 warm-up ones, mean per search.
const serverCpu: string[] = [];
if (store instanceof PgStore) {
  const one = new PgStore(store.url, { poolSize: 1 });
  const pid = Number((await one.pool.query('SELECT pg_backend_pid() AS p')).rows[0].p);
  const ticks = (): number | null => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
    } catch {
      return null; // a server on another machine, or another user's process
    }
  };
  for (const [name, url] of queries) {
    if (!name.startsWith('search') || (only !== null && !name.includes(only))) continue;
    const params = new URL(url, 'http://x').searchParams;
    const query = {
      q: params.get('q') ?? '',
      ...(params.get('from') && { from: params.get('from')! }),
      ...(params.get('to') && { to: params.get('to')! }),
    };
    for (let i = 0; i < 3; i++) await one.search(query);
    const before = ticks();
    for (let i = 0; i < 20; i++) await one.search(query);
    const after = ticks();
    if (before === null || after === null) break;
    const line = `| ${name} | ${(((after - before) * 10) / 20).toFixed(0)} |`;
    serverCpu.push(line);
    process.stdout.write(`server CPU ${line}\n`);
  }
  await one.close();
}

const stats = await store.stats();
const dbSize =
  store instanceof PgStore
    ? Number((await store.pool.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n)
    : statSync(dbFile).size;
// PostgreSQL: what the search structures take (the narrow vector table with its TOAST, its GIN index)
const searchSize =
  store instanceof PgStore
    ? (
        await store.pool.query(
          `SELECT pg_table_size(to_regclass('article_search')) AS t, pg_indexes_size(to_regclass('article_search')) AS i,
             pg_total_relation_size('articles') AS a`,
        )
      ).rows[0]
    : null;
const mib = (n: unknown) => `${(Number(n) / 2 ** 20).toFixed(0)} MiB`;
const searchLine =
  searchSize?.t != null
    ? `Search structures: \`article_search\` ${mib(searchSize.t)} (vectors, out of line), its indexes ${mib(searchSize.i)}; \`articles\` with its indexes and TOAST ${mib(searchSize.a)}.\n`
    : '';
if (searchLine) process.stdout.write(searchLine);
await store.close();
await pgServer?.stop();
const marker = onPg ? 'bench:api-pg' : 'bench:api';
const section = `<!-- ${marker} -->
## API latency at ${stats.articles.toLocaleString('en')} articles${onPg ? ', PostgreSQL' : ''}

Command: \`npm run bench:api -- ${TOTAL}${pgUrl ? ' --pg-url URL' : reuse ? ' --db FILE' : pgServer ? ' --pg' : ''}\` (bench/api.ts${reuse ? `; ${pgUrl ? 'URL is a database' : 'FILE is a store'} an earlier full run of this bench filled, so only the corpus step and the queries ran again` : ''}). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)}.
The demo corpus and the war sample went through the whole pipeline${reuse ? '' : ` (${baseCount.toLocaleString('en')} records)`};
copies of those processed articles with their facts, under new ids and spread over 300 days, fill the
store to ${stats.articles.toLocaleString('en')} articles (${stats.facts.reduce((n, f) => n + f.facts, 0).toLocaleString('en')} facts, ${(dbSize / 2 ** 30).toFixed(1)} GiB); their
claim and event facts are dated with them, and the corpus step then rebuilt the ledger and merged events from
all ${derived.claims.toLocaleString('en')} claims and ${derived.events.toLocaleString('en')} event reports in ${deriveSeconds.toFixed(1)} s
(${derived.claimGroups.toLocaleString('en')} claim groups, ${derived.conflicts.toLocaleString('en')} conflicts, ${derived.mergedEvents.toLocaleString('en')} merged events).
Each query goes through the in-process API (routing, ${pgServer ? 'PostgreSQL 15 in a throwaway cluster on the same machine' : pgUrl ? 'PostgreSQL at --pg-url' : 'SQLite'}, JSON; no response cache) ${ROUNDS} times after 5 warm-up
requests; times in ms. Target (issue 9): p95 under 50 ms for search and event queries.
${fillSeconds === null ? '' : `Storing the ${(TOTAL - baseCount).toLocaleString('en')} copies (with their facts, batches of 1,000) took ${fillSeconds.toFixed(0)} s (${((TOTAL - baseCount) / fillSeconds).toFixed(0)} articles/s).\n`}${searchLine}
| query | request | status | total | p50 ms | p95 ms |
|---|---|---|---|---|---|
${rows.join('\n')}
${
  serverCpu.length
    ? `
PostgreSQL's own CPU time per search (user + system of the serving backend, from /proc; mean of 20
after 3 warm-up searches, \`PgStore.search\` called directly):

| query | server CPU ms |
|---|---|
${serverCpu.join('\n')}
`
    : ''
}<!-- /${marker} -->
`;
if (only !== null) process.exit(0);
const file = join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(file, 'utf8');
const open = current.indexOf(`<!-- ${marker} -->`);
const close = current.indexOf(`<!-- /${marker} -->`);
writeFileSync(
  file,
  open >= 0 && close > open
    ? current.slice(0, open) + section + current.slice(close + `<!-- /${marker} -->\n`.length)
    : `${current.trimEnd()}\n\n${section}`,
);
process.stdout.write(section);
