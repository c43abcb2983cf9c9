import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { type Fact, factId } from '../../core/document.js';
import { message } from '../../core/messages.js';
import { evidenceOf } from '../../core/spans.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { article } from '../../store/store.contract.js';
import { EXPORT_SECTIONS, writeExport } from './export.js';

const schema = JSON.parse(readFileSync(new URL('../../../../docs/export.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = ajv.compile(schema);
// A plain boolean (not a type guard), so that a validated value keeps its parsed type.
const validate = (value: unknown): boolean => compiled(value);
const errors = () => ajv.errorsText(compiled.errors);

async function filledStore() {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-export-')), 'x.db'));
  const text = 'On Monday Ukraine said 12 tanks were destroyed. "We will not give up," Zelensky said.';
  const facts: Fact[] = [
    {
      kind: 'timex',
      id: factId('timex', 'e1', 3),
      stage: 'time',
      evidence: evidenceOf('e1', text, 3, 9),
      data: { value: '2022-02-28', precision: 'day' },
    },
    {
      kind: 'claim',
      id: factId('claim', 'e1', 0),
      stage: 'claims',
      evidence: evidenceOf('e1', text, 0, 47),
      data: {
        value: 12,
        low: 12,
        high: 12,
        qualifier: null,
        metric: 'equipment-destroyed',
        what: 'tanks',
        side: 'russian-military',
        claimant: 'Ukraine',
        date: '2022-02-28',
        location: null,
        sightings: [],
      },
    },
    {
      kind: 'quote',
      id: factId('quote', 'e1', 48),
      stage: 'quotes',
      evidence: evidenceOf('e1', text, 48, 73),
      data: { speaker: 'Volodymyr Zelensky', cue: 'said' },
    },
  ];
  const at = text.indexOf('Zelensky');
  facts.push({
    kind: 'entity-mention',
    id: factId('entity-mention', 'e1', at),
    stage: 'entities',
    evidence: evidenceOf('e1', text, at, at + 'Zelensky'.length),
    data: {
      type: 'person',
      name: 'Zelensky',
      entity: 'actor:zelensky',
      canonical: 'Volodymyr Zelensky',
      lat: null,
      lon: null,
      country: 'UA',
    },
  });
  await store.putArticles([
    { ...article('e1', text, { title: 'Tanks', published: '2022-02-28', outlet: 'Wire', language: 'en' }), facts },
    article('e2', 'A second article.', {
      messages: [message('clean', 'published-invalid', 'bad date "soon"', { source: 'in.jsonl', line: 2 })],
    }),
  ]);
  return store;
}

test('a JSON export validates against the published schema and carries every section', async () => {
  const store = await filledStore();
  let json = '';
  const counts = await writeExport(store, 'json', (chunk) => {
    json += chunk;
  });
  const exported = JSON.parse(json);
  assert.ok(validate(exported), errors());
  assert.deepEqual(Object.keys(exported), [...EXPORT_SECTIONS]);
  assert.equal(exported.articles.length, 2);
  assert.equal(counts.articles, 2);
  assert.equal(exported.timexes[0].text, 'Monday');
  assert.deepEqual(
    exported.entities.map((e: { id: string; name: string; aliases: string[] }) => [e.id, e.name, e.aliases]),
    [['actor:zelensky', 'Volodymyr Zelensky', ['Zelensky']]],
  );
  assert.equal(exported.entities[0].mentions[0].text, 'Zelensky');
  assert.equal(exported.claims[0].sentence, 'On Monday Ukraine said 12 tanks were destroyed.');
  assert.equal(exported.quotes[0].text, '"We will not give up," Zelensky said'.slice(0, 25));
  // Every offset indexes the article text.
  const texts = new Map(exported.articles.map((a: { id: string; text: string }) => [a.id, a.text]));
  for (const t of exported.timexes) assert.equal((texts.get(t.article) as string).slice(t.start, t.end), t.text);
  await store.close();
});

test('each JSON Lines record validates against its section in the schema', async () => {
  const store = await filledStore();
  let jsonl = '';
  await writeExport(store, 'jsonl', (chunk) => {
    jsonl += chunk;
  });
  const lines = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 6, '2 articles, 1 entity, 1 timex, 1 claim, 1 quote');
  const bySection: Record<string, unknown[]> = Object.fromEntries(EXPORT_SECTIONS.map((s) => [s, []]));
  for (const { section, record } of lines) bySection[section]?.push(record);
  assert.ok(validate(bySection), errors());
  await store.close();
});

test('the schema rejects an export that breaks the contract', () => {
  const empty = Object.fromEntries(EXPORT_SECTIONS.map((s) => [s, []]));
  assert.ok(validate(empty), errors());
  assert.equal(validate({ ...empty, articles: [{ id: 'x' }] }), false);
  const { sharedBlocks: _, ...missing } = empty;
  assert.equal(validate(missing), false);
  const badDate = {
    id: 'x',
    source: 's',
    url: null,
    outlet: null,
    title: null,
    published: 'Monday',
    language: null,
    text: '',
    duplicateOf: null,
    story: null,
    messages: [],
  };
  assert.equal(validate({ ...empty, articles: [badDate] }), false);
});
