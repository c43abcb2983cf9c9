// `npm run bench`: ingest throughput and search latency on the demo corpus and the war sample,
// measured in-process on this machine, written to docs/benchmarks.md.

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../src/core/pipeline.js';
import { runIngest } from '../src/jobs/ingest.js';
import { defaultStages } from '../src/stages/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const corpora = [
  { name: 'demo corpus (data/demo, 1,151 official statements, gzip)', path: join(ROOT, 'data/demo/articles.jsonl.gz') },
  {
    name: 'war sample (../shared/data, 558 articles)',
    path: join(ROOT, '../shared/data/ukraine-war-news-gdelt-sample/articles.jsonl'),
  },
].filter((c) => existsSync(c.path));
const QUERIES = [
  'Kharkiv',
  'humanitarian corridor',
  '"grain exports"',
  'sanction*',
  'Zelensky AND Biden',
  'Mariupol OR Kherson',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const rows: string[] = [];
for (const corpus of corpora) {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-bench-')), 'bench.db');
  const store = new SqliteStore(file);
  const started = process.hrtime.bigint();
  const summary = await runIngest({ store, pipeline: createPipeline(defaultStages()), paths: [corpus.path] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const again = process.hrtime.bigint();
  await runIngest({ store, pipeline: createPipeline(defaultStages()), paths: [corpus.path] });
  const rerun = Number(process.hrtime.bigint() - again) / 1e9;
  const latencies: number[] = [];
  for (let round = 0; round < 50; round++) {
    for (const q of QUERIES) {
      const t = process.hrtime.bigint();
      await store.search({ q, limit: 20 });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  latencies.sort((a, b) => a - b);
  await store.close();
  const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  rows.push(
    `| ${corpus.name} | ${summary.added} | ${seconds.toFixed(2)} s | ${(summary.added / seconds).toFixed(0)} | ${rerun.toFixed(2)} s | ${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 95).toFixed(2)} ms | ${(size / 1024 / 1024).toFixed(1)} MiB |`,
  );
}

const report = `# Benchmarks

Command: \`npm run bench\` (bench/ingest.ts). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)}.

Ingest is the whole per-article path: read and decode the input, skip known records, run the
pipeline (clean, time, entities, quotes, claims, events), the cross-article step (duplicates, stories, shared blocks), write in 500-record transactions with the FTS5 index, then the corpus step (claims ledger, merged events). The rerun is the
same ingest again (every record known: nothing is added). Search latency is over ${QUERIES.length} queries × 50
rounds, 20 hits each, with snippets. Peak resident memory of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.

| corpus | articles | ingest | articles/s | rerun | search p50 / p95 | store size |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Throughput with several workers and PostgreSQL: the Workers section below (also part of \`npm run bench\`); at 100,000 articles: Scale, API latency and Load below.
`;
// Keep the scale section that bench/scale.ts appends.
const previous = existsSync(join(ROOT, 'docs/benchmarks.md'))
  ? readFileSync(join(ROOT, 'docs/benchmarks.md'), 'utf8')
  : '';
const scale = previous.indexOf('\n## Scale:');
writeFileSync(join(ROOT, 'docs/benchmarks.md'), report + (scale >= 0 ? previous.slice(scale) : ''));
process.stdout.write(report);
