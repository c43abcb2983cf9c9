// The per-article pipeline in worker threads, so that one ingest uses every core: the stages are
// pure functions of one article, so a batch is cut into contiguous slices, each thread runs its
// slice, and the results are put back in input order (the cross-article step and the store,
// which depend on that order, stay on the main thread). Each thread builds the default pipeline
// itself (stage functions cannot be sent to a thread) and loads its own resources (knowledge
// base, models) on first use. Results are byte-identical to running the pipeline in one thread.
// This module is both the pool and, loaded as a worker, the thread.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Article, newArticle, type RawRecord } from '../core/document.js';
import { createPipeline } from '../core/pipeline.js';
import { defaultStages } from '../stages/index.js';
import { failed, type PipelinePhases, splitAtClean, withTeasers } from './article-steps.js';

type Request = { id: number; step: 'clean'; items: RawRecord[] } | { id: number; step: 'rest'; items: Article[] };
type Reply = { id: number; ok: true; items: Article[] } | { id: number; ok: false; error: string };

const MARK = 'sitrep-pipeline-pool';

/** A pool of threads that run the default pipeline (`defaultStages()`). */
export class PipelinePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (items: Article[]) => void; reject: (e: Error) => void }>();
  private next = 0;
  private broken: Error | null = null;

  private constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { kind: MARK } });
      worker.on('message', (reply: Reply) => {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.ok) waiter?.resolve(reply.items);
        else waiter?.reject(new Error(`a pipeline thread failed: ${reply.error}`));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a pipeline thread exited with code ${code}`));
      });
      return worker;
    });
  }

  /** Starts `threads` threads (at least 1). */
  static start(threads: number): PipelinePool {
    return new PipelinePool(Math.max(1, Math.floor(threads)));
  }

  /** The clean stage on each record (in input order). */
  clean(records: readonly RawRecord[]): Promise<Article[]> {
    return this.spread('clean', records);
  }

  /** The stages after clean on each document (a failed one is passed through), teasers split off. */
  rest(docs: readonly Article[]): Promise<Article[]> {
    return this.spread('rest', docs);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  private async spread(step: 'clean' | 'rest', items: readonly (RawRecord | Article)[]): Promise<Article[]> {
    if (this.broken) throw this.broken;
    if (items.length === 0) return [];
    const size = Math.ceil(items.length / this.workers.length);
    const parts: Promise<Article[]>[] = [];
    for (let i = 0, w = 0; i < items.length; i += size, w++) {
      const id = this.next++;
      const slice = items.slice(i, i + size);
      parts.push(
        new Promise((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          (this.workers[w] as Worker).postMessage({ id, step, items: slice } as Request);
        }),
      );
    }
    return (await Promise.all(parts)).flat();
  }
}

if (!isMainThread && parentPort && (workerData as { kind?: string } | undefined)?.kind === MARK) {
  const port = parentPort;
  const pipeline = createPipeline(defaultStages());
  // the default pipeline has a clean stage
  const phases = splitAtClean(pipeline) as PipelinePhases;
  port.on('message', (request: Request) => {
    try {
      const items =
        request.step === 'clean'
          ? request.items.map((record) => phases.clean.run(newArticle(record)))
          : request.items.flatMap((doc) => withTeasers(pipeline, failed(doc) ? doc : phases.rest.run(doc)));
      port.postMessage({ id: request.id, ok: true, items } as Reply);
    } catch (error) {
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } as Reply);
    }
  });
}
