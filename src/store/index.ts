// Opens the store a `--db` option names: a SQLite file path (the embedded default) or a
// postgres:// URL (the PostgreSQL store, for many writers and large corpora).

import { PgStore } from './postgres/pg-store.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export { PgStore, type PgStoreOptions } from './postgres/pg-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export * from './store.js';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * A PostgreSQL store connects and migrates on its first call (this stays synchronous); a failure
 * to connect is a StoreOpenError from that call.
 */
export function openStore(spec: string, options: SqliteStoreOptions = {}): Store {
  if (isPostgresUrl(spec)) {
    try {
      return new PgStore(spec, { readonly: options.readonly });
    } catch (error) {
      // the pool parses the URL at once: a malformed URL is reported here
      throw new StoreOpenError(`cannot open store: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    return new SqliteStore(spec, options);
  } catch (error) {
    throw new StoreOpenError(`cannot open store ${spec}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
