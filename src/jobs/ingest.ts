// The ingest job: reads inputs, skips records whose identity is already stored, runs the
// per-article pipeline on the rest and writes them in batched transactions. A crash loses at most
// the batch in flight, which the next run stores (identity makes the rerun idempotent). Problems
// with inputs are reported and recorded on the run; they never stop the batch.

import { type Article, newArticle, type RawRecord } from '../core/document.js';
import { isFailure, type Message } from '../core/messages.js';
import type { Pipeline } from '../core/pipeline.js';
import { corpusIsStale, type DeriveSummary, deriveCorpus } from '../corpus/derive.js';
import { CorpusLinker, type LinkOptions } from '../corpus/link.js';
import {
  articleFingerprints,
  type BoilerplateOptions,
  type OutletLineCounts,
  removeBoilerplate,
} from '../stages/clean/boilerplate.js';
import { DEFAULT_CLEAN_OPTIONS } from '../stages/clean/options.js';
import { type IngestEvent, type IngestOptions, readInputs } from '../stages/ingest/index.js';
import type { CorpusLinks, OutletLines, Store } from '../store/store.js';
import { failed, type PipelinePhases, splitAtClean, withTeasers } from './article-steps.js';
import type { PipelinePool } from './pipeline-pool.js';

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
  /**
   * Threads running the per-article pipeline (src/jobs/pipeline-pool.ts); only for the default
   * pipeline, which each thread builds itself. Without it, the pipeline runs on this thread.
   */
  pool?: PipelinePool;
  paths: string[];
  /** Events to ingest instead of reading `paths` (then only recorded on the run): a live source such as watch. */
  events?: AsyncIterable<IngestEvent>;
  ingest?: Partial<IngestOptions>;
  /** Records per transaction. */
  batchSize?: number;
  /** Thresholds of corpus-learned boilerplate removal (defaults in the clean stage's options). */
  boilerplate?: Partial<BoilerplateOptions>;
  onProgress?: (progress: IngestProgress) => void;
  /** Called for every problem with an input, a record, or a stored article. */
  onMessage?: (message: Message) => void;
  /** Duplicates, stories and shared blocks (the cross-article step); false to skip it. */
  link?: Partial<LinkOptions> | false;
  /** Rebuild the claims ledger and merged events after a run that added records (default true). */
  derive?: boolean;
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
  /** The ledger and merged events, rebuilt after a run that added records or followed a crashed one. */
  corpus?: DeriveSummary;
}

export async function runIngest(options: IngestJobOptions): Promise<IngestSummary> {
  const { store, pipeline } = options;
  const batchSize = options.batchSize ?? 500;
  const boilerplate: BoilerplateOptions = {
    boilerplateMinArticles: options.boilerplate?.boilerplateMinArticles ?? DEFAULT_CLEAN_OPTIONS.boilerplateMinArticles,
    boilerplateMinShare: options.boilerplate?.boilerplateMinShare ?? DEFAULT_CLEAN_OPTIONS.boilerplateMinShare,
    boilerplateMaxLineChars:
      options.boilerplate?.boilerplateMaxLineChars ?? DEFAULT_CLEAN_OPTIONS.boilerplateMaxLineChars,
  };
  const phases = splitAtClean(pipeline);
  // Opened on the first batch with new articles: a rerun that adds nothing need not rebuild the
  // story step's state from the store.
  let linker: CorpusLinker | null = null;
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
    const processed = await processBatch(store, pipeline, fresh, boilerplate, phases, options.pool);
    let docs = processed.docs;
    let links: CorpusLinks | undefined;
    if (options.link !== false && docs.length > 0) {
      linker ??= await CorpusLinker.open(store, options.link);
      ({ docs, links } = await linker.link(docs));
    }
    const outletLines = processed.outletLines;
    const result = await store.putArticles(docs, { outletLines, ...(links && { links }) });
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
    for await (const event of options.events ?? readInputs(options.paths, options.ingest)) {
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
    if (options.derive !== false && (summary.added + summary.teasersAdded > 0 || (await corpusIsStale(store, run))))
      summary.corpus = await deriveCorpus(store, run);
  } finally {
    await store.finishRun(run, { added: summary.added, skipped: summary.skipped, failedInputs: summary.failedInputs });
  }
  return summary;
}

/** A batch after the per-article pipeline: its documents (teasers first) and the outlets' line counts. */
export interface ProcessedBatch {
  docs: Article[];
  outletLines: OutletLines[];
}

/**
 * The per-article part of a batch: clean, then remove the outlets' recurring lines (so that no
 * fact indexes a removed line), then the other stages, then teasers split off as records. It reads
 * the store (outlet line counts) and writes nothing, so several processes can run it at once.
 */
export async function processBatch(
  store: Store,
  pipeline: Pipeline,
  records: readonly RawRecord[],
  boilerplate: BoilerplateOptions = DEFAULT_CLEAN_OPTIONS,
  phases: PipelinePhases | null = splitAtClean(pipeline),
  pool?: PipelinePool,
): Promise<ProcessedBatch> {
  if (!phases)
    return { docs: records.flatMap((r) => withTeasers(pipeline, pipeline.run(newArticle(r)))), outletLines: [] };
  const cleaned = pool ? await pool.clean(records) : records.map((record) => phases.clean.run(newArticle(record)));
  const unboiled = await removeOutletBoilerplate(store, cleaned, boilerplate);
  return {
    docs: pool
      ? await pool.rest(unboiled.docs)
      : unboiled.docs.flatMap((doc) => withTeasers(pipeline, failed(doc) ? doc : phases.rest.run(doc))),
    outletLines: unboiled.outletLines,
  };
}

/**
 * Corpus-learned boilerplate, per batch: each outlet's stored line counts plus this batch's own
 * are the snapshot every new article of that outlet is cleaned against; the batch's counts are
 * returned to be written with the articles (one transaction, so a crash cannot count twice).
 */
async function removeOutletBoilerplate(
  store: Store,
  docs: readonly Article[],
  options: BoilerplateOptions,
): Promise<{ docs: Article[]; outletLines: OutletLines[] }> {
  const outletLines: OutletLines[] = [];
  const byOutlet = new Map<string, OutletLines[]>();
  for (const doc of docs) {
    if (!doc.outlet || doc.kind !== 'article' || failed(doc)) continue;
    const entry = { article: doc.id, outlet: doc.outlet, fingerprints: articleFingerprints(doc.text, options) };
    outletLines.push(entry);
    byOutlet.set(doc.outlet, [...(byOutlet.get(doc.outlet) ?? []), entry]);
  }
  const snapshots = new Map<string, OutletLineCounts>();
  for (const [outlet, entries] of byOutlet) {
    const stored = await store.outletLineCounts(
      outlet,
      entries.flatMap((e) => e.fingerprints),
    );
    const lines = new Map(stored.lines);
    for (const entry of entries) for (const f of entry.fingerprints) lines.set(f, (lines.get(f) ?? 0) + 1);
    snapshots.set(outlet, { articles: stored.articles + entries.length, lines });
  }
  return {
    docs: docs.map((doc) => {
      const snapshot = doc.outlet ? snapshots.get(doc.outlet) : undefined;
      return snapshot && !failed(doc) ? removeBoilerplate(doc, snapshot, options) : doc;
    }),
    outletLines,
  };
}
