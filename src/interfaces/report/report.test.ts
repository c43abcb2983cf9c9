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
