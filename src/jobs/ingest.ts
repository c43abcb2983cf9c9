// The ingest job: reads inputs, skips records whose identity is already stored, runs the
// per-article pipeline on the rest and writes them in batched transactions. A crash loses at most
// the batch in flight, which the next run stores (identity makes the rerun idempotent). Problems
// with inputs are reported and recorded on the run; they never stop the batch.

import { createHash } from 'node:crypto';
import { type Article, newArticle, type RawRecord } from '../core/document.js';
import { isFailure, type Message } from '../core/messages.js';
import type { Pipeline } from '../core/pipeline.js';
import { type IngestOptions, readInputs } from '../stages/ingest/index.js';
import type { Store } from '../store/store.js';

export interface IngestProgress {
  inputs: number;
  inputsDone: number;
  bytesTotal: number;
  /** Bytes of the inputs consumed so far (estimated inside the current input). */
  bytesDone: number;
  records: number;
  added: number;
  skipped: number;
}

export interface IngestJobOptions {
  store: Store;
  pipeline: Pipeline;
  paths: string[];
  ingest?: Partial<IngestOptions>;
  /** Records per transaction. */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  /** Called for every problem with an input, a record, or a stored article. */
  onMessage?: (message: Message) => void;
}

export interface IngestSummary {
  run: number;
  inputs: number;
  failedInputs: number;
  records: number;
  added: number;
  skipped: number;
  /** Related-story teasers split off articles and stored as records of their own (new ones only). */
  teasersAdded: number;
  /** Records that could not be read (malformed line…), reported on the run. */
  failedRecords: number;
  /** Stored articles on which a stage failed (their raw input is stored all the same). */
  failedArticles: number;
  /** Warnings and errors stored on articles. */
  articleMessages: number;
}

export async function runIngest(options: IngestJobOptions): Promise<IngestSummary> {
  const { store, pipeline } = options;
  const batchSize = options.batchSize ?? 500;
  const run = await store.startRun(options.paths);
  const summary: IngestSummary = {
    run,
    inputs: 0,
    failedInputs: 0,
    records: 0,
    added: 0,
    skipped: 0,
    teasersAdded: 0,
    failedRecords: 0,
    failedArticles: 0,
    articleMessages: 0,
  };
  const progress: IngestProgress = {
    inputs: 0,
    inputsDone: 0,
    bytesTotal: 0,
    bytesDone: 0,
    records: 0,
    added: 0,
    skipped: 0,
  };
  let batch: RawRecord[] = [];
  let pendingMessages: Message[] = [];
  let bytesBeforeInput = 0;
  let currentInputBytes = 0;

  const flush = async () => {
    if (pendingMessages.length > 0) {
      await store.addRunMessages(run, pendingMessages);
      pendingMessages = [];
    }
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const existing = await store.existingKeys(records.map((r) => r.key));
    const fresh = records.filter((r) => !existing.has(r.key));
    const docs: Article[] = fresh.flatMap((record) => withTeasers(pipeline, pipeline.run(newArticle(record))));
    const result = await store.putArticles(docs);
    const teaserIds = new Set(docs.filter((d) => d.kind === 'teaser').map((d) => d.id));
    const teasersAdded = result.addedIds.filter((id) => teaserIds.has(id)).length;
    summary.teasersAdded += teasersAdded;
    summary.added += result.added - teasersAdded;
    summary.skipped += docs.filter((d) => d.kind === 'article').length - (result.added - teasersAdded);
    summary.skipped += existing.size;
    for (const doc of docs) {
      if (doc.kind === 'teaser') continue;
      const problems = doc.messages.filter((m) => m.severity !== 'info');
      summary.articleMessages += problems.length;
      if (doc.messages.some((m) => m.severity === 'fatal')) summary.failedArticles++;
      for (const m of problems) {
        options.onMessage?.({ ...m, source: m.source ?? doc.source, ...(doc.line !== null && { line: doc.line }) });
      }
    }
    progress.added = summary.added;
    progress.skipped = summary.skipped;
    options.onProgress?.({ ...progress });
  };

  try {
    for await (const event of readInputs(options.paths, options.ingest)) {
      switch (event.kind) {
        case 'plan':
          progress.inputs = summary.inputs = event.inputs;
          progress.bytesTotal = event.bytes;
          options.onProgress?.({ ...progress });
          break;
        case 'record':
          batch.push(event.record);
          summary.records++;
          progress.records = summary.records;
          progress.bytesDone = bytesBeforeInput + Math.round(event.fraction * currentInputBytes);
          if (batch.length >= batchSize) await flush();
          break;
        case 'message':
          if (isFailure(event.message) && event.message.line !== undefined) summary.failedRecords++;
          pendingMessages.push(event.message);
          options.onMessage?.(event.message);
          break;
        case 'input-done':
          if (event.failed) summary.failedInputs++;
          progress.inputsDone++;
          bytesBeforeInput += currentInputBytes;
          progress.bytesDone = bytesBeforeInput;
          currentInputBytes = 0;
          options.onProgress?.({ ...progress });
          break;
        case 'input-start':
          currentInputBytes = event.bytes;
          break;
      }
    }
    await flush();
  } finally {
    await store.finishRun(run, { added: summary.added, skipped: summary.skipped, failedInputs: summary.failedInputs });
  }
  return summary;
}

/**
 * Turns the teasers cleaning split off an article into records of their own, content-addressed
 * so that the same teaser under many articles is stored (and its facts extracted) once. Returns
 * the teasers first, then the article linked to them.
 */
function withTeasers(pipeline: Pipeline, doc: Article): Article[] {
  if (doc.teasers.length === 0) return [doc];
  const teasers = doc.teasers.map((teaser) => {
    const content = `${teaser.title ?? ''}\n${teaser.text}`.replace(/\s+/g, ' ').trim().toLowerCase();
    const hash = createHash('sha256').update(content).digest('hex');
    const fields = { ...(teaser.title && { title: teaser.title }), text: teaser.text };
    const record: RawRecord = {
      key: `teaser:${hash}`,
      source: doc.source,
      position: doc.position,
      ...(doc.line !== null && { line: doc.line }),
      format: 'text',
      raw: JSON.stringify(fields),
      fields,
    };
    const cleaned = pipeline.run({ ...newArticle(record), id: `t${hash.slice(0, 15)}`, kind: 'teaser' });
    return {
      ...cleaned,
      title: cleaned.title ?? teaser.title,
      published: cleaned.published ?? doc.published,
      outlet: cleaned.outlet ?? doc.outlet,
      language: cleaned.language ?? doc.language,
    };
  });
  return [...teasers, { ...doc, teasers: [], teaserIds: teasers.map((t) => t.id) }];
}
