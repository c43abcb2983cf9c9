// The hostile-input corpus through the real CLI into a real SQLite store: billion laughs, external
// entities, gzip bombs, 100 MB pages, 100,000-deep nesting in HTML, JSON and XML, NUL bytes,
// invalid UTF-8, lone surrogates, right-to-left overrides, a CSV with one 50 MB field. Each run
// ingests a good file alongside and asserts: a message naming the input and the reason, the good
// article stored, no crash (exit status 0 or 2, never a signal), peak memory bounded (the child
// runs with a 1 GiB heap and reports its peak RSS), and the store passes its integrity check.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Article, articleId } from '../../src/core/document.js';
import { openStore, type Store } from '../../src/store/index.js';
import { BIN, ROOT, tempDir } from '../helpers.js';
import * as hostile from './hostile-inputs.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'hostile');
const RSS_REPORT = fileURLToPath(new URL('./rss-report.js', import.meta.url));
const dir = tempDir('sitrep-hostile-');
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  peakMiB: number;
}

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SITREP_REPORT_RSS: '1' };
  delete env.SITREP_DB;
  return env;
}

/** `sitrep ingest` as a user runs it, with a 1 GiB heap, reporting its peak resident memory. */
function ingest(paths: string[], db: string): Run {
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=1024', '--import', RSS_REPORT, BIN, 'ingest', ...paths, '--db', db],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: childEnv(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const peak = /sitrep-peak-rss-kib=(\d+)/.exec(result.stderr);
  assert.ok(peak, `no peak memory reported (crashed?):\n${result.stderr.slice(-2000)}`);
  return {
    code: result.status,
    signal: result.signal,
    stderr: result.stderr,
    stdout: result.stdout,
    peakMiB: Number(peak[1]) / 1024,
  };
}

/** The messages the CLI printed for one input (lines start with the path as given). */
function messagesFor(run: Run, path: string): string[] {
  return run.stderr.split('\n').filter((line) => line.startsWith(`${path}:`));
}

function assertMessage(run: Run, path: string, rule: string, reason: RegExp): void {
  const lines = messagesFor(run, path);
  assert.ok(
    lines.some((l) => l.includes(`[${rule}]`) && reason.test(l)),
    `no [${rule}] message matching ${reason} for ${path}; got:\n${lines.join('\n') || run.stderr.slice(-3000)}`,
  );
}

function assertNoCrash(run: Run, maxPeakMiB: number, t: TestContext): void {
  t.diagnostic(`peak RSS of sitrep: ${run.peakMiB.toFixed(0)} MiB`);
  assert.equal(run.signal, null, `killed by ${run.signal}`);
  assert.ok(run.code === 0 || run.code === 2, `exit status ${run.code}:\n${run.stderr.slice(-3000)}`);
  assert.doesNotMatch(run.stderr, /\[input-failed\]|\[stage-failed\]|out of memory|FATAL ERROR|^\s+at /m);
  assert.ok(run.peakMiB < maxPeakMiB, `peak RSS ${run.peakMiB.toFixed(0)} MiB ≥ ${maxPeakMiB} MiB`);
}

/** Opens the store, checks its integrity, and hands it to `body`. */
async function withStore(db: string, body: (store: Store) => Promise<void>): Promise<void> {
  const store = openStore(db);
  try {
    assert.deepEqual(await store.check(), []);
    await body(store);
  } finally {
    await store.close();
  }
}

/** The stored article of a file record (text, HTML) or of a record with an id. */
async function stored(store: Store, by: { file: string } | { id: string }): Promise<Article> {
  const id = 'id' in by ? by.id : articleId({ key: `src:${resolve(by.file)}#0`, fields: {} } as never);
  const article = await store.getArticle(id);
  assert.ok(article, `article ${id} is not stored`);
  return article;
}

describe('hostile inputs through `sitrep ingest`', { timeout: 300_000 }, () => {
  test('small hostile inputs in one batch: each refused or read safely, the good article stored', async (t) => {
    const paths = {
      laughs: join(FIXTURES, 'billion-laughs.rss'),
      xxe: join(FIXTURES, 'external-entity.rss'),
      dtd: join(FIXTURES, 'external-dtd.rss'),
      utf8: join(FIXTURES, 'invalid-utf8.txt'),
      nul: join(FIXTURES, 'nul-byte.txt'),
      deepHtml: join(dir, 'deep.html'),
      deepJson: join(dir, 'deep.json'),
      deepJsonl: join(dir, 'deep.jsonl'),
      deepXml: join(dir, 'deep.rss'),
      nasty: join(dir, 'nasty.jsonl'),
      bomb: join(dir, 'bomb.jsonl.gz'),
      nested: join(dir, 'bomb-nested.txt.gz'),
    };
    hostile.deepHtml(paths.deepHtml);
    hostile.deepJson(paths.deepJson);
    hostile.deepJsonl(paths.deepJsonl);
    hostile.deepXml(paths.deepXml);
    hostile.nastyJsonl(paths.nasty);
    await hostile.gzipBomb(paths.bomb);
    await hostile.nestedGzipBomb(paths.bomb, paths.nested);
    rmSync(paths.bomb);
    const good = hostile.goodJsonl(dir, 'good-small');
    const db = join(dir, 'small.db');

    const run = ingest([good, ...Object.values(paths).filter((p) => p !== paths.bomb)], db);
    assertNoCrash(run, 600, t);
    assert.equal(run.code, 2);
    assertMessage(run, paths.laughs, 'xml-entity-declaration', /declares entities in its DOCTYPE; refused/);
    assertMessage(run, paths.xxe, 'xml-entity-declaration', /declares entities in its DOCTYPE; refused/);
    assertMessage(run, paths.utf8, 'input-encoding', /not valid UTF-8 .*byte-order mark.*at byte offset 41/);
    assertMessage(run, paths.nul, 'input-binary', /a NUL byte at offset 43/);
    assertMessage(run, paths.deepJson, 'record-malformed', /item 0 nests arrays or objects too deeply/);
    assertMessage(run, paths.deepXml, 'xml-malformed', /nested/i);
    assertMessage(run, paths.nested, 'input-binary', /gzip data \(compressed twice\?\)/);
    for (const quiet of [good, paths.dtd, paths.deepHtml, paths.deepJsonl, paths.nasty])
      assert.deepEqual(messagesFor(run, quiet), [], quiet);

    await withStore(db, async (store) => {
      assert.equal((await stored(store, { id: 'good-small' })).title, 'Good article');
      // An external DTD is never fetched and an undeclared entity never expanded.
      const dtd = (await store.listArticles({})).items.find((a) => a.title === 'Undeclared entity');
      assert.ok(dtd, 'the feed with an external DTD is read');
      const dtdArticle = await store.getArticle(dtd.id);
      assert.match(dtdArticle?.text ?? '', /Before &undeclared; after/);
      // 100,000 nested <div>s: unwrapped past the depth limit, the text inside kept.
      const deep = await stored(store, { file: paths.deepHtml });
      assert.match(deep.text, /Deep inside, Russian forces shelled Kharkiv/);
      assert.ok(deep.messages.some((m) => m.rule === 'html-too-deep'));
      await stored(store, { id: 'deep-jsonl' });
      await stored(store, { id: 'after-deep-jsonl' });
      // Lone surrogates, NULs and bidi overrides: stored, controls removed, facts still quote the text.
      for (const id of ['rtl', 'surrogates', 'nul']) {
        const article = await stored(store, { id });
        assert.doesNotMatch(article.text, /[\u0000-\u0008]/);
        for (const fact of article.facts)
          if (fact.evidence)
            assert.equal(article.text.slice(fact.evidence.start, fact.evidence.end), fact.evidence.quote);
      }
      assert.match((await stored(store, { id: 'rtl' })).text, /\u202e/);
      assert.equal((await stored(store, { id: 'nul' })).text, 'Russian forces shelled Kharkiv on Tuesday.');
    });
  });

  test('a gzip bomb (1 MB that inflates to 1 GiB) stops at the size limit', async (t) => {
    const bomb = join(dir, 'bomb.jsonl.gz');
    await hostile.gzipBomb(bomb);
    const good = hostile.goodJsonl(dir, 'good-bomb');
    const db = join(dir, 'bomb.db');
    const run = ingest([good, bomb], db);
    rmSync(bomb);
    assertNoCrash(run, 700, t);
    assertMessage(run, bomb, 'input-too-large', /decompresses to more than 104857600 bytes/);
    await withStore(db, async (store) => {
      await stored(store, { id: 'good-bomb' });
      assert.equal((await store.stats()).articles, 1);
    });
  });

  test('a page over the 100 MiB limit is refused before it is read', async (t) => {
    const page = join(dir, 'over-limit.html');
    await hostile.hugePage(page, 100 * hostile.MiB + 1);
    const good = hostile.goodJsonl(dir, 'good-over');
    const db = join(dir, 'over.db');
    const run = ingest([good, page], db);
    rmSync(page);
    assertNoCrash(run, 400, t);
    assertMessage(run, page, 'input-too-large', /the file is 10485\d{4} bytes, more than the limit of 104857600 bytes/);
    await withStore(db, async (store) => {
      await stored(store, { id: 'good-over' });
    });
  });

  test('a 100 MB page under the limit is cut to the HTML limit before parsing', async (t) => {
    const page = join(dir, 'page-100mb.html');
    await hostile.hugePage(page, 100_000_000);
    const good = hostile.goodJsonl(dir, 'good-page');
    const db = join(dir, 'page.db');
    const run = ingest([good, page], db);
    rmSync(page);
    // The record's raw input is the whole page and is stored verbatim, so memory is a multiple of it.
    assertNoCrash(run, 1600, t);
    await withStore(db, async (store) => {
      await stored(store, { id: 'good-page' });
      const article = await stored(store, { file: page });
      assert.ok(article.messages.some((m) => m.rule === 'html-truncated' && /only the first 5242880/.test(m.reason)));
      assert.match(article.text, /Russian forces shelled Kharkiv on Tuesday/);
      assert.ok(article.text.length <= 250_000);
    });
  });

  test('a CSV with a single 50 MB field: the row is stored, its text cut to the per-article limit', async (t) => {
    const csv = join(dir, 'huge-field.csv');
    await hostile.csvHugeField(csv, 50 * hostile.MiB);
    const good = hostile.goodJsonl(dir, 'good-csv');
    const db = join(dir, 'csv.db');
    const run = ingest([good, csv], db);
    rmSync(csv);
    assertNoCrash(run, 1600, t);
    await withStore(db, async (store) => {
      await stored(store, { id: 'good-csv' });
      const article = await stored(store, { id: 'csv-huge' });
      assert.ok(article.text.length <= 250_000 && article.text.length > 200_000, `${article.text.length}`);
      assert.ok(article.messages.some((m) => m.rule === 'text-truncated'));
      assert.match(article.text, /^Kharkiv was shelled, the "governor" said\./);
    });
  });
});
