// Which reader an input goes to: from the file name ending, or (for stdin, which has no name)
// by sniffing its first bytes. Feeds stay 'feed' until their root element says RSS or Atom.

import path from 'node:path';

/** The readers ingest has; 'feed' becomes 'rss' or 'atom' once its root element is seen. */
export type FileFormat = 'text' | 'html' | 'json' | 'jsonl' | 'csv' | 'feed';

const ENDINGS: Record<string, FileFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.rss': 'feed',
  '.xml': 'feed',
  '.atom': 'feed',
};

/** For messages: every ending ingest reads. */
export const ACCEPTED_ENDINGS = `${Object.keys(ENDINGS).join(', ')} (each optionally followed by .gz)`;

export type NameFormat = { known: true; format: FileFormat; gzip: boolean } | { known: false; ending: string };

/** The format a file name announces (case-insensitive), with a trailing .gz meaning gzip. */
export function formatFromName(name: string): NameFormat {
  const base = path.basename(name);
  const lower = base.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const inner = gzip ? lower.slice(0, -3) : lower;
  const format = ENDINGS[path.extname(inner)];
  if (format) return { known: true, format, gzip };
  // Name the whole unknown ending (".tar.gz", ".pdf"), or '' when there is none.
  const ending = gzip ? `${path.extname(inner)}.gz` : path.extname(lower);
  return { known: false, ending };
}

/**
 * Guesses the format of a nameless input from its text. Only the start matters except for
 * '{', where JSONL is chosen when every non-empty line starts an object (else one JSON value).
 */
export function sniffFormat(text: string): FileFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return everyLineStartsAnObject(start) ? 'jsonl' : 'json';
  if (start.startsWith('<')) {
    const root = firstElementName(start.slice(0, 64 * 1024));
    return root !== null && isFeedRoot(root) ? 'feed' : 'html';
  }
  return 'text';
}

/** The local names of the root elements of the feeds ingest reads. */
export function isFeedRoot(name: string): boolean {
  const local = name.slice(name.indexOf(':') + 1).toLowerCase();
  return local === 'rss' || local === 'feed' || local === 'rdf';
}

function everyLineStartsAnObject(text: string): boolean {
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    const line = text.slice(lineStart, end).trim();
    if (line !== '' && !line.startsWith('{')) return false;
    lineStart = end + 1;
  }
  return true;
}

/** The first element name after the prolog (XML declaration, comments, doctype), or null. */
function firstElementName(head: string): string | null {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;
  const rest = head.slice(prolog.exec(head)?.[0].length ?? 0);
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
  return match?.[1] ?? null;
}
