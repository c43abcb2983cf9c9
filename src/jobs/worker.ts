// `sitrep worker`: one of many processes, on one machine or several, that share the queue in the
// PostgreSQL store (src/jobs/queue.ts). Each loop a worker
//   1. takes the linker role if no live worker holds it, and then links and stores every processed
//      job (duplicates, stories, shared blocks need one consistent view, so one worker at a time
//      does them, with its story state kept across jobs), finishes the runs whose jobs are all
//      done and runs the corpus step for them;
//   2. claims one queued job and runs the per-article pipeline on its records, in a transaction
//      that holds the job's row lock until the job's documents are saved on it.
// Every write is idempotent: a record already stored (by its identity) is skipped, so a job
// retried after a crash stores nothing twice.

import type pg from 'pg';
import type { RawRecord } from '../core/document.js';
import type { Pipeline } from '../core/pipeline.js';
import { deriveCorpus } from '../corpus/derive.js';
import { CorpusLinker, type LinkOptions } from '../corpus/link.js';
import type { Store } from '../store/store.js';
import { type ProcessedBatch, processBatch } from './ingest.js';
import { connect, ensureQueue, LINKER_LOCK, queueCounts } from './queue.js';

export interface WorkerOptions {
  url: string;
  store: Store;
  pipeline: Pipeline;
  /** Wait between looks at an empty queue (default 500 ms). */
  pollMs?: number;
  /** Stop once no job is queued or processed and every run is finished (default false: keep waiting). */
  exitWhenIdle?: boolean;
  /** Stop after the current step when aborted. */
  signal?: AbortSignal;
  link?: Partial<LinkOptions>;
  log?: (line: string) => void;
}

export interface WorkerSummary {
  /** Jobs whose per-article pipeline this worker ran. */
  processedJobs: number;
  processedRecords: number;
  /** Jobs this worker linked and stored while it held the linker role. */
  storedJobs: number;
  added: number;
  finishedRuns: number[];
  failedJobs: number;
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { store, pipeline } = options;
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 500;
  const session = await connect(options.url);
  const summary: WorkerSummary = {
    processedJobs: 0,
    processedRecords: 0,
    storedJobs: 0,
    added: 0,
    finishedRuns: [],
    failedJobs: 0,
  };
  let linker: CorpusLinker | null = null;
  let isLinker = false;
  try {
    await ensureQueue(session);
    while (!options.signal?.aborted) {
      if (!isLinker) {
        const got = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LINKER_LOCK]);
        isLinker = got.rows[0]?.ok === true;
        if (isLinker) log('took the linker role');
      }
      let worked = false;
      if (isLinker) {
        linker ??= await CorpusLinker.open(store, options.link);
        worked = (await storeProcessed(session, store, linker, summary)) || worked;
        worked = (await finishRuns(session, store, summary, log)) || worked;
      }
      if (options.signal?.aborted) break;
      worked = (await processOne(session, store, pipeline, summary, log)) || worked;
      if (worked) continue;
      if (options.exitWhenIdle) {
        const counts = await queueCounts(session);
        if (counts.queued === 0 && counts.processed === 0 && counts.unfinishedRuns === 0) break;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await session.end(); // releases the linker lock with the session
  }
  return summary;
}

/** Claims one queued job and saves its processed documents on it; false when none was free. */
async function processOne(
  session: pg.Client,
  store: Store,
  pipeline: Pipeline,
  summary: WorkerSummary,
  log: (line: string) => void,
): Promise<boolean> {
  await session.query('BEGIN');
  let id: string | undefined;
  try {
    const claimed = await session.query<{ id: string; records: string }>(
      `SELECT id, records FROM sitrep_jobs WHERE state = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1`,
    );
    const job = claimed.rows[0];
    if (!job) {
      await session.query('COMMIT');
      return false;
    }
    id = job.id;
    const records = JSON.parse(job.records) as RawRecord[];
    const existing = await store.existingKeys(records.map((r) => r.key));
    const processed = await processBatch(
      store,
      pipeline,
      records.filter((r) => !existing.has(r.key)),
    );
    await session.query(
      `UPDATE sitrep_jobs SET state = 'processed', processed = $2, skipped = $3, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(processed), existing.size],
    );
    await session.query('COMMIT');
    summary.processedJobs++;
    summary.processedRecords += records.length;
    return true;
  } catch (error) {
    await session.query('ROLLBACK');
    if (id === undefined) throw error;
    // A job the pipeline cannot process is set aside with the reason, not retried for ever.
    const reason = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE sitrep_jobs SET state = 'failed', error = $2, updated_at = now() WHERE id = $1`, [
      id,
      reason,
    ]);
    summary.failedJobs++;
    log(`job ${id} failed: ${reason}`);
    return true;
  }
}

/** The linker's step: links and stores every processed job, oldest first. */
async function storeProcessed(
  session: pg.Client,
  store: Store,
  linker: CorpusLinker,
  summary: WorkerSummary,
): Promise<boolean> {
  let worked = false;
  for (;;) {
    const next = await session.query<{ id: string; processed: string }>(
      `SELECT id, processed FROM sitrep_jobs WHERE state = 'processed' ORDER BY id LIMIT 1`,
    );
    const job = next.rows[0];
    if (!job) return worked;
    const batch = JSON.parse(job.processed) as ProcessedBatch;
    let added = 0;
    let teasers = 0;
    if (batch.docs.length > 0) {
      const { docs, links } = await linker.link(batch.docs);
      const result = await store.putArticles(docs, { outletLines: batch.outletLines, links });
      const teaserIds = new Set(docs.filter((d) => d.kind === 'teaser').map((d) => d.id));
      teasers = result.addedIds.filter((i) => teaserIds.has(i)).length;
      added = result.added - teasers;
    }
    const articles = batch.docs.filter((d) => d.kind === 'article').length;
    await session.query(
      `UPDATE sitrep_jobs SET state = 'done', processed = NULL, records = NULL, added = $2,
         skipped = skipped + $3, teasers = $4, updated_at = now() WHERE id = $1`,
      [job.id, added, articles - added, teasers],
    );
    summary.storedJobs++;
    summary.added += added;
    worked = true;
  }
}

/** Finishes the sealed runs whose jobs are all done or failed, with their totals and corpus step. */
async function finishRuns(
  session: pg.Client,
  store: Store,
  summary: WorkerSummary,
  log: (line: string) => void,
): Promise<boolean> {
  const ready = await session.query<{ run: number; failed_inputs: number }>(
    `SELECT r.run, r.failed_inputs FROM sitrep_queue_runs r
      WHERE r.sealed AND NOT r.finished
        AND NOT EXISTS (SELECT 1 FROM sitrep_jobs j WHERE j.run = r.run AND j.state IN ('queued', 'processed'))
      ORDER BY r.run`,
  );
  for (const { run, failed_inputs } of ready.rows) {
    const totals = await session.query<{ added: string; skipped: string; teasers: string }>(
      `SELECT coalesce(sum(added), 0) AS added, coalesce(sum(skipped), 0) AS skipped,
              coalesce(sum(teasers), 0) AS teasers FROM sitrep_jobs WHERE run = $1`,
      [run],
    );
    const row = totals.rows[0];
    const added = Number(row?.added ?? 0);
    if (added + Number(row?.teasers ?? 0) > 0) await deriveCorpus(store, run);
    await store.finishRun(run, { added, skipped: Number(row?.skipped ?? 0), failedInputs: failed_inputs });
    await session.query('UPDATE sitrep_queue_runs SET finished = true WHERE run = $1', [run]);
    summary.finishedRuns.push(run);
    log(`run ${run} finished: ${added} added`);
  }
  return ready.rows.length > 0;
}
