// The shared job queue of `sitrep worker` processes, in the PostgreSQL database that holds the
// store. `sitrep ingest --queue` reads the inputs into jobs (batches of raw records) under one
// ingest run; workers on any machine claim them with FOR UPDATE SKIP LOCKED inside a transaction
// that stays open while the job is processed, so a worker killed with `kill -9` loses its
// connection, its transaction rolls back, and the job is claimed again by another worker.
//
// Job states: queued → processed (the per-article pipeline is done, its documents kept on the
// job) → done (linked and stored). Cross-article work (duplicates, stories, shared blocks, the
// corpus step) needs one consistent view, so it is done by whichever worker holds the linker lock
// (a session advisory lock, released by PostgreSQL when that worker dies).
//
// Payloads are JSON in `text` columns, not `jsonb`: jsonb refuses the \u0000 escape that a
// hostile record's NUL byte becomes.

import pg from 'pg';
import type { RawRecord } from '../core/document.js';
import { isFailure, type Message } from '../core/messages.js';
import { type IngestOptions, readInputs } from '../stages/ingest/index.js';
import type { Store } from '../store/store.js';

/** The advisory lock key of the linker role (any fixed 64-bit number). */
export const LINKER_LOCK = 7_300_812_022;
const SCHEMA_LOCK = 7_300_812_023;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sitrep_queue_runs (
  run integer PRIMARY KEY,
  jobs integer NOT NULL DEFAULT 0,
  records integer NOT NULL DEFAULT 0,
  failed_inputs integer NOT NULL DEFAULT 0,
  sealed boolean NOT NULL DEFAULT false,
  finished boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS sitrep_jobs (
  id bigserial PRIMARY KEY,
  run integer NOT NULL REFERENCES sitrep_queue_runs (run),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'processed', 'done', 'failed')),
  records text,
  processed text,
  added integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  teasers integer NOT NULL DEFAULT 0,
  error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS sitrep_jobs_state ON sitrep_jobs (state, id);
CREATE INDEX IF NOT EXISTS sitrep_jobs_run ON sitrep_jobs (run, state);
`;

/** Creates the queue's tables once, even when several processes start together. */
export async function ensureQueue(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'sitrep-queue' });
  await client.connect();
  return client;
}

export interface EnqueueSummary {
  run: number;
  jobs: number;
  records: number;
  inputs: number;
  failedInputs: number;
  failedRecords: number;
}

/**
 * Reads the inputs into queued jobs of `batchSize` records under a new ingest run. Problems with
 * inputs are recorded on the run as `sitrep ingest` does. The run is sealed when every job is in,
 * so no worker finishes it early.
 */
export async function enqueueInputs(options: {
  url: string;
  store: Store;
  paths: string[];
  ingest?: Partial<IngestOptions>;
  batchSize?: number;
  onMessage?: (message: Message) => void;
}): Promise<EnqueueSummary> {
  const batchSize = options.batchSize ?? 200;
  const client = await connect(options.url);
  const summary: EnqueueSummary = { run: 0, jobs: 0, records: 0, inputs: 0, failedInputs: 0, failedRecords: 0 };
  try {
    await ensureQueue(client);
    summary.run = await options.store.startRun(options.paths);
    await client.query('INSERT INTO sitrep_queue_runs (run) VALUES ($1)', [summary.run]);
    let batch: RawRecord[] = [];
    let messages: Message[] = [];
    const flush = async () => {
      if (messages.length > 0) await options.store.addRunMessages(summary.run, messages);
      messages = [];
      if (batch.length === 0) return;
      await client.query('INSERT INTO sitrep_jobs (run, records) VALUES ($1, $2)', [
        summary.run,
        JSON.stringify(batch),
      ]);
      summary.jobs++;
      batch = [];
    };
    for await (const event of readInputs(options.paths, options.ingest)) {
      if (event.kind === 'plan') summary.inputs = event.inputs;
      else if (event.kind === 'record') {
        batch.push(event.record);
        summary.records++;
        if (batch.length >= batchSize) await flush();
      } else if (event.kind === 'message') {
        if (isFailure(event.message) && event.message.line !== undefined) summary.failedRecords++;
        messages.push(event.message);
        options.onMessage?.(event.message);
      } else if (event.kind === 'input-done' && event.failed) summary.failedInputs++;
    }
    await flush();
    await client.query(
      'UPDATE sitrep_queue_runs SET sealed = true, jobs = $2, records = $3, failed_inputs = $4 WHERE run = $1',
      [summary.run, summary.jobs, summary.records, summary.failedInputs],
    );
    return summary;
  } finally {
    await client.end();
  }
}

export interface QueueCounts {
  queued: number;
  processed: number;
  done: number;
  failed: number;
  unfinishedRuns: number;
}

export async function queueCounts(client: pg.ClientBase): Promise<QueueCounts> {
  const jobs = await client.query<{ state: string; n: string }>(
    'SELECT state, count(*) AS n FROM sitrep_jobs GROUP BY state',
  );
  const counts: QueueCounts = { queued: 0, processed: 0, done: 0, failed: 0, unfinishedRuns: 0 };
  for (const row of jobs.rows) counts[row.state as 'queued'] = Number(row.n);
  const runs = await client.query<{ n: string }>('SELECT count(*) AS n FROM sitrep_queue_runs WHERE NOT finished');
  counts.unfinishedRuns = Number(runs.rows[0]?.n ?? 0);
  return counts;
}
