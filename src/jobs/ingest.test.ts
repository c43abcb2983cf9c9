import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPipeline, type Stage } from '../core/pipeline.js';
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
