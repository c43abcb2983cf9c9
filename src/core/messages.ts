// Problems with the input are data: messages on the document or on the input they came from,
// never exceptions that stop a batch. Every rule id and its meaning lives in this one catalogue.

import type { Span } from './spans.js';

export type Severity = 'fatal' | 'error' | 'warning' | 'info';

/** The catalogue of rule ids: what each means and how bad it is by default. */
export const RULES = {
  // ingest: a whole input (file, stdin) could not be read
  'input-missing': { severity: 'error', meaning: 'the path does not exist or cannot be read' },
  'input-empty': { severity: 'error', meaning: 'the input holds no bytes or only white space' },
  'input-too-large': { severity: 'error', meaning: 'the input is larger than the configured limit' },
  'input-binary': { severity: 'error', meaning: 'the input is binary, not text' },
  'input-encoding': { severity: 'error', meaning: 'the bytes are not valid in the expected encoding' },
  'input-unknown-format': { severity: 'error', meaning: 'the file name ending names no format sitrep reads' },
  'input-gzip-corrupt': { severity: 'error', meaning: 'the gzip stream is truncated or corrupt' },
  'input-skipped': { severity: 'info', meaning: 'a file in a directory was skipped (unknown format or hidden)' },
  'input-failed': {
    severity: 'error',
    meaning: 'reading the input failed unexpectedly (a bug in sitrep: please report it); the batch went on',
  },
  // ingest: one record inside an input
  'record-malformed': { severity: 'error', meaning: 'one record (line, row, item) could not be parsed' },
  'record-no-text': { severity: 'error', meaning: 'a record has neither text nor html' },
  'record-too-large': { severity: 'error', meaning: 'one record is larger than the configured limit' },
  'xml-malformed': { severity: 'error', meaning: 'an RSS/Atom file is not well-formed XML' },
  'xml-entity-declaration': {
    severity: 'error',
    meaning: 'the XML declares entities (a DTD), refused to prevent entity-expansion attacks',
  },
  'feed-unknown': { severity: 'error', meaning: 'an XML file is neither RSS 2.0 nor Atom' },
  // clean
  'published-invalid': { severity: 'warning', meaning: 'a publication date could not be parsed' },
  'html-no-text': { severity: 'warning', meaning: 'no readable text was found in the HTML' },
  'html-truncated': { severity: 'warning', meaning: 'the HTML was larger than the configured limit and was cut' },
  'html-too-deep': {
    severity: 'warning',
    meaning: 'the HTML nested elements deeper than the configured limit; the excess tags were removed before parsing',
  },
  'html-readability-skipped': {
    severity: 'info',
    meaning: 'Readability failed or was not run (page too large or too deeply nested); the whole body was read instead',
  },
  'text-truncated': {
    severity: 'warning',
    meaning: 'the clean text was longer than the per-article limit and was cut (the raw input is stored whole)',
  },
  'text-control-chars': { severity: 'info', meaning: 'control characters were removed from the text' },
  'text-empty': { severity: 'warning', meaning: 'the clean text is empty' },
  'text-noise-removed': {
    severity: 'info',
    meaning:
      'lines of one kind of page furniture (share bar, appeal, photo credit, timestamp…) were removed from the text',
  },
  'text-teasers-split': {
    severity: 'info',
    meaning: 'related-story teasers were split off the body (each is stored as its own teaser record)',
  },
  'text-title-repeated': { severity: 'info', meaning: 'a first line repeating the title was removed from the text' },
  'published-page-timestamp': {
    severity: 'info',
    meaning: 'a leading date line disagrees with the dates the article states (a page or crawl timestamp); not used',
  },
  'boilerplate-removed': {
    severity: 'info',
    meaning: "lines that recur across many articles of the same outlet (that outlet's boilerplate) were removed",
  },
  // time
  'time-no-anchor': {
    severity: 'warning',
    meaning:
      'the article has no publication date: relative dates ("on Monday", "last week") were found but left unresolved',
  },
  'time-impossible-date': {
    severity: 'warning',
    meaning: 'a date names a day that does not exist (31 February); it was not taken as a date',
  },
  'time-ambiguous-date': {
    severity: 'info',
    meaning: 'a numeric date reads two ways (03/04/2022) and no outlet country decides; only its year was kept',
  },
  // store
  'evidence-mismatch': { severity: 'error', meaning: 'a fact whose evidence does not quote the text was refused' },
  // pipeline
  'stage-failed': { severity: 'fatal', meaning: 'a stage threw on this article; its later stages were skipped' },
} as const satisfies Record<string, { severity: Severity; meaning: string }>;

export type RuleId = keyof typeof RULES;

export interface Message {
  severity: Severity;
  /** The stage that raised it (`ingest`, `clean`, …). */
  stage: string;
  rule: RuleId;
  reason: string;
  /** The input it concerns, as given by the user (path, URL or `-`). */
  source?: string;
  /** 1-based line number inside the input, when the problem is on one line or row. */
  line?: number;
  /** The span of the article's clean text it concerns, when it concerns one. */
  span?: Span;
}

export function message(
  stage: string,
  rule: RuleId,
  reason: string,
  extra: Partial<Pick<Message, 'source' | 'line' | 'span' | 'severity'>> = {},
): Message {
  return { severity: extra.severity ?? RULES[rule].severity, stage, rule, reason, ...stripUndefined(extra) };
}

/** One line a person reads: `path:12: error: reason [rule]`. */
export function formatMessage(m: Message): string {
  const where = m.source ? `${m.source}${m.line ? `:${m.line}` : ''}: ` : '';
  return `${where}${m.severity}: ${m.reason} [${m.rule}]`;
}

export function isFailure(m: Message): boolean {
  return m.severity === 'error' || m.severity === 'fatal';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
