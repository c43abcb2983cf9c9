// The web desk in a real browser: Debian's Chromium driven by playwright-core against a server
// on a free loopback port, over a small fixture corpus that includes hostile content. Screenshots
// go to test-output/desk/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { countryAt } from '../scripts/build-boundaries.js';
import { type Fact, factId } from '../src/core/document.js';
import { evidenceOf } from '../src/core/spans.js';
import type { RunningServer } from '../src/interfaces/http/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { article } from '../src/store/store.contract.js';
import { type OpenDesk, openDesk, SHOTS, skipBrowser } from './browser.js';
import { tempDir } from './helpers.js';

const STRIKE =
  'Russian missiles struck the centre of Kharkiv on Tuesday morning, the regional governor said. ' +
  'Rescuers searched the rubble of the regional administration building.';

async function fixtureStore(file: string): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  const start = STRIKE.indexOf('Tuesday morning');
  const timex: Fact = {
    kind: 'timex',
    id: factId('timex', 'strike', start),
    stage: 'time',
    evidence: evidenceOf('strike', STRIKE, start, start + 'Tuesday morning'.length),
    data: { value: '2022-03-01TMO', precision: 'day' },
  };
  const at = STRIKE.indexOf('Kharkiv');
  const kharkiv: Fact = {
    kind: 'entity-mention',
    id: factId('entity-mention', 'strike', at),
    stage: 'entities',
    evidence: evidenceOf('strike', STRIKE, at, at + 'Kharkiv'.length),
    data: {
      type: 'place',
      name: 'Kharkiv',
      entity: 'geonames:706483',
      canonical: 'Kharkiv',
      country: 'UA',
      lat: 49.98,
      lon: 36.25,
    },
  };
  await store.putArticles(
    [
      {
        ...article('strike', STRIKE, {
          title: 'Missile strike on Kharkiv',
          published: '2022-03-01',
          outlet: 'Wire',
          story: 's-strike',
        }),
        facts: [timex, kharkiv],
      },
      article('strike-copy', STRIKE, {
        title: 'Kharkiv hit (syndicated)',
        published: '2022-03-01',
        outlet: 'Other',
        story: 's-strike',
        duplicateOf: 'strike',
      }),
      article('talks', 'Delegations met in Istanbul; the talks ended without a ceasefire.', {
        title: 'Talks in Istanbul',
        published: '2022-03-29',
        outlet: 'Other',
        story: 's-talks',
      }),
      article('hostile', 'Before <script>window.__pwned = 1</script> after. <img src=x onerror="window.__pwned=2">', {
        title: '<b onmouseover="window.__pwned=3">Hostile</b> title',
        url: 'javascript:window.__pwned=4',
        published: '2022-04-02',
        outlet: 'Other',
      }),
    ],
    { links: { signatures: [], blocks: [], storyMoves: [], newOriginals: [], stories: ['s-strike', 's-talks'] } },
  );
  return store;
}

describe('web desk in Chromium', { skip: skipBrowser }, () => {
  let desk: OpenDesk;
  let server: RunningServer;
  let store: SqliteStore;
  let page: Page;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await fixtureStore(join(tempDir(), 'desk.db'));
    desk = await openDesk(store);
    ({ server, page } = desk);
  });

  after(async () => {
    await desk?.close();
    await store?.close();
  });

  test('the article list shows the store, its timeline, and searches from the header', async () => {
    await page.goto(`${server.url}/articles`);
    await page.getByTestId('result-count').waitFor();
    assert.match(await page.getByTestId('result-count').innerText(), /^4 articles/);
    assert.equal(await page.locator('.timeline rect').count(), 33, 'one bar per day, 2022-03-01 to 2022-04-02');
    await page.screenshot({ path: join(SHOTS, 'articles.png'), fullPage: true });

    await page.getByLabel('Search articles').fill('Kharkiv');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/articles\?q=Kharkiv/);
    await page.getByText('2 matching articles').waitFor();
    assert.equal(await page.locator('.hits mark').first().innerText(), 'Kharkiv');
  });

  test('the reader marks a fact in place; choosing it shows its source sentence', async () => {
    await page.getByRole('link', { name: 'Missile strike on Kharkiv' }).click();
    await page.waitForURL(/\/articles\/strike$/);
    const mark = page.locator('.fact-timex');
    assert.equal(await mark.innerText(), 'Tuesday morning');
    await mark.click();
    const sentence = await page.getByTestId('fact-sentence').innerText();
    assert.equal(
      sentence,
      'Russian missiles struck the centre of Kharkiv on Tuesday morning, the regional governor said.',
    );
    assert.match(await page.getByTestId('fact-detail').innerText(), /article strike, characters 49–64/);
    await page.screenshot({ path: join(SHOTS, 'reader.png'), fullPage: true });
    // The view has its own URL: reloading it shows the same article.
    await page.reload();
    await page.locator('h1', { hasText: 'Missile strike on Kharkiv' }).waitFor();
  });

  test('brushing the timeline filters the list by period, in the URL', async () => {
    await page.goto(`${server.url}/articles`);
    await page.getByTestId('result-count').waitFor();
    const box = (await page.locator('.timeline svg').boundingBox())!;
    // Drag across the last quarter of the period (late March to 2 April).
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=2022-03-2\d&to=2022-04-02/);
    await page.getByText('2 articles', { exact: true }).waitFor();
    const report = await page.getByTestId('report-link').getAttribute('href');
    assert.match(report ?? '', /^\/api\/report\?from=2022-03-2\d&to=2022-04-02&format=html$/);
    const html = await (await fetch(`${server.url}${report}`)).text();
    assert.match(html, /<h1>Situation report, 2022-03-2\d to 2022-04-02<\/h1>/);
    const titles = await page.locator('.hit-title').allInnerTexts();
    assert.deepEqual(titles.sort(), ['<b onmouseover="window.__pwned=3">Hostile</b> title', 'Talks in Istanbul']);
  });

  test('stories list the largest first; a story shows its originals and duplicates', async () => {
    await page.goto(`${server.url}/stories`);
    await page.getByTestId('story-count').waitFor();
    assert.match(await page.getByTestId('story-count').innerText(), /^2 stories/);
    const first = page.locator('.hit-title').first();
    assert.equal(await first.innerText(), 'Missile strike on Kharkiv', 'a story is titled by its earliest original');
    await first.click();
    await page.waitForURL(/\/stories\/s-strike$/);
    assert.equal(await page.getByTestId('story-summary').innerText(), '2 articles, 1 original, 1 duplicate');
    await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: true });
    await page.getByRole('link', { name: 'Kharkiv hit (syndicated)' }).click();
    await page.waitForURL(/\/articles\/strike-copy$/);
    assert.match(await page.getByTestId('article-links').innerText(), /duplicate of strike/);
  });

  test('an entity mention leads to the entity page with every mention', async () => {
    await page.goto(`${server.url}/articles/strike`);
    await page.locator('.fact-entity-mention').click();
    await page.getByTestId('entity-link').click();
    await page.waitForURL(/\/entities\/geonames%3A706483$/);
    assert.match(
      await page.getByTestId('entity-summary').innerText(),
      /^place · UA · 49\.980, 36\.250 · 1 mentions in 1 articles/,
    );
    assert.equal(await page.getByTestId('entity-aliases').innerText(), 'Written as: Kharkiv');
    await page.screenshot({ path: join(SHOTS, 'entity.png'), fullPage: true });
    await page.goto(`${server.url}/entities?type=place`);
    assert.equal(await page.locator('.hit-title').first().innerText(), 'Kharkiv');
  });

  test('the map draws recognised borders and a marker per place; a marker lists its mentions; the period filters', async () => {
    // The served borders put Crimea in Ukraine (world-atlas alone draws it in Russia).
    const boundaries = await (await fetch(`${server.url}/boundaries.geojson`)).json();
    assert.equal(countryAt(boundaries, 34.1, 44.95), 'Ukraine', 'Simferopol');
    assert.equal(countryAt(boundaries, 33.52, 44.6), 'Ukraine', 'Sevastopol');
    assert.equal(countryAt(boundaries, 37.62, 55.75), 'Russia', 'Moscow');
    await store.replaceCorpusRecords('event', [
      {
        id: 'ev-kharkiv',
        date: '2022-03-01',
        lat: 49.99,
        lon: 36.23,
        rank: 2,
        data: {
          id: 'ev-kharkiv',
          type: 'Explosions/Remote violence',
          subtype: 'Shelling/artillery/missile attack',
          date: '2022-03-01',
          location: 'Kharkiv',
          fatalities: null,
          sourceCount: 2,
          sources: [{ article: 'strike' }, { article: 'strike-copy' }],
        },
      },
    ]);
    const blocked: string[] = [];
    const onConsole = (m: { text(): string }) => /Content Security Policy/i.test(m.text()) && blocked.push(m.text());
    page.on('console', onConsole);
    await page.goto(`${server.url}/map`);
    await page.locator('.map-place').first().waitFor();
    await page.locator('.map-event').first().waitFor();
    assert.equal(await page.locator('.map-place').count(), 1, 'one place: Kharkiv');
    assert.equal(await page.locator('.map-event').count(), 1);
    assert.ok((await page.locator('.map-country').count()) > 200, 'country polygons drawn');
    assert.match(await page.getByTestId('place-count').innerText(), /^1 place/);
    // Markers are keyboard buttons: focus one, press Enter, and its mentions are listed with their spans.
    await page.locator('.map-place').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/map\?place=geonames%3A706483$/);
    const mentions = await page.getByTestId('place-mentions').innerText();
    assert.match(mentions, /Missile strike on Kharkiv/);
    assert.match(mentions, /“Kharkiv” at characters 38–45 of article strike/);
    await page.screenshot({ path: join(SHOTS, 'map.png') });
    await page.locator('.map-event').first().click();
    assert.match(await page.getByTestId('event-detail').innerText(), /Explosions\/Remote violence[\s\S]*2 sources/);
    // The period brush filters the map as it does the list.
    await page.goto(`${server.url}/map?from=2022-03-20&to=2022-04-02`);
    await page.getByText('0 places').waitFor();
    assert.equal(await page.locator('.map-place').count(), 0);
    assert.equal(await page.locator('.map-event').count(), 0);
    page.off('console', onConsole);
    assert.deepEqual(blocked, [], 'nothing blocked by the content security policy');
  });

  test('hostile article content is shown as text and never executed', async () => {
    await page.goto(`${server.url}/articles/hostile`);
    const title = page.locator('h1');
    await title.waitFor();
    assert.equal(await title.innerText(), '<b onmouseover="window.__pwned=3">Hostile</b> title');
    await title.hover();
    assert.match(await page.getByTestId('article-body').innerText(), /<script>window.__pwned = 1<\/script>/);
    assert.equal(await page.locator('article a', { hasText: 'original' }).getAttribute('href'), null);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: join(SHOTS, 'hostile.png') });
  });
});
