import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { article, storeContract } from '../store.contract.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sqlite-'));
let n = 0;
const freshFile = () => join(dir, `store-${n++}.db`);

storeContract('SQLite', async () => new SqliteStore(freshFile()));

test('SQLite store runs in WAL mode at the latest migration, and reopening keeps the data', async () => {
  const file = freshFile();
  const store = new SqliteStore(file);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
  await store.putArticles([article('keep', 'Kept across reopen.')]);
  await store.close();
  const reopened = new SqliteStore(file);
  assert.equal((await reopened.stats()).articles, 1);
  assert.equal((await reopened.search({ q: 'reopen' })).total, 1);
  await reopened.close();
});

test('a read-only store refuses a missing file instead of creating one', () => {
  assert.throws(() => new SqliteStore(join(dir, 'missing.db'), { readonly: true }));
});
