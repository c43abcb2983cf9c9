// `npm run bench:workers [-- N]` (part of `npm run bench`): full-pipeline throughput on N
// generated articles (default 4,000; bench/generate.ts) with one SQLite process (its pipeline on
// the main thread, then in two threads: --threads 2), and with 1 and 2
// `sitrep worker` processes sharing a PostgreSQL queue (a throwaway server from
// test/postgres-server.ts); the time per article of each pipeline stage; peak memory; store
// sizes; and, in the same run on the same input, a naive baseline (Readability for the text,
// compromise for people, places and organisations, nothing else). Results go into
// docs/benchmarks.md between the bench:workers markers.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import nlp from 'compromise';
import { parseHTML } from 'linkedom';
import pg from 'pg';
import { type Article, newArticle, type RawRecord } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import { defaultStages } from '../src/stages/index.js';
import { readInputs } from '../src/stages/ingest/index.js';
import { startPostgres } from '../test/postgres-server.js';
import { generateArticles } from './generate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/sitrep.js');
const TOTAL = Number(process.argv[2] ?? 4000);
const STAGE_SAMPLE = Math.min(500, TOTAL);

const dir = mkdtempSync(join(tmpdir(), 'sitrep-workers-bench-'));
const input = join(dir, 'articles.jsonl');
writeFileSync(
  input,
  `${generateArticles(TOTAL, 777)
    .map((a) => JSON.stringify(a))
    .join('\n')}\n`,
);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Runs sitrep processes to the end; wall time and the peak resident memory of each. */
async function runProcesses(argsList: string[][]): Promise<{ seconds: number; peakMiB: number[] }> {
  const started = process.hrtime.bigint();
  const peaks = argsList.map(() => 0);
  const children = argsList.map((args) =>
    spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  const errors = children.map(() => '');
  children.forEach((c, i) => {
    c.stderr.on('data', (b: Buffer) => {
      errors[i] += b.toString();
    });
  });
  const sample = setInterval(() => {
    children.forEach((c, i) => {
      try {
        const status = readFileSync(`/proc/${c.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        peaks[i] = Math.max(peaks[i] as number, hwm);
      } catch {
        // exited
      }
    });
  }, 200);
  const codes = await Promise.all(children.map((c) => new Promise<number | null>((r) => c.once('exit', r))));
  clearInterval(sample);
  codes.forEach((code, i) => {
    if (code !== 0 && code !== 1) throw new Error(`sitrep ${argsList[i]?.join(' ')} exited ${code}: ${errors[i]}`);
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMiB: peaks };
}

// 1. Time per article of each stage, in this process, on a sample.
const records: RawRecord[] = [];
for await (const event of readInputs([input])) {
  if (event.kind === 'record' && records.length < STAGE_SAMPLE) records.push(event.record);
}
const pipeline = createPipeline(defaultStages());
const stageMs = new Map<string, number>();
for (const record of records) {
  let doc: Article = newArticle(record);
  for (const stage of pipeline.stages) {
    const t = performance.now();
    doc = stage.run(doc);
    stageMs.set(stage.name, (stageMs.get(stage.name) ?? 0) + performance.now() - t);
  }
}
say(`stages: ${[...stageMs].map(([n, ms]) => `${n} ${(ms / records.length).toFixed(2)} ms`).join(', ')}`);

// 2. The naive baseline on the same input: Readability, then compromise's named entities.
const baselineStart = performance.now();
let baselineEntities = 0;
for (const line of readFileSync(input, 'utf8').trim().split('\n')) {
  const a = JSON.parse(line) as { title: string; text: string };
  const html = `<html><head><title>${a.title}</title></head><body><article><h1>${a.title}</h1>${a.text
    .split(/\n+/)
    .map((p) => `<p>${p.replace(/[<&]/g, ' ')}</p>`)
    .join('')}</article></body></html>`;
  const { document } = parseHTML(html);
  const text = new Readability(document as unknown as Document).parse()?.textContent ?? '';
  const doc = nlp(text);
  baselineEntities += doc.people().length + doc.places().length + doc.organizations().length;
}
const baselineRate = TOTAL / ((performance.now() - baselineStart) / 1000);
say(`baseline: ${baselineRate.toFixed(0)} articles/s (${baselineEntities} entities)`);

// 3. One SQLite process, the embedded default.
const sqliteDb = join(dir, 'one.db');
const sqlite = await runProcesses([['ingest', input, '--db', sqliteDb, '--quiet']]);
/** A SQLite store's size on disk, its write-ahead log included. */
const storeSize = (file: string) =>
  statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
const sqliteSize = storeSize(sqliteDb);
say(`sqlite: ${(TOTAL / sqlite.seconds).toFixed(0)} articles/s`);
// the same with the per-article pipeline in two threads (src/jobs/pipeline-pool.ts)
const threadedDb = join(dir, 'threads.db');
const threaded = await runProcesses([['ingest', input, '--db', threadedDb, '--quiet', '--threads', '2']]);
say(`sqlite, --threads 2: ${(TOTAL / threaded.seconds).toFixed(0)} articles/s`);

// 4. PostgreSQL with 1 and 2 workers.
const server = await startPostgres();
const pgRows: Array<{ workers: number; queue: number; seconds: number; peak: number; size: number; articles: number }> =
  [];
try {
  for (const workers of [1, 2]) {
    const url = await server.createDatabase(`bench${workers}`);
    const queue = await runProcesses([['ingest', input, '--db', url, '--queue', '--quiet']]);
    const run = await runProcesses(
      Array.from({ length: workers }, () => ['worker', '--db', url, '--exit-when-idle', '--poll', '100', '--quiet']),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const size = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    const articles = Number((await client.query('SELECT count(*) AS n FROM articles')).rows[0].n);
    await client.end();
    pgRows.push({
      workers,
      queue: queue.seconds,
      seconds: run.seconds,
      peak: Math.max(...run.peakMiB),
      size,
      articles,
    });
    say(`postgres, ${workers} worker(s): ${(TOTAL / run.seconds).toFixed(0)} articles/s`);
  }
} finally {
  await server.stop();
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const one = pgRows[0];
const two = pgRows[1];
const totalStageMs = [...stageMs.values()].reduce((a, b) => a + b, 0) / records.length;
const table = [
  '<!-- bench:workers -->',
  `## Workers: ${TOTAL.toLocaleString('en')} generated articles, whole pipeline, SQLite and PostgreSQL`,
  '',
  `Command: \`npm run bench:workers -- ${TOTAL}\` (bench/workers.ts; articles from bench/generate.ts). Machine: ${machine}. ` +
    `Measured ${new Date().toISOString().slice(0, 10)}. PostgreSQL ${'15'} in a throwaway cluster on the same machine ` +
    '(fsync off, as in the tests). Each figure is wall time from process start to exit, so it includes start-up and the corpus step.',
  '',
  '| setup | articles/s | peak memory per process | store size |',
  '|---|---:|---:|---:|',
  `| naive baseline: Readability + compromise NER, in-process, nothing stored | ${baselineRate.toFixed(0)} | — | — |`,
  `| \`sitrep ingest\`, SQLite, one process | ${(TOTAL / sqlite.seconds).toFixed(1)} | ${sqlite.peakMiB[0]?.toFixed(0)} MiB | ${mib(sqliteSize)} |`,
  `| \`sitrep ingest --threads 2\`, SQLite, one process, pipeline in two threads | ${(TOTAL / threaded.seconds).toFixed(1)} | ${threaded.peakMiB[0]?.toFixed(0)} MiB | ${mib(storeSize(threadedDb))} |`,
  ...pgRows.map(
    (r) =>
      `| \`sitrep worker\` × ${r.workers}, PostgreSQL (queueing took ${r.queue.toFixed(1)} s more) | ${(TOTAL / r.seconds).toFixed(1)} | ${r.peak.toFixed(0)} MiB | ${mib(r.size)} |`,
  ),
  '',
  one && two
    ? `Second worker: ×${(one.seconds / two.seconds).toFixed(2)} (ideal ×2 on two cores; the linking step runs in one worker at a time). ` +
      `Articles stored: ${pgRows.map((r) => r.articles).join(' and ')} of ${TOTAL} (teasers included).`
    : '',
  '',
  `Time per article of each per-article stage (in-process, first ${records.length} articles, ${totalStageMs.toFixed(1)} ms in all):`,
  '',
  '| stage | ms per article | share |',
  '|---|---:|---:|',
  ...[...stageMs].map(
    ([name, ms]) =>
      `| ${name} | ${(ms / records.length).toFixed(2)} | ${((100 * ms) / records.length / totalStageMs).toFixed(0)}% |`,
  ),
  '<!-- /bench:workers -->',
].join('\n');
const docs = join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(docs, 'utf8');
const marked = /<!-- bench:workers -->[\s\S]*<!-- \/bench:workers -->/;
writeFileSync(docs, marked.test(current) ? current.replace(marked, table) : `${current.trimEnd()}\n\n${table}\n`);
say(table);
