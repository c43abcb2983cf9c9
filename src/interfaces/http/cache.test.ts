import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';
import { createApp } from './app.js';

test('answers are cached until the store changes, in this process or another', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-cache-')), 'c.db');
  const store = new SqliteStore(file);
  const other = new SqliteStore(file); // another process's connection to the same file
  t.after(async () => {
    await store.close();
    await other.close();
  });
  await store.putArticles([article('a1', 'Shelling in Kharkiv overnight.', { published: '2022-03-01' })]);
  const app = createApp({ store });
  const total = async (path: string) => {
    const res = await app.request(path);
    return { cached: res.headers.get('x-sitrep-cache') === 'hit', total: (await res.json()).total as number };
  };

  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=5'), { cached: false, total: 1 });
  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=5'), { cached: true, total: 1 });
  assert.deepEqual(await total('/api/articles?limit=5&q=Kharkiv'), { cached: true, total: 1 }, 'parameter order');
  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=6'), { cached: false, total: 1 });

  await store.putArticles([article('a2', 'More shelling in Kharkiv.', { published: '2022-03-02' })]);
  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=5'), { cached: false, total: 2 }, 'own write');
  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=5'), { cached: true, total: 2 });

  await other.putArticles([article('a3', 'Kharkiv again.', { published: '2022-03-03' })]);
  assert.deepEqual(await total('/api/articles?q=Kharkiv&limit=5'), { cached: false, total: 3 }, "another's write");

  const missing = await app.request('/api/articles/nope');
  assert.equal(missing.status, 404);
  assert.equal((await app.request('/api/articles/nope')).headers.get('x-sitrep-cache'), null, 'errors are not kept');
  const uncached = createApp({ store, cache: false });
  await uncached.request('/api/stats');
  assert.equal((await uncached.request('/api/stats')).headers.get('x-sitrep-cache'), null);
});
