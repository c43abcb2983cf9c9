// A response cache for the read API: the same request against an unchanged store gets the same
// answer, so a popular search or the desk's first screen is computed once per change of the store,
// not once per request. Entries are keyed by path and sorted query, and dropped as a whole when
// the store's version marker moves (an ingest in another process included). Bounded by entries
// and bytes; large or streamed answers are not kept.

import type { MiddlewareHandler } from 'hono';
import type { Store } from '../../store/store.js';

export interface CacheOptions {
  /** Most answers kept (default 2,000). */
  maxEntries?: number;
  /** Most bytes kept (default 64 MiB). */
  maxBytes?: number;
  /** Largest answer kept (default 1 MiB). */
  maxEntryBytes?: number;
}

interface Entry {
  body: ArrayBuffer;
  status: number;
  headers: Array<[string, string]>;
}

const UNCACHED = new Set(['/api/health', '/api/export']);

export function responseCache(store: Store, options: CacheOptions = {}): MiddlewareHandler {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 2 ** 20;
  const maxEntryBytes = options.maxEntryBytes ?? 2 ** 20;
  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  let bytes = 0;
  let version: string | null = null;

  return async (c, next) => {
    if (!store.version || c.req.method !== 'GET' || !c.req.path.startsWith('/api/') || UNCACHED.has(c.req.path)) {
      return next();
    }
    const now = await store.version();
    if (now !== version) {
      entries.clear();
      bytes = 0;
      version = now;
    }
    const url = new URL(c.req.url);
    url.searchParams.sort();
    const key = `${url.pathname}?${url.searchParams}`;
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return new Response(hit.body, { status: hit.status, headers: [...hit.headers, ['x-sitrep-cache', 'hit']] });
    }
    await next();
    const res = c.res;
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    if (res.status !== 200 || !res.body || length > maxEntryBytes) return;
    const body = await res.arrayBuffer();
    c.res = new Response(body, { status: res.status, headers: res.headers });
    if (body.byteLength > maxEntryBytes) return;
    entries.set(key, { body, status: res.status, headers: [...res.headers.entries()] });
    bytes += body.byteLength;
    for (const [oldest, entry] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.body.byteLength;
    }
  };
}
