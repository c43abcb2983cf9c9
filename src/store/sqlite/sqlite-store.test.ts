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

test('several processes opening a new store at once migrate it once, and all of them open it', async () => {
  const { spawn } = await import('node:child_process');
  const module = new URL('./sqlite-store.js', import.meta.url).href;
  for (let round = 0; round < 3; round++) {
    const file = freshFile();
    const script = `import(${JSON.stringify(module)}).then(async ({ SqliteStore }) => { const s = new SqliteStore(${JSON.stringify(file)}); await s.close(); })`;
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
        });
        return new Promise<string>((resolve) => child.once('exit', (code) => resolve(`${code} ${stderr}`.trim())));
      }),
    );
    assert.deepEqual(codes, ['0', '0', '0', '0']);
    const store = new SqliteStore(file, { readonly: true });
    assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)?.version);
    await store.close();
  }
});
