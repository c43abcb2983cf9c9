// The fuzz targets: for each parser and extractor, a structured generator of inputs and a check
// that runs the parser on one input and returns the invariants it broke (an empty list when all
// hold). A parser that throws is a crash: the exception propagates to the caller, which records
// it. The property tests (test/fuzz/*.test.ts) and the fuzz benchmark (bench/fuzz.ts) share them.

import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type Article, newArticle, type RawRecord } from '../../src/core/document.js';
import { RULES } from '../../src/core/messages.js';
import { createPipeline, type Pipeline } from '../../src/core/pipeline.js';
import { checkEvidence, isValidSpan, type Span } from '../../src/core/spans.js';
import { findNumbers } from '../../src/stages/claims/numbers.js';
import { htmlToArticleText } from '../../src/stages/clean/html.js';
import { normalizeText, plainTextBlocks } from '../../src/stages/clean/plain-text.js';
import { cleanStage } from '../../src/stages/clean/stage.js';
import { defaultStages } from '../../src/stages/index.js';
import { readCsv } from '../../src/stages/ingest/csv.js';
import { decodeBytes, firstInvalidUtf8 } from '../../src/stages/ingest/decode.js';
import { readFeed } from '../../src/stages/ingest/feeds.js';
import { readInputs } from '../../src/stages/ingest/index.js';
import { readJson, readJsonl } from '../../src/stages/ingest/json.js';
import { maybeGunzip } from '../../src/stages/ingest/load.js';
import type { ReadItem } from '../../src/stages/ingest/types.js';
import { findQuotes } from '../../src/stages/quotes/find.js';
import { findTimexes } from '../../src/stages/time/stage.js';
import {
  anyString,
  byteInput,
  csvDocument,
  dateText,
  feedDocument,
  htmlPage,
  jsonDocument,
  jsonlDocument,
  newsText,
} from './arbitraries.js';

export interface FuzzTarget<T = unknown> {
  name: string;
  /** What is parsed, for the benchmark table. */
  entry: string;
  arbitrary: fc.Arbitrary<T>;
  /** Runs the parser on one input; returns broken invariants. Throws only when the parser does. */
  check(input: T): string[] | Promise<string[]>;
}

const target = <T>(t: FuzzTarget<T>): FuzzTarget<unknown> => t as FuzzTarget<unknown>;

// --- invariant helpers ----------------------------------------------------------------------------

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Null, or an ISO 8601 date / date-time naming a real calendar day and time. */
export function badIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return `not a string: ${JSON.stringify(value)}`;
  const m = ISO.exec(value);
  if (!m) return `not ISO 8601: ${JSON.stringify(value)}`;
  if (badDay(+(m[1] as string), +(m[2] as string), +(m[3] as string))) return `no such day: ${value}`;
  if (m[4] !== undefined && (+m[4] > 24 || +(m[5] as string) > 59 || +(m[6] ?? 0) > 60))
    return `no such time: ${value}`;
  if (!Number.isFinite(Date.parse(value))) return `Date.parse rejects ${value}`;
  return null;
}

function badDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return true;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d > days;
}
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Every YYYY-MM-DD inside a TIMEX3 value names a real day. */
function badTimexValue(value: string): string | null {
  for (const m of value.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) {
    if (badDay(+(m[1] as string), +(m[2] as string), +(m[3] as string)))
      return `timex value ${value} names no real day`;
  }
  return null;
}

function spanProblems(text: string, what: string, span: Span & { text?: string }): string[] {
  if (!isValidSpan(text, span)) return [`${what} span [${span.start}, ${span.end}) outside text of ${text.length}`];
  if (span.text !== undefined && text.slice(span.start, span.end) !== span.text)
    return [`${what} text ${JSON.stringify(span.text)} ≠ slice ${JSON.stringify(text.slice(span.start, span.end))}`];
  return [];
}

const finiteOrNull = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));

/** Reader output: problems carry a known rule and a reason; drafts carry string fields and a sane fraction. */
function readItemProblems(items: Iterable<ReadItem>): string[] {
  const out: string[] = [];
  let lastFraction = 0;
  for (const item of items) {
    if (item.kind === 'problem') {
      const p = item.problem;
      if (!(p.rule in RULES)) out.push(`unknown rule ${p.rule}`);
      if (typeof p.reason !== 'string' || p.reason.trim().length < 5) out.push(`empty reason for ${p.rule}`);
      if (p.line !== undefined && !(Number.isInteger(p.line) && p.line >= 1)) out.push(`bad line ${p.line}`);
      continue;
    }
    const d = item.draft;
    if (typeof d.raw !== 'string') out.push('raw is not a string');
    for (const [k, v] of Object.entries(d.fields)) if (typeof v !== 'string') out.push(`field ${k} is ${typeof v}`);
    if (!(d.fraction >= 0 && d.fraction <= 1)) out.push(`fraction ${d.fraction}`);
    if (d.fraction + 1e-9 < lastFraction) out.push(`fraction went back ${lastFraction} → ${d.fraction}`);
    lastFraction = d.fraction;
    if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1)) out.push(`bad line ${d.line}`);
    if (!Number.isInteger(d.position) || d.position < 0) out.push(`bad position ${d.position}`);
  }
  return out;
}

/** The invariants of an article after any part of the pipeline. */
export function articleProblems(doc: Article): string[] {
  const out: string[] = [];
  const { text } = doc;
  if (typeof text !== 'string') return ['text is not a string'];
  // A lone surrogate cannot be stored as UTF-8: SQLite would shift every span after it.
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
    out.push('lone surrogate in text');
  for (const m of doc.messages) {
    if (m.rule === 'stage-failed') out.push(`stage crashed: ${m.reason}`);
    if (!(m.rule in RULES)) out.push(`unknown rule ${m.rule}`);
    if (m.span) out.push(...spanProblems(text, `message ${m.rule}`, m.span));
  }
  for (const b of doc.blocks) out.push(...spanProblems(text, `block ${b.kind}`, b));
  const published = badIso(doc.published);
  if (published) out.push(`published: ${published}`);
  for (const fact of doc.facts) {
    if (fact.evidence) {
      const bad = checkEvidence(text, fact.evidence);
      if (bad) out.push(`${fact.kind} evidence: ${bad}`);
      if (fact.evidence.article !== doc.id) out.push(`${fact.kind} evidence names article ${fact.evidence.article}`);
    }
    const data = fact.data as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'number' && !Number.isFinite(value)) out.push(`${fact.kind}.${key} = ${value}`);
      if (
        /Start$|End$/.test(key) &&
        value !== null &&
        !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= text.length)
      )
        out.push(`${fact.kind}.${key} = ${value} outside text of ${text.length}`);
      if (key === 'date' && value !== null && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const bad = badIso(value);
        if (bad) out.push(`${fact.kind}.date: ${bad}`);
      }
    }
    if (fact.kind === 'timex' && typeof data.value === 'string') {
      const bad = badTimexValue(data.value);
      if (bad) out.push(bad);
    }
    if (fact.kind === 'claim') {
      const { numberStart, numberEnd, numberText } = data as {
        numberStart: number;
        numberEnd: number;
        numberText: string;
      };
      if (text.slice(numberStart, numberEnd) !== numberText) out.push(`claim numberText ${numberText} ≠ its span`);
    }
  }
  return out;
}

function record(fields: RawRecord['fields'], format: RawRecord['format'], raw: string): RawRecord {
  return { key: 'fuzz', source: 'fuzz-input', position: 0, format, raw, fields };
}

let pipeline: Pipeline | null = null;
/** The default per-article pipeline, built once (it loads models). */
export function defaultPipeline(): Pipeline {
  pipeline ??= createPipeline(defaultStages());
  return pipeline;
}
const clean = cleanStage();

// --- the targets ---------------------------------------------------------------------------------

export const TARGETS: Array<FuzzTarget<unknown>> = [
  target({
    name: 'text',
    entry: 'normalizeText, plainTextBlocks, clean stage (text record)',
    arbitrary: fc.oneof(newsText(80), anyString(400)),
    check: (input: string) => {
      const out: string[] = [];
      const { text } = normalizeText(input);
      if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) out.push('control character left in normalised text');
      for (const b of plainTextBlocks(text)) out.push(...spanProblems(text, 'block', b));
      out.push(...articleProblems(clean.run(newArticle(record({ text: input }, 'text', input)))));
      return out;
    },
  }),
  target({
    name: 'html',
    entry: 'htmlToArticleText, clean stage (html record)',
    arbitrary: fc.oneof({ weight: 4, arbitrary: htmlPage }, { weight: 1, arbitrary: anyString(300) }),
    check: (input: string) => {
      const out: string[] = [];
      const extracted = htmlToArticleText(input);
      for (const b of extracted.blocks) out.push(...spanProblems(extracted.text, 'block', b));
      const bad = badIso(extracted.published);
      if (bad) out.push(`published: ${bad}`);
      out.push(...articleProblems(clean.run(newArticle(record({ html: input }, 'html', input)))));
      return out;
    },
  }),
  target({
    name: 'rss/atom',
    entry: 'readFeed',
    arbitrary: fc.oneof({ weight: 5, arbitrary: feedDocument }, { weight: 1, arbitrary: anyString(200) }),
    check: (input: string) => {
      const items = [...readFeed(input)];
      const out = readItemProblems(items);
      if (/<!ENTITY/.test(input) && items.some((i) => i.kind === 'draft'))
        out.push('a feed declaring entities was read');
      return out;
    },
  }),
  target({
    name: 'jsonl',
    entry: 'readJsonl',
    arbitrary: fc.oneof({ weight: 5, arbitrary: jsonlDocument }, { weight: 1, arbitrary: anyString(200) }),
    check: (input: string) => readItemProblems([...readJsonl(input)]),
  }),
  target({
    name: 'json',
    entry: 'readJson (and jsonErrorOffset)',
    arbitrary: fc.oneof({ weight: 5, arbitrary: jsonDocument }, { weight: 1, arbitrary: anyString(200) }),
    check: (input: string) => readItemProblems([...readJson(input)]),
  }),
  target({
    name: 'csv',
    entry: 'readCsv',
    arbitrary: fc.oneof({ weight: 5, arbitrary: csvDocument }, { weight: 1, arbitrary: anyString(200) }),
    check: (input: string) => readItemProblems([...readCsv(input)]),
  }),
  target({
    name: 'gzip',
    entry: 'maybeGunzip',
    arbitrary: fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => ({ bytes: Buffer.from(b), expect: null as Buffer | null })),
      fc.uint8Array({ maxLength: 400 }).map((b) => ({ bytes: gzipSync(b), expect: Buffer.from(b) })),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.nat(), fc.nat(255)).map(([b, at, flip]) => {
        const gz = Buffer.from(gzipSync(b));
        const i = at % gz.length;
        // Truncated, or one byte changed: either way never the original bytes silently wrong.
        return at % 2 === 0
          ? { bytes: gz.subarray(0, i), expect: null }
          : { bytes: Buffer.from(gz.map((v, k) => (k === i ? v ^ (flip || 1) : v))), expect: null };
      }),
    ),
    check: async (input: { bytes: Buffer; expect: Buffer | null }) => {
      const out: string[] = [];
      const loaded = await maybeGunzip(input.bytes, true, 1 << 20);
      if (loaded.ok) {
        if (input.expect && !loaded.bytes.equals(input.expect)) out.push('round trip changed the bytes');
      } else {
        if (input.expect) out.push(`valid gzip refused: ${loaded.reason}`);
        if (!(loaded.rule in RULES) || loaded.reason.length < 5) out.push(`unclear problem ${loaded.rule}`);
      }
      return out;
    },
  }),
  target({
    name: 'charset',
    entry: 'decodeBytes, firstInvalidUtf8',
    arbitrary: fc.tuple(
      byteInput,
      fc.constantFrom(undefined, 'html', 'xml'),
      fc.constantFrom(undefined, undefined, 'windows-1252', 'utf-16le', 'shift_jis', 'koi8-r', 'no-such-charset'),
    ),
    check: ([bytes, declared, encoding]: [Uint8Array, 'html' | 'xml' | undefined, string | undefined]) => {
      const out: string[] = [];
      const decoded = decodeBytes(bytes, { declared, encoding });
      let strict = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        strict = false;
      }
      const invalid = firstInvalidUtf8(bytes);
      if (strict !== invalid < 0) out.push(`firstInvalidUtf8 = ${invalid} but TextDecoder says valid=${strict}`);
      if (decoded.ok) {
        if (typeof decoded.text !== 'string') out.push('text is not a string');
      } else if (decoded.reason.length < 5) out.push('empty reason');
      if (encoding === undefined && strict && bytes[0] !== 0xff && bytes[0] !== 0xfe && !decoded.ok)
        out.push(`valid UTF-8 refused: ${decoded.ok ? '' : decoded.reason}`);
      return out;
    },
  }),
  target({
    name: 'dates',
    entry: 'findTimexes (time stage extractor)',
    arbitrary: fc.tuple(
      fc.oneof(
        newsText(40),
        fc.array(dateText, { maxLength: 8 }).map((d) => d.join(', ')),
      ),
      fc.oneof(
        fc.constant(null),
        dateText,
        fc.constantFrom('2022-02-24', '2022-02-24T05:00:00+02:00', '0000-01-01', '9999-12-31'),
      ),
    ),
    check: ([text, published]: [string, string | null]) => {
      const out: string[] = [];
      const { timexes, notes } = findTimexes(text, published);
      for (const t of timexes) {
        out.push(...spanProblems(text, 'timex', t));
        const bad = badTimexValue(t.value);
        if (bad) out.push(bad);
        if (t.anchor !== null && badIso(t.anchor)) out.push(`anchor ${t.anchor}`);
      }
      for (const n of notes) out.push(...spanProblems(text, 'time note', n));
      return out;
    },
  }),
  target({
    name: 'numbers',
    entry: 'findNumbers (claims stage)',
    arbitrary: newsText(40),
    check: (text: string) => {
      const out: string[] = [];
      for (const n of findNumbers(text)) {
        out.push(...spanProblems(text, 'number', n));
        if (!Number.isFinite(n.value)) out.push(`value ${n.value} for ${JSON.stringify(n.text)}`);
        if (!finiteOrNull(n.low) || !finiteOrNull(n.high)) out.push(`range ${n.low}..${n.high} for ${n.text}`);
      }
      return out;
    },
  }),
  target({
    name: 'quotes',
    entry: 'findQuotes (rules + tagger)',
    arbitrary: newsText(60),
    check: (text: string) => {
      const out: string[] = [];
      for (const q of findQuotes(text)) {
        out.push(...spanProblems(text, 'quote', q));
        for (const [s, e] of [
          [q.sourceStart, q.sourceEnd],
          [q.speakerStart, q.speakerEnd],
          [q.cueStart, q.cueEnd],
        ] as const) {
          if (s !== null && e !== null) out.push(...spanProblems(text, 'quote part', { start: s, end: e }));
        }
        if (q.cue !== null && q.cueStart !== null && q.cueEnd !== null && text.slice(q.cueStart, q.cueEnd) !== q.cue)
          out.push(`cue ${q.cue} ≠ its span`);
      }
      return out;
    },
  }),
  target({
    name: 'pipeline',
    entry: 'createPipeline(defaultStages()) on a text or html record',
    arbitrary: fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: newsText(80) },
        { weight: 1, arbitrary: htmlPage },
        { weight: 1, arbitrary: anyString(300) },
      ),
      fc.constantFrom('text', 'html'),
      fc.oneof(fc.constant(undefined), dateText),
    ),
    check: ([body, format, published]: [string, 'text' | 'html', string | undefined]) => {
      const fields = format === 'text' ? { text: body } : { html: body };
      const rec = record(published === undefined ? fields : { ...fields, published }, format, body);
      return articleProblems(defaultPipeline().run(newArticle(rec)));
    },
  }),
  target({
    name: 'readInputs',
    entry: 'readInputs on stdin bytes (sniffing, decoding, every reader)',
    arbitrary: fc.oneof(
      byteInput,
      fc
        .oneof(jsonlDocument, jsonDocument, csvDocument, feedDocument, htmlPage, newsText(30))
        .map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      jsonlDocument.map((s) => new Uint8Array(gzipSync(Buffer.from(s, 'utf8')))),
    ),
    check: async (bytes: Uint8Array) => {
      const out: string[] = [];
      const events = [];
      for await (const e of readInputs(['-'], { stdin: Readable.from([Buffer.from(bytes)]), maxBytes: 1 << 20 }))
        events.push(e);
      if (events[0]?.kind !== 'plan') out.push('no plan first');
      if (events.at(-1)?.kind !== 'input-done') out.push('no input-done last');
      for (const e of events) {
        if (e.kind === 'message') {
          if (e.message.source !== '-') out.push(`message without the input's name: ${e.message.reason}`);
          if (e.message.rule === 'input-failed') out.push(`unexpected failure: ${e.message.reason}`);
        }
      }
      return out;
    },
  }),
];
