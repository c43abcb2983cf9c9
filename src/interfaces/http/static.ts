// Serves the built web desk (dist/web) with a fallback to its index.html for the desk's own URLs
// (/articles/…), so that every view has a URL that can be reloaded and shared. Only files inside
// the build folder are ever read.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.geojson': 'application/geo+json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Content-hashed assets can be cached for ever; index.html must not be. */
  immutable: boolean;
}

export function desk(root: string = DEFAULT_WEB_ROOT) {
  const built = existsSync(join(root, 'index.html'));
  const base = normalize(root + sep);
  return {
    built,
    /** The file for a request path, the index for a desk route, or null. */
    lookup(path: string): StaticFile | null {
      if (!built) return null;
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return null;
      }
      if (decoded.split(/[\\/]/).includes('..') || decoded.includes('\0')) return null;
      const file = normalize(join(root, decoded));
      if (file.startsWith(base) && existsSync(file) && statSync(file).isFile()) {
        return {
          body: readFileSync(file),
          type: TYPES[extname(file)] ?? 'application/octet-stream',
          immutable: decoded.startsWith('/assets/'),
        };
      }
      // Desk routes are paths without a file extension; anything else that is missing is a 404.
      if (extname(decoded) === '') {
        return { body: readFileSync(join(root, 'index.html')), type: TYPES['.html']!, immutable: false };
      }
      return null;
    },
  };
}
