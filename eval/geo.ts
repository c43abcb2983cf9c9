// `sitrep eval geo`: geocoding on the CIR/Bellingcat Russia–Ukraine Monitor Map events (2022).
// Each event in Ukraine with a town/city is resolved with resolveMention (type place, context
// country UA, the province field as the context text) and scored against the event's verified
// coordinates: the share within 25 km (haversine), coverage, median error. A naive baseline (the
// most populous exact-name match in cities500, no context) is scored in the same run. The events
// are split in half by date: the first half was used for tuning, the second half is held out.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { resolveMention } from '../src/resources/entities-kb.js';
import { normaliseName } from '../src/resources/normalise.js';
import { loadPlaceIndex } from '../src/resources/places.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';

interface GeoEvent {
  entry: string;
  date: string;
  town: string;
  province: string;
  lat: number;
  lon: number;
}

type Geocoder = (e: GeoEvent) => { lat: number; lon: number } | null;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

export function readEvents(file: string): GeoEvent[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
  return rows
    .filter((r) => r.country?.trim() === 'Ukraine' && r['town/city']?.trim() && r.date?.trim())
    .map((r) => ({
      entry: r.entry ?? '',
      date: r.date!.trim(),
      town: r['town/city']!.trim(),
      province: (r.province ?? '').trim(),
      lat: Number(r.lat),
      lon: Number(r.lon),
    }))
    .filter((e) => Number.isFinite(e.lat) && Number.isFinite(e.lon) && e.lat !== 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entry < b.entry ? -1 : 1));
}

/** The province field as context text; a bare name ("Kharkiv") is a province here, so it says so. */
function provinceText(province: string): string {
  if (!province) return '';
  return /oblast|region|область|krai|crimea|sevastopol/i.test(province) ? province : `${province} Oblast`;
}

const sitrep: Geocoder = (e) => {
  const r = resolveMention(
    { text: e.town, type: 'place' },
    { date: e.date, countries: ['UA'], text: provinceText(e.province) },
  );
  return r && r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null;
};

const naive: Geocoder = (e) => {
  const index = loadPlaceIndex();
  let best: { lat: number; lon: number; population: number } | null = null;
  for (const i of index.byNorm(normaliseName(e.town))) {
    const p = index.place(i);
    if (!best || p.population > best.population) best = p;
  }
  return best;
};

interface Score {
  n: number;
  resolved: number;
  within25: number;
  within50: number;
  medianKm: number;
}

function score(events: readonly GeoEvent[], geocode: Geocoder, log?: (line: string) => void): Score {
  const errors: number[] = [];
  let within25 = 0;
  let within50 = 0;
  for (const e of events) {
    const r = geocode(e);
    if (!r) {
      log?.(`${e.entry} ${e.date} unresolved ${JSON.stringify(e.town)} / ${JSON.stringify(e.province)}`);
      continue;
    }
    const km = haversineKm(e.lat, e.lon, r.lat, r.lon);
    errors.push(km);
    if (km <= 25) within25++;
    else
      log?.(
        `${e.entry} ${e.date} ${Math.round(km)} km ${JSON.stringify(e.town)} / ${JSON.stringify(e.province)} → ${r.lat},${r.lon}`,
      );
    if (km <= 50) within50++;
  }
  errors.sort((a, b) => a - b);
  const median = errors.length ? errors[Math.floor(errors.length / 2)]! : Number.NaN;
  return { n: events.length, resolved: errors.length, within25, within50, medianKm: median };
}

const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) : '-');

function row(name: string, s: Score): string {
  return `| ${name} | ${s.n} | ${pct(s.resolved, s.n)} | **${pct(s.within25, s.n)}** | ${pct(s.within25, s.resolved)} | ${pct(s.within50, s.n)} | ${s.medianKm.toFixed(1)} |`;
}

const HEADER = `| system | events | resolved % | within 25 km % (of all) | within 25 km % (of resolved) | within 50 km % | median error km |
|---|---|---|---|---|---|---|`;

export const evaluate: Evaluate = async (options: EvalOptions): Promise<EvalReport> => {
  const folder = join(options.data, 'bellingcat-cir-ukraine-events-2022');
  let events = readEvents(join(folder, 'events.csv'));
  if (options.limit) events = events.slice(0, options.limit);
  const half = Math.ceil(events.length / 2);
  const tune = events.slice(0, half);
  const test = events.slice(half);
  options.log(
    `geo: ${events.length} events in Ukraine with a town/city; tuning ${tune.length}, held out ${test.length}`,
  );
  const t0 = performance.now();
  loadPlaceIndex();
  const loadMs = performance.now() - t0;
  const errorLog = process.env.SITREP_EVAL_ERRORS ? options.log : undefined;
  const t1 = performance.now();
  const s = { tune: score(tune, sitrep, errorLog), test: score(test, sitrep) };
  const perLookupUs = ((performance.now() - t1) * 1000) / Math.max(1, events.length);
  const b = { tune: score(tune, naive), test: score(test, naive) };
  const all = (x: Score, y: Score): Score => ({
    n: x.n + y.n,
    resolved: x.resolved + y.resolved,
    within25: x.within25 + y.within25,
    within50: x.within50 + y.within50,
    medianKm: Number.NaN,
  });
  const total = all(s.tune, s.test);
  options.log(
    `geo: within 25 km ${pct(s.test.within25, s.test.n)}% held out, ${pct(s.tune.within25, s.tune.n)}% tuning (naive ${pct(b.test.within25, b.test.n)}%)`,
  );
  const firstTest = test[0]?.date ?? '-';
  const markdown = `# Geocoding: CIR/Bellingcat Russia–Ukraine Monitor Map places

\`\`\`sh
sitrep eval geo            # node bin/sitrep.js eval geo --write  rewrites this page
\`\`\`

**Data.** \`../shared/data/bellingcat-cir-ukraine-events-2022/events.csv\`
([README](../../../shared/data/bellingcat-cir-ukraine-events-2022/README.md)): the Centre for Information
Resilience and Bellingcat's verified events of 2022. Scored: the ${events.length} events in Ukraine that have a
\`town/city\` and a date. Each is one lookup, so a town named in many events counts many times (Kharkiv,
Mariupol and Kyiv are a large share); the gold point is where the event happened, which for a city can be
its outskirts.

**How.** \`resolveMention({text: town, type: 'place'}, {date, countries: ['UA'], text: province})\`
(\`src/resources/entities-kb.ts\`): a bare province name gets "Oblast" appended, since the field is a
province. The result's lat/lon is compared with the event's by haversine distance. **Baseline**: the most
populous place in the same cities500 index whose name or alternate name matches the town exactly after
normalisation (case, diacritics, apostrophes, Cyrillic), with no context.

**Split.** Events sorted by date: the first half (${tune.length}, up to ${tune[tune.length - 1]?.date ?? '-'}) was used
for tuning (its errors were listed with \`SITREP_EVAL_ERRORS=1\`); the second half (${test.length}, from ${firstTest}) was not
looked at.

## Held-out half (later events)

${HEADER}
${row('sitrep resolveMention', s.test)}
${row('naive: most populous exact match', b.test)}

## Tuning half (earlier events)

${HEADER}
${row('sitrep resolveMention', s.tune)}
${row('naive: most populous exact match', b.tune)}

All ${total.n} events: **${pct(total.within25, total.n)} %** within 25 km, ${pct(total.resolved, total.n)} % resolved.

## Speed

Loading the place index (${loadPlaceIndex().size.toLocaleString('en-US')} places, gunzip and split): ${Math.round(loadMs)} ms.
Resolving: ${perLookupUs.toFixed(0)} µs per event on average, first-use building of the knowledge-base maps included.

## What falls short, and why

${SHORTFALL}
`;
  return {
    markdown,
    metrics: {
      within25Test: s.test.within25 / Math.max(1, s.test.n),
      within25Tune: s.tune.within25 / Math.max(1, s.tune.n),
      coverageTest: s.test.resolved / Math.max(1, s.test.n),
      medianKmTest: s.test.medianKm,
      naiveWithin25Test: b.test.within25 / Math.max(1, b.test.n),
      loadMs,
    },
  };
};

const SHORTFALL = `- **The target (95 % within 25 km) is not met.** The ceiling is the gazetteer: GeoNames cities500 holds
  only about 2,850 places in Ukraine (villages of fewer than 500 people are not in it, and many frontline
  villages such as Buzova, Moshchun, Yahidne, Vuhledar, Kruta Balka are missing altogether). The naive
  baseline's "resolved" column is the share of events whose town has an exact name in the index at all:
  under 80 % of the held-out half, whose events move east to small Donbas and Kharkiv villages.
- When the town is not in the index but the province is, the resolver returns a place one edit away in that
  province, else the province itself (precision 2, as ACLED codes it): that keeps the answer in the right
  oblast (median error low, "within 50 km" higher) but an oblast centroid is rarely within 25 km of a village.
  Without the province it would return a namesake hundreds of kilometres away (the naive baseline's misses).
- Some gold rows are street addresses, districts ("Near Saltivka", "New Korotich") or misspellings two edits
  away; a few provinces are wrong in the data.
- What would close the gap: the full GeoNames UA extract (about 30,000 populated places) instead of
  cities500; it is not available offline here.`;
