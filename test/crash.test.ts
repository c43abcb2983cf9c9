// Crash safety: `kill -9` at 20 points of a 10,000-article ingest (start-up, mid-batch, the corpus
// step), resuming each time: every article is stored exactly once, the store passes its integrity
// check after every kill, and search, the export and the corpus records agree at the end.

import assert from 'node:assert/strict';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { seededRandom } from '../eval/random.js';
import { deriveCorpus } from '../src/corpus/derive.js';
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

/** Starts an ingest and kills it with SIGKILL when `when` says so; false if it finished first. */
async function killDuringIngest(corpus: string, db: string, when: (stored: number, ms: number) => boolean) {
  const child = sitrepChild(['ingest', corpus, '--db', db, '--batch-size', '200', '--quiet']);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  exited.then(() => {
    done = true;
  });
  const started = Date.now();
  while (!done && !when(storedCount(db), Date.now() - started)) await new Promise((r) => setTimeout(r, 15));
  if (done) return false;
  child.kill('SIGKILL');
  await exited;
  return true;
}

test('kill -9 at 20 random points of a 10,000-article ingest, resuming each time: every article stored once', {
  timeout: 600_000,
}, async () => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus.jsonl');
  const db = join(dir, 'crash.db');
  await writeCorpus(corpus);
  const random = seededRandom(2022);

  // One kill while the process starts, 18 at random article counts spread over the ingest (one per
  // stratum, so each resumed run gets further), and one once every article is stored: during the
  // corpus step, which the next run must then redo although it adds nothing.
  const points: Array<{ label: string; when: (stored: number, ms: number) => boolean }> = [
    { label: 'at start-up', when: (_n, ms) => ms > 80 + random() * 300 },
  ];
  const stratum = (RECORDS - 800) / 18;
  for (let i = 0; i < 18; i++) {
    const after = Math.round(300 + i * stratum + random() * stratum * 0.8);
    points.push({ label: `after ${after} articles`, when: (n) => n > after });
  }
  points.push({ label: 'in the corpus step', when: (n) => n >= RECORDS });

  const killed: string[] = [];
  const missed: string[] = [];
  for (const point of points) {
    if (await killDuringIngest(corpus, db, point.when)) killed.push(point.label);
    else missed.push(point.label);
    const store = new SqliteStore(db);
    try {
      assert.deepEqual(await store.check(), [], `integrity after the kill ${point.label}`);
    } finally {
      await store.close();
    }
  }
  assert.ok(killed.length >= 18, `killed ${killed.length} times; finished first: ${missed.join(', ')}`);
  assert.ok(killed.includes('in the corpus step'), 'a kill landed in the corpus step');

  const resumed = sitrep(['ingest', corpus, '--db', db, '--json']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assert.equal(summary.added, 0, 'everything was stored before the last kill');
  assert.equal(summary.skipped, RECORDS);
  assert.ok(summary.corpus, 'the corpus step interrupted by the last kill is redone by a run that adds nothing');

  let mergedEvents = 0;
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
    const events = await store.corpusRecords('event', { limit: 1 });
    const rebuilt = await deriveCorpus(store);
    mergedEvents = rebuilt.mergedEvents;
    assert.ok(rebuilt.mergedEvents > 0, 'the corpus has merged events');
    assert.equal(events.total, rebuilt.mergedEvents, 'the stored events are those a fresh corpus step makes');
  } finally {
    await store.close();
  }

  const out = join(dir, 'export.jsonl');
  const exported = sitrep(['export', '--db', db, '--format', 'jsonl', '--out', out]);
  assert.equal(exported.code, 0, exported.stderr);
  const sections = new Map<string, string[]>();
  for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
    const { section, record } = JSON.parse(line) as { section: string; record: { id: string } };
    sections.set(section, [...(sections.get(section) ?? []), record.id]);
  }
  const ids = sections.get('articles') ?? [];
  assert.equal(ids.length, RECORDS, 'the export has every article once');
  assert.equal(new Set(ids).size, RECORDS);
  assert.equal(sections.get('events')?.length, mergedEvents, 'the export has the merged events');
});
