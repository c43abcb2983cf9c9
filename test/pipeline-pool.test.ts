// The per-article pipeline in threads (ingest --threads) stores exactly what one thread stores:
// the same articles, teasers, facts, duplicates and stories, in the same order.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { hasSharedData, sitrep, tempDir, WAR_SAMPLE } from './helpers.js';

async function dump(file: string): Promise<string[]> {
  const store = new SqliteStore(file);
  const out: string[] = [];
  for await (const a of store.articles()) out.push(JSON.stringify({ ...a, ingestedAt: null }));
  await store.close();
  return out;
}

test('ingest --threads 2 stores the same records as one thread', {
  skip: !hasSharedData && 'needs ../shared/data',
}, async () => {
  const dir = tempDir('sitrep-pool-');
  const input = join(dir, 'in.jsonl');
  const lines = readFileSync(WAR_SAMPLE, 'utf8').trim().split('\n').slice(0, 60);
  // a teaser after a lone "-" (split off as a record of its own), a syndicated copy (a duplicate),
  // an empty text (a failed clean stage) and a malformed line (a record that cannot be read)
  const first = JSON.parse(lines[0] as string) as { id: string; text: string };
  const teaser =
    'Kyiv said on Monday that its forces had pushed back an attack near Kharkiv, the regional governor said.\n\n' +
    'The governor added that three people were wounded in the shelling of the city centre overnight.\n\n-\n\n' +
    'Grain exports resume from Odesa\nThe first ship carrying grain left the port of Odesa on Monday morning.';
  lines.push(
    JSON.stringify({ id: 'teaser-host', title: 'Attack repelled near Kharkiv', text: teaser }),
    JSON.stringify({ ...first, id: `${first.id}-copy`, text: `${first.text}\n\nFollow us on Twitter.` }),
    JSON.stringify({ id: 'empty', text: '' }),
    '{"id": "broken", "text": ',
  );
  writeFileSync(input, `${lines.join('\n')}\n`);
  const one = sitrep(['ingest', input, '--db', join(dir, 'one.db'), '--json']);
  const two = sitrep(['ingest', input, '--db', join(dir, 'two.db'), '--json', '--threads', '2']);
  assert.equal(two.code, one.code, two.stderr);
  assert.equal(one.code, 2, `partial: a record could not be read (${one.stderr})`);
  const [a, b] = [JSON.parse(one.stdout), JSON.parse(two.stdout)];
  for (const key of ['records', 'added', 'teasersAdded', 'failedRecords', 'failedArticles', 'articleMessages'])
    assert.equal(b[key], a[key], key);
  assert.ok(a.added >= 62 && a.teasersAdded >= 1, `a real batch: ${a.added} added, ${a.teasersAdded} teasers`);
  const [left, right] = [await dump(join(dir, 'one.db')), await dump(join(dir, 'two.db'))];
  assert.equal(right.length, left.length);
  for (let i = 0; i < left.length; i++) assert.equal(right[i], left[i], `record ${i} differs`);
});
