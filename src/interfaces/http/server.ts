// Binds the API app to a host and port. Loopback by default: the store is the analyst's own.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '../../store/store.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(options: { store: Store; host?: string; port?: number }): Promise<RunningServer> {
  const app = createApp({ store: options.store });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info: AddressInfo) => {
      const shown = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
