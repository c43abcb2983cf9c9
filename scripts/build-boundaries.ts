// Build step: Natural Earth country borders (world-atlas's 1:50m TopoJSON, public domain) →
// dist/web/boundaries.geojson, the offline boundaries layer of the desk's map. The borders are
// the internationally recognised ones: world-atlas draws Crimea and Sevastopol inside Russia, so
// their polygons are moved from Russia's geometry to Ukraine's and the shared line at the
// Perekop isthmus is dissolved. Lines are simplified on the topology's shared arcs (so
// neighbours keep one common border, with no gaps or overlaps): finely around Ukraine, coarsely
// elsewhere. Antarctica is left out. The result is checked (Simferopol and Sevastopol in
// Ukraine, Moscow in Russia, Kyiv in Ukraine) and the build fails if a check does not hold.
// Run by `npm run build` after `vite build` (which empties dist/web).
//
//   node dist/scripts/build-boundaries.js [--out FILE]

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, merge } from 'topojson-client';
import type { GeometryObject, MultiPolygon, Polygon, Topology } from 'topojson-specification';

/** A GeoJSON (Multi)Polygon as topojson-client returns it. */
type GeoPolygon = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export const DEFAULT_OUTPUT = fileURLToPath(new URL('../web/boundaries.geojson', import.meta.url));
export const SOURCE = 'world-atlas/countries-50m.json';

/** ISO 3166-1 numeric codes, as world-atlas identifies countries. */
const RUSSIA = '643';
const UKRAINE = '804';
const ANTARCTICA = '010';
/** Russia's polygons that lie wholly inside this box are Crimea and Sevastopol (the Kerch peninsula ends at 36.65°E). */
const CRIMEA_BOX = { minLon: 32.3, minLat: 44.3, maxLon: 36.7, maxLat: 46.3 };
/** Where lines keep more detail (Ukraine, its neighbours and the Black Sea), and the tolerances in degrees. */
const DETAIL_BOX = { minLon: 12, minLat: 38, maxLon: 50, maxLat: 60 };
const FINE = 0.006;
const COARSE = 0.06;
/** Decimals kept: 3 (~100 m) around Ukraine, 2 (~1 km) elsewhere. */
const FINE_DECIMALS = 3;
const COARSE_DECIMALS = 2;

type Position = [number, number];
type Ring = Position[];

export interface BoundaryFeature {
  type: 'Feature';
  id: string;
  properties: { id: string; name: string; note?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface Boundaries {
  type: 'FeatureCollection';
  /** Where the data comes from and what was changed, for the desk's credits. */
  metadata: { source: string; licence: string; changes: string[] };
  features: BoundaryFeature[];
}

/** Even-odd point-in-polygon over every ring of a (Multi)Polygon, so holes are outside. */
export function contains(geometry: BoundaryFeature['geometry'], lon: number, lat: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** The name of the country whose polygon holds the point, or null (sea). */
export function countryAt(boundaries: Boundaries, lon: number, lat: number): string | null {
  return boundaries.features.find((f) => contains(f.geometry, lon, lat))?.properties.name ?? null;
}

/** Douglas–Peucker on one arc, keeping both ends (a closed arc keeps its farthest point too). */
function simplify(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    let farthest = -1;
    let max = tolerance * tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]!;
      let d2: number;
      if (length2 === 0) d2 = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
        d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d2 > max) {
        max = d2;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const inBox = (box: typeof DETAIL_BOX, [lon, lat]: Position) =>
  lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Decodes the quantized, delta-encoded arcs to degrees, simplified and rounded. */
function decodeArcs(topology: Topology): Position[][] {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const points: Position[] = arc.map(([dx, dy]) => {
      x += dx!;
      y += dy!;
      return [x * sx + tx, y * sy + ty];
    });
    const detailed = points.some((p) => inBox(DETAIL_BOX, p));
    const decimals = detailed ? FINE_DECIMALS : COARSE_DECIMALS;
    const simplified = simplify(points, detailed ? FINE : COARSE).map(
      ([lon, lat]): Position => [round(lon, decimals), round(lat, decimals)],
    );
    return simplified.filter((p, i) => i === 0 || p[0] !== simplified[i - 1]![0] || p[1] !== simplified[i - 1]![1]);
  });
}

/** Drops rings that simplification collapsed (fewer than 4 positions) and polygons whose outer ring went. */
function clean(geometry: GeoPolygon | null): BoundaryFeature['geometry'] | null {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons
    .filter((polygon) => (polygon[0]?.length ?? 0) >= 4)
    .map((polygon) => polygon.filter((ring) => ring.length >= 4));
  if (kept.length === 0) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
}

function polygonBox(arcs: Position[][], rings: number[][]) {
  let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90];
  for (const ring of rings)
    for (const index of ring)
      for (const [lon, lat] of arcs[index < 0 ? ~index : index]!) {
        minLon = Math.min(minLon, lon);
        minLat = Math.min(minLat, lat);
        maxLon = Math.max(maxLon, lon);
        maxLat = Math.max(maxLat, lat);
      }
  return { minLon, minLat, maxLon, maxLat };
}

/** The boundaries from world-atlas's countries TopoJSON, with Crimea and Sevastopol in Ukraine. */
export function buildBoundaries(source: Topology): Boundaries {
  const arcs = decodeArcs(source);
  const topology = { ...source, transform: undefined, arcs } as unknown as Topology;
  const countries = (source.objects.countries as unknown as { geometries: GeometryObject<{ name: string }>[] })
    .geometries;
  const russia = countries.find((g) => g.id === RUSSIA) as MultiPolygon<{ name: string }> & { arcs: number[][][] };
  const ukraine = countries.find((g) => g.id === UKRAINE) as GeometryObject<{ name: string }>;
  if (russia?.type !== 'MultiPolygon' || !ukraine) throw new Error(`${SOURCE}: no Russia or Ukraine`);
  const crimea = russia.arcs.filter((rings) => {
    const box = polygonBox(arcs, rings);
    return (
      box.minLon >= CRIMEA_BOX.minLon &&
      box.maxLon <= CRIMEA_BOX.maxLon &&
      box.minLat >= CRIMEA_BOX.minLat &&
      box.maxLat <= CRIMEA_BOX.maxLat
    );
  });
  if (crimea.length === 0) throw new Error(`${SOURCE}: no Crimean polygon in Russia's geometry (already fixed?)`);
  const russiaWithout = { ...russia, arcs: russia.arcs.filter((rings) => !crimea.includes(rings)) };
  const features: BoundaryFeature[] = [];
  for (const country of countries) {
    if (country.id === ANTARCTICA || !('arcs' in country)) continue;
    const id = country.id === undefined ? String(country.properties?.name) : String(country.id);
    const name = country.properties?.name ?? id;
    let geometry: GeoPolygon | null;
    let note: string | undefined;
    if (id === UKRAINE) {
      // merge() dissolves the arcs the two share, so no line is drawn across the isthmus.
      geometry = merge(topology, [
        country as Polygon | MultiPolygon,
        { type: 'MultiPolygon', arcs: crimea } as MultiPolygon,
      ]) as unknown as GeoPolygon;
      note = 'Internationally recognised borders: Crimea and Sevastopol are in Ukraine';
    } else {
      const object = (id === RUSSIA ? russiaWithout : country) as GeometryObject;
      geometry = (feature(topology, object) as unknown as { geometry: GeoPolygon | null }).geometry;
    }
    const cleaned = clean(geometry);
    if (!cleaned) continue;
    features.push({ type: 'Feature', id, properties: { id, name, ...(note && { note }) }, geometry: cleaned });
  }
  const boundaries: Boundaries = {
    type: 'FeatureCollection',
    metadata: {
      source: `Natural Earth 1:50m admin-0 countries via ${SOURCE} (world-atlas 2)`,
      licence: 'Natural Earth: public domain; world-atlas: ISC',
      changes: [
        `${crimea.length} polygon(s) of Crimea and Sevastopol moved from Russia to Ukraine (internationally recognised borders)`,
        `simplified (Douglas-Peucker ${FINE}° and ${FINE_DECIMALS} decimals around Ukraine, ${COARSE}° and ${COARSE_DECIMALS} elsewhere)`,
        'Antarctica left out',
      ],
    },
    features,
  };
  verify(boundaries);
  return boundaries;
}

/** Fails the build when the borders are not the recognised ones. */
export function verify(boundaries: Boundaries): void {
  const expect: Array<[string, number, number, string]> = [
    ['Simferopol', 34.1, 44.95, 'Ukraine'],
    ['Sevastopol', 33.52, 44.6, 'Ukraine'],
    ['Kerch', 36.47, 45.36, 'Ukraine'],
    ['Kyiv', 30.52, 50.45, 'Ukraine'],
    ['Moscow', 37.62, 55.75, 'Russia'],
    ['Rostov-on-Don', 39.72, 47.23, 'Russia'],
  ];
  for (const [place, lon, lat, country] of expect) {
    const found = countryAt(boundaries, lon, lat);
    if (found !== country) throw new Error(`boundaries: ${place} (${lat}N ${lon}E) is in ${found}, not ${country}`);
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--out');
  const output = at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : DEFAULT_OUTPUT;
  const require = createRequire(import.meta.url);
  const source = JSON.parse(readFileSync(require.resolve(SOURCE), 'utf8')) as Topology;
  const boundaries = buildBoundaries(source);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, JSON.stringify(boundaries));
  console.log(
    `boundaries: ${boundaries.features.length} countries, ${(statSync(output).size / 1024).toFixed(0)} KiB → ${output}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
