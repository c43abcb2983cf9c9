// CSV reader. The first row is the header; a row csv-parse cannot read (wrong number of
// columns, an unclosed quote) is reported with its line and skipped, the other rows are read.

import { parse } from 'csv-parse/sync';
import { BODY_NAMES, mapFields, namesCarryBody } from './fields.js';
import { draft, problem, type ReadItem } from './types.js';

interface CsvContext {
  bytes: number;
  raw?: string;
}

export function* readCsv(text: string): Generator<ReadItem> {
  // csv-parse counts UTF-8 bytes, so lines are found by byte offset.
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = lineStartOffsets(bytes);
  const items: ReadItem[] = [];
  let header: string[] = [];
  let position = 0;
  let lastEnd = 0;

  // Where the current row began: its end minus its own bytes, never before the previous row
  // ended (csv-parse reports a late `bytes` for a quote left open at the end of the input).
  const startLine = (context: CsvContext, raw: string | undefined): number => {
    const start = Math.max(lastEnd, context.bytes - Buffer.byteLength(raw ?? ''));
    lastEnd = context.bytes;
    return lineOf(lineStarts, start, bytes);
  };

  try {
    parse(text, {
      columns: (names: string[]) => {
        header = names.map((n) => String(n).trim());
        return header;
      },
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      raw: true, // the row's source text, to find the line it starts on
      on_record: ({ record }: { record: Record<string, string> }, context: CsvContext) => {
        const line = startLine(context, context.raw);
        const fraction = Math.min(1, context.bytes / bytes.length);
        // raw = the row as a JSON object of its columns, so it stands alone without the header.
        items.push(
          draft({ format: 'csv', position, line, raw: JSON.stringify(record), fields: mapFields(record), fraction }),
        );
        position += 1;
        return null; // collected above; nothing for csv-parse to keep
      },
      on_skip: (error: (Error & Partial<CsvContext>) | undefined, raw?: string) => {
        const line = startLine({ bytes: error?.bytes ?? lastEnd }, raw);
        items.push(
          problem({ rule: 'record-malformed', reason: `malformed CSV row: ${error?.message ?? 'unreadable'}`, line }),
        );
        position += 1;
        return undefined;
      },
    });
  } catch (error) {
    // Errors skip_records_with_error does not cover (e.g. a broken header): keep what was read.
    items.push(
      problem({
        rule: 'record-malformed',
        reason: `malformed CSV: ${(error as Error).message}`,
        line: lineOf(lineStarts, lastEnd, bytes),
      }),
    );
  }

  if (header.length > 0 && !namesCarryBody(header)) {
    // One message for the file rather than one record-no-text per row.
    yield problem({
      rule: 'record-no-text',
      reason: `no CSV column holds the text: expected one of ${BODY_NAMES.join(', ')}; the header is: ${header.join(', ')}`,
      line: 1,
      inputFailed: true,
    });
    return;
  }
  yield* items;
}

function lineStartOffsets(bytes: Buffer): number[] {
  const starts = [0];
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) starts.push(at + 1);
  return starts;
}

/** 1-based line holding a byte offset; a row starting right at a line end belongs to the next line. */
function lineOf(starts: number[], offset: number, bytes: Buffer): number {
  // Skip the line breaks left between the previous row and this one.
  let at = offset;
  while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at += 1;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
