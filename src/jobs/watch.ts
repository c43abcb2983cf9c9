// The watch job: polls RSS/Atom feeds and article URLs and feeds what is new through the ingest
// job, for as long as it runs. Every request goes through the safe fetcher (src/net/fetch.ts),
// one at a time per host with a delay between them, with conditional requests (ETag and
// Last-Modified, so an unchanged feed is a 304) and exponential backoff with jitter on failure
// (Retry-After honoured). A new feed item's linked page is fetched (falling back to the feed's own
// description) and ingested at once; the whole-corpus step (ledger, merged events) runs a little
// later, batched, so a new article is visible in seconds, not after the corpus is rebuilt.
// Identity is the item's guid or link, so items already stored are neither fetched nor stored
// again. Validators and backoff are saved in a JSON state file so a restart does not refetch all.

import { createHash } from 'node:crypto';
import type { RawRecord, RecordFields } from '../core/document.js';
import { recordKey } from '../core/document.js';
import { type Message, message } from '../core/messages.js';
import type { Pipeline } from '../core/pipeline.js';
import { deriveCorpus } from '../corpus/derive.js';
import { type FetchResult, type SafeFetchOptions, safeFetch } from '../net/fetch.js';
import {
  type BackoffOptions,
  backoffDelay,
  DEFAULT_BACKOFF,
  delay,
  HostQueue,
  retryAfterMs,
} from '../net/politeness.js';
import { PollState } from '../net/state.js';
import { decodeBytes } from '../stages/ingest/decode.js';
import { readFeed } from '../stages/ingest/feeds.js';
import { sniffFormat } from '../stages/ingest/formats.js';
import type { IngestEvent } from '../stages/ingest/index.js';
import { binaryReason } from '../stages/ingest/load.js';
import type { Store } from '../store/store.js';
import { runIngest } from './ingest.js';
import { deriveInWorker } from './watch-derive.js';

/** One line of a feeds file. */
export interface WatchSource {
  url: string;
  /** Poll interval for this URL (else the watch's interval). */
  everyMs?: number;
  /** 'feed' or 'article' when forced; otherwise told from the content. */
  kind?: 'feed' | 'article';
  /** Where it was listed, for messages. */
  line?: number;
}

/**
 * Reads a feeds file: one URL per line, optionally followed by `every=DURATION` and
 * `kind=feed|article`; `#` starts a comment (at the start of a line or after white space).
 * Returns the sources and one problem string per bad line (naming file and line).
 */
export function parseFeedsFile(text: string, file: string): { sources: WatchSource[]; problems: string[] } {
  const sources: WatchSource[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const content = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') continue;
    const [url = '', ...options] = content.split(/\s+/);
    const where = `${file}:${line}`;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${where}: ${JSON.stringify(url)} is not a URL`);
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`${where}: ${url} is not an http or https URL`);
      continue;
    }
    const source: WatchSource = { url: parsed.href, line };
    let bad = false;
    for (const option of options) {
      const [name, value = ''] = option.split('=', 2);
      if (name === 'every') {
        const ms = parseDuration(value);
        if (ms === null) {
          problems.push(`${where}: every=${value} is not a duration (such as 30s, 500ms, 5m, 1h)`);
          bad = true;
        } else source.everyMs = ms;
      } else if (name === 'kind' && (value === 'feed' || value === 'article')) source.kind = value;
      else {
        problems.push(`${where}: unknown option ${JSON.stringify(option)} (known: every=DURATION, kind=feed|article)`);
        bad = true;
      }
    }
    if (bad) continue;
    if (seen.has(source.url)) {
      problems.push(`${where}: ${source.url} is listed twice`);
      continue;
    }
    seen.add(source.url);
    sources.push(source);
  }
  return { sources, problems };
}

/** `500ms`, `0.5s`, `30s`, `5m`, `1h`, or a bare number of seconds, as ms; null when not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  const ms = Math.round(Number(match[1]) * unit);
  return Number.isFinite(ms) ? ms : null;
}

export interface WatchOptions {
  store: Store;
  pipeline: Pipeline;
  sources: WatchSource[];
  /** Poll interval of sources without their own `every=` (default 5 minutes). */
  intervalMs?: number;
  /** Fetch each new item's linked page (default true); else ingest the feed's description. */
  fetchArticles?: boolean;
  /** Safe-fetcher settings (allowPrivate, timeouts, size cap, redirects). */
  fetch?: Partial<SafeFetchOptions>;
  /** Minimum gap between two requests to one host (default 1 s). */
  hostDelayMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** The validators and backoff file (null: memory only). */
  statePath?: string | null;
  /** The corpus step runs this long after the first ingest it has not yet covered (default 5 s). */
  deriveDelayMs?: number;
  /**
   * The store spec (a SQLite path) for running the corpus step in a worker thread with its own
   * connection, so that it never holds back ingestion; without it the step runs between ingests.
   */
  deriveStore?: string;
  /** A line for the user: what was added, what failed and when it is retried. */
  onLog?: (line: string) => void;
  /** Problems with inputs, records or stored articles (as ingest reports them). */
  onMessage?: (message: Message) => void;
  /** For tests: the jitter source. */
  random?: () => number;
}

export interface WatchStats {
  polls: number;
  /** Answers 304 Not Modified. */
  notModified: number;
  /** Failed polls (network, refused, HTTP errors). */
  failures: number;
  /** Feed items not stored before. */
  newItems: number;
  /** Records stored (articles; teasers not counted). */
  added: number;
  /** New items whose linked page was fetched and used. */
  pagesFetched: number;
  /** New items stored from the feed's own description (no link, page not fetched or not usable). */
  fromDescription: number;
  /** Corpus-step runs. */
  derived: number;
}

/** What one poll of one source did. */
export interface PollOutcome {
  url: string;
  status: number | null;
  /** 'new' = records were submitted to ingest. */
  result: 'not-modified' | 'unchanged' | 'new' | 'failed' | 'stored-before';
  added: number;
  /** When the source will be polled next (epoch ms). */
  next: number;
  error?: string;
}

interface IngestJob {
  records: RawRecord[];
  messages: Message[];
  source: string;
  resolve: (added: number) => void;
  reject: (error: unknown) => void;
}

export class Watcher {
  readonly stats: WatchStats = {
    polls: 0,
    notModified: 0,
    failures: 0,
    newItems: 0,
    added: 0,
    pagesFetched: 0,
    fromDescription: 0,
    derived: 0,
  };
  readonly state: PollState;
  private readonly hosts: HostQueue;
  private readonly backoff: BackoffOptions;
  private readonly log: (line: string) => void;
  private pending: IngestJob[] = [];
  private busy: Promise<void> | null = null;
  private deriving: Promise<void> | null = null;
  /** Keys of feed items being read (page fetch, ingest) by some poll. */
  private readonly reading = new Set<string>();
  private deriveTimer: NodeJS.Timeout | null = null;
  private deriveDue = false;
  /** The latest ingest run the corpus step has not covered yet. */
  private underivedRun: number | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly options: WatchOptions) {
    this.state = PollState.load(options.statePath ?? null);
    this.hosts = new HostQueue(options.hostDelayMs ?? 1000);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.log = options.onLog ?? (() => {});
  }

  /** Polls every source on its schedule until stop(); resolves once everything has settled. */
  async run(): Promise<WatchStats> {
    const loops = this.options.sources.map((source) => this.loop(source));
    await Promise.all(loops);
    await this.settle();
    return this.stats;
  }

  /** Polls every source once (not waiting for schedules) and waits for their ingestion. */
  async pollAll(): Promise<PollOutcome[]> {
    const outcomes = await Promise.all(this.options.sources.map((source) => this.poll(source)));
    await this.settle();
    return outcomes;
  }

  /** Stops polling: in-flight fetches are cancelled, queued records still stored. */
  stop(): void {
    this.abort.abort(new Error('watch stopped'));
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** Waits for queued ingestion, runs a pending corpus step, saves the state. */
  async settle(): Promise<void> {
    while (this.busy) await this.busy;
    while (this.deriving) await this.deriving;
    if (this.deriveTimer) clearTimeout(this.deriveTimer);
    this.deriveTimer = null;
    if (this.underivedRun !== null) {
      this.deriveDue = true;
      this.startDerive();
      while (this.busy) await this.busy;
      while (this.deriving) await this.deriving;
    }
    this.saveState();
  }

  private saveState(): void {
    try {
      this.state.save();
    } catch (error) {
      this.log(`watch: cannot save the state file: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async loop(source: WatchSource): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const { notBefore = 0, failures } = this.state.get(source.url);
      // A saved schedule from an earlier run: backoff is kept, a plain interval may have been shortened.
      const interval = source.everyMs ?? this.options.intervalMs ?? 300_000;
      const wait = Math.min(notBefore - Date.now(), failures > 0 ? Number.POSITIVE_INFINITY : interval);
      if (wait > 0) {
        try {
          await delay(wait, signal);
        } catch {
          return;
        }
      }
      try {
        const outcome = await this.poll(source);
        if (outcome.result === 'stored-before') return;
      } catch (error) {
        // Not a fetch problem (those are outcomes): the store failed. Retry later, do not stop the others.
        const reason = `polling failed: ${error instanceof Error ? error.message : String(error)}`;
        this.failed(source.url, null, reason, source.everyMs ?? this.options.intervalMs ?? 300_000, null);
      }
      this.saveState();
    }
  }

  /** One poll of one source: fetch (conditionally), parse, submit new items, update its state. */
  async poll(source: WatchSource): Promise<PollOutcome> {
    const url = source.url;
    const interval = source.everyMs ?? this.options.intervalMs ?? 300_000;
    const previous = this.state.get(url);
    if (previous.done) return { url, status: null, result: 'stored-before', added: 0, next: Number.POSITIVE_INFINITY };
    // An article URL stored before (by an earlier watch or ingest) is not fetched again.
    if (source.kind !== 'feed' && (await this.options.store.existingKeys([`url:${url}`])).size > 0) {
      this.state.update(url, { done: true });
      return { url, status: null, result: 'stored-before', added: 0, next: Number.POSITIVE_INFINITY };
    }
    this.stats.polls++;
    const headers: Record<string, string> = {};
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
    let response: FetchResult;
    try {
      response = await this.fetch(url, headers);
    } catch (error) {
      if (this.stopped) return { url, status: null, result: 'failed', added: 0, next: Number.POSITIVE_INFINITY };
      return this.failed(url, null, error instanceof Error ? error.message : String(error), interval, null);
    }
    if (response.status === 304) {
      this.stats.notModified++;
      return this.succeeded(url, 304, interval, 'not-modified', 0, {});
    }
    if (response.status < 200 || response.status > 299) {
      const retry =
        response.status === 429 || response.status === 503 ? retryAfterMs(response.headers['retry-after']) : null;
      if (retry !== null) this.hosts.pause(new URL(response.finalUrl).hostname, Date.now() + retry);
      return this.failed(url, response.status, `${url}: HTTP ${response.status}`, interval, retry);
    }
    const text = decodeBody(response);
    if (!text.ok) return this.failed(url, response.status, `${url}: ${text.reason}`, interval, null);
    const validators = {
      etag: headerText(response.headers.etag),
      lastModified: headerText(response.headers['last-modified']),
    };
    const kind = source.kind ?? (sniffFormat(text.text) === 'feed' ? 'feed' : 'article');
    let added: number;
    try {
      added = kind === 'feed' ? await this.feedItems(url, text.text) : await this.articlePage(url, text.text);
    } catch (error) {
      if (this.stopped)
        return { url, status: response.status, result: 'failed', added: 0, next: Number.POSITIVE_INFINITY };
      // Ingest failed: the validators stay as they were, so the next poll fetches the items again.
      const reason = error instanceof Error ? error.message : String(error);
      return this.failed(url, response.status, `${url}: storing its items failed: ${reason}`, interval, null);
    }
    if (kind === 'article') this.state.update(url, { done: true });
    return this.succeeded(url, response.status, interval, added > 0 ? 'new' : 'unchanged', added, validators);
  }

  private fetch(url: string, headers: Record<string, string>): Promise<FetchResult> {
    const host = new URL(url).hostname;
    const signal = this.abort.signal;
    return this.hosts.run(host, () => safeFetch(url, { ...this.options.fetch, headers, signal }), signal);
  }

  private succeeded(
    url: string,
    status: number,
    interval: number,
    result: PollOutcome['result'],
    added: number,
    validators: { etag?: string | undefined; lastModified?: string | undefined },
  ): PollOutcome {
    const next = Date.now() + interval;
    const change: Parameters<PollState['update']>[1] = {
      failures: 0,
      notBefore: next,
      lastStatus: status,
      lastError: undefined,
      lastSuccess: new Date().toISOString(),
    };
    // A 200 without validators clears the old ones (they no longer describe the resource).
    if (status !== 304) Object.assign(change, { etag: validators.etag, lastModified: validators.lastModified });
    this.state.update(url, change);
    return { url, status, result, added, next };
  }

  private failed(
    url: string,
    status: number | null,
    reason: string,
    interval: number,
    retryAfter: number | null,
  ): PollOutcome {
    this.stats.failures++;
    const failures = this.state.get(url).failures + 1;
    const wait = Math.max(interval, backoffDelay(failures, this.backoff, this.options.random), retryAfter ?? 0);
    const next = Date.now() + wait;
    this.state.update(url, {
      failures,
      notBefore: next,
      ...(status !== null && { lastStatus: status }),
      lastError: reason,
    });
    const detail = reason.startsWith(url) ? reason : `${url}: ${reason}`;
    this.log(
      `watch: ${detail} (failure ${failures} in a row; next try in ${seconds(wait)}${retryAfter !== null ? ', as the server asked' : ''})`,
    );
    return { url, status, result: 'failed', added: 0, next, error: reason };
  }

  /** The feed's items not stored yet, each with its page fetched when asked, submitted to ingest. */
  private async feedItems(feedUrl: string, text: string): Promise<number> {
    const drafts: Array<{
      fields: RecordFields;
      raw: string;
      format: RawRecord['format'];
      position: number;
      line?: number;
    }> = [];
    const problems: Message[] = [];
    for (const item of readFeed(text)) {
      if (item.kind === 'problem') {
        const { rule, reason, line } = item.problem;
        problems.push(message('ingest', rule, reason, { source: feedUrl, ...(line !== undefined && { line }) }));
      } else drafts.push(item.draft);
    }
    for (const m of problems) this.options.onMessage?.(m);
    if (drafts.length === 0) {
      if (problems.some((m) => m.severity === 'error' || m.severity === 'fatal'))
        throw new Error(problems.map((m) => m.reason).join('; '));
      return 0;
    }
    const keyed = drafts.map((d) => ({ ...d, key: itemKey(d.fields, feedUrl, d.raw, d.position) }));
    const known = await this.options.store.existingKeys(keyed.map((d) => d.key));
    // Not stored, not twice in this feed, and not being read from another feed right now.
    const fresh = keyed.filter(
      (d, i) => !known.has(d.key) && !this.reading.has(d.key) && keyed.findIndex((e) => e.key === d.key) === i,
    );
    if (fresh.length === 0) return 0;
    for (const d of fresh) this.reading.add(d.key);
    try {
      return await this.readItems(feedUrl, fresh);
    } finally {
      for (const d of fresh) this.reading.delete(d.key);
    }
  }

  private async readItems(
    feedUrl: string,
    fresh: Array<{
      key: string;
      fields: RecordFields;
      raw: string;
      format: RawRecord['format'];
      position: number;
      line?: number;
    }>,
  ): Promise<number> {
    this.stats.newItems += fresh.length;
    // Each item is submitted as soon as it is ready: the first is stored while the next page loads.
    const submissions: Array<Promise<number>> = [];
    for (const item of fresh) {
      const record = await this.itemRecord(feedUrl, item);
      // Stopped midway: the rest is left for the next run (the validators are not saved).
      if (this.stopped) throw new Error('stopped before every new item was read');
      if (record.kind === 'message') {
        this.options.onMessage?.(record.message);
        continue;
      }
      const submitted = this.submit(feedUrl, [record.record]);
      submitted.catch(() => {}); // awaited below; this keeps an early exit from leaving it unhandled
      submissions.push(submitted);
    }
    const added = (await Promise.all(submissions)).reduce((a, b) => a + b, 0);
    if (added > 0) this.log(`watch: +${added} from ${feedUrl}`);
    return added;
  }

  private async itemRecord(
    feedUrl: string,
    item: {
      key: string;
      fields: RecordFields;
      raw: string;
      format: RawRecord['format'];
      position: number;
      line?: number;
    },
  ): Promise<{ kind: 'record'; record: RawRecord } | { kind: 'message'; message: Message }> {
    const base = {
      key: item.key,
      source: feedUrl,
      position: item.position,
      ...(item.line !== undefined && { line: item.line }),
    };
    const link = absoluteUrl(item.fields.url, feedUrl);
    if (this.options.fetchArticles !== false && link && !this.stopped) {
      const page = await this.fetchPage(link);
      if (page.ok) {
        this.stats.pagesFetched++;
        // The item's own fields (id, title, date, outlet) with the page's HTML as the body.
        const { text: _t, html: _h, ...meta } = item.fields;
        return {
          kind: 'record',
          record: { ...base, format: 'html', raw: page.html, fields: { ...meta, html: page.html } },
        };
      }
      this.log(`watch: ${page.reason}; using the feed's description instead`);
    }
    if (item.fields.text === undefined && item.fields.html === undefined) {
      const reason = `the item${item.fields.title ? ` "${item.fields.title}"` : ''} has no description and its page could not be used`;
      return {
        kind: 'message',
        message: message('ingest', 'record-no-text', reason, {
          source: feedUrl,
          ...(item.line !== undefined && { line: item.line }),
        }),
      };
    }
    this.stats.fromDescription++;
    return { kind: 'record', record: { ...base, format: item.format, raw: item.raw, fields: item.fields } };
  }

  private async fetchPage(link: string): Promise<{ ok: true; html: string } | { ok: false; reason: string }> {
    let response: FetchResult;
    try {
      response = await this.fetch(link, {});
    } catch (error) {
      return { ok: false, reason: `the linked page ${error instanceof Error ? error.message : String(error)}` };
    }
    if (response.status < 200 || response.status > 299)
      return { ok: false, reason: `the linked page ${link} answered HTTP ${response.status}` };
    const text = decodeBody(response);
    if (!text.ok) return { ok: false, reason: `the linked page ${link}: ${text.reason}` };
    if (sniffFormat(text.text) !== 'html') return { ok: false, reason: `the linked page ${link} is not HTML` };
    return { ok: true, html: text.text };
  }

  /** A plain article URL: its page is one record, identified by the URL. */
  private async articlePage(url: string, text: string): Promise<number> {
    const format = sniffFormat(text);
    const fields: RecordFields = format === 'html' ? { url, html: text } : { url, text };
    const record: RawRecord = {
      key: recordKey(fields, url, 0),
      source: url,
      position: 0,
      format: format === 'html' ? 'html' : 'text',
      raw: text,
      fields,
    };
    const added = await this.submit(url, [record]);
    if (added > 0) this.log(`watch: +1 article ${url}`);
    return added;
  }

  /** Queues records for the ingest job; resolves with the number added once they are stored. */
  private submit(source: string, records: RawRecord[], messages: Message[] = []): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ records, messages, source, resolve, reject });
      this.kick();
    });
  }

  /** Runs queued ingestion (all queued jobs in one run), then the corpus step when it is due. */
  private kick(): void {
    if (this.busy) return;
    this.busy = (async () => {
      try {
        for (;;) {
          if (this.pending.length > 0) await this.ingestPending();
          else if (this.deriveDue && this.options.deriveStore === undefined) await this.derive();
          else break;
        }
      } finally {
        this.busy = null;
      }
    })();
  }

  private async ingestPending(): Promise<void> {
    const jobs = this.pending.splice(0);
    const events = async function* (): AsyncGenerator<IngestEvent> {
      yield { kind: 'plan', inputs: jobs.length, bytes: 0 };
      for (const job of jobs) {
        yield { kind: 'input-start', source: job.source, bytes: 0 };
        for (const m of job.messages) yield { kind: 'message', message: m };
        for (const record of job.records) yield { kind: 'record', record, fraction: 1 };
        yield { kind: 'input-done', source: job.source, records: job.records.length, bytes: 0, failed: false };
      }
    };
    try {
      const before = new Set<string>();
      for (const job of jobs) for (const r of job.records) before.add(r.key);
      const summary = await runIngest({
        store: this.options.store,
        pipeline: this.options.pipeline,
        paths: [...new Set(jobs.map((j) => j.source))],
        events: events(),
        derive: false,
        ...(this.options.onMessage && { onMessage: this.options.onMessage }),
      });
      this.stats.added += summary.added;
      if (summary.added + summary.teasersAdded > 0) {
        this.underivedRun = summary.run;
        this.scheduleDerive();
      }
      // Records of one run are stored together; each job learns how many of its keys are now stored.
      const stored = await this.options.store.existingKeys([...before]);
      for (const job of jobs) job.resolve(job.records.filter((r) => stored.has(r.key)).length);
    } catch (error) {
      for (const job of jobs) job.reject(error);
    }
  }

  /** The corpus step runs once, deriveDelayMs after the first ingest it does not cover yet. */
  private scheduleDerive(): void {
    if (this.deriveTimer || this.deriveDue) return;
    this.deriveTimer = setTimeout(() => {
      this.deriveTimer = null;
      this.deriveDue = true;
      this.startDerive();
    }, this.options.deriveDelayMs ?? 5000);
  }

  /** Inline: queued behind ingestion. In a worker: started now, unless one is running already. */
  private startDerive(): void {
    if (this.options.deriveStore === undefined) {
      this.kick();
      return;
    }
    if (this.deriving) return; // it reschedules itself when it ends if more came in meanwhile
    this.deriving = this.derive().finally(() => {
      this.deriving = null;
      if (this.underivedRun !== null && !this.stopped) this.scheduleDerive();
    });
  }

  private async derive(): Promise<void> {
    this.deriveDue = false;
    if (this.underivedRun === null) return;
    const run = this.underivedRun;
    this.underivedRun = null;
    try {
      const spec = this.options.deriveStore;
      await (spec === undefined ? deriveCorpus(this.options.store, run) : deriveInWorker(spec, run));
      this.stats.derived++;
    } catch (error) {
      this.log(`watch: the corpus step failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * An item's identity: its guid or link (as for any ingested record), so the same item in the next
 * poll, or after a restart, is known. Items with neither get a hash of their content.
 */
function itemKey(fields: RecordFields, feedUrl: string, raw: string, position: number): string {
  if (fields.id || fields.url) return recordKey(fields, feedUrl, position);
  return `src:${feedUrl}#${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`;
}

/** The body as text: not binary, UTF-8 or the charset the page, the feed or the header declares. */
function decodeBody(response: FetchResult): { ok: true; text: string } | { ok: false; reason: string } {
  const bytes = response.body;
  if (bytes.length === 0) return { ok: false, reason: 'the response is empty' };
  const binary = binaryReason(bytes);
  if (binary !== null) return { ok: false, reason: `the response is not text: ${binary}` };
  const type = headerText(response.headers['content-type']) ?? '';
  const head = bytes.subarray(0, 1024).toString('latin1');
  const declared = /^\s*(<\?xml|<rss|<feed|<rdf)/i.test(head) ? 'xml' : 'html';
  let decoded = decodeBytes(bytes, { declared });
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1];
  if (!decoded.ok && charset) {
    try {
      decoded = decodeBytes(bytes, { encoding: charset });
    } catch {
      // an unknown label: keep the first answer
    }
  }
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, reason: decoded.reason };
}

/** An item's link resolved against its feed's URL; undefined unless it is http(s). */
function absoluteUrl(link: string | undefined, base: string): string | undefined {
  if (link === undefined) return undefined;
  try {
    const url = new URL(link, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
