// Writes the large hostile inputs at test time (they are too big to commit): a gzip bomb, pages of
// 100 MB, 100,000-deep nesting in HTML, JSON and XML, a CSV with a single 50 MB field, text with
// lone surrogates, NULs and right-to-left overrides. Everything is streamed to disk in 1 MiB
// chunks, so writing them costs the test no memory. The small ones are committed in
// test/fixtures/hostile/ (see its README).

import { createWriteStream, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';

export const MiB = 1024 * 1024;
export const DEPTH = 100_000;

/** Streams `total` bytes made of `chunk` repeated (cut to fit), between a head and a tail. */
async function writeRepeated(path: string, head: string, chunk: Buffer, total: number, tail: string): Promise<void> {
  async function* parts() {
    yield Buffer.from(head);
    let left = total;
    while (left > 0) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      yield part;
    }
    yield Buffer.from(tail);
  }
  await pipeline(Readable.from(parts()), createWriteStream(path));
}

/** A chunk of 1 MiB made of a repeated string. */
const chunkOf = (s: string) => Buffer.from(s.repeat(Math.ceil(MiB / s.length)).slice(0, MiB));

/** 1 GiB of zeros, gzipped (about 1 MB), written without ever holding the gigabyte. */
export async function gzipBomb(path: string): Promise<void> {
  const zeros = Buffer.alloc(MiB);
  async function* gib() {
    for (let i = 0; i < 1024; i += 1) yield zeros;
  }
  await pipeline(Readable.from(gib()), createGzip({ level: 9 }), createWriteStream(path));
}

/** The bomb gzipped again: a few KB that would become 1 GiB if both layers were undone. */
export async function nestedGzipBomb(bombPath: string, path: string): Promise<void> {
  writeFileSync(path, gzipSync(await readFile(bombPath), { level: 9 }));
}

/** An HTML page of `bytes` bytes: an article followed by endless navigation markup. */
export function hugePage(path: string, bytes: number): Promise<void> {
  const head =
    '<!DOCTYPE html><html lang="en"><head><title>Huge page</title></head><body><article><h1>Huge page</h1>' +
    '<p>Russian forces shelled Kharkiv on Tuesday, killing at least 12 civilians, the regional governor said.</p>' +
    '<p>The huge page goes on with a menu repeated for ever after this second paragraph of its article.</p></article>';
  return writeRepeated(
    path,
    head,
    chunkOf('<nav><a href="/x">Home</a> | <a href="/y">World</a></nav>\n'),
    bytes,
    '</body></html>',
  );
}

/** A CSV whose one row has a text field of about `bytes` bytes: distinct lines with quotes, commas and newlines. */
export async function csvHugeField(path: string, bytes: number): Promise<void> {
  async function* parts() {
    yield Buffer.from('id,title,text\ncsv-huge,"One huge field","Kharkiv was shelled, the ""governor"" said.\n');
    let written = 0;
    for (let i = 0; written < bytes; ) {
      let chunk = '';
      for (; chunk.length < MiB; i += 1)
        chunk += `Report ${i}: shelling went on, ""again"", through night ${i * 7} near village ${i % 9973}.\n`;
      written += chunk.length;
      yield Buffer.from(chunk);
    }
    yield Buffer.from('"\n');
  }
  await pipeline(Readable.from(parts()), createWriteStream(path));
}

export function deepHtml(path: string): void {
  writeFileSync(
    path,
    `<!DOCTYPE html><html><head><title>Deep HTML</title></head><body>${'<div>'.repeat(DEPTH)}` +
      '<p>Deep inside, Russian forces shelled Kharkiv on Tuesday, the governor said.</p>' +
      `${'</div>'.repeat(DEPTH)}</body></html>`,
  );
}

export function deepJson(path: string): void {
  writeFileSync(
    path,
    `[{"id":"deep-json","text":"A record carrying a 100,000-deep array.","nest":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}]`,
  );
}

export function deepJsonl(path: string): void {
  writeFileSync(
    path,
    `{"id":"deep-jsonl","text":"A line carrying a 100,000-deep object.","nest":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}\n` +
      `${JSON.stringify({ id: 'after-deep-jsonl', text: 'The line after the deep one is read.' })}\n`,
  );
}

export function deepXml(path: string): void {
  writeFileSync(
    path,
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><item><title>Deep item</title>' +
      `<link>https://example.org/deep</link><description>${'<a>'.repeat(DEPTH)}x${'</a>'.repeat(DEPTH)}</description></item></channel></rss>`,
  );
}

/** JSON Lines whose text holds lone surrogates, NULs, bidi overrides and other controls (escaped, so valid JSON). */
export function nastyJsonl(path: string): void {
  const lines = [
    {
      id: 'rtl',
      title: 'Right-to-left \u202eoverride',
      text: 'Kyiv \u202e\u0432\u0457\u0438\u041a\u202c said \u2066quoted\u2069 12 soldiers were killed.',
    },
    {
      id: 'surrogates',
      title: 'Lone \ud800 surrogate',
      text: 'A lone high \ud800 and low \udfff surrogate, reversed \udc00\ud800, near Kharkiv.',
    },
    { id: 'nul', title: 'NUL\u0000inside', text: 'Russian\u0000 forces\u0000 shelled Kharkiv\u0001\u0008 on Tuesday.' },
  ];
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

export function goodJsonl(dir: string, id: string): string {
  const path = join(dir, `good-${id}.jsonl`);
  writeFileSync(
    path,
    `${JSON.stringify({ id, title: 'Good article', published: '2022-03-01', text: 'Russian forces shelled Kharkiv on Tuesday, killing at least 12 civilians, the regional governor said.' })}\n`,
  );
  return path;
}
