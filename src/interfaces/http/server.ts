// Binds the API app to a host and port. Loopback by default: the store is the analyst's own.
// Any other address needs an access token (the caller makes one when none is given) unless the
// operator explicitly turns it off. Slow or oversized requests are cut off by the HTTP server's
// own limits before they reach the app.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '../../store/store.js';
import { createApp } from './app.js';
import { type GuardOptions, isLoopback } from './guard.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  store: Store;
  host?: string;
  port?: number;
  guard?: GuardOptions;
  /** Serve a non-loopback address without a token (explicit opt-out; default false). */
  allowNoToken?: boolean;
}

export class InsecureBindError extends Error {
  override name = 'InsecureBindError';
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.guard?.token && !options.allowNoToken) {
    return Promise.reject(
      new InsecureBindError(`binding ${host} exposes the store beyond this machine: an access token is required`),
    );
  }
  const app = createApp({ store: options.store, ...(options.guard && { guard: options.guard }) });
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: host,
        port: options.port ?? 8080,
        serverOptions: { maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000 },
      },
      (info: AddressInfo) => {
        const shown = isLoopback(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
        resolve({
          url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${info.port}`,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
