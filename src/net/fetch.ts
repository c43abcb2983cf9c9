// The safe fetcher: one GET over node:http/https for URLs that come from the open web (feeds,
// the links in them, their redirects). It only speaks http and https; it resolves the host itself
// and refuses private, loopback, link-local and other non-public addresses (unless allowPrivate),
// then connects to exactly the address it checked (a custom `lookup`), so DNS rebinding between
// the check and the connection cannot happen; it re-checks every redirect hop and follows at most
// maxRedirects; it caps the body (the bytes received and, for gzip/deflate/br, the decoded bytes,
// counted while streaming so a bomb never fills memory); and it has connect, read (idle) and total
// timeouts. Every failure is a FetchError naming the URL and the reason.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { blockedAddressReason } from './address.js';

export interface SafeFetchOptions {
  /** Allow private, loopback and other non-public addresses (tests, intranet feeds). Default false. */
  allowPrivate: boolean;
  /** Host names (as written in URLs, e.g. an intranet feed server) exempt from the address check. */
  allowHosts: readonly string[];
  /** Redirects followed before giving up (each hop is checked like the first URL). Default 5. */
  maxRedirects: number;
  /** Largest body accepted, in bytes, both as received and once decompressed. Default 10 MiB. */
  maxBytes: number;
  /** Time allowed to open the connection (TCP and TLS), in ms. Default 10 s. */
  connectTimeoutMs: number;
  /** Longest silence while waiting for the response or its next bytes, in ms. Default 20 s. */
  readTimeoutMs: number;
  /** Time allowed for the whole fetch, redirects included, in ms. Default 60 s. */
  totalTimeoutMs: number;
  /** Extra request headers (If-None-Match, If-Modified-Since…). */
  headers: Record<string, string>;
  userAgent: string;
  /** Cancels the fetch (a FetchError with reason 'aborted'). */
  signal?: AbortSignal;
  /** Name resolution (default dns.lookup with all: true); tests replace it. */
  resolve: (hostname: string) => Promise<LookupAddress[]>;
}

export const DEFAULT_FETCH_OPTIONS: SafeFetchOptions = {
  allowPrivate: false,
  allowHosts: [],
  maxRedirects: 5,
  maxBytes: 10 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  headers: {},
  userAgent: 'sitrep-watch/0.1 (+https://github.com/; news monitoring)',
  resolve: (hostname) =>
    new Promise((resolve, reject) =>
      dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
    ),
};

export type FetchFailure =
  | 'url' // not a URL, or not http/https
  | 'blocked' // a non-public address
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'redirects'
  | 'too-large'
  | 'decode'
  | 'aborted'
  | 'network';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly reason: FetchFailure,
    detail: string,
  ) {
    super(`${url}: ${detail}`);
  }
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  redirects: string[];
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, decompressed (empty for 304 and HEAD-like answers). */
  body: Buffer;
  /** The address the fetcher connected to (for the last hop). */
  address: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET `url` safely (see the file comment). Resolves with any HTTP status; rejects with FetchError. */
export async function safeFetch(url: string, options: Partial<SafeFetchOptions> = {}): Promise<FetchResult> {
  const settings: SafeFetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options };
  const deadline = Date.now() + settings.totalTimeoutMs;
  const redirects: string[] = [];
  let current = url;
  for (;;) {
    const target = parseTarget(current);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new FetchError(url, 'timeout', `no complete answer within ${settings.totalTimeoutMs} ms`);
    const hop = await requestOnce(target, settings, remaining, url);
    if (REDIRECTS.has(hop.status) && hop.headers.location !== undefined) {
      if (redirects.length >= settings.maxRedirects) {
        throw new FetchError(url, 'redirects', `more than ${settings.maxRedirects} redirects (last to ${current})`);
      }
      let next: string;
      try {
        next = new URL(hop.headers.location, current).href;
      } catch {
        throw new FetchError(
          url,
          'url',
          `redirect from ${current} to an invalid URL ${JSON.stringify(hop.headers.location)}`,
        );
      }
      redirects.push(next);
      current = next;
      continue;
    }
    return { ...hop, url, finalUrl: current, redirects };
  }
}

function parseTarget(text: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new FetchError(text, 'url', 'not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(text, 'url', `the scheme ${parsed.protocol} is refused (only http and https)`);
  }
  if (parsed.username || parsed.password) {
    throw new FetchError(text, 'url', 'URLs with a user name or password are refused');
  }
  return parsed;
}

/** Resolves the host and checks every address; returns the one to connect to. */
async function checkedAddress(target: URL, settings: SafeFetchOptions, original: string): Promise<LookupAddress> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: LookupAddress[];
  if (literal !== 0) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await settings.resolve(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new FetchError(original, 'dns', `cannot resolve ${host} (${code})`);
    }
    if (addresses.length === 0) throw new FetchError(original, 'dns', `${host} resolves to no address`);
  }
  if (!settings.allowPrivate && !settings.allowHosts.includes(host.toLowerCase())) {
    // All of them: a name that resolves to a public and a private address is refused too.
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null) {
        const via = literal !== 0 ? '' : `${host} resolves to `;
        throw new FetchError(original, 'blocked', `refused: ${via}${reason} (use --allow-private to allow it)`);
      }
    }
  }
  return addresses[0]!;
}

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  address: string;
}

async function requestOnce(
  target: URL,
  settings: SafeFetchOptions,
  remainingMs: number,
  original: string,
): Promise<Hop> {
  const checked = await checkedAddress(target, settings, original);
  const where = target.href === original ? '' : ` (at ${target.href})`;
  // The socket connects to the address checked above, whatever the resolver would answer now.
  const lookup: LookupFunction = (_hostname, opts, callback) => {
    if (opts.all) (callback as (e: null, a: LookupAddress[]) => void)(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const fail = (reason: FetchFailure, detail: string) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      settings.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      reject(new FetchError(original, reason, `${detail}${where}`));
    };
    const onAbort = () => fail('aborted', 'the fetch was cancelled');
    const request = client.request(target, {
      method: 'GET',
      lookup,
      agent: false, // a fresh connection each time: no pooled socket outlives its address check
      headers: {
        'user-agent': settings.userAgent,
        accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
        ...settings.headers,
      },
      ...(target.protocol === 'https:' && { servername: isIP(target.hostname) ? undefined : target.hostname }),
    });
    if (settings.signal?.aborted) {
      onAbort();
      return;
    }
    settings.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(
      setTimeout(
        () => fail('timeout', `no complete answer within ${settings.totalTimeoutMs} ms (total timeout)`),
        remainingMs,
      ),
    );
    const connectTimer = setTimeout(
      () => fail('timeout', `could not connect within ${settings.connectTimeoutMs} ms`),
      settings.connectTimeoutMs,
    );
    timers.push(connectTimer);
    request.on('socket', (socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        // Idle timeout from here on: waiting for headers, then between chunks of the body.
        request.setTimeout(settings.readTimeoutMs, () =>
          fail('timeout', `no data for ${settings.readTimeoutMs} ms (read timeout)`),
        );
      };
      const secure = target.protocol === 'https:';
      if (!socket.connecting && (!secure || (socket as unknown as { encrypted?: boolean }).encrypted)) connected();
      else socket.once(secure ? 'secureConnect' : 'connect', connected);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code) && !settled)
        fail('connect', `cannot connect to ${checked.address}: ${code}`);
      else fail('network', `${code || 'network error'}: ${error.message}`);
    });
    request.on('response', (response) => {
      readBody(response, settings, original).then(
        (body) => {
          if (settled) return;
          settled = true;
          for (const t of timers) clearTimeout(t);
          settings.signal?.removeEventListener('abort', onAbort);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, address: checked.address });
        },
        (error: FetchError | Error) => {
          if (error instanceof FetchError) fail(error.reason, error.message.slice(original.length + 2));
          else fail('network', `reading the response failed: ${error.message}`);
        },
      );
    });
    request.end();
  });
}

/** The body, decompressed, with both the received and the decoded size capped. */
function readBody(response: IncomingMessage, settings: SafeFetchOptions, url: string): Promise<Buffer> {
  const limit = settings.maxBytes;
  const status = response.statusCode ?? 0;
  // A redirect's or a 304's body is never used: do not spend time on it.
  if (status === 304 || (REDIRECTS.has(status) && response.headers.location)) {
    response.resume();
    return Promise.resolve(Buffer.alloc(0));
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    response.destroy();
    return Promise.reject(
      new FetchError(url, 'too-large', `the response is ${declared} bytes, more than the limit of ${limit} bytes`),
    );
  }
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let decoded: Readable = response;
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null = null;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
  else if (encoding === 'deflate') decoder = zlib.createInflate();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  else if (encoding !== 'identity' && encoding !== '') {
    response.destroy();
    return Promise.reject(new FetchError(url, 'decode', `unsupported content-encoding ${JSON.stringify(encoding)}`));
  }
  return new Promise((resolve, reject) => {
    let received = 0;
    let size = 0;
    const chunks: Buffer[] = [];
    let done = false;
    const stop = (error: FetchError | null) => {
      if (done) return;
      done = true;
      if (error) {
        response.destroy();
        decoder?.destroy();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit)
        stop(new FetchError(url, 'too-large', `the response is more than the limit of ${limit} bytes`));
    });
    response.on('error', (error) => stop(new FetchError(url, 'network', `the response broke off: ${error.message}`)));
    response.on('aborted', () => stop(new FetchError(url, 'network', 'the response broke off')));
    if (decoder) {
      decoder.on('error', (error) =>
        stop(new FetchError(url, 'decode', `cannot decode the ${encoding} body: ${error.message}`)),
      );
      decoded = response.pipe(decoder);
    }
    decoded.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        stop(
          new FetchError(
            url,
            'too-large',
            decoder
              ? `the ${encoding} body decodes to more than the limit of ${limit} bytes (a compression bomb?)`
              : `the response is more than the limit of ${limit} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    decoded.on('end', () => stop(null));
  });
}
