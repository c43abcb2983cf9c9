// The map's borders (scripts/build-boundaries.ts): built from world-atlas, with Crimea and
// Sevastopol moved to Ukraine, small enough to ship, and checked by point-in-polygon.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { type Boundaries, buildBoundaries, contains, countryAt, SOURCE, verify } from '../scripts/build-boundaries.js';

const source = () => JSON.parse(readFileSync(createRequire(import.meta.url).resolve(SOURCE), 'utf8')) as Topology;

test('world-atlas alone draws Crimea in Russia, so its borders fail the check', () => {
  const topology = source();
  const countries = feature(topology, topology.objects.countries as never) as unknown as Boundaries;
  assert.equal(countryAt(countries, 34.1, 44.95), 'Russia', 'Simferopol in the raw data');
  assert.throws(() => verify(countries), /Simferopol .* is in Russia, not Ukraine/);
});

test('the built borders put Crimea and Sevastopol in Ukraine, with no line across the isthmus', () => {
  const boundaries = buildBoundaries(source());
  for (const [lon, lat] of [
    [34.1, 44.95], // Simferopol
    [33.52, 44.6], // Sevastopol
    [36.47, 45.36], // Kerch
    [33.37, 45.2], // Yevpatoria
    [33.75, 46.1], // the Perekop isthmus itself
  ] as const)
    assert.equal(countryAt(boundaries, lon, lat), 'Ukraine', `${lat}N ${lon}E`);
  const russia = boundaries.features.find((f) => f.properties.name === 'Russia')!;
  assert.equal(contains(russia.geometry, 34.1, 44.95), false);
  assert.equal(countryAt(boundaries, 37.62, 55.75), 'Russia');
  assert.equal(countryAt(boundaries, 36.9, 45.25), 'Russia', 'the Taman peninsula, across the Kerch strait');
  assert.equal(countryAt(boundaries, 35, 44), null, 'the Black Sea');
  // One Ukrainian polygon holds both Kyiv and Simferopol: the shared Perekop line was dissolved.
  const ukraine = boundaries.features.find((f) => f.properties.name === 'Ukraine')!;
  assert.equal(ukraine.geometry.type, 'MultiPolygon');
  const polygons = ukraine.geometry.type === 'MultiPolygon' ? ukraine.geometry.coordinates : [];
  const holding = (lon: number, lat: number) =>
    polygons.findIndex((p) => contains({ type: 'Polygon', coordinates: p }, lon, lat));
  assert.equal(holding(30.52, 50.45), holding(34.1, 44.95));
  assert.ok(!boundaries.features.some((f) => f.properties.name === 'Antarctica'));
  const size = JSON.stringify(boundaries).length;
  assert.ok(size < 1.5 * 1024 * 1024, `${size} bytes`);
});
