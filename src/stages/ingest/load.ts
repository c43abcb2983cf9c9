// Getting an input's bytes into memory safely: size checked before reading, gzip decompressed
// with a hard cap on its output (so a gzip bomb stops at the limit), binary files recognised
// before anyone tries to decode them as text.

import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { RuleId } from '../../core/messages.js';

const gunzipAsync = promisify(gunzip);

export type Loaded =
  | { ok: true; bytes: Buffer; diskBytes: number }
  | { ok: false; rule: RuleId; reason: string; diskBytes: number };

export async function loadFile(file: string, gzipByName: boolean, maxBytes: number): Promise<Loaded> {
  const size = (await stat(file)).size;
  if (size > maxBytes) return tooLarge(`the file is ${size} bytes`, maxBytes, size);
  const bytes = await readFile(file);
  // The file may have grown since stat().
  if (bytes.length > maxBytes) return tooLarge(`the file is ${bytes.length} bytes`, maxBytes, bytes.length);
  return maybeGunzip(bytes, gzipByName, maxBytes);
}

/** Reads a stream (stdin) to its end, stopping as soon as it passes the limit. */
export async function loadStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<{ ok: true; raw: Buffer } | (Loaded & { ok: false })> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) return tooLarge(`more than ${maxBytes} bytes arrived`, maxBytes, total);
    chunks.push(buffer);
  }
  return { ok: true, raw: Buffer.concat(chunks) };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses when the name ends in .gz or the bytes start with the gzip magic number. */
export async function maybeGunzip(bytes: Buffer, gzipByName: boolean, maxBytes: number): Promise<Loaded> {
  const diskBytes = bytes.length;
  if (bytes.length === 0 || !(gzipByName || isGzip(bytes))) return { ok: true, bytes, diskBytes };
  if (!isGzip(bytes)) {
    return {
      ok: false,
      rule: 'input-gzip-corrupt',
      reason: 'named .gz but not gzip data (no 1f 8b header)',
      diskBytes,
    };
  }
  try {
    // maxOutputLength makes zlib stop and fail instead of growing the buffer past the limit.
    return { ok: true, bytes: await gunzipAsync(bytes, { maxOutputLength: maxBytes }), diskBytes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return tooLarge(
        `it decompresses to more than ${maxBytes} bytes (${diskBytes} bytes compressed)`,
        maxBytes,
        diskBytes,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, rule: 'input-gzip-corrupt', reason: `gzip data is truncated or corrupt: ${reason}`, diskBytes };
  }
}

function tooLarge(what: string, maxBytes: number, diskBytes: number): Loaded & { ok: false } {
  return {
    ok: false,
    rule: 'input-too-large',
    reason: `${what}, more than the limit of ${maxBytes} bytes (raise maxBytes to read it)`,
    diskBytes,
  };
}

/** Known binary formats by their magic numbers, to say what the file is rather than just "binary". */
const MAGIC: Array<{ name: string; bytes: number[] }> = [
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [...Buffer.from('GIF87a', 'latin1')] },
  { name: 'a GIF image', bytes: [...Buffer.from('GIF89a', 'latin1')] },
  { name: 'a ZIP archive (or a DOCX/XLSX/EPUB file)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'an empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip data (compressed twice?)', bytes: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] }, // Rar!
  { name: 'an xz file', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a zstd file', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'an OLE2 document (old .doc/.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'an SQLite database', bytes: [...Buffer.from('SQLite format 3\0', 'latin1')] },
  { name: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** Why the bytes look binary, or null. Pass skipNul for UTF-16 text, which is full of NULs. */
export function binaryReason(bytes: Uint8Array, skipNul = false): string | null {
  for (const magic of MAGIC) {
    if (magic.bytes.every((b, i) => bytes[i] === b)) return `the input is ${magic.name}, not text`;
  }
  if (skipNul) return null;
  const nul = bytes.subarray(0, 8192).indexOf(0);
  return nul >= 0 ? `the input is binary, not text (a NUL byte at offset ${nul})` : null;
}
