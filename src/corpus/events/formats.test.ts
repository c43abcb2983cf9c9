// The ACLED CSV and GeoJSON serialisers: columns, quoting, formula-injection safety, valid GeoJSON.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ACLED_COLUMNS, csvCell, toAcledCsv, toGeoJson } from './formats.js';
import type { MergedEvent } from './merge.js';

function event(overrides: Partial<MergedEvent> = {}): MergedEvent {
  return {
    id: 'ev0123456789abcde',
    type: 'Explosions/Remote violence',
    subtype: 'Shelling/artillery/missile attack',
    plover: 'FIGHT',
    actor1: 'Military Forces of Russia (2000-)',
    actor2: 'Civilians (Ukraine)',
    location: 'Kharkiv',
    locationEntity: 'geonames:706483',
    lat: 49.98081,
    lon: 36.25272,
    country: 'UA',
    admin1: '07',
    geoPrecision: 1,
    date: '2022-03-01',
    timePrecision: 1,
    fatalities: 10,
    sources: [
      { article: 'a1', start: 0, end: 50, fact: 'event-1', outlet: 'Reuters', published: '2022-03-01', claimant: null },
      {
        article: 'a2',
        start: 5,
        end: 60,
        fact: 'event-2',
        outlet: 'Kyiv Independent',
        published: '2022-03-02',
        claimant: 'Oleh Synehubov',
      },
    ],
    sourceCount: 2,
    claimants: ['', 'Oleh Synehubov'],
    verified: true,
    ...overrides,
  };
}

test('the CSV has ACLED columns, one row per event, and reads back', () => {
  const csv = toAcledCsv([event(), event({ id: 'ev2', fatalities: null, lat: null, lon: null, location: null })]);
  const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(Object.keys(rows[0]!), [...ACLED_COLUMNS]);
  assert.equal(rows.length, 2);
  const r = rows[0]!;
  assert.equal(r.event_id_cnty, 'UKRev0123456789abcde');
  assert.equal(r.event_date, '01 March 2022');
  assert.equal(r.event_type, 'Explosions/Remote violence');
  assert.equal(r.country, 'Ukraine');
  assert.equal(r.latitude, '49.9808');
  assert.equal(r.geo_precision, '1');
  assert.equal(r.source, 'Reuters; Kyiv Independent');
  assert.match(r.notes!, /according to Oleh Synehubov/);
  assert.match(r.notes!, /a1#0-50/);
  assert.equal(r.fatalities, '10');
  assert.equal(rows[1]!.fatalities, '0');
  assert.equal(rows[1]!.latitude, '');
});

test('CSV quoting: commas, quotes and newlines survive a round trip', () => {
  const tricky = 'Kharkiv, "Saltivka"\ndistrict';
  const csv = toAcledCsv([event({ location: tricky })]);
  const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows[0]!.location, tricky);
  assert.equal(csvCell('a"b'), '"a""b"');
  assert.equal(csvCell('plain'), 'plain');
});

test('CSV cells that a spreadsheet would evaluate are neutralised', () => {
  for (const payload of ['=HYPERLINK("http://x","y")', '+7 killed', '-1+2', '@SUM(A1)', '\t=1']) {
    const cell = csvCell(payload);
    const value = (parse(cell) as string[][])[0]![0]!;
    assert.ok(value.startsWith("'"), `${payload} → ${cell}`);
    assert.equal(value.slice(1), payload);
  }
  const csv = toAcledCsv([event({ actor1: '=cmd|"/c calc"!A0' })]);
  const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows[0]!.actor1, '\'=cmd|"/c calc"!A0');
  // Numbers stay numbers.
  assert.equal(csvCell(-3), '-3');
});

test('GeoJSON: a FeatureCollection of Points [lon, lat] with sources; events without a place left out', () => {
  const geo = toGeoJson([event(), event({ id: 'ev-none', lat: null, lon: null })]);
  const parsed = JSON.parse(JSON.stringify(geo));
  assert.equal(parsed.type, 'FeatureCollection');
  assert.equal(parsed.features.length, 1);
  const f = parsed.features[0];
  assert.equal(f.type, 'Feature');
  assert.equal(f.geometry.type, 'Point');
  assert.deepEqual(f.geometry.coordinates, [36.25272, 49.98081]);
  const [lon, lat] = f.geometry.coordinates;
  assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
  assert.equal(f.properties.sources.length, 2);
  assert.equal(f.properties.sourceCount, 2);
  assert.equal(f.properties.lat, undefined);
});
