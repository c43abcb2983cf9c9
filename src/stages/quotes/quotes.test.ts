// The quotes stage: quote marks, cue patterns, speaker resolution, indirect speech, bad input,
// and the stage over real war coverage (evidence slices must equal their quotes).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readWarSample, warRecord } from '../../../eval/war-sample.js';
import { type Article, newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { defaultStages } from '../index.js';
import { MIN_CONTENT_MARGIN } from './find.js';
import {
  findQuotes,
  kbSpeakerResolver,
  type Quote,
  type QuoteData,
  quotesStage,
  type SpeakerMention,
} from './index.js';
import {
  contentMargin,
  FEATURES_PER_TOKEN,
  loadQuoteModel,
  maxScores,
  NQ,
  paragraphFeatures,
  paragraphs,
  type QuoteModel,
  viterbiTags,
} from './model.js';

const slice = (t: string, q: Quote) => t.slice(q.start, q.end);
const source = (t: string, q: Quote) => (q.sourceStart === null ? null : t.slice(q.sourceStart, q.sourceEnd!));

function one(text: string, mentions: SpeakerMention[] = []): Quote {
  const qs = findQuotes(text, mentions);
  assert.equal(
    qs.length,
    1,
    `expected one quote in ${JSON.stringify(text)}, got ${JSON.stringify(qs.map((q) => slice(text, q)))}`,
  );
  return qs[0]!;
}

test('direct quotes in curly, straight, guillemet and low marks, content inside the marks', () => {
  for (const [text, content] of [
    ['“We will not give up,” Zelensky said.', 'We will not give up,'],
    ['"We will not give up," Zelensky said.', 'We will not give up,'],
    ['«We will not give up», Zelensky said.', 'We will not give up'],
    ['„We will not give up“, Zelensky said.', 'We will not give up'],
  ] as const) {
    const q = one(text);
    assert.equal(q.type, 'direct');
    assert.equal(slice(text, q), content);
    assert.equal(source(text, q), 'Zelensky');
    assert.equal(q.cue, 'said');
  }
});

test('cue patterns: X said:, said X, X:, he said, dash, told Reuters, according to', () => {
  const cases: [string, string, string | null][] = [
    ['Zelensky said: “We will fight for every town.”', 'Zelensky', 'said'],
    ['“We will fight for every town,” said Dmitry Peskov, the Kremlin spokesman.', 'Dmitry Peskov', 'said'],
    ['Zelensky: “We will fight for every town.”', 'Zelensky', null],
    ['“We will fight for every town” – Volodymyr Zelensky', 'Volodymyr Zelensky', null],
    ['Oleksiy Reznikov told Reuters: “We will fight for every town.”', 'Oleksiy Reznikov', 'told'],
    ['According to Oleksiy Reznikov, “we will fight for every town.”', 'Oleksiy Reznikov', 'According to'],
  ];
  for (const [text, who, cue] of cases) {
    const q = one(text);
    assert.equal(source(text, q), who, text);
    assert.equal(q.cue, cue, text);
    assert.equal(q.speakerVia, 'name', text);
  }
});

test('pronouns take the last named speaker; a cue-less follow-up quote takes the previous one', () => {
  const text =
    '“The city is surrounded,” Vitali Klitschko said.\n\n“We have food for two weeks,” he said. “Not much more than that.”';
  const mentions: SpeakerMention[] = [
    {
      start: 26,
      end: 42,
      type: 'person',
      name: 'Vitali Klitschko',
      entity: 'actor:klitschko',
      canonical: 'Vitali Klitschko',
    },
  ];
  assert.equal(text.slice(26, 42), 'Vitali Klitschko');
  const qs = findQuotes(text, mentions);
  assert.equal(qs.length, 3);
  assert.deepEqual(
    qs.map((q) => [q.speaker, q.speakerVia, q.speakerStart]),
    [
      ['Vitali Klitschko', 'name', 26],
      ['Vitali Klitschko', 'pronoun', 26],
      ['Vitali Klitschko', 'previous', 26],
    ],
  );
  // the pronoun's source phrase stays the pronoun; its speaker span is the antecedent
  assert.equal(source(text, qs[1]!), 'he');
});

test('a pronoun with no speaker before it falls back to the last person mentioned outside quotes', () => {
  const text = 'Denys Shmyhal visited Irpin on Monday. “Everything will be rebuilt,” she said.';
  const mentions: SpeakerMention[] = [
    { start: 0, end: 13, type: 'person', name: 'Denys Shmyhal' },
    { start: 22, end: 27, type: 'place', name: 'Irpin' },
  ];
  const q = one(text, mentions);
  assert.equal(q.speaker, 'Denys Shmyhal');
  assert.equal(q.speakerVia, 'pronoun');
});

test('role nouns resolve on the article date through the knowledge base', () => {
  const text = '“We will defend our land,” the Ukrainian president said on Tuesday.';
  const q = findQuotes(text, [], { resolve: kbSpeakerResolver('2022-03-01', text) })[0]!;
  assert.equal(q.speaker, 'Volodymyr Zelensky');
  assert.equal(q.speakerVia, 'role');
  assert.ok(q.speakerEntity);
  assert.equal(source(text, q), 'the Ukrainian president');
});

test('nested quotes stay inside the outer quote', () => {
  const text = '“He told me ‘we will never surrender the city’ and then he left,” the soldier said.';
  const q = one(text);
  assert.equal(slice(text, q), 'He told me ‘we will never surrender the city’ and then he left,');
  assert.equal(source(text, q), 'the soldier');
});

test('a quote spanning paragraphs continues where the next paragraph reopens it', () => {
  const text = 'The mayor said: “The shelling went on all night.\n\n“Nobody slept in the shelters.”';
  const q = one(text);
  assert.ok(slice(text, q).startsWith('The shelling') && slice(text, q).endsWith('shelters.'));
  assert.equal(source(text, q), 'The mayor');
});

test('unbalanced marks give no quote rather than a runaway one', () => {
  const text =
    '“The shelling went on all night, the mayor said.\n\nNobody slept. Power was cut in the east of the city. Water too.';
  assert.deepEqual(
    findQuotes(text, [], { indirect: false }).map((q) => slice(text, q)),
    [],
  );
  // a second opener before any closer: the first quote was never closed
  const twice = '“The first one never closes. “The second one does,” he said.';
  assert.deepEqual(
    findQuotes(twice, [], { indirect: false }).map((q) => slice(twice, q)),
    ['The second one does,'],
  );
});

test('scare quotes and quoted names are not quotes', () => {
  for (const text of [
    'Moscow calls the invasion a “special military operation” and denies targeting civilians.',
    'The so-called “referendums” were condemned.',
    'Residents of the “grey zone” fled west.',
  ]) {
    assert.deepEqual(
      findQuotes(text, [], { indirect: false }).map((q) => slice(text, q)),
      [],
      text,
    );
  }
  // but a short exclamation is speech
  const text = '“Glory to Ukraine!” the crowd chanted.';
  assert.equal(slice(text, one(text)), 'Glory to Ukraine!');
});

test('numbers and abbreviations inside quotes do not end them', () => {
  const text =
    '“We lost 1,200 men in 3.5 days near St. Petersburg’s old front line. It was 4 a.m. when it began,” Gen. Ivan Petrov said.';
  const q = one(text);
  assert.ok(slice(text, q).includes('1,200 men in 3.5 days'));
  assert.ok(slice(text, q).endsWith('when it began,'));
  assert.equal(source(text, q), 'Gen. Ivan Petrov');
});

test('indirect speech: said that, said the, according to, claimed/warned/denied/told … that', () => {
  const cases: [string, string, string][] = [
    ['Dmitry Peskov said that talks with Kyiv had stalled.', 'talks with Kyiv had stalled', 'Dmitry Peskov'],
    ['The governor said the bridge was destroyed overnight.', 'the bridge was destroyed overnight', 'The governor'],
    [
      'According to the regional governor, three people were killed in Kharkiv.',
      'three people were killed in Kharkiv',
      'the regional governor',
    ],
    [
      'Russian forces shelled Kharkiv overnight, the governor said.',
      'Russian forces shelled Kharkiv overnight',
      'the governor',
    ],
    ['Moscow claimed that its forces had taken the town.', 'its forces had taken the town', 'Moscow'],
    ['NATO warned on Monday that the attack could widen the war.', 'the attack could widen the war', 'NATO'],
    ['The ministry denied that civilians had been targeted.', 'civilians had been targeted', 'The ministry'],
    [
      'Oleksiy Reznikov told Reuters that the counteroffensive had begun.',
      'the counteroffensive had begun',
      'Oleksiy Reznikov',
    ],
  ];
  for (const [text, content, who] of cases) {
    const qs = findQuotes(text, [], { model: null });
    assert.equal(qs.length, 1, text);
    const q = qs[0]!;
    assert.equal(q.type, 'indirect', text);
    assert.equal(slice(text, q), content, text);
    assert.equal(source(text, q), who, text);
  }
  // a verb with an object, not a clause, is not reported speech
  for (const text of ['He said nothing about the casualties.', 'The president told them to leave the city at once.']) {
    assert.deepEqual(findQuotes(text, [], { model: null }), [], text);
  }
});

test('the learned tagger adds reported speech the patterns miss, and leaves narration alone', {
  skip: !loadQuoteModel() && 'no trained model',
}, () => {
  const text = 'Zelensky called for more sanctions against Russian banks.';
  assert.deepEqual(findQuotes(text, [], { model: null }), []);
  const q = one(text);
  assert.equal(q.type, 'indirect');
  assert.equal(slice(text, q), 'more sanctions against Russian banks');
  assert.equal(source(text, q), 'Zelensky');
  assert.equal(q.cue, 'called for');
  const narration = 'Kyiv was quiet on Monday. Shops reopened and trams were running again.';
  assert.deepEqual(findQuotes(narration), []);
});

test('contentMargin: the best path against the best one without the span as CONTENT', () => {
  // three tokens, no transition scores; CONTENT beats O by 3 and 5 on tokens 1 and 2
  const em = new Float32Array(3 * NQ);
  em[1 * NQ + 1] = 3;
  em[2 * NQ + 2] = 5;
  const trans = new Float32Array((NQ + 1) * NQ);
  const tags = viterbiTags(em, 3, trans);
  assert.deepEqual([...tags], [0, 1, 2]);
  assert.equal(contentMargin(em, maxScores(em, 3, trans), 3, trans, 1, 1, 2), 8);
  // leaving only token 2 out of CONTENT costs its 5
  assert.equal(contentMargin(em, maxScores(em, 3, trans), 3, trans, 1, 2, 2), 5);
  // a transition penalty into B-CONTENT narrows it
  for (let p = 0; p <= NQ; p++) trans[p * NQ + 1] = -2;
  assert.equal(contentMargin(em, maxScores(em, 3, trans), 3, trans, 1, 1, 2), 6);
});

test('a tagger content whose margin is below MIN_CONTENT_MARGIN is not a quote', () => {
  // a hand-made model: every token leans to CONTENT by `lean` (the bias feature), a cue word is a CUE
  const text = 'Officials warned of shortages in the eastern towns near the front.';
  const bits = 15;
  const p = paragraphs(text)[0]!;
  const feats = paragraphFeatures(text, p, bits);
  const cueAt = p.starts.indexOf(text.indexOf('warned'));
  const modelWith = (lean: number): QuoteModel => {
    const weights = new Int16Array((1 << bits) * NQ);
    weights[feats[0]! * NQ + 2] = lean + 1; // I-CONTENT (so a run is one span)
    weights[feats[0]! * NQ + 1] = lean; // B-CONTENT
    weights[feats[cueAt * FEATURES_PER_TOKEN + 11]! * NQ + 5] = 30000; // B-CUE on a cue word
    return { bits, weights, transitions: new Float32Array((NQ + 1) * NQ), scale: 1 };
  };
  // ten content tokens after the cue (the final "." is one): a margin of about 10 × lean
  const sure = findQuotes(text, [], { model: modelWith(Math.ceil(MIN_CONTENT_MARGIN / 9)) });
  assert.deepEqual(
    sure.map((q) => [q.type, slice(text, q), q.cue]),
    [['indirect', 'of shortages in the eastern towns near the front', 'warned']],
  );
  assert.deepEqual(findQuotes(text, [], { model: modelWith(Math.floor(MIN_CONTENT_MARGIN / 12)) }), []);
  assert.deepEqual(findQuotes(text, [], { model: null }), []);
});

test('the stage on a document: facts with evidence, speaker fields and a date', () => {
  const text = 'Zelensky visited Bucha. “These are war crimes,” he said on Monday.';
  const doc: Article = {
    ...newArticle({ key: 'id:q1', source: 'test', position: 0, format: 'text', raw: text, fields: { id: 'q1' } }),
    text,
    published: '2022-04-05',
    facts: [
      {
        kind: 'entity-mention',
        id: 'm1',
        stage: 'entities',
        evidence: { article: 'q1', start: 0, end: 8, quote: 'Zelensky' },
        data: { type: 'person', name: 'Zelensky', entity: 'actor:volodymyr-zelensky', canonical: 'Volodymyr Zelensky' },
      },
    ],
  };
  const out = quotesStage().run(doc);
  const facts = out.facts.filter((f) => f.kind === 'quote');
  assert.equal(facts.length, 1);
  const f = facts[0]!;
  const d = f.data as QuoteData;
  assert.equal(f.evidence!.quote, 'These are war crimes,');
  assert.equal(text.slice(f.evidence!.start, f.evidence!.end), f.evidence!.quote);
  assert.equal(d.type, 'direct');
  assert.equal(d.speaker, 'Volodymyr Zelensky');
  assert.equal(d.speakerEntity, 'actor:volodymyr-zelensky');
  assert.equal(d.speakerVia, 'pronoun');
  assert.deepEqual([d.speakerStart, d.speakerEnd], [0, 8]);
  assert.equal(d.cue, 'said');
  assert.equal(text.slice(d.cueStart!, d.cueEnd!), 'said');
  assert.equal(d.date, '2022-04-05');
  // a rerun replaces the stage's facts
  assert.equal(
    quotesStage()
      .run(out)
      .facts.filter((x) => x.kind === 'quote').length,
    1,
  );
});

const DATA = new URL('../../../../../shared/data', import.meta.url).pathname;

test('war sample: every evidence slice equals its quote, speakers point into the text', {
  skip: !existsSync(join(DATA, 'ukraine-war-news-gdelt-sample')) && 'no ../shared/data',
}, () => {
  const rows = readWarSample(DATA).slice(0, 25);
  const pipeline = createPipeline(defaultStages());
  let quotes = 0;
  let direct = 0;
  for (const row of rows) {
    const doc = pipeline.run(newArticle(warRecord(row)));
    for (const f of doc.facts.filter((x) => x.kind === 'quote')) {
      quotes++;
      const d = f.data as QuoteData;
      assert.equal(doc.text.slice(f.evidence!.start, f.evidence!.end), f.evidence!.quote);
      assert.ok(f.evidence!.end - f.evidence!.start < 3200, 'no runaway quote');
      if (d.type === 'direct') {
        direct++;
        assert.ok(!/^["“«„]/.test(f.evidence!.quote), 'the content is inside the marks');
      }
      if (d.speakerStart !== null) assert.ok(d.speakerEnd! > d.speakerStart && d.speakerEnd! <= doc.text.length);
      if (d.cueStart !== null) assert.equal(doc.text.slice(d.cueStart, d.cueEnd!), d.cue);
    }
  }
  assert.ok(quotes > 20, `only ${quotes} quotes in 25 articles`);
  assert.ok(direct > 0);
});

test('a cue-less quote continues the last speaker only when it opens its sentence or shares its sentence', () => {
  // a partial quote in a new sentence with its own subject is not the previous speaker's
  const next =
    '“We will rebuild,” Klitschko said. He called the strike a “deliberate act of terror against civilians.”';
  const qs = findQuotes(next, [], { model: null });
  assert.deepEqual(
    qs.map((q) => [slice(next, q), source(next, q)]),
    [
      ['We will rebuild,', 'Klitschko'],
      ['deliberate act of terror against civilians.', null],
    ],
  );
  // a quote that opens its sentence right after the attribution continues it
  const split = '“We will rebuild,” Klitschko said. “Every house, every school.”';
  assert.deepEqual(
    findQuotes(split, [], { model: null }).map((q) => [q.speaker, q.speakerVia]),
    [
      ['Klitschko', 'name'],
      ['Klitschko', 'previous'],
    ],
  );
  // a partial quote inside the speaker's own reported clause is theirs
  const inside = 'Klitschko said the city would hold and that its defenders were “ready for anything that comes.”';
  const direct = findQuotes(inside, [], { model: null }).find((q) => q.type === 'direct')!;
  assert.equal(slice(inside, direct), 'ready for anything that comes.');
  assert.equal(direct.speaker, 'Klitschko');
});

test('a cue-less quote opening a paragraph continues the speaker only if their paragraph ended with the attribution', () => {
  const plain = '“This is not right,” Warren said.\n\n“The only way Wall Street will change is jail time.”';
  assert.deepEqual(
    findQuotes(plain, [], { model: null }).map((q) => q.speaker),
    ['Warren', 'Warren'],
  );
  const narrative =
    '“This is not right,” Warren said. Bank executives were never charged.\n\n“The only way Wall Street will change is jail time.”';
  assert.deepEqual(
    findQuotes(narrative, [], { model: null })
      .filter((q) => q.type === 'direct')
      .map((q) => q.speaker),
    ['Warren', null],
  );
  // "I laughed and said, “…”": a cue right before the quote with no subject found is not the last speaker's
  const cue = '“You are wrong,” my mother said, and I laughed and said, “I don’t believe in the devil.”';
  const last = findQuotes(cue, [], { model: null }).at(-1)!;
  assert.equal(slice(cue, last), 'I don’t believe in the devil.');
  assert.equal(last.speaker, null);
});

test('a cue after a quote that ends a sentence it did not open belongs to the next sentence', () => {
  const text = 'Japan branded North Korea an “outlaw nation in the neighborhood.” Russia insisted that Pyongyang stop.';
  const q = findQuotes(text, [], { model: null }).find((x) => x.type === 'direct')!;
  assert.equal(slice(text, q), 'outlaw nation in the neighborhood.');
  assert.equal(q.sourceStart, null);
  // while a quoted sentence of its own keeps a following attribution
  const whole = 'Tokyo was blunt. “North Korea is an outlaw nation.” Japan said so on Friday.';
  assert.equal(source(whole, findQuotes(whole, [], { model: null }).find((x) => x.type === 'direct')!), 'Japan');
});

test('programme titles after "on", "of" or a possessive are not quotes', () => {
  for (const text of [
    'The governor spoke on CNN’s “State of the Union.”',
    'On this weekend’s broadcast of “Fox News Sunday,” the governor spoke at length.',
  ]) {
    assert.deepEqual(
      findQuotes(text, [], { indirect: false }).map((q) => slice(text, q)),
      [],
      text,
    );
  }
  // a quoted sentence after a possessive is still speech
  const speech = 'It was the governor’s “We Will Never Give Up On This City And Its People.”';
  assert.equal(findQuotes(speech, [], { indirect: false }).length, 1);
});

test('a quoted transcript splits into turns, each attributed to its speaker with the colon as cue', () => {
  const text =
    'Partial transcript as follows:\n\n"WALLACE: Let’s start with the debate story tonight.\n\n"PENCE: Well, look, we are ready for it.\n\n"WALLACE: Thank you, governor."';
  const qs = findQuotes(text, [], { model: null }).filter((q) => q.type === 'direct');
  assert.deepEqual(
    qs.map((q) => [slice(text, q), source(text, q), q.cue]),
    [
      ['Let’s start with the debate story tonight.', 'WALLACE', ':'],
      ['Well, look, we are ready for it.', 'PENCE', ':'],
      ['Thank you, governor.', 'WALLACE', ':'],
    ],
  );
});
