// Serving from several processes: `sitrep serve --workers N` forks N copies of the same command
// (node:cluster), each with its own store connection, API app, response cache and rate limiter,
// all accepting on one port. One Node process answers on one core; a search is CPU work in
// SQLite, so a second core only helps from a second process. The primary process only forks,
// waits until every worker listens, replaces a worker that dies, and stops them all.
//
// Per process, so N times over: the response cache (each worker fills its own) and the rate
// limit (a client spreading requests over several connections may reach up to N times the limit).

import cluster, { type Worker } from 'node:cluster';

/** True in a process forked by startWorkers: it serves, and tells the primary when it listens. */
export function isServerWorker(): boolean {
  return cluster.isWorker;
}

/** Called by a worker once it listens, with the URL it serves. */
export function reportListening(url: string): void {
  process.send?.({ sitrep: 'listening', url });
}

/** Called by a worker once it has stopped serving: the channel to the primary would keep it alive. */
export function leaveCluster(): void {
  if (cluster.isWorker && process.connected) process.disconnect();
}

const MAX_REPLACED_PER_MINUTE = 5;

export interface WorkerPool {
  url: string;
  /** Stops every worker and resolves when all have exited. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** How many processes serve (at least 1). */
  workers: number;
  /** Environment added for the workers (e.g. the access token the primary made up). */
  env?: Record<string, string>;
  /** Where to say that a worker died and was replaced. */
  log?: (line: string) => void;
}

/**
 * Forks the workers (they run this process's own command line again) and resolves once all of
 * them listen. Rejects, after stopping the others, when a worker exits before listening: its own
 * error message has gone to the shared stderr.
 */
export function startWorkers(options: WorkerPoolOptions): Promise<WorkerPool> {
  const count = Math.max(1, Math.trunc(options.workers));
  const env = options.env ?? {};
  const live = new Set<Worker>();
  let stopping = false;
  let url = '';
  const replaced: number[] = []; // when workers were replaced, to give up on a crash loop

  const stop = () =>
    new Promise<void>((done) => {
      stopping = true;
      if (live.size === 0) return done();
      for (const worker of live) {
        worker.once('exit', () => {
          if (live.size === 0) done();
        });
        worker.process.kill('SIGTERM');
      }
    });

  return new Promise((resolve, reject) => {
    let listening = 0;
    const fork = (initial: boolean) => {
      const worker = cluster.fork(env);
      live.add(worker);
      worker.on('message', (message: { sitrep?: string; url?: string }) => {
        if (message?.sitrep !== 'listening') return;
        url = message.url ?? url;
        if (initial && ++listening === count) resolve({ url, close: stop });
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (stopping) return;
        if (listening < count) {
          void stop().then(() =>
            reject(new Error(`a server worker exited before listening (${signal ?? `exit code ${code}`})`)),
          );
          return;
        }
        const now = Date.now();
        while (replaced.length > 0 && (replaced[0] as number) < now - 60_000) replaced.shift();
        if (replaced.length >= MAX_REPLACED_PER_MINUTE) {
          options.log?.(
            `a server worker exited (${signal ?? `exit code ${code}`}); too many this minute, not replaced`,
          );
          return;
        }
        replaced.push(now);
        options.log?.(`a server worker exited (${signal ?? `exit code ${code}`}); starting another`);
        fork(false);
      });
    };
    for (let i = 0; i < count; i++) fork(true);
  });
}
