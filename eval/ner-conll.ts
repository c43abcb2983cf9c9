// CoNLL-2003 reading and conlleval-style span scoring, shared by `sitrep eval ner` and
// `npm run train:ner`. The data stays in ../shared/data/conll2003 (research-only text).

import { readFileSync } from 'node:fs';

export interface ConllSentence {
  tokens: string[];
  /** IOB2 tags (B-X starts every span). */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** Reads a 4-column CoNLL file into documents; IOB1 tags are converted to IOB2. */
export function readConll(file: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sentence: ConllSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (sentence.tokens.length) {
      if (!doc) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push(toIob2(sentence));
    }
    sentence = { tokens: [], tags: [] };
  };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const cols = line.split(' ');
    if (cols[0] === '-DOCSTART-') {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    sentence.tokens.push(cols[0]!);
    sentence.tags.push(cols[cols.length - 1]!);
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

function toIob2(s: ConllSentence): ConllSentence {
  const tags = s.tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const prev = i > 0 ? s.tags[i - 1]! : 'O';
    return prev === 'O' || prev.slice(2) !== t.slice(2) ? `B-${t.slice(2)}` : t;
  });
  return { tokens: s.tokens, tags };
}

/** Spans "first:last:TYPE" of an IOB2 tag sequence (conlleval chunk rules). */
export function spansOf(tags: readonly string[]): string[] {
  const out: string[] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const t = tags[i] ?? 'O';
    const starts = t.startsWith('B-') || (t.startsWith('I-') && t.slice(2) !== type);
    if (start >= 0 && (t === 'O' || starts)) {
      out.push(`${start}:${i - 1}:${type}`);
      start = -1;
      type = '';
    }
    if (starts) {
      start = i;
      type = t.slice(2);
    }
  }
  return out;
}

export interface PrfCounts {
  tp: number;
  fp: number;
  fn: number;
}

export type TypeCounts = Record<string, PrfCounts>;

export function addSpans(counts: TypeCounts, gold: readonly string[], predicted: readonly string[]): void {
  const g = new Set(gold);
  const p = new Set(predicted);
  const bump = (span: string, key: keyof PrfCounts) => {
    for (const type of ['ALL', span.split(':')[2]!]) {
      counts[type] ??= { tp: 0, fp: 0, fn: 0 };
      counts[type][key]++;
    }
  };
  for (const s of p) bump(s, g.has(s) ? 'tp' : 'fp');
  for (const s of g) if (!p.has(s)) bump(s, 'fn');
}

export function prf(c: PrfCounts | undefined): { p: number; r: number; f1: number } {
  if (!c) return { p: 0, r: 0, f1: 0 };
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}
