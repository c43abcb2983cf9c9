import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Article, newArticle } from '../../core/document.js';
import { checkEvidence } from '../../core/spans.js';
import {
  type EntityMentionData,
  entitiesStage,
  findMentions,
  loadKbResolver,
  loadModel,
  sentenceAround,
  TAGS,
  tokenize,
} from './index.js';

function article(text: string, published: string | null = '2022-03-01'): Article {
  const doc = newArticle({ key: 'src:test#0', source: 'test', position: 0, format: 'text', raw: text, fields: {} });
  return { ...doc, text, published };
}

/** "label:quote" for every mention. */
function tagged(text: string): string[] {
  return findMentions(text).map((m) => `${m.label}:${text.slice(m.start, m.end)}`);
}

/** Spans must begin and end at word boundaries. */
function assertWholeWords(text: string): void {
  for (const m of findMentions(text)) {
    const before = text[m.start - 1] ?? ' ';
    const after = text[m.end] ?? ' ';
    assert.ok(
      !/[\p{L}\p{N}]/u.test(before),
      `span ${JSON.stringify(text.slice(m.start, m.end))} cuts a word at its start`,
    );
    assert.ok(
      !/[\p{L}\p{N}]/u.test(after),
      `span ${JSON.stringify(text.slice(m.start, m.end))} cuts a word at its end`,
    );
  }
}

test('the shipped model loads and matches this code', () => {
  const model = loadModel();
  assert.equal(model.header.format, 'sitrep-ner');
  assert.deepEqual(model.header.tags, TAGS);
  assert.equal(model.weights.length, (1 << model.bits) * TAGS.length);
  assert.ok(model.gazetteer.keys.length > 10000);
  assert.equal(loadModel(), model, 'loaded once per process');
});

test('people, with titles outside the span', () => {
  const text =
    'President Volodymyr Zelensky and Foreign Minister Dmytro Kuleba met Defence Minister Oleksii Reznikov in Kyiv on Monday.';
  const got = tagged(text);
  for (const want of ['PER:Volodymyr Zelensky', 'PER:Dmytro Kuleba', 'PER:Oleksii Reznikov', 'LOC:Kyiv'])
    assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
});

test('organisations and agencies', () => {
  const text =
    'The ICC prosecutor welcomed the UNGA resolution, TASS reported. AFP and Reuters said NATO would meet in Brussels.';
  const got = tagged(text);
  for (const want of ['ORG:ICC', 'ORG:UNGA', 'ORG:TASS', 'ORG:AFP', 'ORG:Reuters', 'ORG:NATO', 'LOC:Brussels'])
    assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
});

test('Ukrainian cities', () => {
  const got = tagged('Russian forces shelled Kharkiv and Mariupol overnight, and air raid sirens sounded in Kyiv.');
  for (const want of ['LOC:Kharkiv', 'LOC:Mariupol', 'LOC:Kyiv'])
    assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
});

test('a long list is one place per name', () => {
  const got = tagged('Only Belarus, Cuba, North Korea and Syria voted against the resolution.');
  assert.deepEqual(
    got.filter((g) => g.startsWith('LOC:')),
    ['LOC:Belarus', 'LOC:Cuba', 'LOC:North Korea', 'LOC:Syria'],
  );
});

test('possessives and titles are stripped from names', () => {
  const mentions = findMentions("Ukraine's President Volodymyr Zelensky said Mr Putin's troops were retreating.");
  const names = mentions.map((m) => m.name);
  assert.ok(names.includes('Ukraine'), names.join(', '));
  assert.ok(names.includes('Volodymyr Zelensky'), names.join(', '));
  assert.ok(names.includes('Putin'), names.join(', '));
  assert.ok(!names.some((n) => /'s$|^(President|Mr) /.test(n)), names.join(', '));
});

test('all-caps headlines: whole words, and names re-cased from the body', () => {
  const text =
    'ZELENSKY SAYS KYIV WILL NOT SURRENDER\n\nPresident Volodymyr Zelensky said on Monday that Kyiv would not surrender to Russian forces.';
  assertWholeWords(text);
  const head = findMentions(text).filter((m) => m.end < 40);
  assert.ok(
    head.some((m) => m.name === 'Zelensky' && m.type === 'person'),
    JSON.stringify(head),
  );
  assert.ok(
    head.some((m) => m.name === 'Kyiv' && m.type === 'place'),
    JSON.stringify(head),
  );
});

test('hyphens, apostrophes and names split across lines stay whole', () => {
  const text =
    "French Foreign Minister Jean-Yves Le Drian met Volodymyr\nZelensky and Sinead O'Connor in the Kharkiv-Kyiv corridor. SEVERODONETSK-LYSYCHANSK FRONT HOLDS";
  assertWholeWords(text);
  const got = findMentions(text);
  assert.ok(
    got.some((m) => m.name === 'Jean-Yves Le Drian'),
    JSON.stringify(got),
  );
  const split = got.find((m) => text.slice(m.start, m.end) === 'Volodymyr\nZelensky');
  assert.ok(split, JSON.stringify(got));
  assert.equal(split.name, 'Volodymyr Zelensky');
  assert.ok(
    got.some((m) => m.name === "Sinead O'Connor"),
    JSON.stringify(got),
  );
});

test('the tokenizer keeps words whole and splits the possessive', () => {
  const t = tokenize("Ukraine's U.S.-based O'Neill, Rimsky-Korsakov; 1,200 troops.");
  const words = Array.from({ length: t.n }, (_, i) => t.text.slice(t.starts[i]!, t.ends[i]!));
  assert.deepEqual(words, [
    'Ukraine',
    "'s",
    'U.S.-based',
    "O'Neill",
    ',',
    'Rimsky-Korsakov',
    ';',
    '1,200',
    'troops',
    '.',
  ]);
});

test('the stage: entity-mention facts quoting the text exactly', async () => {
  const text =
    "KYIV, March 1 (Reuters) - Ukraine's President Volodymyr Zelensky said Russian missiles hit Kharkiv.\n\nThe ICC opened an inquiry, and Belarus, Cuba, North Korea and Syria sided with Moscow.";
  const doc = entitiesStage().run(article(text));
  const facts = doc.facts.filter((f) => f.kind === 'entity-mention');
  assert.ok(facts.length >= 8, `${facts.length} facts`);
  for (const f of facts) {
    assert.ok(f.evidence);
    assert.equal(checkEvidence(text, f.evidence), null);
    assert.equal(f.stage, 'entities');
    assert.match(f.id, /^entity-mention-[0-9a-f]{16}$/);
  }
  const data = facts.map((f) => ({ quote: f.evidence!.quote, ...(f.data as unknown as EntityMentionData) }));
  const zelensky = data.find((d) => d.name === 'Volodymyr Zelensky');
  assert.equal(zelensky?.type, 'person');
  assert.ok(data.some((d) => d.quote === 'Kharkiv' && d.type === 'place'));
  assert.ok(data.some((d) => d.quote === 'ICC' && d.type === 'organization'));
  // rerunning replaces the stage's facts
  assert.equal(entitiesStage().run(doc).facts.length, doc.facts.length);
  if (await loadKbResolver()) {
    const kharkiv = data.find((d) => d.quote === 'Kharkiv')!;
    assert.equal(kharkiv.country, 'UA');
    assert.ok(kharkiv.lat !== null && Math.abs(kharkiv.lat - 49.99) < 0.2, JSON.stringify(kharkiv));
    assert.equal(kharkiv.geoPrecision, 1);
  } else {
    assert.ok(data.every((d) => d.entity === null && d.lat === null));
  }
});

test('the stage without a knowledge base leaves links null', () => {
  const doc = entitiesStage({ resolve: null }).run(article('Shelling continued in Mariupol, the mayor said.'));
  const f = doc.facts.find((x) => x.kind === 'entity-mention');
  assert.ok(f);
  const d = f.data as unknown as EntityMentionData;
  assert.equal(d.entity, null);
  assert.equal(d.lat, null);
});

test('an empty text yields no facts', () => {
  assert.deepEqual(entitiesStage().run(article('')).facts, []);
});

test('a lowercase word glued to a capitalised one by a period is two words and a sentence end', () => {
  const t = tokenize('the summit in Vilnius.However, St.Petersburg and bbc.co.uk');
  const words = Array.from({ length: t.n }, (_, i) => t.text.slice(t.starts[i]!, t.ends[i]!));
  assert.deepEqual(words, ['the', 'summit', 'in', 'Vilnius', '.', 'However', ',', 'St.Petersburg', 'and', 'bbc.co.uk']);
  assert.equal(t.sentenceStart[words.indexOf('However')], 1);
  assert.ok(findMentions('The NATO summit met in Vilnius.However, China objected.').some((m) => m.name === 'Vilnius'));
});

test('"<place> region" is the first-level region when the knowledge base has it', () => {
  const doc = entitiesStage().run(article('Russian shelling hit the Kharkiv region on Monday, officials said.'));
  const facts = doc.facts.filter((f) => f.kind === 'entity-mention').map((f) => f.data as unknown as EntityMentionData);
  const region = facts.find((f) => f.name === 'Kharkiv region');
  assert.ok(region, JSON.stringify(facts));
  assert.equal(region.canonical, 'Kharkiv Oblast');
  assert.equal(region.geoPrecision, 2);
});

test('"the <country adjective> capital" is that country\'s capital; "capital markets" is not a place', () => {
  const text =
    'Drones struck the Russian capital on Tuesday. The Ukrainian capital was calm, and Russian capital markets fell.';
  const doc = entitiesStage().run(article(text));
  const facts = doc.facts.filter((f) => f.kind === 'entity-mention');
  const capitals = facts.map((f) => ({ text: f.evidence?.quote, data: f.data as unknown as EntityMentionData }));
  const moscow = capitals.find((c) => c.text === 'Russian capital');
  assert.equal(moscow?.data.canonical, 'Moscow', JSON.stringify(capitals));
  assert.equal(moscow?.data.geoPrecision, 1);
  assert.equal(capitals.find((c) => c.text === 'Ukrainian capital')?.data.canonical, 'Kyiv');
  // the third "Russian" stays an adjective of capital markets
  assert.equal(capitals.filter((c) => c.data.canonical === 'Moscow').length, 1);
});

test('sentenceAround finds the mention sentence', () => {
  const text = 'First one. Europe said no! Then Kyiv.';
  assert.equal(sentenceAround(text, 11, 17), 'Europe said no');
});

test('a misspelt town tagged as a person after "near" is the place, when it lies in the article countries', async () => {
  if (!(await loadKbResolver())) return;
  const text = 'Ukraine said Russian marines stormed the mining city Vuhledar near Dontesk in late January.';
  const facts = entitiesStage()
    .run(article(text))
    .facts.filter((f) => f.kind === 'entity-mention')
    .map((f) => f.data as unknown as EntityMentionData);
  const dontesk = facts.find((f) => f.name === 'Dontesk');
  assert.equal(dontesk?.type, 'place', JSON.stringify(facts));
  assert.equal(dontesk?.canonical, 'Donetsk');
  // a known person after "in" stays a person
  const zel = entitiesStage()
    .run(article('Ukraine trusts in Zelensky, officials said.'))
    .facts.map((f) => f.data as unknown as EntityMentionData)
    .find((f) => f.name === 'Zelensky');
  assert.equal(zel?.type ?? 'person', 'person');
});

test('a lone surname the tagger takes for an organisation or a place is the person the knowledge base knows', async () => {
  if (!(await loadKbResolver())) return;
  const text =
    'In Zelensky’s latest address on Thursday evening, July 21, the Ukrainian President commented on the grain crisis, negotiations with Turkey, and the potential of advancing Ukrainian units on the front lines.';
  const facts = entitiesStage()
    .run(article(text, '2022-07-22'))
    .facts.filter((f) => f.kind === 'entity-mention')
    .map((f) => f.data as unknown as EntityMentionData);
  const zelensky = facts.find((f) => f.name === 'Zelensky');
  assert.equal(zelensky?.type, 'person', JSON.stringify(facts));
  assert.equal(zelensky?.canonical, 'Volodymyr Zelensky');
  const turkey = facts.find((f) => f.name === 'Turkey');
  assert.equal(turkey?.type, 'place', 'a country stays a place');
});
