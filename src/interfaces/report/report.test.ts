import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Fact, factId } from '../../core/document.js';
import { evidenceOf } from '../../core/spans.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';
import { buildReport, reportHtml, reportMarkdown } from './report.js';

const TEXT = 'Missiles struck Kharkiv on Tuesday.';
const place = (id: string): Fact => ({
  kind: 'entity-mention',
  id: factId('entity-mention', id, 16),
  stage: 'entities',
  evidence: evidenceOf(id, TEXT, 16, 23),
  data: {
    type: 'place',
    name: 'Kharkiv',
    entity: 'geonames:706483',
    canonical: 'Kharkiv',
    country: 'UA',
    lat: 50,
    lon: 36.2,
  },
});

async function store() {
  const s = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-report-')), 'x.db'));
  const links = { signatures: [], blocks: [], storyMoves: [], newOriginals: [], stories: ['s1', 's2'] };
  await s.putArticles(
    [
      {
        ...article('a1', TEXT, {
          title: 'Strike on <Kharkiv>',
          published: '2022-03-01',
          outlet: 'Wire',
          url: 'https://example.org/a1',
          story: 's1',
        }),
        facts: [place('a1')],
      },
      {
        ...article('a2', TEXT, {
          title: 'Kharkiv hit',
          published: '2022-03-02',
          outlet: 'Other',
          story: 's1',
          duplicateOf: 'a1',
        }),
        facts: [place('a2')],
      },
      article('a3', 'Talks in Istanbul.', { title: 'Talks', published: '2022-03-29', outlet: 'Wire', story: 's2' }),
    ],
    { links },
  );
  return s;
}

test('the report cites every story and entity line, and keeps to its period', async () => {
  const s = await store();
  const report = await buildReport(s, { from: '2022-03-01', to: '2022-03-07' });
  const md = reportMarkdown(report);
  assert.match(md, /^# Situation report, 2022-03-01 to 2022-03-07/);
  assert.match(md, /2 articles published in the period, on 2 days/);
  assert.match(
    md,
    /- Strike on <Kharkiv>: 2 articles \(1 original\) from 2 outlets\. Sources: \[Wire, 2022-03-01\]\(https:\/\/example\.org\/a1\) `a1`/,
  );
  assert.doesNotMatch(md, /Talks/, 'a story outside the period is left out');
  assert.match(md, /- Kharkiv \(UA\): 2 mentions in 2 articles\. Sources: .*`a2`.*`a1`/);
  assert.match(md, /## Most mentioned people\n\nNo linked mentions in this period\./);
  const html = reportHtml(report);
  assert.match(html, /Strike on &lt;Kharkiv&gt;/);
  assert.doesNotMatch(html, /<Kharkiv>/);
  await s.close();
});

test('events by region, claims, conflicts and quotes of the period, each line cited', async () => {
  const s = await store();
  const quote = 'We will defend every town and every village of our country.';
  const text = `“${quote}” Zelensky said.`;
  await s.putArticles([
    article('q1', text, {
      published: '2022-03-03',
      outlet: 'Wire',
      facts: [
        {
          kind: 'quote',
          id: factId('quote', 'q1', 1),
          stage: 'quotes',
          evidence: evidenceOf('q1', text, 1, 1 + quote.length),
          data: { type: 'direct', speaker: 'Volodymyr Zelensky', speakerEntity: 'volodymyr-zelensky' },
        },
      ],
    }),
  ]);
  const event = (id: string, admin1: string, subtype: string, fatalities: number | null) => ({
    id,
    date: '2022-03-01',
    lat: 50,
    lon: 36.2,
    rank: 1,
    data: {
      id,
      type: 'Explosions/Remote violence',
      subtype,
      country: 'UA',
      admin1,
      location: 'Kharkiv',
      fatalities,
      sourceCount: 1,
      sources: [{ article: 'a1', start: 0, end: 10, outlet: 'Wire', published: '2022-03-01' }],
    },
  });
  await s.replaceCorpusRecords('event', [
    event('e1', '07', 'Shelling/artillery/missile attack', 3),
    event('e2', '07', 'Air/drone strike', null),
  ]);
  const group = (id: string, claimant: string, value: number, date: string) => ({
    id,
    date,
    lat: null,
    lon: null,
    rank: 1,
    data: {
      id,
      metric: 'killed',
      side: 'russian-military',
      region: null,
      value,
      low: value,
      high: null,
      qualifier: 'more-than',
      what: 'soldiers',
      claimant,
      date,
      sightings: [{ article: 'a1', claim: `${id}-fact`, start: 0, end: 10, published: '2022-03-01' }],
    },
  });
  await s.replaceCorpusRecords('claim', [
    group('g1', "Ukraine's defence ministry", 1000, '2022-02-25'),
    group('g2', "Russia's defence ministry", 450, '2022-03-02'),
  ]);
  await s.replaceCorpusRecords('conflict', [
    {
      id: 'x1',
      date: '2022-03-02',
      lat: null,
      lon: null,
      rank: 2,
      data: {
        id: 'x1',
        metric: 'killed',
        subject: { side: 'russian-military', region: null },
        claims: ['g1', 'g2'],
        note: 'incompatible figures',
      },
    },
  ]);
  const md = reportMarkdown(await buildReport(s, { from: '2022-03-01', to: '2022-03-05' }));
  assert.match(
    md,
    /- Kharkiv Oblast: 2 events \(1 Shelling\/artillery\/missile attack, 1 Air\/drone strike\) at Kharkiv; 3 fatalities/,
  );
  // g1 is dated before the period: only g2 is new; the conflict names both claimants
  assert.match(
    md,
    /killed · russian-military: more than 450 soldiers, says Russia's defence ministry, as of 2022-03-02/,
  );
  assert.doesNotMatch(md, /more than 1,000 soldiers, says/);
  assert.match(
    md,
    /incompatible figures: Ukraine's defence ministry more than 1,000 \(2022-02-25\) vs Russia's defence ministry more than 450/,
  );
  assert.match(
    md,
    /Volodymyr Zelensky: “We will defend every town and every village of our country\.”\. Sources: Wire, 2022-03-03 `q1`/,
  );
  await s.close();
});
