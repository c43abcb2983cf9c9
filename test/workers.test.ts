// Many workers on a real PostgreSQL server: `sitrep ingest --queue` fills the queue, worker
// processes share it, one is killed with `kill -9` in the middle, another takes its place; every
// article ends up stored exactly once, duplicates across jobs are found, the run is finished and
// the corpus step has run.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { seededRandom } from '../eval/random.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { sitrep, sitrepChild, tempDir } from './helpers.js';
import { type PostgresServer, skipPostgres, startPostgres } from './postgres-server.js';

const ORIGINALS = 900;
const COPIES = 100;
const PLACES = ['Kharkiv', 'Mariupol', 'Kherson', 'Odesa', 'Sumy', 'Chernihiv', 'Mykolaiv', 'Zaporizhzhia'];
const WORDS = 'artillery convoy bridge depot shelter train river market school hospital village road'.split(' ');

let server: PostgresServer | undefined;
before(async () => {
  if (!skipPostgres) server = await startPostgres();
});
after(async () => server?.stop());

function corpus(path: string): void {
  const random = seededRandom(99);
  const lines: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i < ORIGINALS; i++) {
    const place = PLACES[i % PLACES.length] as string;
    const words = Array.from({ length: 40 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const text = `Report ${i}: shelling hit ${place} on Tuesday, the regional governor said. ${words}. Case ${i * 7919}.`;
    texts.push(text);
    lines.push(JSON.stringify({ id: `o${i}`, title: `Report ${i}`, published: '2022-03-01', text }));
  }
  // Copies under other ids, placed far from their originals so they land in other jobs.
  for (let i = 0; i < COPIES; i++) {
    const of = (i * 37) % ORIGINALS;
    lines.push(JSON.stringify({ id: `c${i}`, title: `Copy ${i}`, published: '2022-03-02', text: texts[of] }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function doneJobs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>("SELECT count(*) AS n FROM sitrep_jobs WHERE state <> 'queued'");
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function exited(child: ReturnType<typeof sitrepChild>): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test('workers share the queue; one killed with kill -9 loses nothing; each article stored once', {
  skip: skipPostgres,
  timeout: 600_000,
}, async () => {
  const url = await (server as PostgresServer).createDatabase('workers');
  const dir = tempDir();
  const input = join(dir, 'corpus.jsonl');
  corpus(input);

  const queued = sitrep(['ingest', input, '--db', url, '--queue', '--batch-size', '50', '--json']);
  assert.equal(queued.code, 0, queued.stderr);
  const plan = JSON.parse(queued.stdout);
  assert.equal(plan.records, ORIGINALS + COPIES);
  assert.equal(plan.jobs, Math.ceil((ORIGINALS + COPIES) / 50));

  const a = sitrepChild(['worker', '--db', url, '--exit-when-idle', '--poll', '100']);
  const b = sitrepChild(['worker', '--db', url, '--exit-when-idle', '--poll', '100']);
  const aExit = exited(a);
  const bExit = exited(b);
  while ((await doneJobs(url)) < 4) await new Promise((r) => setTimeout(r, 100));
  a.kill('SIGKILL');
  await aExit;
  const c = sitrepChild(['worker', '--db', url, '--exit-when-idle', '--poll', '100']);
  // listened to at once: c may exit before b does, and a late listener would wait forever
  const cExit = exited(c);
  let cErr = '';
  c.stderr.on('data', (chunk: Buffer) => {
    cErr += chunk.toString();
  });
  assert.equal(await bExit, 0);
  assert.equal(await cExit, 0, cErr);

  const store = new PgStore(url);
  try {
    assert.deepEqual(await store.check(), []);
    const stats = await store.stats();
    assert.equal(stats.articles, ORIGINALS + COPIES, 'every article stored exactly once');
    assert.equal(stats.duplicates, COPIES, 'copies in other jobs are found as duplicates');
    const [run] = await store.runs(1);
    assert.ok(run?.finishedAt, 'the run is finished');
    // A job whose write landed just before its worker was killed counts as skipped on its retry.
    assert.equal((run?.added ?? 0) + (run?.skipped ?? 0), ORIGINALS + COPIES);
    assert.ok((run?.added ?? 0) >= ORIGINALS + COPIES - 50);
    assert.ok((await store.corpusRecords('event', { limit: 1 })).total > 0, 'the corpus step ran');
    assert.equal((await store.search({ q: 'shelling', limit: 1 })).total, ORIGINALS + COPIES);
  } finally {
    await store.close();
  }

  // The same input queued again adds nothing.
  const again = sitrep(['ingest', input, '--db', url, '--queue', '--json']);
  assert.equal(again.code, 0, again.stderr);
  const worker = sitrep(['worker', '--db', url, '--exit-when-idle', '--poll', '100']);
  assert.equal(worker.code, 0, worker.stderr);
  assert.match(worker.stdout, /\(0 added\)/);
});

test('workers refuse a SQLite store with a clear message', () => {
  const result = sitrep(['worker', '--db', join(tempDir(), 'x.db'), '--exit-when-idle']);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /PostgreSQL store/);
});
