import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPipeline } from '../core/pipeline.js';
import { writeExport } from '../interfaces/export/export.js';
import { runIngest } from '../jobs/ingest.js';
import { defaultStages } from '../stages/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

const STRIKE =
  'Russian missiles struck the centre of Kharkiv on Tuesday morning, killing at least ten people near the regional ' +
  'administration building on Freedom Square, governor Oleh Synehubov said. Rescue workers searched the rubble for ' +
  'survivors through the afternoon while air raid sirens sounded again across the city. The strike damaged the ' +
  'opera house and several residential blocks nearby, and the city council opened extra shelters in metro stations.';
const SHARED =
  'The statement said the Security Council would meet in an emergency session later this week to discuss the ' +
  'humanitarian situation in the besieged cities of eastern Ukraine.';

function corpus(dir: string, name: string, records: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

test('duplicates point to the earliest copy, share its story, and a later run keeps linking', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-link-'));
  const store = new SqliteStore(join(dir, 'x.db'));
  const pipeline = createPipeline(defaultStages());
  const first = corpus(dir, 'first.jsonl', [
    { id: 'wire-late', title: 'Strike on Kharkiv', published: '2022-03-01T12:00:00Z', text: STRIKE },
    {
      id: 'talks',
      title: 'Talks in Istanbul',
      published: '2022-03-01T13:00:00Z',
      text: `Delegations from Ukraine and Russia met in Istanbul for talks on a ceasefire and humanitarian corridors. ${SHARED}`,
    },
  ]);
  await runIngest({ store, pipeline, paths: [first] });
  // A second run brings an earlier, syndicated copy and another article quoting the same statement.
  const second = corpus(dir, 'second.jsonl', [
    {
      id: 'wire-early',
      title: 'Kharkiv hit by missiles',
      published: '2022-03-01T09:30:00Z',
      text: `KHARKIV (Wire) - ${STRIKE}\n\nShare this article`,
    },
    {
      id: 'un',
      title: 'UN to meet',
      published: '2022-03-01T15:00:00Z',
      text: `Diplomats in New York prepared for a long week of negotiations over aid access and sanctions. ${SHARED}`,
    },
  ]);
  await runIngest({ store, pipeline, paths: [second] });

  const early = await store.getArticle('wire-early');
  const late = await store.getArticle('wire-late');
  assert.equal(early?.duplicateOf, null, 'the earliest copy is the original');
  assert.equal(late?.duplicateOf, 'wire-early');
  assert.equal(late?.story, early?.story);
  assert.ok(early?.story);
  const stats = await store.stats();
  assert.equal(stats.duplicates, 1);
  assert.deepEqual(await store.check(), []);

  let json = '';
  await writeExport(store, 'json', (chunk) => {
    json += chunk;
  });
  const exported = JSON.parse(json);
  const strikeStory = exported.stories.find((s: { articles: string[] }) => s.articles.includes('wire-early'));
  assert.deepEqual([...strikeStory.articles].sort(), ['wire-early', 'wire-late']);
  assert.equal(strikeStory.title, 'Kharkiv hit by missiles', 'the story is titled by its earliest original');
  const blocks = exported.sharedBlocks.filter((b: { text: string }) => b.text.includes('Security Council'));
  assert.equal(blocks.length, 0, 'the shared sentence sits inside longer paragraphs, which differ');
  await store.close();
});

test('a paragraph repeated in two different articles is a shared block', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-link-'));
  const store = new SqliteStore(join(dir, 'x.db'));
  const input = corpus(dir, 'in.jsonl', [
    { id: 'a', text: `Fighting continued near Bakhmut through the night, officials said.\n\n${SHARED}` },
    { id: 'b', text: `Evacuation buses left Sloviansk early on Friday carrying hundreds of residents.\n\n${SHARED}` },
  ]);
  await runIngest({ store, pipeline: createPipeline(defaultStages()), paths: [input] });
  const blocks = [];
  for await (const block of store.sharedBlocks()) blocks.push(block);
  assert.deepEqual(blocks, [{ text: SHARED, articles: ['a', 'b'] }]);
  assert.equal((await store.getArticle('b'))?.duplicateOf, null, 'sharing a paragraph does not make a duplicate');
  await store.close();
});
