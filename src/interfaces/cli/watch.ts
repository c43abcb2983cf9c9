// `sitrep watch --feeds FILE`: polls the feeds and article URLs a file lists and ingests what is
// new, until Ctrl-C (or once with --once). Registered on the program by main.ts; it prints its own
// errors (`sitrep: …`, exit status 1) so main.ts needs only the one registering call.

import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatMessage } from '../../core/messages.js';
import { createPipeline, PipelineError } from '../../core/pipeline.js';
import { parseDuration, parseFeedsFile, Watcher } from '../../jobs/watch.js';
import { defaultStages } from '../../stages/index.js';
import { isPostgresUrl, openStore, StoreOpenError } from '../../store/index.js';
import { nonNegativeInt, positiveInt, untilSignal } from './options.js';

export interface WatchCommandContext {
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stopSignal?: Promise<void> };
  /** The shared --db option. */
  dbOption: () => Option;
  setExitCode: (code: number) => void;
}

class WatchUsageError extends Error {}

interface WatchCliOptions {
  db: string;
  feeds: string;
  state?: string;
  interval: number;
  hostDelay: number;
  fetchArticles: boolean;
  allowPrivate?: boolean;
  maxBytes: number;
  maxRedirects: number;
  timeout: number;
  connectTimeout: number;
  readTimeout: number;
  backoff: number;
  maxBackoff: number;
  deriveDelay: number;
  once?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function registerWatchCommand(program: Command, context: WatchCommandContext): void {
  const { io } = context;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  program
    .command('watch')
    .description('poll RSS/Atom feeds and article URLs listed in a file and ingest what is new, until Ctrl-C')
    .requiredOption('--feeds <file>', 'one URL per line, optionally "every=30s" and "kind=feed|article"; # comments')
    .addOption(context.dbOption())
    .option('--state <file>', 'validators and backoff, kept across restarts (default: <db>.watch.json)')
    .addOption(
      durationOption('--interval <duration>', 'poll interval of URLs without every= (e.g. 30s, 5m)', 300_000, '5m'),
    )
    .addOption(durationOption('--host-delay <duration>', 'minimum gap between two requests to one host', 1000, '1s'))
    .option('--no-fetch-articles', "ingest each new item from the feed's description instead of its linked page")
    .option('--allow-private', 'allow loopback, private and link-local addresses (refused by default)')
    .option('--max-bytes <n>', 'largest response accepted, also once decompressed', positiveInt, 10 * 1024 * 1024)
    .option('--max-redirects <n>', 'redirects followed per request', nonNegativeInt, 5)
    .addOption(durationOption('--timeout <duration>', 'total time allowed for one request', 60_000, '60s'))
    .addOption(durationOption('--connect-timeout <duration>', 'time allowed to connect', 10_000, '10s'))
    .addOption(durationOption('--read-timeout <duration>', 'longest silence while reading an answer', 20_000, '20s'))
    .addOption(
      durationOption('--backoff <duration>', 'wait after a first failure (doubling, with jitter)', 30_000, '30s'),
    )
    .addOption(durationOption('--max-backoff <duration>', 'longest wait between failing attempts', 3_600_000, '1h'))
    .addOption(
      durationOption(
        '--derive-delay <duration>',
        'the corpus step (ledger, events) runs this long after new articles',
        5000,
        '5s',
      ),
    )
    .option('--once', 'poll every URL once, ingest, and exit')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'also print warnings stored on articles')
    .action(async (opts: WatchCliOptions) => {
      try {
        context.setExitCode(await watchCommand(opts, context, out, err));
      } catch (error) {
        if (error instanceof WatchUsageError || error instanceof StoreOpenError || error instanceof PipelineError) {
          err(`sitrep: ${error.message}`);
          context.setExitCode(1);
          return;
        }
        throw error;
      }
    });
}

async function watchCommand(
  opts: WatchCliOptions,
  context: WatchCommandContext,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let text: string;
  try {
    text = readFileSync(opts.feeds, 'utf8');
  } catch (error) {
    throw new WatchUsageError(`cannot read the feeds file ${opts.feeds}: ${(error as Error).message}`);
  }
  const { sources, problems } = parseFeedsFile(text, opts.feeds);
  if (problems.length > 0) throw new WatchUsageError(`the feeds file has problems:\n  ${problems.join('\n  ')}`);
  if (sources.length === 0) throw new WatchUsageError(`the feeds file ${opts.feeds} lists no URL`);
  const statePath = opts.state ?? (isPostgresUrl(opts.db) ? './sitrep.watch.json' : `${opts.db}.watch.json`);
  const pipeline = createPipeline(defaultStages());
  const store = openStore(opts.db);
  let watcher: Watcher;
  try {
    watcher = new Watcher({
      store,
      pipeline,
      sources,
      statePath,
      intervalMs: opts.interval,
      hostDelayMs: opts.hostDelay,
      fetchArticles: opts.fetchArticles,
      backoff: { baseMs: opts.backoff, maxMs: opts.maxBackoff },
      deriveDelayMs: opts.deriveDelay,
      deriveStore: opts.db,
      fetch: {
        allowPrivate: opts.allowPrivate === true,
        maxBytes: opts.maxBytes,
        maxRedirects: opts.maxRedirects,
        totalTimeoutMs: opts.timeout,
        connectTimeoutMs: opts.connectTimeout,
        readTimeoutMs: opts.readTimeout,
      },
      onLog: (line) => {
        if (line.startsWith('watch: +')) {
          if (!opts.quiet) out(line);
        } else err(line);
      },
      onMessage: (m) => {
        if (m.severity === 'info' || (m.severity === 'warning' && !opts.verbose)) return;
        err(formatMessage(m));
      },
    });
  } catch (error) {
    await store.close();
    throw new WatchUsageError((error as Error).message);
  }
  try {
    if (opts.once) {
      await watcher.pollAll();
    } else {
      if (!opts.quiet) out(`sitrep is watching ${sources.length} URLs into ${opts.db} (Ctrl-C to stop)`);
      const stop = context.io.stopSignal ?? untilSignal();
      void stop.then(() => watcher.stop());
      await watcher.run();
    }
  } finally {
    await watcher.settle().catch(() => {});
    await store.close();
  }
  const s = watcher.stats;
  if (!opts.quiet)
    out(
      `watch: ${s.polls} polls (${s.notModified} not modified, ${s.failures} failed), ${s.newItems} new items, ` +
        `${s.added} added (${s.pagesFetched} from their pages, ${s.fromDescription} from feed descriptions); state in ${statePath}`,
    );
  return opts.once && s.failures > 0 ? 2 : 0;
}

function durationOption(flags: string, description: string, ms: number, shown: string): Option {
  return new Option(flags, description).argParser(duration).default(ms, shown);
}

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError('expected a duration such as 500ms, 30s, 5m or 1h');
  return ms;
}
