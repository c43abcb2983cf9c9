// `npm run bench:extraction`: HTML extraction speed on one core, on the 1,171 pages of the two
// extraction benchmarks (../shared/data), in two regimes, each in fresh child processes pinned to
// one core with `taskset -c 0` (the garbage collector and the compiler threads then share that core):
//   - first pass: a new process extracts every page once (what `sitrep eval extraction` times:
//     it includes compiling the code and filling the per-process tables);
//   - sustained: a new process extracts one half of the pages (alternate pages) to warm up and is
//     timed on the other half, then the same the other way round; no timed page was seen before
//     (a repeated page would hit the tables the first pass filled and flatter the figure). This is
//     the rate of a long ingest, where a process extracts thousands of pages.
// Each regime runs `--runs` times (default 3); the table gives the median run and the range.
// `--write` puts the table into docs/benchmarks.md between the bench:extraction markers.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractionPages } from '../eval/extraction.js';
import { htmlToArticleText } from '../src/stages/clean/index.js';
import { writeBenchmarkSection } from './sections.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  /** Pages timed. */
  pages: number;
  /** CPU time (user + system) of the timed pages, ms. */
  cpuMs: number;
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** In the child: extract and time as `mode` says; prints one JSON line. */
function child(mode: string, data: string): void {
  const pages = extractionPages(data);
  let timed = pages;
  if (mode.startsWith('half:')) {
    const half = Number(mode.slice(5));
    for (const [i, page] of pages.entries()) if (i % 2 !== half) htmlToArticleText(page.html, { url: page.url });
    timed = pages.filter((_, i) => i % 2 === half);
  }
  const start = process.cpuUsage();
  for (const page of timed) htmlToArticleText(page.html, { url: page.url });
  const run: Run = { pages: timed.length, cpuMs: cpuMs(start) };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function runChild(mode: string, data: string): Run {
  const script = fileURLToPath(import.meta.url);
  const argv = [script, '--child', mode, '--data', data];
  const out = pinned
    ? spawnSync('taskset', ['-c', '0', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 20 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`bench:extraction child ${mode} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as Run;
}

const rate = (r: Run) => r.pages / (r.cpuMs / 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const data = option('--data') ?? join(ROOT, '../shared/data');
  const mode = option('--child');
  if (mode) {
    child(mode, data);
    return;
  }
  if (!existsSync(join(data, 'article-extraction-benchmark'))) {
    process.stderr.write(`bench:extraction: no benchmark pages under ${data}\n`);
    process.exitCode = 1;
    return;
  }
  const runs = Number(option('--runs') ?? 3);
  const first: number[] = [];
  const sustained: number[] = [];
  let pages = 0;
  for (let r = 0; r < runs; r++) {
    const cold = runChild('cold', data);
    const a = runChild('half:0', data);
    const b = runChild('half:1', data);
    pages = cold.pages;
    first.push(rate(cold));
    sustained.push(rate({ pages: a.pages + b.pages, cpuMs: a.cpuMs + b.cpuMs }));
    process.stderr.write(
      `run ${r + 1}: first pass ${rate(cold).toFixed(1)}, sustained ${sustained.at(-1)?.toFixed(1)} pages/s\n`,
    );
  }
  const row = (name: string, xs: number[]) =>
    `| ${name} | ${pages} | **${median(xs).toFixed(1)}** | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} |`;
  const body = [
    `Command: \`npm run bench:extraction -- --runs ${runs} --write\` (bench/extraction.ts; ${runs} runs of each regime, fresh child processes${
      pinned ? ' pinned to one core with `taskset -c 0`' : ', not pinned (no taskset)'
    }). Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'Pages: the 181 pages of article-extraction-benchmark and the 990 of trafilatura-eval, decoded before timing;',
    'the time is the CPU time (user + system, collector and compiler threads included) spent in `htmlToArticleText`',
    '(parse, metadata, the whole extraction cascade). *First pass*: a new process extracts every page once, as',
    '`sitrep eval extraction` does (code compilation and the per-process tables are filled on the way). *Sustained*:',
    'a new process warms up on every other page and is timed on the remaining half (then the halves swap): no timed',
    'page was seen before, so this is the rate of a long ingest.',
    '',
    '| regime | pages | pages/s (CPU, median) | range |',
    '|---|---|---|---|',
    row('first pass (cold process)', first),
    row('sustained (warmed on the other half)', sustained),
    '',
    'Target (issue 3): ≥ 100 pages/s on one core. trafilatura: about 23 pages/s single-threaded (its own benchmark).',
  ].join('\n');
  process.stdout.write(`${body}\n`);
  if (argv.includes('--write')) writeBenchmarkSection('extraction', 'HTML extraction on one core', body);
}

main();
