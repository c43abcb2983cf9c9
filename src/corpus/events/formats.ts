// Serialisers for merged events (pure): CSV in ACLED's column names, and GeoJSON. CSV cells are
// quoted per RFC 4180 and guarded against spreadsheet formula injection; GeoJSON is a
// FeatureCollection of Points (RFC 7946: [longitude, latitude]) with the sources as properties.

import type { MergedEvent } from './merge.js';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
] as const;

/** ISO3 for the event_id_cnty prefix (ACLED: "UKR1234"); other countries: their ISO2. */
const ISO3: Readonly<Record<string, string>> = {
  UA: 'UKR',
  RU: 'RUS',
  BY: 'BLR',
  PL: 'POL',
  MD: 'MDA',
  GE: 'GEO',
  US: 'USA',
  GB: 'GBR',
};

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(iso2: string | null): string {
  if (!iso2) return '';
  try {
    return REGION_NAMES.of(iso2.toUpperCase()) ?? iso2;
  } catch {
    return iso2;
  }
}

/** One CSV cell: formula-looking values get a leading apostrophe; quotes when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // A cell a spreadsheet would evaluate (=, +, -, @, or a tab/CR that precedes one) is neutralised;
  // plain negative numbers stay numbers.
  if (/^[=+\-@\t\r]/.test(s) && !(typeof value === 'number')) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The sources of a merged event as ACLED writes them: outlets, semicolon-separated. */
function sourceNames(e: MergedEvent): string {
  const names = [...new Set(e.sources.map((s) => s.outlet ?? s.article))];
  return names.join('; ');
}

function notes(e: MergedEvent): string {
  const claimed = e.claimants.filter((c) => c !== '');
  const parts = [`${e.subtype}${e.location ? ` in ${e.location}` : ''}`];
  if (claimed.length) parts.push(`according to ${claimed.join(', ')}`);
  if (!e.verified) parts.push('(attributed, not reported in the outlets\u2019 own voice)');
  parts.push(
    `[${e.sourceCount} source${e.sourceCount === 1 ? '' : 's'}: ${e.sources.map((s) => `${s.article}#${s.start}-${s.end}`).join(' ')}]`,
  );
  return parts.join(' ');
}

/** ACLED's event_date: "2022-03-01" → "01 March 2022". */
function acledDate(date: string | null): string {
  if (!date) return '';
  const t = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t.getTime())) return date;
  return t.toLocaleDateString('en-GB', { day: '2-digit', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Merged events as CSV with ACLED's columns, one row per event, CRLF line ends, header first. */
export function toAcledCsv(events: readonly MergedEvent[]): string {
  const rows = [ACLED_COLUMNS.join(',')];
  for (const e of events) {
    const prefix = (e.country && ISO3[e.country.toUpperCase()]) ?? e.country?.toUpperCase() ?? 'XXX';
    const values: unknown[] = [
      `${prefix}${e.id}`,
      acledDate(e.date),
      e.timePrecision,
      e.type,
      e.subtype,
      e.actor1,
      e.actor2,
      countryName(e.country),
      e.admin1,
      e.location,
      e.lat === null ? null : Number(e.lat.toFixed(4)),
      e.lon === null ? null : Number(e.lon.toFixed(4)),
      e.geoPrecision,
      sourceNames(e),
      notes(e),
      e.fatalities ?? 0,
    ];
    rows.push(values.map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export interface EventFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Omit<MergedEvent, 'lat' | 'lon'>;
}

/** Merged events with a place as a GeoJSON FeatureCollection of Points; events without one are left out. */
export function toGeoJson(events: readonly MergedEvent[]): { type: 'FeatureCollection'; features: EventFeature[] } {
  const features: EventFeature[] = [];
  for (const e of events) {
    if (e.lat === null || e.lon === null || !Number.isFinite(e.lat) || !Number.isFinite(e.lon)) continue;
    const { lat, lon, ...properties } = e;
    features.push({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'Point', coordinates: [Number(lon.toFixed(6)), Number(lat.toFixed(6))] },
      properties,
    });
  }
  return { type: 'FeatureCollection', features };
}
