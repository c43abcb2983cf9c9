// The `sitrep` command line. Every command takes --db (default ./sitrep.db or $SITREP_DB);
// commands whose output is data take --json. Exit status: 0 success, 1 failure (usage, store,
// not found, bad query), 2 some inputs or records could not be ingested (the rest were).

import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { Evaluate } from '../../../eval/types.js';
import { INPUT_FORMATS, type InputFormat } from '../../core/document.js';
import { formatMessage, type Message } from '../../core/messages.js';
import { createPipeline, PipelineError } from '../../core/pipeline.js';
import { runIngest } from '../../jobs/ingest.js';
import { PipelinePool } from '../../jobs/pipeline-pool.js';
import { enqueueInputs } from '../../jobs/queue.js';
import { runWorker } from '../../jobs/worker.js';
import { defaultStages } from '../../stages/index.js';
import type { IngestOptions } from '../../stages/ingest/index.js';
import { isPostgresUrl, openStore, QuerySyntaxError, type Store, StoreOpenError } from '../../store/index.js';
import { type ExportFormat, writeEventExport, writeExport } from '../export/export.js';
import { isServerWorker, leaveCluster, reportListening, startWorkers } from '../http/cluster.js';
import { DEFAULT_RATE_LIMIT, isLoopback, newToken } from '../http/guard.js';
import { startServer } from '../http/server.js';
import { buildReport, reportHtml, reportMarkdown } from '../report/report.js';
import { isoDate, list, nonNegativeInt, port, positiveInt, untilSignal } from './options.js';
import { progressBar } from './progress.js';
import { registerWatchCommand } from './watch.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_PARTIAL = 2;

const ROOT_URL = new URL('../../../../', import.meta.url);
const EVAL_DIR = new URL('../../../eval/', import.meta.url);
export const DEMO_CORPUS = fileURLToPath(new URL('data/demo/articles.jsonl.gz', ROOT_URL));

/** The evaluation harnesses built: the eval/*.js modules that export `evaluate` (others are helpers). */
function evalNames(): string[] {
  const dir = fileURLToPath(EVAL_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.includes('.test.'))
    .filter((f) =>
      /export (async )?function evaluate\b|export const evaluate\b/.test(readFileSync(join(dir, f), 'utf8')),
    )
    .map((f) => f.slice(0, -3))
    .sort();
}

/** A failure the user can act on: printed as one line, no stack trace. */
class UserError extends Error {
  override name = 'UserError';
}

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  stopSignal?: Promise<void>;
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  let exitCode = EXIT_OK;

  const program = new Command('sitrep')
    .description('Turn raw news articles into a deduplicated, source-attributed record of what happened.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  const dbOption = () =>
    new Option('--db <file>', 'the store: a SQLite file or a postgres:// URL').default(
      process.env.SITREP_DB || './sitrep.db',
    );

  program
    .command('ingest')
    .description('read files, directories (recursively) or stdin (-) into the store; the same input twice adds nothing')
    .argument('<paths...>', '.txt .html .json .jsonl .csv .rss .atom .xml, any of them .gz; - for stdin')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'read every input as this format').choices([...INPUT_FORMATS]))
    .option('--encoding <label>', 'decode inputs with this encoding instead of UTF-8 (e.g. windows-1252)')
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes', positiveInt, 100 * 1024 * 1024)
    .option('--batch-size <n>', 'records per transaction', positiveInt, 500)
    .option('--threads <n>', 'threads running the per-article pipeline (1: none beside the main one)', positiveInt, 1)
    .option('--verbose', 'also print warnings stored on articles')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the summary as JSON')
    .option('--queue', 'with a postgres:// store: only queue the records for `sitrep worker` processes')
    .action(async (paths: string[], opts) => {
      exitCode = opts.queue
        ? await queueCommand(paths, opts, out, err)
        : await ingestCommand(paths, opts, io, out, err);
    });

  program
    .command('worker')
    .description('work through the ingest queue of a PostgreSQL store, beside any number of other workers')
    .addOption(dbOption())
    .option('--exit-when-idle', 'stop once the queue is empty and its runs are finished')
    .option('--poll <ms>', 'wait between looks at an empty queue, in milliseconds', positiveInt, 500)
    .option('--quiet', 'print nothing but errors')
    .action(async (opts: { db: string; exitWhenIdle?: boolean; poll: number; quiet?: boolean }) => {
      requirePostgres(opts.db, 'worker');
      const stop = new AbortController();
      (io.stopSignal ?? untilSignal()).then(() => stop.abort());
      const summary = await withStore(opts.db, (store) =>
        runWorker({
          url: opts.db,
          store,
          pipeline: createPipeline(defaultStages()),
          pollMs: opts.poll,
          exitWhenIdle: opts.exitWhenIdle === true,
          signal: stop.signal,
          log: (line) => (opts.quiet ? undefined : err(line)),
        }),
      );
      if (!opts.quiet) {
        out(
          `worker done: processed ${summary.processedRecords} records in ${summary.processedJobs} jobs, ` +
            `stored ${summary.storedJobs} jobs (${summary.added} added)` +
            (summary.finishedRuns.length ? `, finished runs ${summary.finishedRuns.join(', ')}` : '') +
            (summary.failedJobs ? `, ${summary.failedJobs} jobs failed` : ''),
        );
      }
      if (summary.failedJobs > 0) exitCode = EXIT_PARTIAL;
    });

  program
    .command('search')
    .description('full-text search: words, "phrases", AND, OR, NOT, prefix*; ranked, with snippets')
    .argument('<query...>')
    .addOption(dbOption())
    .option('--outlet <name>')
    .option('--language <code>')
    .option('--from <date>', 'published on or after (ISO date)')
    .option('--to <date>', 'published on or before (ISO date; the whole day)')
    .option('--limit <n>', 'hits to show', positiveInt, 10)
    .option('--offset <n>', 'hits to skip', nonNegativeInt, 0)
    .option('--json', 'print the hits as JSON')
    .action(async (words: string[], opts) => {
      await withStore(opts.db, async (store) => {
        const page = await store.search({ q: words.join(' '), ...pickFilter(opts) });
        if (opts.json) return out(JSON.stringify(page, null, 2));
        out(
          `${page.total} hits${page.total > page.items.length ? `, showing ${opts.offset + 1}–${opts.offset + page.items.length}` : ''}`,
        );
        const tty = io.stdout.isTTY === true;
        for (const [i, hit] of page.items.entries()) {
          const a = hit.article;
          out(`\n${opts.offset + i + 1}. ${a.title ?? '(untitled)'}  [${a.id}]`);
          out(`   ${[a.outlet, a.published, a.source].filter(Boolean).join(' · ')}`);
          out(`   ${highlight(hit.snippet, hit.highlights, tty)}`);
        }
      });
    });

  program
    .command('show')
    .description('one article: metadata, messages and clean text')
    .argument('<id>')
    .addOption(dbOption())
    .option('--raw', 'print the raw input as it was ingested')
    .option('--json', 'print the article and its facts as JSON')
    .action(async (id: string, opts) => {
      await withStore(opts.db, async (store) => {
        const doc = await store.getArticle(id);
        if (!doc) throw new UserError(`no article with id ${JSON.stringify(id)} in ${opts.db}`);
        if (opts.json) return out(JSON.stringify(doc, null, 2));
        if (opts.raw) return out(doc.raw);
        out(doc.title ?? '(untitled)');
        out(`id ${doc.id} · ${[doc.outlet, doc.published, doc.language].filter(Boolean).join(' · ')}`);
        out(`source ${doc.source}${doc.line ? `:${doc.line}` : ''}${doc.url ? ` · ${doc.url}` : ''}`);
        for (const m of doc.messages) out(`  ${formatMessage(m)}`);
        out();
        out(doc.text);
      });
    });

  program
    .command('stats')
    .description('what the store holds')
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        const stats = await store.stats();
        const runs = await store.runs(5);
        if (opts.json) return out(JSON.stringify({ ...stats, recentRuns: runs }, null, 2));
        out(`${stats.articles} articles (${stats.failedArticles} with a failed stage), ${stats.withPublished} dated`);
        out(`${stats.duplicates} duplicates, ${stats.stories} stories, ${stats.sharedBlocks} shared blocks`);
        if (stats.earliest) out(`published ${stats.earliest} … ${stats.latest}`);
        out(`formats: ${stats.formats.map((f) => `${f.format} ${f.articles}`).join(', ') || 'none'}`);
        out(
          `languages: ${stats.languages.map((l) => `${l.language ?? 'unknown'} ${l.articles}`).join(', ') || 'none'}`,
        );
        out('outlets:');
        for (const o of stats.outlets.slice(0, 15))
          out(`  ${String(o.articles).padStart(7)}  ${o.outlet ?? '(unknown)'}`);
        out(`facts: ${stats.facts.map((f) => `${f.kind} ${f.facts}`).join(', ') || 'none yet'}`);
        out(`ingest runs: ${stats.runs}, input messages: ${stats.inputMessages}`);
        for (const r of runs) {
          out(
            `  #${r.id} ${r.startedAt} +${r.added} (${r.skipped} known, ${r.failedInputs} failed inputs, ${r.messages} messages)${r.finishedAt ? '' : ' interrupted'}`,
          );
        }
      });
    });

  program
    .command('check')
    .description("check the store's integrity (SQLite, search index, identity)")
    .addOption(dbOption())
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        const problems = await store.check();
        for (const p of problems) err(p);
        out(problems.length === 0 ? 'ok' : `${problems.length} problems`);
        if (problems.length > 0) exitCode = EXIT_FAILURE;
      });
    });

  program
    .command('export')
    .description('write the store in export contract v1 (docs/export.md)')
    .addOption(dbOption())
    .addOption(
      new Option(
        '--format <format>',
        'json: one object; jsonl: {section, record} per line; acled-csv: the merged events in ACLED columns; geojson: the merged events as points',
      )
        .choices(['json', 'jsonl', 'acled-csv', 'geojson'])
        .default('json'),
    )
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts) => {
      await withStore(opts.db, async (store) => {
        const stream = opts.out ? createWriteStream(opts.out) : io.stdout;
        const write = (chunk: string) =>
          stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve()));
        const counts =
          opts.format === 'acled-csv' || opts.format === 'geojson'
            ? await writeEventExport(store, opts.format, write)
            : await writeExport(store, opts.format as ExportFormat, write);
        if (opts.out) {
          await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
          err(
            `wrote ${opts.out}: ${Object.entries(counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}`,
          );
        }
      });
    });

  interface ServeOptions {
    db: string;
    host: string;
    port: number;
    token?: string;
    insecureNoToken?: boolean;
    cors?: string[];
    rateLimit: number;
    workers?: number;
  }
  const announce = (opts: ServeOptions, url: string, token: string | null, how = '') => {
    out(`sitrep is serving ${opts.db} on ${url}${how} (Ctrl-C to stop)`);
    if (token) {
      out(`access token required; the desk: ${url}/?token=${encodeURIComponent(token)}`);
      out(`API clients send the header "Authorization: Bearer ${token}"`);
    } else if (!isLoopback(opts.host)) {
      err(`warning: ${opts.host} is served without an access token (--insecure-no-token)`);
    }
  };
  const serveCommand = async (opts: ServeOptions) => {
    // Beyond loopback the API needs a token: the one given, SITREP_TOKEN, or a fresh one printed once.
    const wide = !isLoopback(opts.host);
    const token = opts.token || process.env.SITREP_TOKEN || (wide && !opts.insecureNoToken ? newToken() : null);
    const workers = opts.workers ?? 1;
    if (workers > 1 && !isServerWorker()) {
      // The primary: open the store once (a bad file fails here, migrations run once), then fork
      // the workers, which run this same command and share the port (src/interfaces/http/cluster.ts).
      await openStore(opts.db).close();
      const pool = await startWorkers({ workers, env: token ? { SITREP_TOKEN: token } : {}, log: err }).catch(
        (e: Error) => {
          throw new UserError(`cannot serve on ${opts.host}:${opts.port} with ${workers} processes: ${e.message}`);
        },
      );
      announce(opts, pool.url, token, ` with ${workers} processes`);
      await (io.stopSignal ?? untilSignal());
      await pool.close();
      return;
    }
    const store = openStore(opts.db);
    try {
      const server = await startServer({
        store,
        host: opts.host,
        port: opts.port,
        allowNoToken: opts.insecureNoToken === true,
        guard: {
          token,
          corsOrigins: opts.cors ?? [],
          rateLimit: opts.rateLimit > 0 ? { ...DEFAULT_RATE_LIMIT, perSecond: opts.rateLimit } : false,
        },
      }).catch((e: Error) => {
        throw new UserError(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
      });
      // a worker tells the primary, which speaks for all of them
      if (isServerWorker()) reportListening(server.url);
      else announce(opts, server.url, token);
      await (io.stopSignal ?? untilSignal());
      await server.close();
    } finally {
      await store.close();
      leaveCluster();
    }
  };

  const serveOptions = (command: Command) =>
    command
      .addOption(dbOption())
      .option('--host <host>', 'address to bind (anything but loopback needs an access token)', '127.0.0.1')
      .option('--port <port>', 'port to bind', port, 8080)
      .option(
        '--token <token>',
        'access token every request must carry (default $SITREP_TOKEN; made up when binding beyond loopback)',
      )
      .option('--insecure-no-token', 'serve a non-loopback address without a token')
      .option('--cors <origins>', 'comma-separated origins allowed to call the API from a browser (default none)', list)
      .option(
        '--rate-limit <n>',
        'requests per second per remote client, loopback exempt; 0 turns it off',
        nonNegativeInt,
        20,
      )
      .option(
        '--workers <n>',
        'processes serving the API (one per core helps searches; each has its own response cache and rate limiter)',
        positiveInt,
        1,
      );

  serveOptions(program.command('serve').description('serve the HTTP API and the web desk')).action(serveCommand);

  serveOptions(
    program.command('demo').description('ingest the bundled demo corpus (official statements, 2022) and serve it'),
  ).action(async (opts) => {
    // a server worker (--workers) runs this command line again: the primary has ingested already
    if (isServerWorker()) return serveCommand(opts);
    if (!existsSync(DEMO_CORPUS)) throw new UserError(`the demo corpus is missing: ${DEMO_CORPUS}`);
    const code = await ingestCommand(
      [DEMO_CORPUS],
      { db: opts.db, maxBytes: 100 * 1024 * 1024, batchSize: 500, threads: 1 },
      io,
      out,
      err,
    );
    if (code === EXIT_FAILURE) {
      exitCode = code;
      return;
    }
    await serveCommand(opts);
  });

  program
    .command('report')
    .description(
      'a situation report for a period: top stories, most mentioned places, people, organisations; every line cited',
    )
    .addOption(dbOption())
    .requiredOption('--from <date>', 'first day (ISO date)', isoDate)
    .requiredOption('--to <date>', 'last day (ISO date)', isoDate)
    .addOption(new Option('--format <format>', 'md or html').choices(['md', 'html']).default('md'))
    .option('--top <n>', 'lines per section', positiveInt, 10)
    .option('--out <file>', 'write here instead of stdout')
    .action(
      async (opts: { db: string; from: string; to: string; format: 'md' | 'html'; top: number; out?: string }) => {
        if (opts.from > opts.to) throw new UserError(`--from ${opts.from} is after --to ${opts.to}`);
        await withStore(opts.db, async (store) => {
          const report = await buildReport(store, { from: opts.from, to: opts.to, top: opts.top });
          const text = opts.format === 'html' ? reportHtml(report) : reportMarkdown(report);
          if (opts.out) {
            writeFileSync(opts.out, text);
            err(`wrote ${opts.out}`);
          } else out(text);
        });
      },
    );

  program
    .command('eval')
    .description('run an evaluation harness over public data and print its results table')
    .argument('<name>', 'the harness to run (listed below)')
    // Listed only when help is shown: every other command starts without reading eval/.
    .addHelpText('after', () => `\nHarnesses: ${evalNames().join(', ') || '(none built)'}`)
    .option(
      '--data <dir>',
      'the public evaluation data',
      fileURLToPath(new URL('../../../../../shared/data', import.meta.url)),
    )
    .option('--limit <n>', 'only the first N items (a quick run)', positiveInt)
    .option('--write', 'also save the table as docs/evaluation/<name>.md')
    .action(async (name: string, opts: { data: string; limit?: number; write?: boolean }) => {
      const names = evalNames();
      if (!names.includes(name))
        throw new UserError(`no evaluation named ${JSON.stringify(name)}; try: ${names.join(', ')}`);
      if (!existsSync(opts.data))
        throw new UserError(`the evaluation data folder ${opts.data} does not exist (--data)`);
      const harness = (await import(new URL(`${name}.js`, EVAL_DIR).href)) as { evaluate: Evaluate };
      const report = await harness.evaluate({ data: opts.data, ...(opts.limit && { limit: opts.limit }), log: err });
      out(report.markdown);
      if (opts.write) {
        const file = fileURLToPath(new URL(`docs/evaluation/${name}.md`, ROOT_URL));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, report.markdown);
        err(`wrote ${file}`);
      }
    });

  registerWatchCommand(program, {
    io,
    dbOption,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
    }
    if (
      error instanceof UserError ||
      error instanceof QuerySyntaxError ||
      error instanceof StoreOpenError ||
      error instanceof PipelineError
    ) {
      err(`sitrep: ${error.message}`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

interface IngestCliOptions {
  db: string;
  format?: InputFormat;
  encoding?: string;
  maxBytes: number;
  batchSize: number;
  threads: number;
  verbose?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** The readers' options from `ingest`'s flags; an encoding the runtime does not know is refused. */
function readerOptions(opts: IngestCliOptions): Partial<IngestOptions> {
  if (opts.encoding) {
    try {
      new TextDecoder(opts.encoding);
    } catch {
      throw new UserError(`unknown encoding ${JSON.stringify(opts.encoding)}`);
    }
  }
  return {
    maxBytes: opts.maxBytes,
    ...(opts.format && { format: opts.format }),
    ...(opts.encoding && { encoding: opts.encoding }),
  };
}

async function ingestCommand(
  paths: string[],
  opts: IngestCliOptions,
  io: CliIo,
  out: (line?: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const ingest = readerOptions(opts);
  const pipeline = createPipeline(defaultStages());
  const pool = opts.threads > 1 ? PipelinePool.start(opts.threads) : undefined;
  return withStore(opts.db, async (store) => {
    const bar = progressBar(io.stderr, io.stderr.isTTY === true && !opts.quiet && !opts.json);
    const print = (m: Message) => {
      if (m.severity === 'info' || (m.severity === 'warning' && !opts.verbose)) return;
      bar.clear();
      err(formatMessage(m));
    };
    const summary = await runIngest({
      store,
      pipeline,
      ...(pool && { pool }),
      paths,
      ingest,
      batchSize: opts.batchSize,
      onProgress: (p) => bar.update(p),
      onMessage: print,
    }).finally(() => pool?.close());
    bar.done();
    if (opts.json) out(JSON.stringify(summary, null, 2));
    else if (!opts.quiet) {
      out(
        `ingested ${summary.records} records from ${summary.inputs} inputs into ${opts.db}: ` +
          `${summary.added} added, ${summary.skipped} already stored` +
          (summary.failedInputs ? `, ${summary.failedInputs} inputs failed` : '') +
          (summary.failedRecords ? `, ${summary.failedRecords} records could not be read` : '') +
          (summary.failedArticles ? `, ${summary.failedArticles} articles stored with a failed stage` : ''),
      );
      if (summary.corpus) {
        const c = summary.corpus;
        out(
          `ledger: ${c.claims} claims as ${c.claimGroups} distinct, ${c.conflicts} conflicts; ` +
            `events: ${c.events} reports merged into ${c.mergedEvents}`,
        );
      }
    }
    return summary.failedInputs + summary.failedRecords + summary.failedArticles > 0 ? EXIT_PARTIAL : EXIT_OK;
  });
}

function requirePostgres(db: string, what: string): void {
  if (!isPostgresUrl(db)) {
    throw new UserError(
      `${what} shares work through a PostgreSQL store (--db postgres://…); with a SQLite file use \`sitrep ingest\``,
    );
  }
}

async function queueCommand(
  paths: string[],
  opts: IngestCliOptions,
  out: (line?: string) => void,
  err: (line: string) => void,
): Promise<number> {
  requirePostgres(opts.db, 'ingest --queue');
  const ingest = readerOptions(opts);
  const summary = await withStore(opts.db, (store) =>
    enqueueInputs({
      url: opts.db,
      store,
      paths,
      ingest,
      batchSize: Math.min(opts.batchSize, 200),
      onMessage: (m) => {
        if (m.severity !== 'info' && m.severity !== 'warning') err(formatMessage(m));
      },
    }),
  );
  if (opts.json) out(JSON.stringify(summary, null, 2));
  else if (!opts.quiet) {
    out(
      `queued ${summary.records} records from ${summary.inputs} inputs as ${summary.jobs} jobs of run ${summary.run}; ` +
        'start `sitrep worker --db …` processes to work through them',
    );
  }
  return summary.failedInputs + summary.failedRecords > 0 ? EXIT_PARTIAL : EXIT_OK;
}

async function withStore<T>(db: string, action: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(db);
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

function pickFilter(opts: Record<string, unknown>) {
  const filter: Record<string, unknown> = { limit: opts.limit, offset: opts.offset };
  for (const key of ['outlet', 'language', 'from', 'to']) if (opts[key]) filter[key] = opts[key];
  return filter;
}

function highlight(snippet: string, spans: Array<{ start: number; end: number }>, tty: boolean): string {
  let result = '';
  let at = 0;
  for (const s of spans) {
    const word = snippet.slice(s.start, s.end);
    result += snippet.slice(at, s.start) + (tty ? `\x1b[1;33m${word}\x1b[0m` : `[${word}]`);
    at = s.end;
  }
  return result + snippet.slice(at);
}
