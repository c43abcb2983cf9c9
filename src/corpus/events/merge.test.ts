// Merging event reports: same event across articles → one event with its sources; different
// types, far places, distant dates or opposing actors stay apart.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fact } from '../../core/document.js';
import type { EventData } from '../../stages/events/stage.js';
import { distanceKm, type EventReport, mergeEvents } from './merge.js';

let counter = 0;

function report(data: Partial<EventData>, article: Partial<EventReport['article']> = {}): EventReport {
  counter++;
  const full: EventData = {
    type: 'Explosions/Remote violence',
    subtype: 'Shelling/artillery/missile attack',
    plover: 'FIGHT',
    actor1: 'Military Forces of Russia (2000-)',
    actor2: null,
    claimant: null,
    claimantEntity: null,
    verified: true,
    location: 'Kharkiv',
    locationEntity: 'geonames:706483',
    locationSource: 'clause',
    lat: 49.98,
    lon: 36.25,
    country: 'UA',
    admin1: '07',
    geoPrecision: 1,
    date: '2022-03-01',
    timePrecision: 1,
    timex: null,
    fatalities: null,
    fatalitiesClaim: null,
    trigger: 'shelled',
    triggerStart: 10,
    triggerEnd: 17,
    participants: [],
    modality: 'asserted',
    rule: 'shelling',
    ...data,
  };
  const fact: Fact<EventData> = {
    kind: 'event',
    id: `event-${counter}`,
    stage: 'events',
    evidence: { article: article.id ?? `a${counter}`, start: 0, end: 40, quote: 'x'.repeat(40) },
    data: full,
  };
  return {
    fact,
    article: {
      id: `a${counter}`,
      published: '2022-03-02',
      outlet: `outlet${counter}`,
      duplicateOf: null,
      story: null,
      ...article,
    },
  };
}

test('distanceKm: Kyiv–Kharkiv is about 410 km', () => {
  const d = distanceKm(50.45, 30.52, 49.98, 36.25);
  assert.ok(d > 400 && d < 420, String(d));
});

test('two outlets reporting one shelling → one event, two sources, the most conservative toll', () => {
  const a = report({ fatalities: 12, claimant: 'Oleh Synehubov', verified: false });
  const b = report({ fatalities: 9, lat: 50.0, lon: 36.3, date: '2022-03-02' });
  const merged = mergeEvents([a, b]);
  assert.equal(merged.length, 1);
  const [e] = merged;
  assert.equal(e!.sourceCount, 2);
  assert.equal(e!.sources.length, 2);
  assert.equal(e!.fatalities, 9);
  assert.deepEqual(e!.claimants, ['', 'Oleh Synehubov']);
  assert.equal(e!.verified, true);
  assert.deepEqual(
    e!.sources.map((s) => s.article),
    [a.article.id, b.article.id],
  );
});

test('different types, far places, distant days and opposing actors stay apart', () => {
  const base = report({});
  const cases: Array<[string, EventReport]> = [
    ['another type', report({ type: 'Battles', subtype: 'Armed clash' })],
    ['120 km away', report({ lat: 49.98, lon: 37.93, location: 'Kupiansk' })],
    ['three days later', report({ date: '2022-03-04' })],
    ['the other side', report({ actor1: 'Military Forces of Ukraine (2019-)' })],
    ['another country', report({ country: 'RU', lat: 50.6, lon: 36.6, location: 'Belgorod' })],
  ];
  for (const [name, other] of cases) assert.equal(mergeEvents([base, other]).length, 2, name);
});

test('the tolerances follow precision: a week-precise date or a region-precise place reaches further', () => {
  const a = report({});
  const weekly = report({ date: '2022-03-05', timePrecision: 2 });
  assert.equal(mergeEvents([a, weekly]).length, 1);
  const region = report({ lat: 49.5, lon: 36.8, geoPrecision: 2, location: 'Kharkiv Oblast' });
  assert.equal(mergeEvents([a, region]).length, 1);
  // The head is the most precise report: the town, not the region.
  assert.equal(mergeEvents([region, a])[0]!.location, 'Kharkiv');
});

test('a syndicated copy adds a source but not to the source count', () => {
  const original = report({});
  const copy = report({}, { duplicateOf: original.article.id });
  const [e] = mergeEvents([original, copy]);
  assert.equal(e!.sources.length, 2);
  assert.equal(e!.sourceCount, 1);
});

test('reports without a place merge only within one story (or with the same named actors on the same day)', () => {
  const noPlace = { lat: null, lon: null, location: null, locationEntity: null, geoPrecision: null, country: null };
  const a = report({ ...noPlace, type: 'Diplomacy', subtype: 'Talks/meeting' }, { story: 's1' });
  const b = report({ ...noPlace, type: 'Diplomacy', subtype: 'Talks/meeting' }, { story: 's2' });
  const c = report({ ...noPlace, type: 'Diplomacy', subtype: 'Talks/meeting' }, { story: 's1' });
  assert.equal(mergeEvents([a, b]).length, 2);
  assert.equal(mergeEvents([a, c]).length, 1);
  const both = {
    ...noPlace,
    type: 'Diplomacy' as const,
    subtype: 'Talks/meeting',
    actor2: 'Government of Russia (2000-)',
  };
  assert.equal(mergeEvents([report(both, { story: 's3' }), report(both, { story: 's4' })]).length, 1);
});

test('merged ids are stable whatever the input order', () => {
  const a = report({});
  const b = report({ date: '2022-03-02' });
  const c = report({ type: 'Battles', subtype: 'Armed clash' });
  const one = mergeEvents([a, b, c])
    .map((e) => e.id)
    .sort();
  const two = mergeEvents([c, b, a])
    .map((e) => e.id)
    .sort();
  assert.deepEqual(one, two);
});
