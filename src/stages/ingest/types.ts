// The ingest stage's public types, and the small vocabulary its format readers share.

import type { InputFormat, RawRecord, RecordFields } from '../../core/document.js';
import type { Message, RuleId } from '../../core/messages.js';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export interface IngestOptions {
  /** Limit for one input after decompression, in bytes. */
  maxBytes: number;
  /** Force a format (otherwise from the file name ending, or sniffed for stdin). */
  format?: InputFormat;
  /** Decode with this WHATWG encoding label instead of strict UTF-8 (e.g. 'windows-1252'). */
  encoding?: string;
  /** Read for the path '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export type IngestEvent =
  /** First event: inputs found and their total size on disk, for progress bars. */
  | { kind: 'plan'; inputs: number; bytes: number }
  /** An input is about to be read; bytes = its size on disk (0 for stdin), for progress bars. */
  | { kind: 'input-start'; source: string; bytes: number }
  /** fraction (0..1) of the current input consumed after this record. */
  | { kind: 'record'; record: RawRecord; fraction: number }
  /** A problem with one input or one record in it (message.source = the input as given). */
  | { kind: 'message'; message: Message }
  /** failed = the input itself could not be read (not per-record problems). */
  | { kind: 'input-done'; source: string; records: number; bytes: number; failed: boolean };

/** A record as a format reader found it, before ingest gives it a source and a key. */
export interface RecordDraft {
  format: InputFormat;
  position: number;
  line?: number;
  raw: string;
  fields: RecordFields;
  /** How much of the input (0..1) has been read once this record is done. */
  fraction: number;
}

/** A problem a format reader found; `inputFailed` when it means nothing in the input could be read. */
export interface Problem {
  rule: RuleId;
  reason: string;
  line?: number;
  inputFailed?: boolean;
}

export type ReadItem = { kind: 'draft'; draft: RecordDraft } | { kind: 'problem'; problem: Problem };

export const draft = (d: RecordDraft): ReadItem => ({ kind: 'draft', draft: d });
export const problem = (p: Problem): ReadItem => ({ kind: 'problem', problem: p });
