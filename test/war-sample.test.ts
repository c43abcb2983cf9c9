// Acceptance on real war coverage: the 558-article GDELT sample in ../shared/data.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { hasSharedData, sitrep, tempDir, WAR_SAMPLE } from './helpers.js';

test('the war sample: 558 articles stored, 0 added on the second run, Kharkiv found with snippets', {
  skip: !hasSharedData && 'no ../shared/data',
}, () => {
  const db = join(tempDir(), 'war.db');
  const first = sitrep(['ingest', WAR_SAMPLE, '--db', db, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.equal(summary.records, 558);
  assert.equal(summary.added, 558);
  const second = JSON.parse(sitrep(['ingest', WAR_SAMPLE, '--db', db, '--json']).stdout);
  assert.equal(second.added, 0);
  assert.equal(second.skipped, 558);

  const stats = JSON.parse(sitrep(['stats', '--db', db, '--json']).stdout);
  // Related-story teasers split off the texts are stored as records of their own.
  assert.ok(summary.teasersAdded > 0, 'teasers were split off');
  assert.equal(stats.articles, 558 + summary.teasersAdded);
  // The sample's GDELT first-seen time is its publication time; every record (and teaser) has one.
  assert.equal(stats.withPublished, 558 + summary.teasersAdded);
  assert.equal(stats.earliest.slice(0, 4), '2022');

  const search = JSON.parse(sitrep(['search', 'Kharkiv', '--db', db, '--json', '--limit', '20']).stdout);
  assert.ok(search.total >= 20, `only ${search.total} hits`);
  const scores = search.items.map((h: { score: number }) => h.score);
  assert.deepEqual(
    [...scores].sort((a, b) => b - a),
    scores,
    'hits are ranked best first',
  );
  for (const hit of search.items) {
    // The snippet comes from the text; a hit matched in its title alone (a short teaser) has none there.
    assert.ok(
      hit.highlights.length > 0 || /kharkiv/i.test(hit.article.title ?? ''),
      `hit ${hit.article.id} has no highlighted match`,
    );
    for (const span of hit.highlights) assert.match(hit.snippet.slice(span.start, span.end), /^kharkiv/i);
  }
  const text = sitrep(['search', 'Kharkiv', '--db', db]);
  assert.match(text.stdout, /^\d+ hits, showing 1–10/);
});
