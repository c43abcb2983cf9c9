// Per-host politeness and per-URL backoff for a poller that talks to many sites for months.
// HostQueue: at most one request at a time per host, a minimum delay between the end of one
// request and the start of the next to the same host, and a host-wide pause when the host says
// so (Retry-After on 429/503). Backoff: exponential with jitter after each consecutive failure.

/** Serialises work per host name, with a gap between requests and honouring host-wide pauses. */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly minDelayMs: number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = delay,
  ) {}

  /** Runs `task` when the host is free and its delay has passed; tasks of one host run one at a time. */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const key = host.toLowerCase();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const now = Date.now();
      const ready = Math.max((this.lastEnd.get(key) ?? 0) + this.minDelayMs, this.pausedUntil.get(key) ?? 0);
      if (ready > now) await this.sleep(ready - now, signal);
      signal?.throwIfAborted();
      try {
        return await task();
      } finally {
        this.lastEnd.set(key, Date.now());
      }
    });
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    // Forget idle hosts so the map does not grow with every host ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** No request to this host before `until` (epoch ms). */
  pause(host: string, until: number): void {
    const key = host.toLowerCase();
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }
}

export interface BackoffOptions {
  /** Delay after the first failure, in ms. */
  baseMs: number;
  /** Longest delay, in ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 60 * 60_000 };

/**
 * The wait before the next attempt after `failures` consecutive failures (≥ 1): base·2^(n−1),
 * capped, then "equal jitter" (a uniform draw between half and all of it) so that many feeds that
 * failed together do not retry together.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 40)));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Longest Retry-After honoured; beyond it the server is asking for something unreasonable. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/** A Retry-After header (seconds or an HTTP date) as a delay in ms from `now`, or null. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
