// The knowledge base: small, hand-curated data files that rules consult instead of hard-coding
// facts about the world (epochs such as the 2022 invasion, outlets' countries). Imported as JSON
// modules, so tsc copies them beside the compiled code and dist/ finds them at run time.

import epochsFile from './kb/epochs.json' with { type: 'json' };
import outletsFile from './kb/outlet-countries.json' with { type: 'json' };

/** A reference event whose days are counted: "the 27th day", "Day 2" (day 1 is `day1`). */
export interface Epoch {
  id: string;
  name: string;
  /** ISO date of day 1. */
  day1: string;
  /** ISO date after which articles no longer count days from it, or null while it lasts. */
  until: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The configured epochs, checked once: a malformed entry is a programmer error, thrown early. */
export function loadEpochs(source: { epochs: unknown[] } = epochsFile): Epoch[] {
  return source.epochs.map((entry, i) => {
    const e = entry as Partial<Epoch>;
    if (typeof e.id !== 'string' || typeof e.name !== 'string' || typeof e.day1 !== 'string' || !ISO_DATE.test(e.day1))
      throw new Error(`epochs.json entry ${i} needs id, name and day1 (YYYY-MM-DD)`);
    const until = e.until ?? null;
    if (until !== null && !ISO_DATE.test(until)) throw new Error(`epochs.json entry ${i}: until must be YYYY-MM-DD`);
    return { id: e.id, name: e.name, day1: e.day1, until };
  });
}

/** Outlet host → lower-case country code. */
export function loadOutletCountries(): ReadonlyMap<string, string> {
  return new Map(Object.entries(outletsFile.outlets as Record<string, string>));
}
