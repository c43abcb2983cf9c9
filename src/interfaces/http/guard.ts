// The server's guard, in front of every route: only GET and HEAD (the API reads, never writes),
// bounded URLs and no request bodies, an access token when one is set (compared in constant time),
// per-client rate limiting, CORS only for origins named by the operator, and security headers with
// a content security policy for the desk. `sitrep serve` binds loopback by default; binding any
// other address needs a token (see docs/security.md).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export interface RateLimit {
  /** Requests per second a client may sustain. */
  perSecond: number;
  /** Requests a client may make at once before the sustained rate applies. */
  burst: number;
  /** Loopback clients (the analyst's own machine) are not limited (default true). */
  exemptLoopback?: boolean;
}

export interface GuardOptions {
  /** When set, every request but /api/health must carry it (Bearer header, cookie or ?token= once). */
  token?: string | null;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: readonly string[];
  rateLimit?: RateLimit | false;
  /** Longest accepted request target, in characters (default 8,192). */
  maxUrlLength?: number;
  /** The client's address (default: the socket's remote address; null in-process, never limited). */
  clientAddress?: (c: Context) => string | null;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 100, exemptLoopback: true };
export const TOKEN_COOKIE = 'sitrep_token';

// The desk loads only its own scripts and styles; article content is text, never markup.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** A fresh random access token (32 bytes, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True for addresses and names that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/** Compares a presented token with the expected one in time that depends on neither. */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  // Digests have equal lengths, so timingSafeEqual never throws and the length is not leaked.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function socketAddress(c: Context): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

function refuse(c: Context, status: 401 | 405 | 413 | 414 | 429, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

/** A token bucket per client, forgetting idle clients so the table stays small. */
function rateLimiter(limit: RateLimit) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (client: string, now: number): number => {
    let bucket = buckets.get(client);
    if (!bucket) {
      if (buckets.size >= 10_000) {
        for (const [key, b] of buckets) if (now - b.at > (limit.burst / limit.perSecond) * 1000) buckets.delete(key);
        if (buckets.size >= 10_000) buckets.delete(buckets.keys().next().value as string);
      }
      bucket = { tokens: limit.burst, at: now };
      buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / limit.perSecond); // seconds until the next request is allowed
  };
}

export function guard(options: GuardOptions = {}): MiddlewareHandler {
  const maxUrl = options.maxUrlLength ?? 8192;
  const cors = new Set(options.corsOrigins ?? []);
  const limit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = limit && limit.perSecond > 0 ? rateLimiter(limit) : null;
  const clientOf = options.clientAddress ?? socketAddress;
  const token = options.token || null;

  return async (c, next) => {
    const secure = (response?: Response) => {
      const headers = response ? response.headers : c.res.headers;
      headers.set('x-content-type-options', 'nosniff');
      headers.set('referrer-policy', 'no-referrer');
      headers.set('x-frame-options', 'DENY');
      headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
      headers.set('cross-origin-opener-policy', 'same-origin');
      headers.set('cross-origin-resource-policy', 'same-origin');
      headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
      const origin = c.req.header('origin');
      if (origin && cors.has(origin)) {
        headers.set('access-control-allow-origin', origin);
        headers.set('vary', 'Origin');
      }
      return response;
    };
    const blocked = (response: Response) => secure(response) as Response;

    const method = c.req.method;
    const origin = c.req.header('origin');
    if (method === 'OPTIONS' && origin && cors.has(origin)) {
      return blocked(
        c.body(null, 204, {
          'access-control-allow-methods': 'GET, HEAD',
          'access-control-allow-headers': 'authorization',
          'access-control-max-age': '600',
        }),
      );
    }
    if (method !== 'GET' && method !== 'HEAD') {
      c.header('allow', 'GET, HEAD');
      return blocked(refuse(c, 405, 'method-not-allowed', `${method} is not accepted: the API only reads`));
    }
    const target = c.req.url.slice(c.req.url.indexOf('/', c.req.url.indexOf('//') + 2));
    if (target.length > maxUrl) {
      return blocked(refuse(c, 414, 'uri-too-long', `the request target is longer than ${maxUrl} characters`));
    }
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > 0 || c.req.header('transfer-encoding')) {
      return blocked(refuse(c, 413, 'body-not-accepted', 'requests to this server carry no body'));
    }

    if (limiter) {
      const client = clientOf(c);
      if (client !== null && !(limit && limit.exemptLoopback !== false && isLoopback(client))) {
        const wait = limiter(client, Date.now());
        if (wait > 0) {
          c.header('retry-after', String(wait));
          return blocked(refuse(c, 429, 'rate-limited', `too many requests from ${client}: retry in ${wait} s`));
        }
      }
    }

    if (token && c.req.path !== '/api/health') {
      const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const authorised = tokenMatches(bearer, token) || tokenMatches(getCookie(c, TOKEN_COOKIE), token);
      const offered = c.req.query('token');
      if (!authorised && offered !== undefined && !c.req.path.startsWith('/api/') && tokenMatches(offered, token)) {
        // The link `sitrep serve` prints: remember the token in a cookie and drop it from the URL.
        setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        return blocked(c.redirect(`${url.pathname}${url.search}`, 303));
      }
      if (!authorised) {
        c.header('www-authenticate', 'Bearer realm="sitrep"');
        return blocked(
          refuse(
            c,
            401,
            'unauthorised',
            'this server needs its access token: send "Authorization: Bearer <token>" or open the link `sitrep serve` printed',
          ),
        );
      }
    }
    await next();
    secure();
  };
}
