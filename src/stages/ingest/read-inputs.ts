// The ingest driver: plans the inputs, then reads them one at a time (never more than one in
// memory), turning every problem into a message so that one bad input never stops the batch.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { type InputFormat, type RawRecord, recordKey } from '../../core/document.js';
import { message, type RuleId } from '../../core/messages.js';
import { readCsv } from './csv.js';
import { bomEncoding, decodeBytes } from './decode.js';
import { readFeed } from './feeds.js';
import { BODY_NAMES } from './fields.js';
import { type FileFormat, sniffFormat } from './formats.js';
import { readJson, readJsonl } from './json.js';
import { binaryReason, type Loaded, loadFile, loadStream, maybeGunzip } from './load.js';
import {
  DEFAULT_MAX_BYTES,
  draft,
  type IngestEvent,
  type IngestOptions,
  type ReadItem,
  type RecordDraft,
} from './types.js';
import { type PlanEntry, planInputs } from './walk.js';

const STAGE = 'ingest';

type Settings = IngestOptions & { stdin: NodeJS.ReadableStream };

interface Tally {
  records: number;
  bytes: number;
  failed: boolean;
}

/**
 * Reads files, directories (recursively) and '-' (stdin) into RawRecords. Yields a 'plan'
 * first, then for each input its records and messages followed by an 'input-done'.
 */
export async function* readInputs(paths: string[], options: Partial<IngestOptions> = {}): AsyncGenerator<IngestEvent> {
  const settings: Settings = {
    ...options,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    stdin: options.stdin ?? process.stdin,
  };
  const entries = await planInputs(paths, options.format !== undefined);
  let inputs = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (entry.kind !== 'skipped') inputs += 1;
    if (entry.kind === 'file') bytes += entry.size;
  }
  yield { kind: 'plan', inputs, bytes };

  for (const entry of entries) {
    if (entry.kind === 'skipped') yield messageEvent('input-skipped', entry.reason, entry.source);
    else yield* readInput(entry, settings);
  }
}

async function* readInput(
  entry: Exclude<PlanEntry, { kind: 'skipped' }>,
  settings: Settings,
): AsyncGenerator<IngestEvent> {
  const tally: Tally = { records: 0, bytes: 0, failed: false };
  yield { kind: 'input-start', source: entry.source, bytes: entry.kind === 'file' ? entry.size : 0 };
  try {
    yield* readBody(entry, settings, tally);
  } catch (error) {
    // Every expected problem is a message already; this is the net under the net.
    tally.failed = true;
    const reason = error instanceof Error ? error.message : String(error);
    yield messageEvent('input-failed', `reading the input failed: ${reason}`, entry.source);
  }
  yield { kind: 'input-done', source: entry.source, records: tally.records, bytes: tally.bytes, failed: tally.failed };
}

async function* readBody(
  entry: Exclude<PlanEntry, { kind: 'skipped' }>,
  settings: Settings,
  tally: Tally,
): AsyncGenerator<IngestEvent> {
  const { source } = entry;
  const fail = (rule: RuleId, reason: string, line?: number): IngestEvent => {
    tally.failed = true;
    return messageEvent(rule, reason, source, line);
  };
  if (entry.kind === 'refused') {
    yield fail(entry.rule, entry.reason);
    return;
  }

  // 1. The bytes, decompressed, within the size limit.
  let loaded: Loaded;
  let resolvedSource: string;
  if (entry.kind === 'stdin') {
    const read = await loadStream(settings.stdin, settings.maxBytes).catch((error: unknown) => unreadable(error));
    if (!read.ok) {
      tally.bytes = read.diskBytes;
      yield fail(read.rule, read.reason);
      return;
    }
    // Stdin has no path: its identity is its content, so the same bytes give the same keys.
    resolvedSource = `stdin:${createHash('sha256').update(read.raw).digest('hex')}`;
    loaded = await maybeGunzip(read.raw, false, settings.maxBytes);
  } else {
    // The file may have gone or become unreadable since it was planned.
    loaded = await loadFile(source, entry.gzip, settings.maxBytes).catch((error: unknown) => unreadable(error));
    resolvedSource = path.resolve(source);
  }
  tally.bytes = loaded.diskBytes;
  if (!loaded.ok) {
    yield fail(loaded.rule, loaded.reason);
    return;
  }
  const { bytes } = loaded;
  if (bytes.length === 0) {
    yield fail('input-empty', 'the input is empty (0 bytes)');
    return;
  }

  // 2. Text, not binary, in a known encoding.
  const utf16 = (bomEncoding(bytes) ?? canonicalEncoding(settings.encoding) ?? '').startsWith('utf-16');
  const binary = binaryReason(bytes, utf16);
  if (binary !== null) {
    yield fail('input-binary', binary);
    return;
  }
  let format: FileFormat | undefined =
    settings.format !== undefined ? readerFor(settings.format) : entry.kind === 'file' ? entry.format : undefined;
  // Stdin: a first guess from the raw head decides whether to look for a declared charset.
  const guess = format ?? sniffFormat(bytes.subarray(0, 64 * 1024).toString('latin1'));
  const decoded = decodeBytes(bytes, {
    encoding: settings.encoding,
    declared: guess === 'html' ? 'html' : guess === 'feed' ? 'xml' : undefined,
  });
  if (!decoded.ok) {
    yield fail('input-encoding', decoded.reason, decoded.line);
    return;
  }
  const text = decoded.text;
  if (text.trim() === '') {
    yield fail('input-empty', `the input holds only white space (${bytes.length} bytes)`);
    return;
  }
  format ??= sniffFormat(text);

  // 3. Records.
  for (const item of readerItems(format, text)) {
    if (item.kind === 'problem') {
      const { rule, reason, line, inputFailed } = item.problem;
      if (inputFailed) tally.failed = true;
      yield messageEvent(rule, reason, source, line);
      continue;
    }
    const event = recordEvent(item.draft, source, resolvedSource, settings.maxBytes);
    if (event.kind === 'record') tally.records += 1;
    yield event;
  }
}

function readerItems(format: FileFormat, text: string): Iterable<ReadItem> {
  switch (format) {
    case 'text':
      return [draft({ format: 'text', position: 0, raw: text, fields: { text }, fraction: 1 })];
    case 'html':
      return [draft({ format: 'html', position: 0, raw: text, fields: { html: text }, fraction: 1 })];
    case 'json':
      return readJson(text);
    case 'jsonl':
      return readJsonl(text);
    case 'csv':
      return readCsv(text);
    case 'feed':
      return readFeed(text);
  }
}

function recordEvent(d: RecordDraft, source: string, resolvedSource: string, maxBytes: number): IngestEvent {
  const { fields } = d;
  if (fields.text === undefined && fields.html === undefined) {
    const named = fields.title ? ` "${fields.title}"` : '';
    return messageEvent(
      'record-no-text',
      `the record${named} has neither text nor html (${bodyHint(d.format)})`,
      source,
      d.line,
    );
  }
  const size = Buffer.byteLength(d.raw, 'utf8');
  if (size > maxBytes) {
    return messageEvent(
      'record-too-large',
      `the record is ${size} bytes, more than the limit of ${maxBytes} bytes`,
      source,
      d.line,
    );
  }
  const record: RawRecord = {
    key: recordKey(fields, resolvedSource, d.position),
    source,
    position: d.position,
    ...(d.line !== undefined ? { line: d.line } : {}),
    format: d.format,
    raw: d.raw,
    fields,
  };
  return { kind: 'record', record, fraction: d.fraction };
}

function unreadable(error: unknown): Loaded & { ok: false } {
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, rule: 'input-missing', reason: `cannot be read: ${reason}`, diskBytes: 0 };
}

function bodyHint(format: InputFormat): string {
  if (format === 'rss') return 'no content:encoded or description';
  if (format === 'atom') return 'no content or summary';
  return `no field named ${BODY_NAMES.join(', ')}`;
}

/** Both feed formats go to the one feed reader, which tells them apart by the root element. */
function readerFor(format: InputFormat): FileFormat {
  return format === 'rss' || format === 'atom' ? 'feed' : format;
}

function canonicalEncoding(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function messageEvent(rule: RuleId, reason: string, source: string, line?: number): IngestEvent {
  return { kind: 'message', message: message(STAGE, rule, reason, { source, line }) };
}
