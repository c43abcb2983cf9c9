// The place index built from GeoNames cities500 by scripts/build-gazetteer.ts (at `npm run build`),
// loaded lazily on first use: gunzip, split into lines, then binary search of the sorted key
// sections. Rows are parsed only when a lookup returns them.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface GazetteerPlace {
  /** GeoNames id. */
  geonameId: string;
  name: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** GeoNames admin-1 code ('' when none). */
  admin1: string;
  /** GeoNames feature code: PPL, PPLA, PPLC, PPLX... */
  featureCode: string;
  population: number;
  alternates: string[];
}

/** Where the build step writes the index: dist/resources/places.tsv.gz ($SITREP_PLACES overrides). */
export function placeIndexPath(): string {
  return process.env.SITREP_PLACES ?? fileURLToPath(new URL('../../resources/places.tsv.gz', import.meta.url));
}

export class PlaceIndex {
  private readonly lines: string[];
  private readonly rowCount: number;
  private readonly norm: [number, number];
  private readonly skel: [number, number];
  private readonly parsed = new Map<number, GazetteerPlace>();

  constructor(text: string) {
    this.lines = text.split('\n');
    const header = JSON.parse(this.lines[0] ?? '{}') as { format?: string; rows: number; norm: number; skel: number };
    if (header.format !== 'sitrep-places-1') throw new Error('the place index has an unknown format; rebuild it');
    this.rowCount = header.rows;
    this.norm = [1 + header.rows, 1 + header.rows + header.norm];
    this.skel = [this.norm[1], this.norm[1] + header.skel];
  }

  get size(): number {
    return this.rowCount;
  }

  /** Row indexes whose name or alternate name has this exact normalised key. */
  byNorm(key: string): number[] {
    return this.search(this.norm, key);
  }

  /** Row indexes whose name or alternate name has this skeleton. */
  bySkeleton(key: string): number[] {
    // most skeletons asked for are one-edit variants that name nothing: the filter answers those
    this.skelFilter ??= keyFilter(this.lines, this.skel);
    if (!filterHas(this.skelFilter, key, 0, key.length)) return [];
    return this.search(this.skel, key);
  }

  private skelFilter: Uint32Array | undefined;

  place(i: number): GazetteerPlace {
    let p = this.parsed.get(i);
    if (!p) {
      const f = (this.lines[1 + i] ?? '').split('\t');
      p = {
        geonameId: f[0] ?? '',
        name: f[1] ?? '',
        lat: Number(f[2]),
        lon: Number(f[3]),
        country: f[4] ?? '',
        admin1: f[5] ?? '',
        featureCode: f[6] ?? '',
        population: Number(f[7]) || 0,
        alternates: f[8] ? f[8].split('|') : [],
      };
      this.parsed.set(i, p);
    }
    return p;
  }

  /**
   * Per country (ISO2), the row of its capital (feature PPLC), else of its most populous place:
   * read from the raw lines, without parsing every row.
   */
  capitalRows(): Map<string, number> {
    const best = new Map<string, [number, number]>();
    for (let i = 0; i < this.rowCount; i++) {
      const f = (this.lines[1 + i] ?? '').split('\t', 8);
      const score = (f[6] === 'PPLC' ? 1e12 : 0) + (Number(f[7]) || 0);
      const country = f[4] ?? '';
      const old = best.get(country);
      if (!old || score > old[1]) best.set(country, [i, score]);
    }
    return new Map([...best].map(([c, [i]]) => [c, i]));
  }

  *places(): Iterable<GazetteerPlace> {
    for (let i = 0; i < this.rowCount; i++) yield this.place(i);
  }

  private search([lo0, hi0]: [number, number], key: string): number[] {
    let lo = lo0;
    let hi = hi0 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const line = this.lines[mid]!;
      const c = compareKey(line, key);
      if (c === 0)
        return line
          .slice(line.indexOf('\t') + 1)
          .split(',')
          .map(Number);
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return [];
  }
}

const FILTER_BITS = 22;

/** Two bit positions of text[start, end) in a 2^FILTER_BITS-bit filter (FNV-1a, then a second mix). */
function filterHashes(text: string, start: number, end: number): [number, number] {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const a = h >>> (32 - FILTER_BITS);
  const b = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> (32 - FILTER_BITS);
  return [a, b];
}

/**
 * A Bloom filter of the keys of the lines [from, to): no false negatives, so a key it lacks is
 * in no line, and a key it has is looked up as before.
 */
function keyFilter(lines: string[], [from, to]: [number, number]): Uint32Array {
  const bits = new Uint32Array(1 << (FILTER_BITS - 5));
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const [a, b] = filterHashes(line, 0, keyEnd(line));
    bits[a >>> 5]! |= 1 << (a & 31);
    bits[b >>> 5]! |= 1 << (b & 31);
  }
  return bits;
}

function filterHas(bits: Uint32Array, text: string, start: number, end: number): boolean {
  const [a, b] = filterHashes(text, start, end);
  return (bits[a >>> 5]! & (1 << (a & 31))) !== 0 && (bits[b >>> 5]! & (1 << (b & 31))) !== 0;
}

/**
 * The line's key (the text before its first tab) compared with `key` as `<` compares strings
 * (UTF-16 code units, a prefix first), without cutting the key out of the line: -1, 0 or 1.
 */
function compareKey(line: string, key: string): number {
  const end = keyEnd(line);
  const n = key.length;
  for (let i = 0; ; i++) {
    if (i === n) return i === end ? 0 : 1;
    if (i === end) return -1;
    const a = line.charCodeAt(i);
    const b = key.charCodeAt(i);
    if (a !== b) return a < b ? -1 : 1;
  }
}

/** Where a line's key ends: its first tab (a line without one: all but its last character, as slice(0, -1)). */
function keyEnd(line: string): number {
  const tab = line.indexOf('\t');
  return tab < 0 ? Math.max(0, line.length - 1) : tab;
}

let cached: PlaceIndex | undefined;

/** The place index, loaded once. Throws a clear error when the build step has not run. */
export function loadPlaceIndex(): PlaceIndex {
  if (cached) return cached;
  const path = placeIndexPath();
  if (!existsSync(path))
    throw new Error(
      `the place index ${path} is missing: it is built from GeoNames cities500 by \`npm run build\` ` +
        '(node dist/scripts/build-gazetteer.js)',
    );
  cached = new PlaceIndex(gunzipSync(readFileSync(path)).toString('utf8'));
  return cached;
}
