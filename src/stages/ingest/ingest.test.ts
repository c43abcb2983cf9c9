import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import zlib from 'node:zlib';
import type { RawRecord } from '../../core/document.js';
import type { Message } from '../../core/messages.js';
import { type IngestEvent, type IngestOptions, readInputs } from './index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-ingest-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Writes a fixture under the temp root and returns its path. */
function fixture(rel: string, content: string | Uint8Array): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

async function run(paths: string[], options: Partial<IngestOptions> = {}): Promise<IngestEvent[]> {
  const events: IngestEvent[] = [];
  for await (const event of readInputs(paths, options)) events.push(event);
  return events;
}

const records = (events: IngestEvent[]): RawRecord[] => events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
const messages = (events: IngestEvent[]): Message[] => events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
const dones = (events: IngestEvent[]) => events.flatMap((e) => (e.kind === 'input-done' ? [e] : []));

/** The one message of a run that reads one bad input, checked to name that input. */
async function onlyMessage(file: string, options: Partial<IngestOptions> = {}): Promise<Message> {
  const events = await run([file], options);
  const found = messages(events);
  assert.equal(found.length, 1, JSON.stringify(found));
  const [m] = found as [Message];
  assert.equal(m.source, file);
  assert.equal(records(events).length, 0);
  return m;
}

const stdin = (...chunks: Array<string | Buffer>) => Readable.from(chunks);

// --- formats -------------------------------------------------------------------------------

test('a text file is one record holding the whole file', async () => {
  const file = fixture('formats/note.txt', 'Shelling reported near Kharkiv.\nMore later.\n');
  const events = await run([file]);
  assert.deepEqual(events[0], { kind: 'plan', inputs: 1, bytes: 44 });
  const [record] = records(events);
  assert.deepEqual(record, {
    key: `src:${path.resolve(file)}#0`,
    source: file,
    position: 0,
    format: 'text',
    raw: 'Shelling reported near Kharkiv.\nMore later.\n',
    fields: { text: 'Shelling reported near Kharkiv.\nMore later.\n' },
  });
  assert.deepEqual(dones(events), [{ kind: 'input-done', source: file, records: 1, bytes: 44, failed: false }]);
});

test('an HTML file is one record with fields.html', async () => {
  const html = '<!doctype html><html><head><title>T</title></head><body><p>Hello</p></body></html>';
  const file = fixture('formats/page.html', html);
  const [record] = records(await run([file]));
  assert.equal(record?.format, 'html');
  assert.deepEqual(record?.fields, { html });
  assert.equal(record?.raw, html);
});

test('a JSON array gives one record per object, with field names mapped', async () => {
  const file = fixture(
    'formats/list.json',
    JSON.stringify([
      { id: 7, headline: ' Strike on depot ', link: 'https://example.org/a', body: 'Text A', site_name: 'Example' },
      { url: 'https://example.org/b', title: '', headline: 'Second', publishedAt: '2022-02-24', text: 'Text B' },
    ]),
  );
  const events = await run([file]);
  const found = records(events);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]?.fields, {
    id: '7',
    title: 'Strike on depot',
    url: 'https://example.org/a',
    outlet: 'Example',
    text: 'Text A',
  });
  assert.equal(found[0]?.key, 'id:7');
  // An empty title counts as absent, so the next name (headline) wins.
  assert.equal(found[1]?.fields.title, 'Second');
  assert.equal(found[1]?.fields.published, '2022-02-24');
  assert.equal(found[1]?.key, 'url:https://example.org/b');
  assert.deepEqual(
    found.map((r) => r.position),
    [0, 1],
  );
  assert.deepEqual(
    events.flatMap((e) => (e.kind === 'record' ? [e.fraction] : [])),
    [0.5, 1],
  );
});

test('a JSON object with an articles array is read as that array', async () => {
  const file = fixture(
    'formats/wrapped.json',
    JSON.stringify({ status: 'ok', articles: [{ text: 'a' }, { text: 'b' }] }),
  );
  const found = records(await run([file]));
  assert.deepEqual(
    found.map((r) => r.fields.text),
    ['a', 'b'],
  );
  assert.equal(found[1]?.key, `src:${path.resolve(file)}#1`);
});

test('JSONL: one record per non-empty line, position = line index, line = line number', async () => {
  const file = fixture('formats/feed.jsonl', '{"text":"one"}\n\n{"text":"two","lang":"uk"}\r\n');
  const found = records(await run([file]));
  assert.deepEqual(
    found.map((r) => [r.position, r.line, r.raw]),
    [
      [0, 1, '{"text":"one"}'],
      [2, 3, '{"text":"two","lang":"uk"}'],
    ],
  );
  assert.equal(found[1]?.fields.language, 'uk');
  assert.equal(found[0]?.format, 'jsonl');
});

test('CSV with quoted commas and newlines; a malformed row is reported with its line', async () => {
  const csv =
    'id,Title,body,date\n' +
    'a1,"Kyiv, Ukraine","First line\nsecond line",2022-02-24\n' +
    'a2,too,few\n' +
    'a3,"He said ""no""",Plain,2022-03-01\n';
  const file = fixture('formats/table.csv', csv);
  const events = await run([file]);
  const found = records(events);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]?.fields, {
    id: 'a1',
    title: 'Kyiv, Ukraine',
    published: '2022-02-24',
    text: 'First line\nsecond line',
  });
  assert.equal(found[0]?.line, 2);
  assert.deepEqual(JSON.parse(found[0]?.raw ?? ''), {
    id: 'a1',
    Title: 'Kyiv, Ukraine',
    body: 'First line\nsecond line',
    date: '2022-02-24',
  });
  assert.equal(found[1]?.fields.title, 'He said "no"');
  assert.equal(found[1]?.line, 5);
  const [bad] = messages(events);
  assert.equal(bad?.rule, 'record-malformed');
  assert.equal(bad?.line, 4);
  assert.equal(bad?.source, file);
  assert.equal(dones(events)[0]?.failed, false);
});

test('a CSV without a text column is one message for the file, not one per row', async () => {
  const file = fixture('formats/no-body.csv', 'id,title\n1,a\n2,b\n');
  const m = await onlyMessage(file);
  assert.deepEqual([m.rule, m.line], ['record-no-text', 1]);
  assert.match(m.reason, /header is: id, title/);
});

test('RSS 2.0: items with CDATA descriptions, guid as id, channel title as outlet', async () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Kyiv Daily &amp; Co</title>
  <item>
    <title>Bridge damaged</title>
    <link>https://kd.example/bridge</link>
    <guid isPermaLink="false">kd-1001</guid>
    <pubDate>Thu, 24 Feb 2022 05:00:00 GMT</pubDate>
    <description><![CDATA[<p>The bridge was <b>damaged</b> &amp; closed.</p>]]></description>
  </item>
  <item>
    <title>Curfew extended</title>
    <guid>https://kd.example/curfew</guid>
    <dc:date>2022-02-25T20:00:00Z</dc:date>
    <description>short</description>
    <content:encoded><![CDATA[<p>Full text&#8230;</p>]]></content:encoded>
  </item>
</channel>
</rss>`;
  const file = fixture('formats/news.rss', rss);
  const found = records(await run([file]));
  assert.equal(found.length, 2);
  const [first, second] = found as [RawRecord, RawRecord];
  assert.equal(first.format, 'rss');
  assert.deepEqual(first.fields, {
    outlet: 'Kyiv Daily & Co',
    id: 'kd-1001',
    url: 'https://kd.example/bridge',
    title: 'Bridge damaged',
    published: 'Thu, 24 Feb 2022 05:00:00 GMT',
    html: '<p>The bridge was <b>damaged</b> &amp; closed.</p>',
  });
  assert.equal(first.key, 'id:kd-1001');
  assert.ok(first.raw.startsWith('<item>') && first.raw.endsWith('</item>'), first.raw);
  assert.equal(first.line, 5);
  // A permalink guid is the URL, not an id; content:encoded wins over description.
  assert.equal(second.fields.id, undefined);
  assert.equal(second.fields.url, 'https://kd.example/curfew');
  assert.equal(second.fields.published, '2022-02-25T20:00:00Z');
  assert.equal(second.fields.html, '<p>Full text&#8230;</p>');
  assert.equal(second.position, 1);
});

test('Atom: entries with the alternate link, id, dates, content and summary', async () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Monitor</title>
  <entry>
    <id>tag:monitor,2022:1</id>
    <title>Convoy seen</title>
    <link rel="self" href="https://m.example/self/1"/>
    <link rel="alternate" href="https://m.example/1"/>
    <updated>2022-02-26T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;A convoy&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>tag:monitor,2022:2</id>
    <link href="https://m.example/2"/>
    <published>2022-02-27T08:00:00Z</published>
    <updated>2022-02-28T08:00:00Z</updated>
    <content type="text">Plain words &amp; more</content>
  </entry>
</feed>`;
  const file = fixture('formats/monitor.atom', atom);
  const found = records(await run([file]));
  assert.equal(found.length, 2);
  assert.equal(found[0]?.format, 'atom');
  assert.deepEqual(found[0]?.fields, {
    outlet: 'Monitor',
    url: 'https://m.example/1',
    id: 'tag:monitor,2022:1',
    title: 'Convoy seen',
    published: '2022-02-26T10:00:00Z',
    html: '<p>A convoy</p>',
  });
  assert.equal(found[1]?.fields.published, '2022-02-27T08:00:00Z');
  assert.equal(found[1]?.fields.text, 'Plain words & more');
  assert.equal(found[1]?.fields.html, undefined);
  assert.ok(found[1]?.raw.startsWith('<entry>'));
});

test('a .jsonl.gz file is decompressed', async () => {
  const body = '{"id":"g1","text":"zipped"}\n{"id":"g2","text":"again"}\n';
  const gz = zlib.gzipSync(body);
  const file = fixture('formats/batch.jsonl.gz', gz);
  const events = await run([file]);
  assert.deepEqual(
    records(events).map((r) => r.key),
    ['id:g1', 'id:g2'],
  );
  // bytes are the size on disk (compressed), as in the plan.
  assert.equal(dones(events)[0]?.bytes, gz.length);
  assert.deepEqual(events[0], { kind: 'plan', inputs: 1, bytes: gz.length });
});

test('a feed named .xml is told apart by its root element', async () => {
  const file = fixture('formats/sitemap.xml', '<urlset><url><loc>https://x</loc></url></urlset>');
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'feed-unknown');
  assert.match(m.reason, /urlset/);
});

test('HTML declaring a windows-1252 charset is decoded with it', async () => {
  const bytes = Buffer.concat([
    Buffer.from('<html><head><meta charset="windows-1252"></head><body>'),
    Buffer.from([0x93, 0x68, 0x69, 0x94]), // “hi” in windows-1252
    Buffer.from('</body></html>'),
  ]);
  const file = fixture('formats/legacy.html', bytes);
  const [record] = records(await run([file]));
  assert.match(record?.fields.html ?? '', /<body>\u201chi\u201d<\/body>/);
});

test('a record with neither text nor html is a record-no-text message with its line', async () => {
  const file = fixture('formats/no-text.jsonl', '{"title":"only a title"}\n{"text":"fine"}\n');
  const events = await run([file]);
  const [m] = messages(events);
  assert.equal(m?.rule, 'record-no-text');
  assert.equal(m?.line, 1);
  assert.equal(m?.source, file);
  assert.deepEqual(
    records(events).map((r) => r.fields.text),
    ['fine'],
  );
});

test('a feed declaring ISO-8859-1 is decoded with it; UTF-8 bytes are read as UTF-8 whatever the declaration', async () => {
  const xml = (body: string) =>
    `<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><channel><item><description>${body}</description></item></channel></rss>`;
  const latin = fixture('encodings/latin.rss', Buffer.from(xml('Caf\u00e9'), 'latin1'));
  const mislabelled = fixture('encodings/mislabelled.rss', Buffer.from(xml('Caf\u00e9'), 'utf8'));
  const found = records(await run([latin, mislabelled]));
  assert.deepEqual(
    found.map((r) => r.fields.html),
    ['Caf\u00e9', 'Caf\u00e9'],
  );
});

test('a record larger than maxBytes once decoded is record-too-large', async () => {
  // 60 windows-1252 bytes decode to 60 curly quotes: 180 bytes of UTF-8.
  const file = fixture('encodings/quotes.txt', Buffer.alloc(60, 0x93));
  const events = await run([file], { maxBytes: 100, encoding: 'windows-1252' });
  const [m] = messages(events);
  assert.equal(m?.rule, 'record-too-large');
  assert.match(m?.reason ?? '', /180 bytes/);
  assert.equal(records(events).length, 0);
  assert.equal(records(await run([file], { maxBytes: 200, encoding: 'windows-1252' }))[0]?.raw, '\u201c'.repeat(60));
});

test('a forced format reads a file whatever its ending', async () => {
  const file = fixture('encodings/export.log', '{"text":"logged"}\n');
  assert.equal((await onlyMessage(file)).rule, 'input-unknown-format');
  const [record] = records(await run([file], { format: 'jsonl' }));
  assert.deepEqual([record?.format, record?.fields.text], ['jsonl', 'logged']);
});

// --- paths -------------------------------------------------------------------------------

test('a directory is walked recursively in sorted order, skipping hidden and unknown files', async () => {
  const dir = path.join(root, 'walk');
  fixture('walk/b.txt', 'bee');
  fixture('walk/a/z.txt', 'zed');
  fixture('walk/a/y.json', '{"text":"why"}');
  fixture('walk/.hidden.txt', 'secret');
  fixture('walk/.git/objects.txt', 'git');
  fixture('walk/report.docx', 'not read');
  // Given with a trailing slash: sources are path.join(given, rel).
  const events = await run([`${dir}/`]);
  assert.deepEqual(events[0], { kind: 'plan', inputs: 3, bytes: 3 + 3 + 14 });
  assert.deepEqual(
    records(events).map((r) => r.source),
    [path.join(dir, 'a', 'y.json'), path.join(dir, 'a', 'z.txt'), path.join(dir, 'b.txt')],
  );
  assert.ok(!records(events).some((r) => r.raw === 'secret' || r.raw === 'git'));
  const skipped = messages(events);
  assert.deepEqual(
    skipped.map((m) => [m.rule, m.severity, m.source]),
    [
      ['input-skipped', 'info', path.join(dir, '.git')],
      ['input-skipped', 'info', path.join(dir, '.hidden.txt')],
      ['input-skipped', 'info', path.join(dir, 'report.docx')],
    ],
  );
  assert.match(skipped[2]?.reason ?? '', /\.docx/);
  assert.equal(dones(events).length, 3);
});

test('a missing path is input-missing and the batch goes on', async () => {
  const missing = path.join(root, 'nope', 'gone.txt');
  const good = fixture('paths/good.txt', 'still read');
  const events = await run([missing, good]);
  const [m] = messages(events);
  assert.equal(m?.rule, 'input-missing');
  assert.equal(m?.source, missing);
  assert.equal(records(events)[0]?.source, good);
  assert.deepEqual(
    dones(events).map((d) => [d.source, d.failed]),
    [
      [missing, true],
      [good, false],
    ],
  );
});

test('an explicitly named file with an unknown ending is input-unknown-format', async () => {
  const file = fixture('paths/report.pdf', 'whatever');
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'input-unknown-format');
  assert.match(m.reason, /"\.pdf"/);
  assert.match(m.reason, /\.jsonl/);
});

// --- stdin -------------------------------------------------------------------------------

test('stdin: JSONL is sniffed, source is "-", keys depend on the bytes only', async () => {
  const body = '{"text":"first"}\n{"text":"second"}\n';
  const events = await run(['-'], { stdin: stdin(body.slice(0, 10), body.slice(10)) });
  assert.deepEqual(events[0], { kind: 'plan', inputs: 1, bytes: 0 });
  const found = records(events);
  assert.deepEqual(
    found.map((r) => [r.source, r.format, r.fields.text]),
    [
      ['-', 'jsonl', 'first'],
      ['-', 'jsonl', 'second'],
    ],
  );
  assert.match(found[0]?.key ?? '', /^src:stdin:[0-9a-f]{64}#0$/);
  const again = records(await run(['-'], { stdin: stdin(body) }));
  assert.deepEqual(
    again.map((r) => r.key),
    found.map((r) => r.key),
  );
  const other = records(await run(['-'], { stdin: stdin('{"text":"first"}\n{"text":"other"}\n') }));
  assert.notEqual(other[0]?.key, found[0]?.key);
});

test('stdin: HTML, feeds, JSON, gzip and plain text are sniffed', async () => {
  const html = records(await run(['-'], { stdin: stdin('<!DOCTYPE html><html><body>x</body></html>') }));
  assert.equal(html[0]?.format, 'html');
  const rss = records(
    await run(['-'], {
      stdin: stdin('<?xml version="1.0"?>\n<rss><channel><item><description>d</description></item></channel></rss>'),
    }),
  );
  assert.equal(rss[0]?.format, 'rss');
  const json = records(await run(['-'], { stdin: stdin('{\n  "text": "pretty"\n}\n') }));
  assert.deepEqual([json[0]?.format, json[0]?.fields.text], ['json', 'pretty']);
  const gz = records(await run(['-'], { stdin: stdin(zlib.gzipSync('[{"text":"packed"}]')) }));
  assert.deepEqual([gz[0]?.format, gz[0]?.fields.text], ['json', 'packed']);
  const text = records(await run(['-'], { stdin: stdin('Just words.') }));
  assert.equal(text[0]?.format, 'text');
});

// --- bad input -----------------------------------------------------------------------------

test('a binary file is input-binary, naming a known format', async () => {
  const png = fixture('bad/image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  const m = await onlyMessage(png);
  assert.equal(m.rule, 'input-binary');
  assert.match(m.reason, /PNG/);
  const nul = fixture('bad/nul.json', Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0]), Buffer.from('b"}')]));
  const m2 = await onlyMessage(nul);
  assert.equal(m2.rule, 'input-binary');
  assert.match(m2.reason, /NUL byte at offset 10\b/);
});

test('invalid UTF-8 is input-encoding with the byte offset; windows-1252 then reads it', async () => {
  const bytes = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]);
  const file = fixture('bad/latin.txt', bytes);
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'input-encoding');
  assert.match(m.reason, /byte offset 3\b/);
  assert.equal(m.line, 1);
  const [record] = records(await run([file], { encoding: 'windows-1252' }));
  assert.equal(record?.fields.text, 'café au lait\n');
});

test('an empty or white-space-only file is input-empty', async () => {
  const empty = fixture('bad/empty.txt', '');
  assert.equal((await onlyMessage(empty)).rule, 'input-empty');
  const blank = fixture('bad/blank.jsonl', ' \n\t\n');
  assert.equal((await onlyMessage(blank)).rule, 'input-empty');
});

test('a file over maxBytes is input-too-large, with the size and the limit', async () => {
  const file = fixture('bad/big.txt', 'x'.repeat(200));
  const m = await onlyMessage(file, { maxBytes: 100 });
  assert.equal(m.rule, 'input-too-large');
  assert.match(m.reason, /200 bytes/);
  assert.match(m.reason, /limit of 100 bytes/);
  // The same file is fine under the default limit.
  assert.equal(records(await run([file])).length, 1);
});

test('malformed JSON on line 2 of 3 lines: a message with line 2, the two other records read', async () => {
  const file = fixture('bad/three.jsonl', '{"id":"l1","text":"a"}\n{"id":"l2","text":\n{"id":"l3","text":"c"}\n');
  const events = await run([file]);
  const found = messages(events);
  assert.equal(found.length, 1);
  assert.deepEqual([found[0]?.rule, found[0]?.line, found[0]?.source], ['record-malformed', 2, file]);
  assert.match(found[0]?.reason ?? '', /JSON/);
  assert.deepEqual(
    records(events).map((r) => [r.key, r.line]),
    [
      ['id:l1', 1],
      ['id:l3', 3],
    ],
  );
  // A line that is valid JSON but not an object is malformed too.
  const scalar = fixture('bad/scalar.jsonl', '42\n');
  const m = await onlyMessage(scalar);
  assert.deepEqual([m.rule, m.line], ['record-malformed', 1]);
});

test('a malformed JSON file is one record-malformed message with the line', async () => {
  const file = fixture('bad/broken.json', '[\n  {"text": "a"},\n  {"text": }\n]\n');
  const events = await run([file]);
  const [m] = messages(events);
  assert.equal(m?.rule, 'record-malformed');
  assert.equal(m?.line, 3);
  assert.equal(records(events).length, 0);
  assert.equal(dones(events)[0]?.failed, true);
});

test('a truncated gzip file is input-gzip-corrupt', async () => {
  const gz = zlib.gzipSync('{"text":"hello"}\n'.repeat(100));
  const file = fixture('bad/cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length / 2)));
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'input-gzip-corrupt');
});

test('XML declaring entities (billion laughs) is refused, not expanded', async () => {
  const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><description>&lol3;</description></item></channel></rss>`;
  const file = fixture('bad/lol.rss', lol);
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'xml-entity-declaration');
});

test('malformed XML is xml-malformed with a line', async () => {
  const file = fixture('bad/broken.rss', '<rss>\n<channel>\n<item><title>x</item>\n</channel></rss>');
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'xml-malformed');
  assert.equal(m.line, 3);
});

test('a gzip bomb stops at maxBytes: input-too-large', async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024));
  const file = fixture('bad/bomb.txt.gz', bomb);
  assert.ok(bomb.length < 1024 * 1024);
  const m = await onlyMessage(file, { maxBytes: 1024 * 1024 });
  assert.equal(m.rule, 'input-too-large');
  assert.match(m.reason, /decompresses to more than 1048576 bytes/);
});

test('every bad input is reported and the records after them are still read', async () => {
  const bad = [
    fixture('batch/1.txt', Buffer.from('%PDF-1.7\n')),
    fixture('batch/2.txt', ''),
    fixture('batch/3.rss', '<!DOCTYPE x [<!ENTITY a "b">]><rss/>'),
    fixture('batch/4.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00])),
    fixture('batch/5.txt', Buffer.from([0x61, 0xc3, 0x28])), // a, then a broken two-byte sequence
  ];
  const good = fixture('batch/6.txt', 'survivor');
  const events = await run([...bad, good]);
  assert.deepEqual(
    messages(events).map((m) => [m.source, m.rule]),
    [
      [bad[0], 'input-binary'],
      [bad[1], 'input-empty'],
      [bad[2], 'xml-entity-declaration'],
      [bad[3], 'input-gzip-corrupt'],
      [bad[4], 'input-encoding'],
    ],
  );
  assert.deepEqual(
    dones(events).map((d) => d.failed),
    [true, true, true, true, true, false],
  );
  const last = events.at(-2);
  assert.equal(last?.kind === 'record' ? last.record.raw : undefined, 'survivor');
});

test('a JSON item nested 100,000 deep is one malformed record; the other items are read (found by fuzzing)', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const file = fixture('deep.json', `[{"id":"d1","text":"deep","nest":${deep}},{"id":"d2","text":"shallow"}]`);
  const events = await run([file]);
  assert.deepEqual(
    records(events).map((r) => r.key),
    ['id:d2'],
  );
  const [m] = messages(events);
  assert.equal(m?.rule, 'record-malformed');
  assert.match(m?.reason ?? '', /item 0 nests arrays or objects too deeply/);
  assert.equal(dones(events)[0]?.failed, false);
});

test('text with a UTF-8 BOM and bad bytes: the message gives the byte offset and line', async () => {
  const file = fixture('bom-bad.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62, 0xed, 0xa0, 0x80, 0x63]));
  const m = await onlyMessage(file);
  assert.equal(m.rule, 'input-encoding');
  assert.match(m.reason, /byte-order mark.*at byte offset 6/);
  assert.equal(m.line, 2);
});
