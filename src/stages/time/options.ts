// Every tunable of the time stage, with its default, in one place.

import { type Epoch, loadEpochs, loadOutletCountries } from '../../resources/index.js';

export interface TimeOptions {
  /** Reference events whose days are counted ("the 27th day"); the knowledge base's by default. */
  epochs: readonly Epoch[];
  /** Outlet host → country code, to read numeric dates like 03/04/2022. */
  outletCountries: ReadonlyMap<string, string>;
  /** Countries that write the month first in numeric dates (03/04/2022 = March 4). */
  monthFirstCountries: readonly string[];
  /** Bare four-digit years outside this range are not years unless a preposition says so ("in 1492"). */
  minBareYear: number;
  maxBareYear: number;
  /** How far past a timex the tense of its clause is looked for, in characters. */
  tenseWindow: number;
  /** dateForSpan: the precision code given to a fact that falls back on the publication date. */
  fallbackPrecision: 1 | 2 | 3;
}

export const DEFAULT_TIME_OPTIONS: Readonly<TimeOptions> = Object.freeze({
  epochs: loadEpochs(),
  outletCountries: loadOutletCountries(),
  monthFirstCountries: ['us', 'ph', 'fm', 'mh', 'pw'],
  minBareYear: 1900,
  maxBareYear: 2099,
  tenseWindow: 120,
  // The article says when it was published, not when the event happened: usually within days
  // before, so a week, as ACLED codes a date known only to the week.
  fallbackPrecision: 2,
});

/** The defaults overlaid with the given options (undefined values keep the default). */
export function resolveTimeOptions(options: Partial<TimeOptions> = {}): TimeOptions {
  const resolved: TimeOptions = { ...DEFAULT_TIME_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}
