// TempEval-3 scoring of timexes: strict (exact span) and relaxed (overlapping span) precision,
// recall and F1, and value/type accuracy on the relaxed matches with value F1 = relaxed F1 ×
// value accuracy, as the TE3 scorer computes attribute F1.

import type { GoldTimex } from './time-tml.js';

export interface SystemTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface Counts {
  gold: number;
  system: number;
  strict: number;
  relaxed: number;
  value: number;
  type: number;
}

export interface Scores {
  strictP: number;
  strictR: number;
  strictF1: number;
  relaxedP: number;
  relaxedR: number;
  relaxedF1: number;
  valueAccuracy: number;
  valueF1: number;
  typeAccuracy: number;
  typeF1: number;
}

export const emptyCounts = (): Counts => ({ gold: 0, system: 0, strict: 0, relaxed: 0, value: 0, type: 0 });

/** Adds one document's matches to `counts` (one-to-one: each gold and system timex matched once). Returns the errors. */
export function countDocument(
  counts: Counts,
  gold: readonly GoldTimex[],
  system: readonly SystemTimex[],
): Array<{ gold?: GoldTimex; system?: SystemTimex }> {
  counts.gold += gold.length;
  counts.system += system.length;
  const used = new Set<number>();
  const errors: Array<{ gold?: GoldTimex; system?: SystemTimex }> = [];
  for (const g of gold) {
    // Prefer the exact span, else the first overlapping one.
    let best = -1;
    system.forEach((s, i) => {
      if (used.has(i) || s.end <= g.start || s.start >= g.end) return;
      if (best < 0 || (s.start === g.start && s.end === g.end)) best = i;
    });
    if (best < 0) {
      errors.push({ gold: g });
      continue;
    }
    used.add(best);
    const s = system[best] as SystemTimex;
    counts.relaxed++;
    if (s.start === g.start && s.end === g.end) counts.strict++;
    if (s.value === g.value) counts.value++;
    else errors.push({ gold: g, system: s });
    if (s.type === g.type) counts.type++;
  }
  system.forEach((s, i) => {
    if (!used.has(i)) errors.push({ system: s });
  });
  return errors;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function score(c: Counts): Scores {
  const strictP = ratio(c.strict, c.system);
  const strictR = ratio(c.strict, c.gold);
  const relaxedP = ratio(c.relaxed, c.system);
  const relaxedR = ratio(c.relaxed, c.gold);
  const relaxedF1 = f1(relaxedP, relaxedR);
  const valueAccuracy = ratio(c.value, c.relaxed);
  const typeAccuracy = ratio(c.type, c.relaxed);
  return {
    strictP,
    strictR,
    strictF1: f1(strictP, strictR),
    relaxedP,
    relaxedR,
    relaxedF1,
    valueAccuracy,
    valueF1: relaxedF1 * valueAccuracy,
    typeAccuracy,
    typeF1: relaxedF1 * typeAccuracy,
  };
}
