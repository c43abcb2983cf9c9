import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPipeline, type Stage } from '../core/pipeline.js';
import { cleanStage } from '../stages/clean/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { runIngest } from './ingest.js';

// A stand-in for cleaning that splits a "Related: title | text" line off the body as a teaser.
const splitTeasers: Stage = {
  name: 'split-teasers',
  requires: ['fields'],
  assigns: ['text'],
  run(doc) {
    const lines = (doc.fields.text ?? '').split('\n');
    const teasers = lines
      .filter((l) => l.startsWith('Related: '))
      .map((l) => {
        const [title = '', text = ''] = l.slice('Related: '.length).split(' | ');
        return { title, text };
      });
    return { ...doc, text: lines.filter((l) => !l.startsWith('Related: ')).join('\n'), teasers };
  },
};

test('teasers become content-addressed records linked to each article they sit under', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-job-'));
  const teaser = 'Related: Grain deal signed | Ukraine and Russia signed a grain export deal in Istanbul.';
  const input = join(dir, 'in.jsonl');
  writeFileSync(
    input,
    [
      JSON.stringify({ id: 'a1', text: `Shelling in Kharkiv.\n${teaser}` }),
      JSON.stringify({ id: 'a2', text: `Talks in Minsk.\n${teaser}\nRelated: Other | Another teaser.` }),
    ].join('\n'),
  );
  const store = new SqliteStore(join(dir, 'x.db'));
  const pipeline = createPipeline([splitTeasers]);
  const summary = await runIngest({ store, pipeline, paths: [input] });
  assert.equal(summary.added, 2);
  assert.equal(summary.teasersAdded, 2, 'the shared teaser is stored once');
  const a1 = await store.getArticle('a1');
  const a2 = await store.getArticle('a2');
  assert.equal(a1?.text, 'Shelling in Kharkiv.');
  assert.equal(a1?.teaserIds.length, 1);
  assert.equal(a2?.teaserIds.length, 2);
  assert.equal(a1?.teaserIds[0], a2?.teaserIds[0]);
  const shared = await store.getArticle(a1!.teaserIds[0]!);
  assert.equal(shared?.kind, 'teaser');
  assert.equal(shared?.text, 'Ukraine and Russia signed a grain export deal in Istanbul.');
  assert.equal(shared?.title, 'Grain deal signed');
  const again = await runIngest({ store, pipeline, paths: [input] });
  assert.equal(again.added + again.teasersAdded, 0);
  assert.equal((await store.stats()).articles, 4);
  await store.close();
});

test('lines recurring across one outlet are learned and removed as articles arrive; facts stay valid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-job-'));
  const plug = 'Wire Daily: independent reporting since 1991';
  const syndicated =
    'The Russian Federation launched a full-scale invasion of Ukraine on 24 February 2022, the largest attack on a European state since 1945.';
  const rows = Array.from({ length: 8 }, (_, i) =>
    JSON.stringify({
      id: `w${i}`,
      outlet: i === 7 ? undefined : 'Wire',
      text: `Report ${i}: shelling hit district ${i} of Kharkiv overnight, officials said.\n${plug}\n${syndicated}`,
    }),
  );
  const input = join(dir, 'in.jsonl');
  writeFileSync(input, rows.join('\n'));
  const store = new SqliteStore(join(dir, 'x.db'));
  // A fact-making stage after clean: its evidence must index the text as stored.
  const firstWord: Stage = {
    name: 'first-word',
    requires: ['text'],
    assigns: ['facts:first-word'],
    run: (doc) => {
      const end = doc.text.indexOf(' ');
      if (end < 0) return doc;
      const fact = { kind: 'first-word', id: `fw-${doc.id}`, stage: 'first-word', data: {} };
      return {
        ...doc,
        facts: [{ ...fact, evidence: { article: doc.id, start: 0, end, quote: doc.text.slice(0, end) } }],
      };
    },
  };
  const pipeline = createPipeline([cleanStage(), firstWord]);
  await runIngest({ store, pipeline, paths: [input], batchSize: 3 });
  const text = async (id: string) => (await store.getArticle(id))?.text ?? '';
  for (const id of ['w0', 'w1', 'w2']) assert.ok((await text(id)).includes(plug), `${id}: too early to know`);
  for (const id of ['w3', 'w4', 'w5', 'w6']) {
    const doc = await store.getArticle(id);
    assert.ok(!doc?.text.includes(plug), `${id}: the outlet's plug is removed`);
    assert.ok(doc?.text.includes(syndicated), `${id}: a long recurring paragraph is body, kept`);
    assert.ok(doc?.text.startsWith(`Report ${id.slice(1)}:`));
    assert.equal(doc?.facts.length, 1, 'the fact made after removal is valid');
    const note = doc?.messages.find((m) => m.rule === 'boilerplate-removed');
    assert.match(note?.reason ?? '', /removed 1 line\(s\) that recur across Wire's articles/);
    assert.deepEqual(
      doc?.blocks.map((b) => doc.text.slice(b.start, b.end)),
      doc?.text.split('\n'),
    );
  }
  assert.ok((await text('w7')).includes(plug), 'an article without an outlet is not affected');
  await store.close();
});
