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
    return this.search(this.skel, key);
  }

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

  *places(): Iterable<GazetteerPlace> {
    for (let i = 0; i < this.rowCount; i++) yield this.place(i);
  }

  private search([lo0, hi0]: [number, number], key: string): number[] {
    let lo = lo0;
    let hi = hi0 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const line = this.lines[mid]!;
      const tab = line.indexOf('\t');
      const k = line.slice(0, tab);
      if (k === key)
        return line
          .slice(tab + 1)
          .split(',')
          .map(Number);
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return [];
  }
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
