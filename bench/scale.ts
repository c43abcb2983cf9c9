// `npm run bench:scale [-- N]`: does a new article cost the same when the store holds 100,000?
// Generates N articles (default 100,000) by mutating the demo corpus and the war sample
// (sentences dropped, numbers and dates changed, one in ten a syndicated copy of an earlier one
// with new boilerplate), ingests them in slices of 10,000 with the whole pipeline (clean, time,
// duplicates, stories, shared blocks) and reports articles/s per slice, peak memory and store
// size. Results are appended to docs/benchmarks.md.

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../src/core/pipeline.js';
import { runIngest } from '../src/jobs/ingest.js';
import { defaultStages } from '../src/stages/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { generateArticles } from './generate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = Number(process.argv[2] ?? 100_000);
const SLICE = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'sitrep-scale-'));
const generated = generateArticles(TOTAL);
const slices: string[] = [];
for (let s = 0; s < TOTAL; s += SLICE) {
  const file = join(dir, `slice-${s / SLICE}.jsonl`);
  writeFileSync(
    file,
    `${generated
      .slice(s, s + SLICE)
      .map((g) => JSON.stringify(g))
      .join('\n')}\n`,
  );
  slices.push(file);
}
generated.length = 0;

const dbFile = join(dir, 'scale.db');
const store = new SqliteStore(dbFile);
const pipeline = createPipeline(defaultStages());
const rows: string[] = [];
let stored = 0;
for (const [k, file] of slices.entries()) {
  const t = process.hrtime.bigint();
  const summary = await runIngest({ store, pipeline, paths: [file] });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  stored += summary.added;
  const line = `| ${k + 1} | ${stored.toLocaleString('en')} | ${(summary.added / seconds).toFixed(0)} |`;
  rows.push(line);
  process.stdout.write(`${line}\n`);
}
const stats = await store.stats();
await store.close();
const size = statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
const report = `
## Scale: ${TOTAL.toLocaleString('en')} generated articles, whole pipeline

Command: \`npm run bench:scale -- ${TOTAL}\` (bench/scale.ts). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'},
${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, one process. Measured ${new Date().toISOString().slice(0, 10)}.
Articles are mutations of the demo corpus and the war sample (half the sentences of one text
interleaved with a third of another's, numbers changed, dates spread over 300 days; one in ten a
syndicated copy of an earlier one). Each slice of
${SLICE.toLocaleString('en')} is one \`runIngest\` (the per-article stages, duplicates, stories, shared blocks, the corpus step,
SQLite with FTS5) into the same store: if the cost of an article grew with the store, the last slices
would be slower than the first.

| slice | articles stored | articles/s in this slice |
|---|---|---|
${rows.join('\n')}

Result: ${stats.duplicates.toLocaleString('en')} duplicates, ${stats.stories.toLocaleString('en')} stories, ${stats.sharedBlocks.toLocaleString('en')} shared blocks;
store ${(size / 2 ** 20).toFixed(0)} MiB; peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.
`;
const benchmarks = join(ROOT, 'docs/benchmarks.md');
const current = readFileSync(benchmarks, 'utf8');
// Replace this benchmark's own section (up to the next one), keep the others.
const cut = current.indexOf('\n## Scale:');
const next = cut >= 0 ? current.indexOf('\n<!-- bench:', cut) : -1;
writeFileSync(
  benchmarks,
  cut >= 0 ? current.slice(0, cut) + report + (next >= 0 ? current.slice(next) : '') : current + report,
);
process.stdout.write(report);
