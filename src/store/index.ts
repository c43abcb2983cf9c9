// Opens the store a `--db` option names: a SQLite file path (the embedded default) or, once the
// scale work lands, a postgres:// URL.

import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export { SqliteStore } from './sqlite/sqlite-store.js';
export * from './store.js';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

export function openStore(spec: string, options: SqliteStoreOptions = {}): Store {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    throw new StoreOpenError('PostgreSQL stores are not supported yet; use a SQLite file path with --db');
  }
  try {
    return new SqliteStore(spec, options);
  } catch (error) {
    throw new StoreOpenError(`cannot open store ${spec}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
