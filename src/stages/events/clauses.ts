// Sentences and clauses of the clean text, as spans. Sentences come from the time stage's
// sentence scanner; a sentence is cut into clauses at semicolons, dashes, parentheses and before
// the conjunctions that start a new event ("…, while …", "… after …", "…, but …").

import type { Span } from '../../core/spans.js';
import { sentenceEnd } from '../time/context.js';

export interface Clause extends Span {
  /** The sentence holding the clause. */
  sentence: Span;
}

/** The sentences of `text`, whitespace trimmed, empty ones skipped. */
export function sentences(text: string): Span[] {
  const result: Span[] = [];
  let position = 0;
  while (position < text.length) {
    let end = sentenceEnd(text, position);
    if (end <= position) end = Math.min(text.length, position + 1);
    const span = trim(text, position, end);
    if (span) result.push(span);
    position = end;
  }
  return result;
}

const CLAUSE_BREAK =
  /;\s+|\s+[–—]\s+|\s+-\s+|\s*\(|\)\s*|,\s+(?=(?:while|whereas|but|although|though|as|after|before|when|which|where)\b)|\s+(?=(?:while|whereas|after|before|but)\s)/g;

/** The clauses of a sentence span. */
export function clauses(text: string, sentence: Span): Clause[] {
  const body = text.slice(sentence.start, sentence.end);
  const result: Clause[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(body); m; m = CLAUSE_BREAK.exec(body)) {
    if (m[0].length === 0) {
      CLAUSE_BREAK.lastIndex++;
      continue;
    }
    push(text, result, sentence, sentence.start + from, sentence.start + m.index);
    from = m.index + m[0].length;
  }
  push(text, result, sentence, sentence.start + from, sentence.end);
  return result;
}

function push(text: string, into: Clause[], sentence: Span, start: number, end: number): void {
  const span = trim(text, start, end);
  if (span && /\w/.test(text.slice(span.start, span.end))) into.push({ ...span, sentence });
}

function trim(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}
