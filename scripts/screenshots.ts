// `node dist/scripts/screenshots.js [--db FILE]`: the screenshots in docs/screenshots, taken from
// the desk over the demo corpus. An empty store (a temporary one without --db) gets the demo corpus
// ingested first, as `npm start` does. Uses Debian's chromium through playwright-core, like the tests.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../src/core/pipeline.js';
import { runIngest } from '../src/jobs/ingest.js';
import { defaultStages } from '../src/stages/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { openDesk } from '../test/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'docs/screenshots');
const at = process.argv.indexOf('--db');
const db = at > 0 ? process.argv[at + 1]! : join(mkdtempSync(join(tmpdir(), 'sitrep-shots-')), 'demo.db');
const store = new SqliteStore(db);
if ((await store.stats()).articles === 0) {
  process.stdout.write('ingesting the demo corpus…\n');
  await runIngest({
    store,
    pipeline: createPipeline(defaultStages()),
    paths: [join(ROOT, 'data/demo/articles.jsonl.gz')],
  });
}
const { server, page, close } = await openDesk(store);
const get = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;

// a short article with claims, events and quotes; the largest story; the most mentioned person
let reader = '';
let best = -1;
for (const item of (await get<{ items: Array<{ article: { id: string } }> }>('/api/articles?limit=200')).items) {
  const doc = await get<{ text: string; facts: Array<{ kind: string }> }>(
    `/api/articles/${encodeURIComponent(item.article.id)}`,
  );
  const count = (kind: string) => doc.facts.filter((f) => f.kind === kind).length;
  // a short article showing every kind of fact
  const score =
    doc.text.length > 3500
      ? -1
      : Math.min(count('claim'), 4) + Math.min(count('event'), 3) + Math.min(count('quote'), 3);
  if (score > best) [reader, best] = [item.article.id, score];
}
const story = (await get<{ items: Array<{ id: string }> }>('/api/stories?limit=1')).items[0]?.id;
const person = (await get<{ items: Array<{ id: string }> }>('/api/entities?type=person&limit=1')).items[0]?.id;

const views: Array<[string, string, string?]> = [
  ['articles', '/articles'],
  ['reader', `/articles/${encodeURIComponent(reader)}`, '.fact-claim, .fact-event, .fact-quote'],
  ['map', '/map?from=2022-02-24&to=2022-04-30'],
  ['ledger', '/ledger'],
  ['stories', '/stories'],
  ...(story ? [['story', `/stories/${encodeURIComponent(story)}`] as [string, string]] : []),
  ['entities', '/entities?type=place'],
  ...(person ? [['entity', `/entities/${encodeURIComponent(person)}`] as [string, string]] : []),
];
mkdirSync(OUT, { recursive: true });
for (const [name, path, click] of views) {
  await page.goto(`${server.url}${path}`);
  await page.waitForLoadState('networkidle');
  if (click) await page.locator(click).first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  process.stdout.write(`${name}: ${path}\n`);
}
await close();
await store.close();
