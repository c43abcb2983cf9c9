// The corpus step (claims ledger, merged events: src/corpus/derive.ts) in a worker thread with
// its own store connection, for `sitrep watch`: the step rebuilds from the whole corpus and takes
// long on a big store (0.6 s at 1,151 articles), and run on the main thread it would hold back
// the next feed items. This module is both the caller and, loaded as a worker, the worker.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type DeriveSummary, deriveCorpus } from '../corpus/derive.js';
import { openStore } from '../store/index.js';

interface Job {
  kind: 'sitrep-watch-derive';
  spec: string;
  run: number;
}

/** Runs deriveCorpus(openStore(spec), run) in a worker thread; resolves with its summary. */
export function deriveInWorker(spec: string, run: number): Promise<DeriveSummary> {
  return new Promise((resolve, reject) => {
    const job: Job = { kind: 'sitrep-watch-derive', spec, run };
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    let answered = false;
    worker.once('message', (message: { ok: true; summary: DeriveSummary } | { ok: false; error: string }) => {
      answered = true;
      if (message.ok) resolve(message.summary);
      else reject(new Error(message.error));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the corpus-step worker exited with code ${code} before answering`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.kind === 'sitrep-watch-derive') {
  const { spec, run } = workerData as Job;
  const port = parentPort;
  const store = openStore(spec);
  try {
    const summary = await deriveCorpus(store, run);
    port.postMessage({ ok: true, summary });
  } catch (error) {
    port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  } finally {
    await store.close();
  }
}
