// Spans index an article's clean `text` in UTF-16 code units (what JavaScript indexes),
// end-exclusive. Every fact's evidence is a span plus the text it quotes, checked on write.

export interface Span {
  start: number;
  end: number;
}

export interface Evidence extends Span {
  /** The article id. */
  article: string;
  /** Exactly `text.slice(start, end)`. */
  quote: string;
}

export function isValidSpan(text: string, span: Span): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.end >= span.start &&
    span.end <= text.length
  );
}

/** Builds evidence for `text[start, end)`; throws on a span outside the text (a programmer error). */
export function evidenceOf(article: string, text: string, start: number, end: number): Evidence {
  if (!isValidSpan(text, { start, end })) {
    throw new RangeError(`span [${start}, ${end}) lies outside article ${article} (length ${text.length})`);
  }
  return { article, start, end, quote: text.slice(start, end) };
}

/** Why the evidence does not match the text, or null when it does. */
export function checkEvidence(text: string, evidence: Evidence): string | null {
  if (!isValidSpan(text, evidence)) {
    return `span [${evidence.start}, ${evidence.end}) lies outside the text (length ${text.length})`;
  }
  const actual = text.slice(evidence.start, evidence.end);
  return actual === evidence.quote
    ? null
    : `quote ${JSON.stringify(evidence.quote)} does not match text ${JSON.stringify(actual)} at [${evidence.start}, ${evidence.end})`;
}
