// The fuzz benchmark: runs every fuzz target (test/fuzz/targets.ts: each parser and extractor with
// a structured input generator) on N generated cases, timing each call. Each target runs in its own
// child process under a watchdog, so a real hang (an endless loop cannot be interrupted in-process)
// is killed and reported with the seed and case number that reproduce it. Records crashes
// (exceptions), broken invariants, cases over the per-case budget, the slowest case and cases/s,
// and writes the table into docs/benchmarks.md between the bench:fuzz markers.
//
//   node dist/bench/fuzz.js [cases per target, default 100000] [--budget ms] [--seed n]
//                           [--only name,name] [--no-write]

import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { TARGETS } from '../test/fuzz/targets.js';
import { writeBenchmarkSection } from './sections.js';

interface TargetResult {
  name: string;
  entry: string;
  cases: number;
  crashes: number;
  violations: number;
  overBudget: number;
  maxMs: number;
  p99Ms: number;
  seconds: number;
  /** A killed child: no progress for the watchdog's time. */
  hang: string | null;
  examples: string[];
}

type ChildMessage = { kind: 'progress'; done: number } | { kind: 'done'; result: Omit<TargetResult, 'hang'> };

/** No progress message for this long = a hang; the child is killed. */
const WATCHDOG_MS = 60_000;
const PROGRESS_EVERY = 200;

function parseArgs(argv: string[]) {
  const options = { cases: 100_000, budget: 1000, seed: 20221, only: null as string[] | null, write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    if (a === '--budget') options.budget = Number(argv[++i]);
    else if (a === '--seed') options.seed = Number(argv[++i]);
    else if (a === '--only') options.only = (argv[++i] ?? '').split(',');
    else if (a === '--no-write') options.write = false;
    else if (/^\d+$/.test(a)) options.cases = Number(a);
    else throw new Error(`unknown argument ${a}`);
  }
  return options;
}

/** In the child: run one target on `cases` inputs and report. */
async function runTarget(name: string, cases: number, budget: number, seed: number): Promise<void> {
  const target = TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target ${name}`);
  const times: number[] = [];
  const examples: string[] = [];
  let crashes = 0;
  let violations = 0;
  let overBudget = 0;
  const note = (what: string, input: unknown) => {
    if (examples.length < 5) examples.push(`${what} on ${JSON.stringify(input)?.slice(0, 300)}`);
  };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(target.arbitrary, async (input) => {
      const t0 = performance.now();
      try {
        const problems = await target.check(input);
        if (problems.length > 0) {
          violations += 1;
          note(`invariant: ${problems[0]}`, input);
        }
      } catch (error) {
        crashes += 1;
        note(`crash: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, input);
      }
      const ms = performance.now() - t0;
      times.push(ms);
      if (ms > budget) {
        overBudget += 1;
        note(`over budget (${ms.toFixed(0)} ms)`, input);
      }
      if (times.length % PROGRESS_EVERY === 0)
        process.send?.({ kind: 'progress', done: times.length } satisfies ChildMessage);
      return true;
    }),
    { numRuns: cases, seed, endOnFailure: true },
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const result: Omit<TargetResult, 'hang'> = {
    name,
    entry: target.entry,
    cases: times.length,
    crashes,
    violations,
    overBudget,
    maxMs: times.at(-1) ?? 0,
    p99Ms: times[Math.floor(times.length * 0.99)] ?? 0,
    seconds,
    examples,
  };
  process.send?.({ kind: 'done', result } satisfies ChildMessage);
}

/** In the parent: one child per target, killed when it stops making progress. */
function runChild(name: string, cases: number, budget: number, seed: number): Promise<TargetResult> {
  const entry = TARGETS.find((t) => t.name === name)?.entry ?? '';
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', name, String(cases), String(budget), String(seed)], {
      execArgv: ['--max-old-space-size=2048'],
    });
    let done = 0;
    let result: TargetResult | null = null;
    let timer = setTimeout(kill, WATCHDOG_MS);
    function kill() {
      result = {
        name,
        entry,
        cases: done,
        crashes: 0,
        violations: 0,
        overBudget: 0,
        maxMs: WATCHDOG_MS,
        p99Ms: Number.NaN,
        seconds: Number.NaN,
        hang: `no progress for ${WATCHDOG_MS / 1000} s after case ${done} (seed ${seed}): killed`,
        examples: [],
      };
      child.kill('SIGKILL');
    }
    child.on('message', (m: ChildMessage) => {
      clearTimeout(timer);
      if (m.kind === 'progress') {
        done = m.done;
        timer = setTimeout(kill, WATCHDOG_MS);
        if (done % 10_000 === 0) process.stderr.write(`  ${name}: ${done}\n`);
      } else result = { ...m.result, hang: null };
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        result ?? {
          name,
          entry,
          cases: done,
          crashes: 1,
          violations: 0,
          overBudget: 0,
          maxMs: Number.NaN,
          p99Ms: Number.NaN,
          seconds: Number.NaN,
          hang: null,
          examples: [`the process died (exit ${code}, signal ${signal}) after case ${done}`],
        },
      );
    });
  });
}

const n = (v: number, digits = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

function table(results: TargetResult[], options: ReturnType<typeof parseArgs>, wall: number): string {
  const lines = [
    `Command: \`nice npm run bench:fuzz -- ${options.cases}\` (bench/fuzz.ts; targets and generators in test/fuzz/targets.ts and arbitraries.ts; seed ${options.seed}; per-case budget ${options.budget} ms; one child process per target, killed after ${WATCHDOG_MS / 1000} s without progress). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, shared with other jobs. Measured ${new Date().toISOString().slice(0, 10)}; ${n(wall / 60, 1)} min in all.`,
    '',
    'A crash is an exception out of the parser (or a dead process); an invariant is a broken output rule (spans inside the text and equal to their quote, ISO dates naming real days, finite numbers, known rule ids with a reason, no `stage-failed`); over budget is a case slower than the budget; a hang is a child killed by the watchdog.',
    '',
    '| target | entry point | cases | crashes | invariants broken | hangs | over budget | max ms | p99 ms | cases/s |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.entry} | ${n(r.cases)} | ${r.crashes} | ${r.violations} | ${r.hang ? 1 : 0} | ${r.overBudget} | ${n(r.maxMs, 1)} | ${n(r.p99Ms, 2)} | ${n(r.cases / r.seconds)} |`,
    );
  }
  const notes = results.flatMap((r) => [
    ...(r.hang ? [`${r.name}: ${r.hang}`] : []),
    ...r.examples.map((e) => `${r.name}: ${e}`),
  ]);
  if (notes.length > 0) lines.push('', 'Findings:', '', ...notes.map((x) => `- ${x.replace(/\|/g, '\\|')}`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    await runTarget(argv[1] as string, Number(argv[2]), Number(argv[3]), Number(argv[4]));
    return;
  }
  const options = parseArgs(argv);
  const started = performance.now();
  const results: TargetResult[] = [];
  for (const t of TARGETS) {
    if (options.only && !options.only.includes(t.name)) continue;
    process.stderr.write(`${t.name}…\n`);
    const r = await runChild(t.name, options.cases, options.budget, options.seed);
    process.stderr.write(
      `  ${r.cases} cases, ${r.crashes} crashes, ${r.violations} broken, ${r.overBudget} over budget, max ${n(r.maxMs, 1)} ms, ${n(r.cases / r.seconds)}/s\n`,
    );
    results.push(r);
  }
  const body = table(results, options, (performance.now() - started) / 1000);
  process.stdout.write(`${body}\n`);
  if (options.write) writeBenchmarkSection('fuzz', 'Fuzzing the parsers', body);
}

await main();
