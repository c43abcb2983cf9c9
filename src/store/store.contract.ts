// The behaviour every Store must show, as one suite that each implementation runs against a real
// database (SQLite now; PostgreSQL when it lands). Articles are built by hand, not by the pipeline.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Article, type Fact, factId, newArticle, recordKey } from '../core/document.js';
import { message } from '../core/messages.js';
import { evidenceOf } from '../core/spans.js';
import { QuerySyntaxError, type Store } from './store.js';

export function article(
  id: string | null,
  text: string,
  extra: Partial<Article> = {},
  source = 'fixtures/a.jsonl',
  position = 0,
): Article {
  const fields = id ? { id, text } : { text };
  const doc = newArticle({
    key: recordKey(fields, `/abs/${source}`, position),
    source,
    position,
    format: 'jsonl',
    raw: JSON.stringify(fields),
    fields,
  });
  return { ...doc, text, ...extra };
}

export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    test('ingestion is idempotent by record key and keeps identical texts as two articles', async () => {
      const store = await makeStore();
      const text = 'Russian forces shelled Kharkiv overnight, the regional governor said.';
      const first = await store.putArticles([article('one', text), article('two', text)]);
      assert.deepEqual(first, { added: 2, skipped: 0, addedIds: ['one', 'two'] });
      const again = await store.putArticles([article('one', text), article('two', text), article('three', 'Other.')]);
      assert.deepEqual(again, { added: 1, skipped: 2, addedIds: ['three'] });
      assert.equal((await store.stats()).articles, 3);
      const known = await store.existingKeys(['id:one', 'id:four', 'id:three']);
      assert.deepEqual([...known].sort(), ['id:one', 'id:three']);
      await store.close();
    });

    test('records without id are identified by url, else by source and position', async () => {
      const store = await makeStore();
      const a = article(null, 'Same text.', {}, 'dir/x.txt', 0);
      const b = article(null, 'Same text.', {}, 'dir/y.txt', 0);
      assert.notEqual(a.id, b.id);
      assert.equal((await store.putArticles([a, b, a])).added, 2);
      await store.close();
    });

    test('an article round-trips with its raw input, messages, blocks and facts', async () => {
      const store = await makeStore();
      const text = 'Kyiv, 24 February. Explosions were heard in Kyiv.';
      const doc = article('rt', text, {
        title: 'Explosions in Kyiv',
        published: '2022-02-24',
        outlet: 'Example Wire',
        language: 'en',
        blocks: [{ kind: 'paragraph', start: 0, end: text.length }],
        messages: [message('clean', 'published-invalid', 'could not parse "soon"', { source: 'fixtures/a.jsonl' })],
        provenance: { titleSource: 'field' },
      });
      const fact: Fact = {
        kind: 'timex',
        id: factId('timex', 'rt', 6, 17),
        stage: 'time',
        evidence: evidenceOf('rt', text, 6, 17),
        data: { value: '2022-02-24', precision: 'day' },
      };
      await store.putArticles([{ ...doc, facts: [fact] }]);
      const back = await store.getArticle('rt');
      assert.ok(back);
      assert.equal(back.text, text);
      assert.equal(back.raw, doc.raw);
      assert.equal(back.title, 'Explosions in Kyiv');
      assert.deepEqual(back.blocks, doc.blocks);
      assert.deepEqual(back.messages, doc.messages);
      assert.deepEqual(back.facts, [fact]);
      assert.equal(back.facts[0]?.evidence?.quote, '24 February');
      assert.equal(await store.getArticle('missing'), null);
      await store.close();
    });

    test('a fact whose evidence does not quote the text is refused with a message on the article', async () => {
      const store = await makeStore();
      const text = 'Mariupol was encircled.';
      const bad: Fact = {
        kind: 'entity-mention',
        id: 'bad',
        stage: 'entities',
        evidence: { article: 'ev', start: 0, end: 8, quote: 'Mairupol' },
        data: {},
      };
      const good: Fact = {
        kind: 'entity-mention',
        id: 'good',
        stage: 'entities',
        evidence: evidenceOf('ev', text, 0, 8),
        data: {},
      };
      await store.putArticles([{ ...article('ev', text), facts: [bad, good] }]);
      const back = await store.getArticle('ev');
      assert.deepEqual(
        back?.facts.map((f) => f.id),
        ['good'],
      );
      assert.equal(back?.messages.length, 1);
      assert.equal(back?.messages[0]?.rule, 'evidence-mismatch');
      assert.match(back?.messages[0]?.reason ?? '', /Mairupol/);
      await store.close();
    });

    test('search ranks title matches first and returns snippets with highlight spans', async () => {
      const store = await makeStore();
      await store.putArticles([
        article('body', 'The talks went on. Later, shelling was reported near Kharkiv and Izium.', { title: 'Talks' }),
        article('title', 'Residents sheltered in the metro as sirens sounded.', { title: 'Kharkiv under fire' }),
        article('none', 'Nothing relevant here.', { title: 'Weather' }),
      ]);
      const page = await store.search({ q: 'kharkiv' });
      assert.equal(page.total, 2);
      assert.deepEqual(
        page.items.map((h) => h.article.id),
        ['title', 'body'],
      );
      const hit = page.items[1]!;
      assert.ok(hit.highlights.length >= 1);
      for (const span of hit.highlights) assert.equal(hit.snippet.slice(span.start, span.end).toLowerCase(), 'kharkiv');
      assert.ok(page.items[0]!.score > page.items[1]!.score);
      // Diacritics fold: "Kharkív" finds "Kharkiv".
      assert.equal((await store.search({ q: 'Kharkív' })).total, 2);
      await store.close();
    });

    test('a search syntax error is a QuerySyntaxError, not a crash', async () => {
      const store = await makeStore();
      await store.putArticles([article('x', 'text')]);
      await assert.rejects(store.search({ q: '"unterminated' }), QuerySyntaxError);
      await assert.rejects(store.search({ q: 'AND OR' }), QuerySyntaxError);
      await assert.rejects(store.search({ q: '   ' }), QuerySyntaxError);
      // A lone operator character: FTS5 calls it an "unknown special query".
      for (const q of ['*', '**']) {
        await store.search({ q }).then(
          (page) => assert.equal(page.total, 0, q),
          (error) => assert.ok(error instanceof QuerySyntaxError, `${q}: ${error}`),
        );
      }
      await store.close();
    });

    test('filters by outlet, language and date range; a bare end date includes its whole day', async () => {
      const store = await makeStore();
      await store.putArticles([
        article('d1', 'Kherson news one.', { published: '2022-03-01', outlet: 'A', language: 'en' }),
        article('d2', 'Kherson news two.', { published: '2022-03-02T23:30:00Z', outlet: 'B', language: 'en' }),
        article('d3', 'Kherson news three.', { published: '2022-03-03', outlet: 'A', language: 'uk' }),
        article('d4', 'Kherson news four.', { published: null, outlet: 'A', language: 'en' }),
      ]);
      const ids = async (filter: Parameters<Store['listArticles']>[0]) =>
        (await store.listArticles(filter)).items.map((a) => a.id).sort();
      assert.deepEqual(await ids({ from: '2022-03-02', to: '2022-03-02' }), ['d2']);
      assert.deepEqual(await ids({ outlet: 'A' }), ['d1', 'd3', 'd4']);
      assert.deepEqual(await ids({ language: 'uk' }), ['d3']);
      assert.deepEqual(await ids({ from: '2022-03-02' }), ['d2', 'd3']);
      const searched = await store.search({ q: 'kherson', outlet: 'A', to: '2022-03-01' });
      assert.deepEqual(
        searched.items.map((h) => h.article.id),
        ['d1'],
      );
      const paged = await store.listArticles({ limit: 2, offset: 0 });
      assert.equal(paged.total, 4);
      assert.deepEqual(
        paged.items.map((a) => a.id),
        ['d3', 'd2'],
      );
      // Stored out of date order: a period still finds every article in it and nothing else.
      await store.putArticles([article('d5', 'Kherson news five.', { published: '2022-03-02', outlet: 'C' })]);
      const period = await store.search({ q: 'kherson', from: '2022-03-02', to: '2022-03-02' });
      assert.deepEqual(period.items.map((h) => h.article.id).sort(), ['d2', 'd5']);
      assert.equal(period.total, 2);
      assert.equal((await store.search({ q: 'kherson', from: '2030-01-01' })).total, 0);
      await assert.rejects(store.search({ q: '"open', from: '2030-01-01' }), QuerySyntaxError);
      await store.close();
    });

    test('timeline counts articles per publication day, with filters and a query', async () => {
      const store = await makeStore();
      await store.putArticles([
        article('t1', 'Odesa port reopened.', { published: '2022-07-01T08:00:00Z', outlet: 'A' }),
        article('t2', 'Odesa grain ship left.', { published: '2022-07-01', outlet: 'B' }),
        article('t3', 'Grain in Odesa.', { published: '2022-07-03', outlet: 'A' }),
        article('t4', 'Undated Odesa item.', { published: null }),
      ]);
      assert.deepEqual(await store.timeline(), [
        { date: '2022-07-01', articles: 2 },
        { date: '2022-07-03', articles: 1 },
      ]);
      assert.deepEqual(await store.timeline({ q: 'grain' }), [
        { date: '2022-07-01', articles: 1 },
        { date: '2022-07-03', articles: 1 },
      ]);
      assert.deepEqual(await store.timeline({ outlet: 'A', from: '2022-07-02' }), [
        { date: '2022-07-03', articles: 1 },
      ]);
      await assert.rejects(store.timeline({ q: '"open' }), QuerySyntaxError);
      await store.close();
    });

    test('outlet line counts grow with the articles added, once per article, never on a rerun', async () => {
      const store = await makeStore();
      const docs = [article('o1', 'x'), article('o2', 'y'), article('o3', 'z')];
      const lines = [
        { article: 'o1', outlet: 'Wire', fingerprints: ['f-ad', 'f-a', 'f-ad'] },
        { article: 'o2', outlet: 'Wire', fingerprints: ['f-ad', 'f-b'] },
        { article: 'o3', outlet: 'Other', fingerprints: ['f-ad'] },
      ];
      assert.deepEqual(await store.outletLineCounts('Wire', ['f-ad']), { articles: 0, lines: new Map() });
      await store.putArticles(docs, { outletLines: lines });
      await store.putArticles(docs, { outletLines: lines }); // all three already stored: nothing counted
      const wire = await store.outletLineCounts('Wire', ['f-ad', 'f-a', 'f-b', 'f-none']);
      assert.equal(wire.articles, 2);
      assert.deepEqual([...wire.lines].sort(), [
        ['f-a', 1],
        ['f-ad', 2],
        ['f-b', 1],
      ]);
      assert.deepEqual(await store.outletLineCounts('Other', ['f-ad']), { articles: 1, lines: new Map([['f-ad', 1]]) });
      await store.close();
    });

    test('entities group their mentions however they were written', async () => {
      const store = await makeStore();
      const mention = (id: string, text: string, surface: string): Fact => {
        const at = text.indexOf(surface);
        return {
          kind: 'entity-mention',
          id: factId('entity-mention', id, at),
          stage: 'entities',
          evidence: evidenceOf(id, text, at, at + surface.length),
          data: {
            type: 'place',
            name: surface,
            entity: 'geonames:703448',
            canonical: 'Kyiv',
            country: 'UA',
            lat: 50.45,
            lon: 30.52,
          },
        };
      };
      const a = 'Explosions were heard in Kiev overnight.';
      const b = 'Kyiv residents sheltered in the metro.';
      await store.putArticles([
        { ...article('k1', a, { published: '2022-02-24' }), facts: [mention('k1', a, 'Kiev')] },
        { ...article('k2', b, { published: '2022-02-25' }), facts: [mention('k2', b, 'Kyiv')] },
      ]);
      const page = await store.listEntities({ type: 'place' });
      assert.deepEqual(
        page.items.map((e) => [e.id, e.name, e.mentions, e.articles, e.country]),
        [['geonames:703448', 'Kyiv', 2, 2, 'UA']],
      );
      assert.equal((await store.listEntities({ q: 'ky' })).total, 1);
      assert.equal((await store.listEntities({ q: 'kh' })).total, 0);
      assert.equal((await store.listEntities({ type: 'person' })).total, 0);
      const kyiv = await store.entity('geonames:703448');
      assert.deepEqual(kyiv?.aliases, ['Kiev', 'Kyiv']);
      assert.deepEqual(
        kyiv?.mentions.map((m) => [m.article, m.text]),
        [
          ['k2', 'Kyiv'],
          ['k1', 'Kiev'],
        ],
      );
      assert.equal(await store.entity('nobody'), null);
      await store.close();
    });

    test('articles() and facts() stream everything in ingest order', async () => {
      const store = await makeStore();
      const docs = Array.from({ length: 1234 }, (_, i) => article(`s${i}`, `Article number ${i}.`));
      await store.putArticles(docs);
      let count = 0;
      let previous = -1;
      for await (const doc of store.articles()) {
        const n = Number(doc.id.slice(1));
        assert.ok(n > previous, `article ${doc.id} out of order`);
        previous = n;
        count++;
      }
      assert.equal(count, 1234);
      await store.close();
    });

    test('ingest runs record their totals and their input messages', async () => {
      const store = await makeStore();
      const run = await store.startRun(['a.txt', 'b.bin']);
      await store.addRunMessages(run, [
        message('ingest', 'input-binary', 'binary file (NUL byte at 3)', { source: 'b.bin' }),
      ]);
      await store.finishRun(run, { added: 1, skipped: 0, failedInputs: 1 });
      const [recorded] = await store.runs();
      assert.equal(recorded?.id, run);
      assert.deepEqual(recorded?.inputs, ['a.txt', 'b.bin']);
      assert.equal(recorded?.failedInputs, 1);
      assert.equal(recorded?.messages, 1);
      assert.equal((await store.runMessages(run))[0]?.source, 'b.bin');
      assert.deepEqual(await store.check(), []);
      await store.close();
    });

    test('a story is titled by its earliest titled article, else by the start of an untitled one', async () => {
      const store = await makeStore();
      const long = `Shelling hit Odesa again overnight, officials said. ${'More details followed later. '.repeat(5)}`;
      await store.putArticles(
        [
          article('u1', long, { published: '2022-03-01', story: 's5', title: null }),
          article('t1', 'Shelling hit Odesa.', { published: '2022-03-03', story: 's5', title: 'Odesa shelled' }),
          article('t0', 'Shelling hit Odesa.', { published: '2022-03-02', story: 's5', title: 'Odesa shelled again' }),
          article('u2', long, { published: '2022-03-01', story: 's6', title: null }),
        ],
        { links: { signatures: [], blocks: [], storyMoves: [], newOriginals: [], stories: ['s5', 's6'] } },
      );
      const stories = new Map((await store.listStories()).items.map((s) => [s.id, s]));
      assert.equal(stories.get('s5')?.title, 'Odesa shelled again');
      assert.equal(stories.get('s5')?.articles, 3);
      assert.equal(stories.get('s6')?.title, `${long.slice(0, 120)}…`);
      await store.close();
    });

    test('recent story members come back with their titles, oldest first, for a new run to resume from', async () => {
      const store = await makeStore();
      await store.putArticles([
        article('old', 'Talks opened in Istanbul.', { published: '2022-01-01', story: 's0', title: 'Old talks' }),
        article('a', 'Shelling hit Kharkiv again.', { published: '2022-03-02', story: 's1', title: 'Kharkiv shelled' }),
        article('b', 'Shelling hit Odesa again.', { published: '2022-03-01', story: 's2', title: null }),
        article('c', 'Shelling hit Lviv again.', { published: '2022-03-02', story: null }),
      ]);
      const members = await store.recentStoryMembers(14, 10);
      assert.deepEqual(
        members.map((m) => [m.id, m.title, m.story]),
        [
          ['b', null, 's2'],
          ['a', 'Kharkiv shelled', 's1'],
        ],
      );
      await store.close();
    });

    test('articles filter by mentioned entity and by story, in lists, search and the timeline', async () => {
      const store = await makeStore();
      const mention = (id: string, text: string, start: number, end: number, entity: string): Fact => ({
        kind: 'entity-mention',
        id: factId('entity-mention', id, start, end),
        stage: 'entities',
        evidence: evidenceOf(id, text, start, end),
        data: { type: 'place', name: text.slice(start, end), entity },
      });
      const t1 = 'Shelling hit Kharkiv again.';
      const t2 = 'Shelling hit Odesa again.';
      await store.putArticles([
        article('m1', t1, { published: '2022-03-01', story: 's1', facts: [mention('m1', t1, 13, 20, 'kharkiv')] }),
        article('m2', t2, { published: '2022-03-02', story: 's2', facts: [mention('m2', t2, 13, 18, 'odesa')] }),
      ]);
      const ids = (page: { items: Array<{ id: string }> }) => page.items.map((a) => a.id);
      assert.deepEqual(ids(await store.listArticles({ entity: 'kharkiv' })), ['m1']);
      assert.deepEqual(ids(await store.listArticles({ story: 's2' })), ['m2']);
      assert.deepEqual(ids(await store.listArticles({ entity: 'kharkiv', story: 's2' })), []);
      const hits = await store.search({ q: 'shelling', entity: 'odesa' });
      assert.deepEqual(
        hits.items.map((h) => h.article.id),
        ['m2'],
      );
      assert.deepEqual(await store.timeline({ entity: 'kharkiv' }), [{ date: '2022-03-01', articles: 1 }]);
      await store.close();
    });

    test('facts come with their article and list by filter; corpus records replace whole and filter', async () => {
      const store = await makeStore();
      const text = '“We will hold,” Zelensky said. Putin said nothing.';
      const quote = (start: number, end: number, speakerEntity: string | null): Fact => ({
        kind: 'quote',
        id: factId('quote', 'q1', start, end),
        stage: 'quotes',
        evidence: evidenceOf('q1', text, start, end),
        data: { type: 'direct', speaker: speakerEntity, speakerEntity },
      });
      await store.putArticles([
        article('q1', text, {
          published: '2022-03-01',
          story: null,
          facts: [quote(1, 13, 'volodymyr-zelensky'), quote(31, 50, 'vladimir-putin')],
        }),
      ]);
      const seen = [];
      for await (const { fact, article: from } of store.factsWithArticles('quote'))
        seen.push([fact.evidence?.quote, from.id, from.published]);
      assert.deepEqual(seen, [
        ['We will hold', 'q1', '2022-03-01'],
        ['Putin said nothing.', 'q1', '2022-03-01'],
      ]);
      const direct = await store.listFacts('quote', {
        from: '2022-03-01',
        to: '2022-03-01',
        present: ['speakerEntity'],
      });
      assert.equal(direct.total, 2);
      assert.equal(direct.items[0]?.article.id, 'q1');
      const one = await store.listFacts('quote', { where: { speakerEntity: 'vladimir-putin' } });
      assert.deepEqual(
        one.items.map((i) => i.fact.evidence?.quote),
        ['Putin said nothing.'],
      );
      assert.equal((await store.listFacts('quote', { to: '2022-02-28' })).total, 0);
      const record = (id: string, date: string, lat: number, lon: number, rank: number, metric: string) => ({
        id,
        date,
        lat,
        lon,
        rank,
        data: { id, metric },
      });
      await store.replaceCorpusRecords('event', [
        record('kharkiv', '2022-03-01', 49.99, 36.23, 3, 'a'),
        record('lviv', '2022-03-05', 49.84, 24.03, 5, 'b'),
        record('kyiv', '2022-03-02', 50.45, 30.52, 1, 'a'),
      ]);
      await store.replaceCorpusRecords('conflict', [record('c1', '2022-03-01', 0, 0, 1, 'a')]);
      const all = await store.corpusRecords('event');
      assert.equal(all.total, 3);
      assert.deepEqual(
        all.items.map((r) => r.id),
        ['lviv', 'kharkiv', 'kyiv'],
      );
      const east = await store.corpusRecords('event', { bbox: [30, 45, 40, 52], order: 'date' });
      assert.deepEqual(
        east.items.map((r) => r.id),
        ['kyiv', 'kharkiv'],
      );
      const early = await store.corpusRecords('event', { to: '2022-03-02', where: { metric: 'a' } });
      assert.deepEqual(
        early.items.map((r) => r.id),
        ['kharkiv', 'kyiv'],
      );
      assert.deepEqual((await store.corpusRecord('event', 'lviv'))?.data, { id: 'lviv', metric: 'b' });
      // replacing one kind leaves the others alone
      await store.replaceCorpusRecords('event', [record('odesa', '2022-03-09', 46.48, 30.72, 1, 'a')]);
      assert.deepEqual(
        (await store.corpusRecords('event')).items.map((r) => r.id),
        ['odesa'],
      );
      assert.equal((await store.corpusRecords('conflict')).total, 1);
      assert.equal(await store.corpusRecord('event', 'lviv'), null);
      await store.close();
    });

    test('places aggregate positioned mentions per place, filtered by period, query, story, box and precision', async () => {
      const store = await makeStore();
      const place = (id: string, text: string, name: string, data: Record<string, unknown>, after = 0): Fact => {
        const start = text.indexOf(name, after);
        return {
          kind: 'entity-mention',
          id: factId('entity-mention', id, start, start + name.length),
          stage: 'entities',
          evidence: evidenceOf(id, text, start, start + name.length),
          data: { type: 'place', name, canonical: name, ...data },
        };
      };
      const kharkiv = { entity: 'geonames:706483', lat: 49.98, lon: 36.25, geoPrecision: 1 };
      const t1 = 'Shelling hit Kharkiv. Later Kharkiv was quiet, and Ukraine said so.';
      const t2 = 'Kharkiv again; Lviv too.';
      const t3 = 'Nothing positioned about Kharkiv here.';
      const t4 = 'Shells fell near Izium.';
      await store.putArticles([
        article('p1', t1, {
          published: '2022-03-01',
          story: 's1',
          facts: [
            place('p1', t1, 'Kharkiv', kharkiv),
            place('p1', t1, 'Kharkiv', kharkiv, 20),
            place('p1', t1, 'Ukraine', { entity: 'geonames:690791', lat: 49, lon: 32, geoPrecision: 3 }),
          ],
        }),
        article('p2', t2, {
          published: '2022-03-05',
          facts: [
            place('p2', t2, 'Kharkiv', kharkiv),
            place('p2', t2, 'Lviv', { entity: 'geonames:702550', lat: 49.84, lon: 24.03, geoPrecision: 1 }),
          ],
        }),
        // An unresolved mention (no position) is not a place on the map.
        article('p3', t3, { published: '2022-03-06', facts: [place('p3', t3, 'Kharkiv', { entity: null })] }),
        // A positioned mention without a knowledge-base link is its own place, keyed by position.
        article('p4', t4, { published: '2022-03-07', facts: [place('p4', t4, 'Izium', { lat: 49.21, lon: 37.25 })] }),
        // Undated: counted without a period, never inside one.
        article('p5', 'Lviv, undated.', {
          facts: [place('p5', 'Lviv, undated.', 'Lviv', { entity: 'geonames:702550', lat: 49.84, lon: 24.03 })],
        }),
      ]);
      const all = await store.places();
      assert.equal(all.total, 4);
      assert.deepEqual(all.items[0], {
        entity: 'geonames:706483',
        name: 'Kharkiv',
        lat: 49.98,
        lon: 36.25,
        geoPrecision: 1,
        articles: 2,
        mentions: 3,
        first: '2022-03-01',
        last: '2022-03-05',
      });
      const izium = all.items.find((p) => p.name === 'Izium');
      assert.equal(izium?.entity, null);
      assert.equal(izium?.geoPrecision, null);
      const names = (page: { items: Array<{ name: string }> }) => page.items.map((p) => p.name).sort();
      assert.deepEqual(names(await store.places({ from: '2022-03-02' })), ['Izium', 'Kharkiv', 'Lviv']);
      assert.deepEqual(names(await store.places({ to: '2022-03-01' })), ['Kharkiv', 'Ukraine']);
      assert.deepEqual(names(await store.places({ story: 's1', maxPrecision: 2 })), ['Kharkiv']);
      // Unknown precision is kept: a positioned mention is more likely a point than a country.
      assert.deepEqual(names(await store.places({ maxPrecision: 1 })), ['Izium', 'Kharkiv', 'Lviv']);
      assert.deepEqual(names(await store.places({ q: 'lviv' })), ['Kharkiv', 'Lviv']);
      assert.deepEqual(names(await store.places({ bbox: [30, 45, 40, 52] })), ['Izium', 'Kharkiv', 'Ukraine']);
      assert.deepEqual(names(await store.places({ limit: 1 })), ['Kharkiv']);
      assert.equal(all.items.find((p) => p.name === 'Lviv')?.articles, 2);
      // Day totals and per-mention counting (used for times of day, queries, stories) agree.
      const byDay = await store.places({ from: '2022-03-01', to: '2022-03-05' });
      assert.deepEqual(byDay, await store.places({ from: '2022-02-28T23:00', to: '2022-03-05T23:59' }));
      assert.deepEqual(
        byDay.items.map((p) => [p.name, p.articles, p.mentions]),
        [
          ['Kharkiv', 2, 3],
          ['Lviv', 1, 1],
          ['Ukraine', 1, 1],
        ],
      );
      await assert.rejects(store.places({ q: '"open' }), QuerySyntaxError);
      await store.close();
    });
  });
}
