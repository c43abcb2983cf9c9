// `sitrep serve --workers 2`: two processes answer on one port, a worker that dies is replaced,
// and stopping the primary stops them all. Run against the built CLI (bin/sitrep.js).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';

const BIN = fileURLToPath(new URL('../../../../bin/sitrep.js', import.meta.url));

/** The worker processes of a primary (Linux /proc), or null where that cannot be read. */
function workersOf(pid: number): number[] | null {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('serve --workers 2: two processes on one port, a dead worker replaced, all stopped together', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-cluster-')), 'store.db');
  const store = new SqliteStore(file);
  await store.putArticles([
    article('one', 'Shelling in Kharkiv overnight.', { published: '2022-03-01' }),
    article('two', 'Grain leaves Odesa.', { published: '2022-08-01' }),
  ]);
  await store.close();

  const server = spawn(process.execPath, [BIN, 'serve', '--db', file, '--port', '0', '--workers', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      server.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        const found = /serving .* on (http:\/\/\S+) with 2 processes/.exec(stdout);
        if (found) resolve(found[1] as string);
      });
      server.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
    const search = async () => {
      const res = await fetch(`${url}/api/articles?q=kharkiv`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { total: number }).total;
    };
    for (let i = 0; i < 6; i++) assert.equal(await search(), 1);

    const workers = workersOf(server.pid as number);
    if (workers) {
      assert.equal(workers.length, 2, `workers: ${workers}`);
      process.kill(workers[0] as number, 'SIGKILL');
      let now = workersOf(server.pid as number) ?? [];
      for (let i = 0; i < 100 && !(now.length === 2 && !now.includes(workers[0] as number)); i++) {
        await wait(100);
        now = workersOf(server.pid as number) ?? [];
      }
      assert.equal(now.length, 2, 'the dead worker is replaced');
      assert.ok(!now.includes(workers[0] as number));
      await wait(500); // the new worker starts listening
      for (let i = 0; i < 6; i++) assert.equal(await search(), 1);
      assert.match(stderr, /a server worker exited \(SIGKILL\); starting another/);
    }
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
    if (workers)
      for (const pid of workers.slice(1)) assert.throws(() => process.kill(pid, 0), 'a worker outlived the primary');
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
  }
});

test('serve --workers 2 on a store that cannot be opened fails at once with the reason', async () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'sitrep-cluster-')), 'no', 'such', 'dir', 'store.db');
  const server = spawn(process.execPath, [BIN, 'serve', '--db', missing, '--port', '0', '--workers', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const code = await new Promise<number | null>((resolve) => server.once('exit', (c) => resolve(c)));
  assert.equal(code, 1);
  assert.match(stderr, /cannot open store/);
});
