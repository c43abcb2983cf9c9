// The claims ledger and claim highlights in a real browser (Debian's Chromium via playwright-core),
// over articles that went through the real pipeline and the corpus step: the claims, their
// claimants, groups and the conflict shown are what sitrep itself extracted. Screenshots go to
// test-output/desk/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newArticle } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import { deriveCorpus } from '../src/corpus/derive.js';
import type { RunningServer } from '../src/interfaces/http/server.js';
import { defaultStages } from '../src/stages/index.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { type OpenDesk, openDesk, SHOTS, skipBrowser } from './browser.js';
import { tempDir } from './helpers.js';

const UA =
  "Ukraine's defence ministry said more than 1,000 Russian soldiers had been killed since the invasion began on Thursday.";
const RU = "Russia's defence ministry said on Wednesday that 498 Russian soldiers had been killed in Ukraine.";
const ARTICLES = [
  { id: 'ua-losses', published: '2022-02-26', outlet: 'Kyiv Wire', title: 'Ukraine counts Russian losses', text: UA },
  // the same report syndicated: one claim, two sightings
  { id: 'ua-losses-copy', published: '2022-02-26', outlet: 'Other', title: 'Russian losses (syndicated)', text: UA },
  { id: 'ru-losses', published: '2022-03-02', outlet: 'Moscow Wire', title: 'Russia admits losses', text: RU },
];

async function ledgerStore(file: string): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  const pipeline = createPipeline(defaultStages());
  const docs = ARTICLES.map((fields) =>
    pipeline.run(
      newArticle({ key: `id:${fields.id}`, source: 'ledger.jsonl', position: 0, format: 'jsonl', raw: '{}', fields }),
    ),
  );
  await store.putArticles(docs);
  await deriveCorpus(store);
  return store;
}

describe('claims ledger in Chromium', { skip: skipBrowser }, () => {
  let desk: OpenDesk;
  let server: RunningServer;
  let store: SqliteStore;
  let page: Page;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await ledgerStore(join(tempDir(), 'ledger.db'));
    desk = await openDesk(store);
    ({ server, page } = desk);
  });

  after(async () => {
    await desk?.close();
    await store?.close();
  });

  test('the ledger lists each claim once per claimant, flags the conflict, and links to the sentence', async () => {
    await page.goto(`${server.url}/ledger`);
    const table = page.getByTestId('claims-table');
    await table.waitFor();
    assert.equal(await page.locator('h2').first().innerText(), 'killed · russian-military');
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, 'the syndicated copy is a second sighting, not a second claim');
    const ukrainian = rows.find((r) => /more than 1,000/.test(r)) ?? '';
    assert.match(ukrainian, /Ministry of Defence of Ukraine/);
    assert.match(ukrainian, /2 articles/);
    assert.ok(rows.some((r) => /Ministry of Defence of the Russian Federation[\s\S]*498/.test(r)));
    assert.match(await page.getByTestId('conflicts').innerText(), /conflict/i);
    assert.equal(await page.locator('tbody tr.in-conflict').count(), 2);
    await page.screenshot({ path: join(SHOTS, 'ledger.png'), fullPage: true });

    // a claim's link opens the reader at that claim, marked on its number, with its sentence
    await table.locator('tbody tr', { hasText: '498' }).getByRole('link').click();
    await page.waitForURL(/\/articles\/ru-losses\?fact=/);
    const mark = page.locator('.fact-claim.selected');
    await mark.waitFor();
    assert.equal(await mark.innerText(), '498');
    assert.equal(await page.getByTestId('fact-sentence').innerText(), RU);
  });

  test('clicking a highlighted claim in the reader shows its source sentence and claimant', async () => {
    await page.goto(`${server.url}/articles/ua-losses`);
    const claim = page.locator('.fact-claim');
    await claim.first().waitFor();
    assert.equal(await claim.first().innerText(), '1,000');
    await claim.first().click();
    assert.equal(await page.getByTestId('fact-sentence').innerText(), UA);
    assert.match(
      await page.getByTestId('fact-detail').innerText(),
      /killed: 1000, says Ministry of Defence of Ukraine/,
    );
  });
});
