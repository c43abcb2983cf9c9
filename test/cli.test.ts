// The CLI end to end, as a user runs it: a batch of good and bad inputs, idempotent re-ingest,
// search, show, stats, export, stdin and serve.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT, sitrep, sitrepChild, tempDir } from './helpers.js';

const dir = tempDir();
const db = join(dir, 'cli.db');
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const good = {
  text: file(
    'strike.txt',
    'Missile strike on Kharkiv\n\nRussian missiles struck the centre of Kharkiv on Tuesday morning, the regional governor said.\n',
  ),
  html: file(
    'talks.html',
    '<html lang="en"><head><title>Talks in Istanbul</title><meta property="article:published_time" content="2022-03-29T10:00:00Z"></head>' +
      '<body><nav>Home | World</nav><article><h1>Talks in Istanbul</h1><p>Delegations from Ukraine and Russia met in Istanbul on Tuesday.</p>' +
      '<p>The talks ended without an agreement on a ceasefire, officials said.</p></article><footer>© Example</footer></body></html>',
  ),
  jsonl: file(
    'wire.jsonl',
    [
      JSON.stringify({
        id: 'w1',
        title: 'Corridor opens',
        published: '2022-03-08',
        outlet: 'Wire',
        text: 'A humanitarian corridor opened from Sumy.',
      }),
      '{"id": "w2", "title": "broken", "text": "unterminated',
      JSON.stringify({
        id: 'w3',
        title: 'Mariupol',
        published: '2022-03-09',
        outlet: 'Wire',
        text: 'Shelling hit a maternity hospital in Mariupol.',
      }),
    ].join('\n'),
  ),
};
const bad = {
  binary: file('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
  latin1: file('latin1.txt', Buffer.from('Caf\xe9 in Kyiv\n\nThe caf\xe9 reopened.', 'latin1')),
  empty: file('empty.txt', ''),
  huge: file('huge.txt', `Huge\n\n${'word '.repeat(5000)}`),
  unknown: file('notes.docx', 'not a format sitrep reads'),
  truncated: file(
    'cut.jsonl.gz',
    gzipSync(Buffer.from(`${JSON.stringify({ id: 'gz', text: 'gzipped'.repeat(500) })}\n`)).subarray(0, 40),
  ),
};

describe('sitrep ingest', () => {
  test('a batch with bad inputs: each named with its reason, the rest stored, exit status 2', () => {
    const result = sitrep([
      'ingest',
      ...Object.values(good),
      ...Object.values(bad),
      '--db',
      db,
      '--max-bytes',
      '20000',
    ]);
    assert.equal(result.code, 2, result.stderr);
    const lines = result.stderr.split('\n');
    const reported = (path: string, pattern: RegExp) =>
      assert.ok(
        lines.some((l) => l.startsWith(path) && pattern.test(l)),
        `no message for ${path} matching ${pattern} in:\n${result.stderr}`,
      );
    reported(bad.binary, /binary/i);
    reported(bad.latin1, /UTF-8/i);
    reported(bad.empty, /empty/i);
    reported(bad.huge, /20000|limit/i);
    reported(bad.unknown, /\.docx/);
    reported(bad.truncated, /gzip|truncated|corrupt/i);
    reported(`${good.jsonl}:2`, /JSON|malformed/i);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack traces');
    assert.match(result.stdout, /4 added/);
    const stats = JSON.parse(sitrep(['stats', '--db', db, '--json']).stdout);
    assert.equal(stats.articles, 4);
  });

  test('ingesting the same inputs again adds nothing', () => {
    const result = sitrep(['ingest', ...Object.values(good), '--db', db]);
    assert.match(result.stdout, /0 added, 4 already stored/);
    assert.equal(JSON.parse(sitrep(['stats', '--db', db, '--json']).stdout).articles, 4);
  });

  test('--encoding reads a file that is not UTF-8', () => {
    const own = join(dir, 'latin.db');
    const result = sitrep(['ingest', bad.latin1, '--encoding', 'windows-1252', '--db', own, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const search = JSON.parse(sitrep(['search', 'café', '--db', own, '--json']).stdout);
    assert.equal(search.total, 1);
  });

  test('stdin is an input; the same stdin twice is stored once', () => {
    const own = join(dir, 'stdin.db');
    const input = 'Evacuation from Irpin\n\nBuses left Irpin at dawn.';
    assert.match(sitrep(['ingest', '-', '--db', own], { input }).stdout, /1 added/);
    assert.match(sitrep(['ingest', '-', '--db', own], { input }).stdout, /0 added, 1 already stored/);
    assert.match(sitrep(['ingest', '-', '--db', own], { input: `${input} Again.` }).stdout, /1 added/);
  });
});

describe('sitrep search, show, stats, export', () => {
  test('search ranks hits and shows snippets with the matches marked', () => {
    const result = sitrep(['search', 'Kharkiv', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^1 hits/);
    assert.match(result.stdout, /1\. Missile strike on Kharkiv/);
    assert.match(result.stdout, /\[Kharkiv\]/);
    const json = JSON.parse(sitrep(['search', 'Istanbul OR Mariupol', '--db', db, '--json']).stdout);
    assert.equal(json.total, 2);
  });

  test('a search syntax error is one clear line and exit status 1', () => {
    const result = sitrep(['search', '"unbalanced', '--db', db]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^sitrep: cannot parse search query/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('show prints one article; an unknown id fails with exit status 1', () => {
    const shown = sitrep(['show', 'w3', '--db', db]);
    assert.equal(shown.code, 0);
    assert.match(shown.stdout, /^Mariupol\n/);
    assert.match(shown.stdout, /maternity hospital/);
    assert.match(sitrep(['show', 'w3', '--db', db, '--raw']).stdout, /^\{"id":"w3"/);
    const missing = sitrep(['show', 'nope', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no article with id "nope"/);
  });

  test('stats reports articles, outlets and the ingest runs with their failures', () => {
    const stats = JSON.parse(sitrep(['stats', '--db', db, '--json']).stdout);
    assert.equal(stats.outlets.find((o: { outlet: string }) => o.outlet === 'Wire')?.articles, 2);
    assert.ok(
      stats.recentRuns.some((r: { failedInputs: number }) => r.failedInputs === 6),
      JSON.stringify(stats.recentRuns),
    );
    assert.equal(sitrep(['check', '--db', db]).stdout.trim(), 'ok');
  });

  test('export --out writes a file that validates against the schema', () => {
    const out = join(dir, 'export.json');
    const result = sitrep(['export', '--db', db, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'export.schema.json'), 'utf8')));
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(validate(structuredClone(exported)), true, ajv.errorsText(validate.errors));
    assert.equal(exported.articles.length, 4);
    const jsonl = sitrep(['export', '--db', db, '--format', 'jsonl']).stdout.trim().split('\n');
    // One line per record of every section, the same records as the JSON form.
    const sections = jsonl.map((line) => (JSON.parse(line) as { section: string }).section);
    for (const [section, records] of Object.entries(exported) as Array<[string, unknown[]]>) {
      assert.equal(sections.filter((s) => s === section).length, records.length, section);
    }
    assert.equal(sections.length, Object.values(exported as Record<string, unknown[]>).flat().length);
    assert.equal(exported.stories.length, 4, 'four unrelated articles are four stories');
  });

  test('export --format acled-csv and geojson write the merged events', () => {
    const exported = JSON.parse(sitrep(['export', '--db', db]).stdout);
    const events = exported.events as Array<{ subtype: string; location: string | null; lat: number | null }>;
    assert.ok(
      events.some((e) => e.subtype === 'Shelling/artillery/missile attack' && e.location === 'Mariupol'),
      JSON.stringify(events),
    );
    const csv = sitrep(['export', '--db', db, '--format', 'acled-csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...rows] = csv.stdout.trim().split('\r\n'); // RFC 4180 line ends
    assert.equal(
      header,
      'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities',
    );
    assert.equal(rows.length, events.length);
    const mariupol = rows.find((r) => r.includes(',Mariupol,')) ?? '';
    assert.match(mariupol, /Explosions\/Remote violence,Shelling\/artillery\/missile attack,/);
    assert.match(mariupol, /,Ukraine,Donetsk Oblast,Mariupol,47\.\d+,37\.\d+,1,Wire,.*\bw3#0-46\b/);
    const geo = JSON.parse(sitrep(['export', '--db', db, '--format', 'geojson']).stdout);
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.features.length, events.filter((e) => e.lat !== null).length);
  });
});

describe('sitrep usage', () => {
  test('--help succeeds; unknown commands and bad options fail with status 1', () => {
    const help = sitrep(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['ingest', 'search', 'show', 'stats', 'export', 'serve'])
      assert.match(help.stdout, new RegExp(command));
    assert.equal(sitrep(['frobnicate']).code, 1);
    assert.equal(sitrep(['search', 'x', '--limit', 'many']).code, 1);
  });

  test('serve answers the API on the port it prints and stops on SIGTERM', async () => {
    const child = sitrepChild(['serve', '--db', db, '--port', '0']);
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (chunk) => {
        seen += chunk;
        const match = /(http:\/\/localhost:\d+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const stats = await (await fetch(`${url}/api/stats`)).json();
    assert.equal(stats.articles, 4);
    const search = await (await fetch(`${url}/api/articles?q=Sumy`)).json();
    assert.equal(search.items[0].article.id, 'w1');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
