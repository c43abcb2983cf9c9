// Crash safety: `kill -9` in the middle of a large ingest, then the same ingest again, several
// times: every article is stored exactly once and the store passes its integrity check.

import assert from 'node:assert/strict';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { sitrep, sitrepChild, tempDir } from './helpers.js';

const RECORDS = 10_000;

async function writeCorpus(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < RECORDS; i++) {
    // Half the records have an id, half are identified by their position in the file.
    const record = {
      ...(i % 2 === 0 && { id: `crash-${i}` }),
      title: `Report ${i} from Kharkiv`,
      published: `2022-03-${String((i % 28) + 1).padStart(2, '0')}`,
      text: `Report ${i}. Shelling was reported in district ${i % 97} of Kharkiv, officials said. `.repeat(12),
    };
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

function storedCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return Number((conn.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n);
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not yet created or migrated
  }
}

/** Starts an ingest and kills it with SIGKILL once more than `after` articles are stored. */
async function killDuringIngest(corpus: string, db: string, after: number): Promise<boolean> {
  const child = sitrepChild(['ingest', corpus, '--db', db, '--batch-size', '200', '--quiet']);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  exited.then(() => {
    done = true;
  });
  while (!done && storedCount(db) <= after) await new Promise((r) => setTimeout(r, 20));
  if (done) return false;
  child.kill('SIGKILL');
  await exited;
  return true;
}

test('kill -9 during a large ingest, then again, then the full ingest: every article stored exactly once', {
  timeout: 300_000,
}, async () => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus.jsonl');
  const db = join(dir, 'crash.db');
  await writeCorpus(corpus);

  const killedAt: number[] = [];
  for (const after of [1000, 3500, 6000]) {
    if (await killDuringIngest(corpus, db, after)) killedAt.push(storedCount(db));
  }
  assert.ok(killedAt.length >= 2, `the ingest finished before it could be killed (killed at ${killedAt})`);
  assert.ok(
    killedAt.every((n) => n < RECORDS),
    `killed at ${killedAt}`,
  );

  const resumed = sitrep(['ingest', corpus, '--db', db, '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assert.equal(summary.added + summary.skipped, RECORDS);
  assert.ok(summary.skipped >= killedAt.at(-1)!, 'what was stored before the crash is not stored again');

  const store = new SqliteStore(db);
  try {
    assert.deepEqual(await store.check(), []);
    const row = store.db
      .prepare('SELECT count(*) AS n, count(DISTINCT key) AS keys, count(DISTINCT id) AS ids FROM articles')
      .get() as Record<string, number>;
    assert.deepEqual({ ...row }, { n: RECORDS, keys: RECORDS, ids: RECORDS });
    assert.equal(
      (await store.search({ q: 'Kharkiv', limit: 1 })).total,
      RECORDS,
      'the search index agrees with the table',
    );
  } finally {
    await store.close();
  }
});
