// Attribution scoring against PolNeAR gold, by word tokens ([\p{L}\p{N}]+; quote marks and
// punctuation never count). Lenient: spans share a token. Strict: the same token set (a leading
// "that" ignored in content). A predicted quote is matched to the gold attribution whose content
// shares the most tokens with it; its source (cue) is right when it matches that attribution's.

import type { GoldAttribution, PolnearDoc } from './polnear.js';

export interface Predicted {
  type: 'direct' | 'indirect';
  start: number;
  end: number;
  source: { start: number; end: number } | null;
  cue: { start: number; end: number } | null;
}

export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  /** Recall's numerator (gold found) can differ from precision's (predictions right). */
  found: number;
}

export type Role = 'content' | 'source' | 'cue';
export type Mode = 'lenient' | 'strict';
export type TypeKey = 'direct' | 'indirect' | 'all';

export type Tally = Record<TypeKey, Record<Role, Record<Mode, Prf>>>;

export function emptyTally(): Tally {
  const prf = (): Prf => ({ tp: 0, predicted: 0, gold: 0, found: 0 });
  const role = () => ({ lenient: prf(), strict: prf() });
  const type = () => ({ content: role(), source: role(), cue: role() });
  return { direct: type(), indirect: type(), all: type() };
}

type Tokens = Set<number>;

function tokensOf(words: readonly [number, number][], spans: readonly { start: number; end: number }[]): Tokens {
  const out = new Set<number>();
  for (const s of spans) for (const [a, b] of words) if (a < s.end && s.start < b) out.add(a);
  return out;
}

function dropThat(text: string, t: Tokens): Tokens {
  const first = Math.min(...t);
  if (Number.isFinite(first) && /^that\b/i.test(text.slice(first, first + 5))) {
    const c = new Set(t);
    c.delete(first);
    return c;
  }
  return t;
}

function shared(a: Tokens, b: Tokens): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

function same(a: Tokens, b: Tokens): boolean {
  return a.size > 0 && a.size === b.size && shared(a, b) === a.size;
}

export function scoreDocument(tally: Tally, doc: PolnearDoc, predicted: readonly Predicted[]): void {
  const words: [number, number][] = [];
  for (const m of doc.text.matchAll(/[\p{L}\p{N}]+/gu)) words.push([m.index, m.index + m[0].length]);
  const gold = doc.attributions.map((g) => ({
    g,
    all: tokensOf(words, g.content),
    frags: g.content.map((f) => dropThat(doc.text, tokensOf(words, [f]))),
    source: g.source ? tokensOf(words, g.source) : null,
    cue: g.cue ? tokensOf(words, g.cue) : null,
  }));
  const preds = predicted.map((p) => {
    const content = dropThat(doc.text, tokensOf(words, [p]));
    let best: (typeof gold)[number] | null = null;
    let bestShared = 0;
    for (const g of gold) {
      const n = shared(content, g.all);
      if (n > bestShared) {
        bestShared = n;
        best = g;
      }
    }
    const strict = gold.some((g) => same(content, dropThat(doc.text, g.all)) || g.frags.some((f) => same(content, f)));
    return {
      p,
      content,
      best,
      strict,
      source: p.source ? tokensOf(words, [p.source]) : null,
      cue: p.cue ? tokensOf(words, [p.cue]) : null,
    };
  });
  const types = (t: 'direct' | 'indirect') => [tally[t], tally.all];
  const role = (r: 'source' | 'cue', x: (typeof preds)[number], mode: Mode): boolean => {
    const mine = x[r];
    const theirs = x.best?.[r];
    if (!mine || !theirs || mine.size === 0) return false;
    return mode === 'lenient' ? shared(mine, theirs) > 0 : same(mine, theirs);
  };
  for (const x of preds) {
    for (const t of types(x.p.type)) {
      t.content.lenient.predicted++;
      t.content.strict.predicted++;
      if (x.best) t.content.lenient.tp++;
      if (x.strict) t.content.strict.tp++;
      for (const r of ['source', 'cue'] as const) {
        if (!x[r]) continue;
        for (const mode of ['lenient', 'strict'] as const) {
          t[r][mode].predicted++;
          if (role(r, x, mode)) t[r][mode].tp++;
        }
      }
    }
  }
  for (const g of gold) {
    const mine = preds.filter((x) => x.best === g);
    const overlapping = preds.filter((x) => shared(x.content, g.all) > 0);
    for (const t of types(g.g.type)) {
      t.content.lenient.gold++;
      t.content.strict.gold++;
      if (overlapping.length > 0) t.content.lenient.found++;
      const strictFound =
        mine.some((x) => same(x.content, dropThat(doc.text, g.all))) ||
        g.frags.every((f) => f.size === 0 || preds.some((x) => same(x.content, f)));
      if (strictFound) t.content.strict.found++;
      for (const r of ['source', 'cue'] as const) {
        if (!g[r] || g[r].size === 0) continue;
        for (const mode of ['lenient', 'strict'] as const) {
          t[r][mode].gold++;
          if (mine.some((x) => role(r, x, mode))) t[r][mode].found++;
        }
      }
    }
  }
}

export function prf(c: Prf): { p: number; r: number; f: number } {
  const p = c.predicted ? c.tp / c.predicted : 0;
  const r = c.gold ? c.found / c.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export type { GoldAttribution };
