// Bytes to text. Strict UTF-8 by default, so a mis-encoded file is reported instead of being
// silently filled with U+FFFD. An explicit encoding label or a byte-order mark overrides that;
// the charset an HTML page or XML feed declares is used when the bytes are not UTF-8.

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string; line?: number };

export interface DecodeOptions {
  /** A WHATWG encoding label the user forced (`windows-1252`, `latin1`, `shift_jis`…). */
  encoding?: string;
  /** Honour a charset the document declares: `<meta charset>` (html) or `<?xml encoding?>` (feed). */
  declared?: 'html' | 'xml';
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  if (options.encoding !== undefined) return decodeWith(options.encoding, bytes, 'the encoding option');

  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeWith(bom, bytes, 'its byte-order mark');

  // Valid UTF-8 wins over a declared charset: feeds and pages often claim ISO-8859-1 while
  // serving UTF-8, and real legacy-encoded text is practically never valid UTF-8 by accident.
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the declared charset, else report where UTF-8 broke
  }
  if (options.declared) {
    const label = declaredCharset(bytes, options.declared);
    const decoder = label === null ? null : decoderFor(label);
    // A declared UTF-16 in an ASCII-readable header cannot be true (HTML says: treat as UTF-8).
    if (decoder && decoder.encoding !== 'utf-8' && !decoder.encoding.startsWith('utf-16')) {
      return decodeWith(decoder.encoding, bytes, `its declared charset "${label}"`);
    }
  }
  const offset = firstInvalidUtf8(bytes);
  return {
    ok: false,
    reason:
      `not valid UTF-8: invalid byte sequence at byte offset ${offset}` +
      ' (use the encoding option, e.g. windows-1252, if the file is in another encoding)',
    line: lineAtByte(bytes, offset),
  };
}

/** The encoding a byte-order mark announces, or null. UTF-16 needs it: its NULs look binary. */
export function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null; // an unknown label
  }
}

function decodeWith(label: string, bytes: Uint8Array, why: string): Decoded {
  const decoder = decoderFor(label);
  if (decoder === null) return { ok: false, reason: `unknown encoding "${label}" (from ${why})` };
  if (decoder.encoding === 'windows-1252')
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  try {
    return { ok: true, text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    if (decoder.encoding === 'utf-8') {
      // Say where, as for text without a BOM.
      const offset = firstInvalidUtf8(bytes);
      return {
        ok: false,
        reason: `not valid UTF-8 (the encoding given by ${why}): invalid byte sequence at byte offset ${offset}`,
        line: lineAtByte(bytes, offset),
      };
    }
    return { ok: false, reason: `not valid ${decoder.encoding} (the encoding given by ${why})` };
  }
}

// WHATWG windows-1252 for bytes 0x80..0x9F; every other byte is its own code point.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 (also what the labels latin1 and iso-8859-1 mean on the web). Done here because
 * Node 20.18.3+ TextDecoder decodes it as ISO-8859-1, turning 0x80..0x9F (curly quotes, dashes,
 * the euro sign) into control characters (nodejs/node#60888).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] as string);
}

/** The charset a document declares in its first KiB (where HTML says to look), or null. */
function declaredCharset(bytes: Uint8Array, kind: 'html' | 'xml'): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const pattern =
    kind === 'html'
      ? // Matches <meta charset="x"> and <meta http-equiv=… content="text/html; charset=x">.
        /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i
      : /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/;
  return pattern.exec(head)?.[1] ?? null;
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // Continuation count and the allowed range of the second byte (which excludes overlong
    // forms, surrogates and code points above U+10FFFF), per the Unicode well-formed table.
    let more: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) more = 1;
    else if (lead === 0xe0) [more, low] = [2, 0xa0];
    else if (lead === 0xed) [more, high] = [2, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) more = 2;
    else if (lead === 0xf0) [more, low] = [3, 0x90];
    else if (lead === 0xf4) [more, high] = [3, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) more = 3;
    else return i;
    if (i + more >= bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k <= more; k += 1) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** 1-based line of a byte offset (counting LF bytes before it). */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  let at = bytes.indexOf(0x0a);
  while (at >= 0 && at < offset) {
    line += 1;
    at = bytes.indexOf(0x0a, at + 1);
  }
  return line;
}
