import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Article, newArticle, type RawRecord } from '../../core/document.js';
import { message } from '../../core/messages.js';
import { cleanStage, htmlToArticleText, normalizePublished } from './index.js';

function record(partial: Partial<RawRecord> & Pick<RawRecord, 'format'>): RawRecord {
  return { key: 'src:test#0', source: 'test', position: 0, raw: '', fields: {}, ...partial };
}

function clean(partial: Partial<RawRecord> & Pick<RawRecord, 'format'>, options = {}): Article {
  const doc = cleanStage(options).run(newArticle(record(partial)));
  assertBlocks(doc.text, doc.blocks);
  return doc;
}

/** The block invariants every later stage relies on. */
function assertBlocks(text: string, blocks: Article['blocks']): void {
  let previousEnd = 0;
  for (const block of blocks) {
    assert.ok(Number.isInteger(block.start) && Number.isInteger(block.end), 'integer offsets');
    assert.ok(block.start >= previousEnd, `block [${block.start}, ${block.end}) overlaps or is out of order`);
    assert.ok(block.end > block.start && block.end <= text.length, `block [${block.start}, ${block.end}) outside text`);
    const content = text.slice(block.start, block.end);
    assert.equal(content, content.trim(), 'a block is its trimmed content');
    assert.ok(!content.includes('\n\n'), 'a block holds no blank line');
    assert.ok(['paragraph', 'heading', 'list-item', 'quote'].includes(block.kind));
    // Between blocks there is only white space: no text falls outside every block.
    assert.equal(text.slice(previousEnd, block.start).trim(), '', 'text between blocks');
    previousEnd = block.end;
  }
  assert.equal(text.slice(previousEnd).trim(), '', 'text after the last block');
}

function blockTexts(doc: Pick<Article, 'text' | 'blocks'>): string[] {
  return doc.blocks.map((b) => doc.text.slice(b.start, b.end));
}

function rules(doc: Article): string[] {
  return doc.messages.map((m) => m.rule);
}

const PARAGRAPHS = [
  'Explosions were heard in the Ukrainian capital, Kyiv, early on Thursday morning, shortly after President Vladimir Putin announced what he called a special military operation.',
  'Residents of several districts reported loud blasts at around 5 a.m. local time, and air-raid sirens sounded across the city for the first time in decades.',
  'Ukraine\'s foreign minister, Dmytro Kuleba, said on Twitter that "Putin has just launched a full-scale invasion of Ukraine" and urged the world to act.',
  'The Russian defence ministry said it was targeting military infrastructure and that civilians were not at risk, a claim that could not be independently verified.',
];

const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Explosions heard in Kyiv as Russia launches attack | Kyiv Daily</title>
<meta property="og:site_name" content="Kyiv Daily">
<meta name="viewport" content="width=device-width">
<link rel="canonical" href="https://www.kyivdaily.example/news/explosions-kyiv">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebPage","datePublished":"2022-02-23T10:00:00Z"},
  {"@type":"NewsArticle","headline":"Explosions heard in Kyiv","datePublished":"2022-02-24T05:30:00+02:00"}
]}
</script>
<script>window.analytics = { track: function () { return "TRACKING-CODE"; } };</script>
<style>.share { display: flex } /* STYLE-RULE */</style>
</head>
<body>
<header class="site-header"><a href="/">Kyiv Daily home</a>
  <nav><ul><li><a href="/world">World news</a></li><li><a href="/politics">Politics desk</a></li><li><a href="/sport">Sport section</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Explosions heard in Kyiv as Russia launches attack</h1>
  <div class="byline">By Olena Kovalenko &middot; <time datetime="2022-02-24T06:00:00Z">24 February 2022</time></div>
  <div class="share-tools share"><a href="https://facebook.com/sharer">Share on Facebook</a> <a href="https://twitter.com/intent/tweet">Share on Twitter</a></div>
  <p>${PARAGRAPHS[0]}</p>
  <p>Residents of several   districts reported loud blasts at around 5&nbsp;a.m. local time,
     and air-raid sirens sounded across the city for the first time in decades.</p>
  <p>Ukraine&#39;s foreign minister, Dmytro Kuleba, said on Twitter that &quot;Putin has just launched a full-scale invasion of Ukraine&quot; and urged the world to act.</p>
  <blockquote><p>"Peaceful Ukrainian cities are under strikes," Kuleba wrote.</p></blockquote>
  <h2>What we know so far</h2>
  <ul><li>Blasts were reported in Kyiv, Kharkiv and Odesa.</li><li>Ukraine has <b>closed</b> its airspace to civilian flights.</li></ul>
  <p>${PARAGRAPHS[3]}</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Markets tumble as oil surges</a></li></ul></aside>
</main>
<footer><p>© 2022 Kyiv Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
<script>trackPageView("FOOTER-SCRIPT");</script>
</body>
</html>`;

test('a news page is reduced to its article paragraphs, with its metadata', () => {
  const doc = clean({ format: 'html', raw: NEWS_PAGE, source: 'kyiv.html' });
  for (const paragraph of PARAGRAPHS) assert.ok(doc.text.includes(paragraph), `missing: ${paragraph.slice(0, 40)}`);
  for (const chrome of [
    'World news',
    'Politics desk',
    'Kyiv Daily home',
    'All rights reserved',
    'Privacy policy',
    'Share on Facebook',
    'Related stories',
    'TRACKING-CODE',
    'FOOTER-SCRIPT',
    'STYLE-RULE',
    '@context',
  ]) {
    assert.ok(!doc.text.includes(chrome), `chrome left in the text: ${chrome}`);
  }
  assert.equal(doc.provenance.textSource, 'readability');
  // The <h1> repeats the title: it is not part of the body.
  assert.ok(!doc.text.startsWith('Explosions heard in Kyiv as Russia'));
  assert.ok(doc.text.startsWith(PARAGRAPHS[0] ?? ''));
  assert.ok(!/[ \t]{2}/.test(doc.text), 'inline white space is collapsed');

  const texts = blockTexts(doc);
  const kindOf = (s: string) => doc.blocks[texts.indexOf(s)]?.kind;
  assert.equal(kindOf('"Peaceful Ukrainian cities are under strikes," Kuleba wrote.'), 'quote');
  assert.equal(kindOf('What we know so far'), 'heading');
  assert.equal(kindOf('Ukraine has closed its airspace to civilian flights.'), 'list-item');
  assert.equal(kindOf(PARAGRAPHS[3] ?? ''), 'paragraph');
  assert.equal(doc.text, texts.join('\n\n'));

  assert.equal(doc.title, 'Explosions heard in Kyiv as Russia launches attack');
  assert.equal(doc.provenance.titleSource, 'html-title');
  // The Article node's date, not the WebPage's; +02:00 converted to UTC.
  assert.equal(doc.published, '2022-02-24T03:30:00Z');
  assert.equal(doc.provenance.publishedSource, 'json-ld');
  assert.equal(doc.url, 'https://www.kyivdaily.example/news/explosions-kyiv');
  assert.equal(doc.provenance.urlSource, 'canonical');
  assert.equal(doc.outlet, 'Kyiv Daily');
  assert.equal(doc.provenance.outletSource, 'og:site_name');
  assert.equal(doc.language, 'en');
  assert.deepEqual(doc.messages, []);
});

test('htmlToArticleText gives the same text and metadata', () => {
  const result = htmlToArticleText(NEWS_PAGE);
  assertBlocks(result.text, result.blocks);
  assert.equal(result.method, 'readability');
  assert.equal(result.title, 'Explosions heard in Kyiv as Russia launches attack');
  assert.equal(result.published, '2022-02-24T03:30:00Z');
  assert.equal(result.outlet, 'Kyiv Daily');
  assert.equal(result.url, 'https://www.kyivdaily.example/news/explosions-kyiv');
  assert.equal(result.language, 'en');
  assert.equal(result.text, clean({ format: 'html', raw: NEWS_PAGE }).text);
});

test('the own extractor takes over, without page chrome, when Readability is not used', () => {
  const doc = clean({ format: 'html', raw: NEWS_PAGE }, { readabilityMaxElements: 10 });
  assert.equal(doc.provenance.textSource, 'density');
  assert.match(doc.provenance.textReason ?? '', /Readability not used/);
  assert.ok(rules(doc).includes('html-readability-skipped'));
  for (const paragraph of PARAGRAPHS) assert.ok(doc.text.includes(paragraph));
  for (const chrome of ['World news', 'All rights reserved', 'Related stories', 'TRACKING-CODE', 'STYLE-RULE']) {
    assert.ok(!doc.text.includes(chrome), `chrome left in the text: ${chrome}`);
  }
  assert.equal(
    blockTexts(doc).find((t) => t.startsWith('"Peaceful')),
    '"Peaceful Ukrainian cities are under strikes," Kuleba wrote.',
  );
});

test('body walk: a <form> wrapping the whole page (ASP.NET) is not dropped, a sign-up form is', () => {
  const html = `<body><form id="aspnetForm"><nav>Menu</nav><div id="content"><p>${PARAGRAPHS.join('</p><p>')}</p></div>
    <form class="newsletter"><label>Sign up for our newsletter</label><input name="email"></form></form></body>`;
  const result = htmlToArticleText(html, { readabilityMaxElements: 1 });
  assert.equal(result.method, 'density');
  assert.deepEqual(blockTexts(result), PARAGRAPHS);
});

test('body walk: <br> is a line break, two are a paragraph break, divs give text runs', () => {
  const html = '<div>Intro run<p>One<br>two</p>tail run<br><br>after break</div>';
  const result = htmlToArticleText(html, { readabilityMaxElements: 1 });
  assertBlocks(result.text, result.blocks);
  assert.equal(result.method, 'body-blocks');
  assert.deepEqual(blockTexts(result), ['Intro run', 'One\ntwo', 'tail run', 'after break']);
});

test('block kinds survive Readability renaming a <blockquote> next to the main text', () => {
  const html = `<html><body><nav><a href="/">Home</a></nav><article><h1>Explosions heard in Kyiv</h1>
    <p>${PARAGRAPHS[0]}</p><blockquote><p>"Peaceful Ukrainian cities are under strikes," Kuleba wrote.</p></blockquote>
    </article><footer>Footer text</footer></body></html>`;
  const doc = clean({ format: 'html', raw: html });
  assert.equal(doc.provenance.textSource, 'readability');
  assert.deepEqual(
    doc.blocks.map((b) => b.kind),
    ['paragraph', 'quote'],
  );
  assert.equal(doc.title, 'Explosions heard in Kyiv');
});

test('a blank text field does not hide the html field', () => {
  const doc = clean({ format: 'csv', raw: '', fields: { text: ' \n ', html: '<p>From the html field.</p>' } });
  assert.equal(doc.text, 'From the html field.');
  assert.notEqual(doc.provenance.textSource, 'text');
});

test('an HTML fragment without <html> or <body> is read', () => {
  const doc = clean({ format: 'html', raw: '<p>First &amp; foremost.</p>\n<p>Second   one.</p>' });
  assert.equal(doc.text, 'First & foremost.\n\nSecond one.');
  assert.equal(doc.blocks.length, 2);
});

test('record fields win over page metadata, and html in fields is read when there is no text', () => {
  const doc = clean({
    format: 'json',
    raw: '{}',
    fields: {
      html: NEWS_PAGE,
      title: '  Given   title ',
      url: 'https://example.org/a',
      outlet: 'Given Outlet',
      published: '2022-03-01',
      language: 'EN',
    },
  });
  assert.equal(doc.title, 'Given title');
  assert.equal(doc.provenance.titleSource, 'field');
  assert.equal(doc.url, 'https://example.org/a');
  assert.equal(doc.outlet, 'Given Outlet');
  assert.equal(doc.published, '2022-03-01');
  assert.equal(doc.provenance.publishedSource, 'field');
  assert.equal(doc.language, 'en');
  assert.equal(doc.provenance.languageSource, 'field');
  assert.ok(doc.text.includes(PARAGRAPHS[1] ?? ''));
});

test('published dates from meta tags, itemprop and <time>, in order of trust', () => {
  const page = (head: string, body = '') =>
    `<html><head>${head}</head><body><article>${body}<p>${PARAGRAPHS.join('</p><p>')}</p></article></body></html>`;
  const cases: Array<[string, string, string | null, string | undefined]> = [
    [
      page(
        '<meta property="article:published_time" content="2022-02-24T05:30:00+03:00"><meta property="og:published_time" content="2021-01-01">',
      ),
      '',
      '2022-02-24T02:30:00Z',
      'article:published_time',
    ],
    [page('<meta property="og:published_time" content="2022-02-25">'), '', '2022-02-25', 'og:published_time'],
    [
      page('<meta itemprop="datePublished" content="2022-02-26T08:00:00Z">'),
      '',
      '2022-02-26T08:00:00Z',
      'itemprop:datePublished',
    ],
    [page('<meta name="pubdate" content="20220227T101500Z">'), '', '2022-02-27T10:15:00Z', 'meta:pubdate'],
    [page('<meta name="DC.date" content="Mon, 28 Feb 2022 09:00:00 GMT">'), '', '2022-02-28T09:00:00Z', 'meta:dc.date'],
    [page('', '<time datetime="2022-03-01T12:00:00Z">1 March</time>'), '', '2022-03-01T12:00:00Z', 'time'],
    [
      page(
        '<script type="application/ld+json">[{"@type":"Organization","name":"X"},{"@type":["NewsArticle"],"datePublished":"2022-03-02"}]</script>',
      ),
      '',
      '2022-03-02',
      'json-ld',
    ],
    [page('<meta name="date" content="not a date">'), 'published-invalid', null, undefined],
    [page(''), '', null, undefined],
  ];
  for (const [html, rule, published, source] of cases) {
    const doc = clean({ format: 'html', raw: html });
    assert.equal(doc.published, published, html.slice(0, 120));
    assert.equal(doc.provenance.publishedSource, source);
    if (rule) assert.ok(rules(doc).includes(rule), `expected ${rule}`);
  }
});

test('an invalid published field is a warning naming it, and published stays null', () => {
  const doc = clean({ format: 'text', raw: 'Body text.', fields: { published: 'sometime last week' } });
  assert.equal(doc.published, null);
  const warning = doc.messages.find((m) => m.rule === 'published-invalid');
  assert.ok(warning);
  assert.equal(warning.severity, 'warning');
  assert.equal(warning.stage, 'clean');
  assert.ok(warning.reason.includes('sometime last week'));
});

test('title: a site-name suffix is stripped only when it names the site', () => {
  const page = (title: string, head = '') =>
    `<html><head><title>${title}</title>${head}</head><body><p>${PARAGRAPHS[0]}</p></body></html>`;
  const title = (html: string, url?: string) => htmlToArticleText(html, { url }).title;
  assert.equal(
    title(page('Kyiv shelled - Kyiv Post', '<meta property="og:site_name" content="Kyiv Post">')),
    'Kyiv shelled',
  );
  assert.equal(
    title(page('Kyiv shelled | KYIV POST', '<meta name="application-name" content="Kyiv Post">')),
    'Kyiv shelled',
  );
  assert.equal(title(page('Kyiv shelled | BBC News'), 'https://www.bbc.co.uk/news/1'), 'Kyiv shelled');
  // Not the site's name: part of the headline.
  assert.equal(
    title(page('Talks in Minsk - Ukraine', '<meta property="og:site_name" content="Kyiv Post">')),
    'Talks in Minsk - Ukraine',
  );
  assert.equal(title(page('War in Ukraine - Day 3')), 'War in Ukraine - Day 3');
  // og:title is preferred, then <title>, then the first <h1>.
  const og = htmlToArticleText(page('Page title', '<meta property="og:title" content="OG &amp; title">'));
  assert.equal(og.title, 'OG & title');
  const h1 = clean({ format: 'html', raw: `<h1>Only a heading</h1><p>${PARAGRAPHS[0]}</p>` });
  assert.equal(h1.title, 'Only a heading');
  assert.equal(h1.provenance.titleSource, 'h1');
  assert.equal(h1.text, PARAGRAPHS[0]);
});

test('url: canonical and og:url only when absolute http(s); outlet falls back to the host', () => {
  const page = (head: string) => `<html><head>${head}</head><body><p>${PARAGRAPHS[0]}</p></body></html>`;
  const relative = clean({
    format: 'html',
    raw: page('<link rel="canonical" href="/news/1"><meta property="og:url" content="https://www.example.com/news/1">'),
  });
  assert.equal(relative.url, 'https://www.example.com/news/1');
  assert.equal(relative.provenance.urlSource, 'og:url');
  assert.equal(relative.outlet, 'example.com');
  assert.equal(relative.provenance.outletSource, 'hostname');
  const none = clean({ format: 'html', raw: page('<link rel="canonical" href="javascript:alert(1)">') });
  assert.equal(none.url, null);
  assert.equal(none.outlet, null);
  const fromField = clean({ format: 'text', raw: 'Body.', fields: { url: 'https://www.reuters.com/world/x' } });
  assert.equal(fromField.outlet, 'reuters.com');
});

test('language: field lower-cased, else the primary subtag of <html lang>, else detected, else null', () => {
  const html = (lang: string) => `<html lang="${lang}"><body><p>${PARAGRAPHS[0]}</p></body></html>`;
  assert.equal(clean({ format: 'html', raw: html('uk-UA') }).language, 'uk');
  const detected = clean({ format: 'html', raw: html('not a language') });
  assert.equal(detected.language, 'en');
  assert.equal(detected.provenance.languageSource, 'detected');
  assert.equal(clean({ format: 'text', raw: 'x', fields: { language: 'RU' } }).language, 'ru');
  assert.equal(clean({ format: 'text', raw: 'x' }).language, null);
});

test('HTML with no text says so', () => {
  const doc = clean({ format: 'html', raw: '<html><body><nav>Menu</nav><script>var a = 1;</script></body></html>' });
  assert.equal(doc.text, '');
  assert.deepEqual(doc.blocks, []);
  assert.deepEqual(rules(doc), ['html-no-text', 'text-empty']);
});

test('HTML larger than maxHtmlBytes is cut before parsing, with a warning, never inside a character', () => {
  const html = `<p>${'Überfall auf die Ukraine. '.repeat(20)}</p><p>${'x'.repeat(5000)}</p>`;
  const doc = clean({ format: 'html', raw: html }, { maxHtmlBytes: 301 });
  assert.ok(rules(doc).includes('html-truncated'));
  assert.ok(doc.text.startsWith('Überfall auf die Ukraine.'));
  assert.ok(!doc.text.includes('\uFFFD'));
  assert.ok(!doc.text.includes('xxx'));
  assert.ok(Buffer.byteLength(doc.text) <= 301);
});

test('deeply nested HTML is unwrapped before parsing and does not hang', () => {
  const depth = 20_000;
  const html = `${'<div>'.repeat(depth)}<p>Deep text.</p>${'</div>'.repeat(depth)}<p>After.</p>`;
  const started = Date.now();
  const doc = clean({ format: 'html', raw: html });
  assert.ok(Date.now() - started < 5000, 'took too long');
  assert.equal(doc.text, 'Deep text.\n\nAfter.');
  assert.ok(rules(doc).includes('html-too-deep'));
});

test('plain text is normalised: BOM, CRLF, control characters, tabs, NBSP, blank lines, NFC', () => {
  const raw =
    '\uFEFFLine one\r\nstill one  \t\r\n\r\n\r\n\r\nPara\u0000graph\u0007 two\twith\u00a0\u00a0tabs\rthird line\n\n\n   \n\nCafe\u0301 end   ';
  const doc = clean({ format: 'text', raw });
  assert.equal(doc.text, 'Line one\nstill one\n\nParagraph two with tabs\nthird line\n\nCafé end');
  assert.equal(doc.text, doc.text.normalize('NFC'));
  assert.deepEqual(blockTexts(doc), ['Line one\nstill one', 'Paragraph two with tabs\nthird line', 'Café end']);
  const info = doc.messages.find((m) => m.rule === 'text-control-chars');
  assert.ok(info);
  assert.equal(info.severity, 'info');
  assert.ok(info.reason.includes('2'));
  assert.equal(doc.provenance.textSource, 'text');
  assert.equal(doc.title, null, 'a first line continued in lower case is not a title');
});

test('plain text without blank lines: every line is a block; bullet lines are list items', () => {
  const doc = clean({
    format: 'jsonl',
    raw: '{}',
    fields: { text: 'Shelling resumed on Monday.\nTwo people died.\n- Kharkiv\n• Odesa' },
  });
  assert.deepEqual(blockTexts(doc), ['Shelling resumed on Monday.', 'Two people died.', '- Kharkiv', '• Odesa']);
  assert.deepEqual(
    doc.blocks.map((b) => b.kind),
    ['paragraph', 'paragraph', 'list-item', 'list-item'],
  );
  const mixed = clean({
    format: 'text',
    raw: 'Intro sentence.\n\nWhat we know:\n- first item\n  wrapped on\n- second\n\nEnd.',
  });
  assert.deepEqual(blockTexts(mixed), [
    'Intro sentence.',
    'What we know:',
    '- first item\nwrapped on',
    '- second',
    'End.',
  ]);
  assert.deepEqual(
    mixed.blocks.map((b) => b.kind),
    ['paragraph', 'paragraph', 'list-item', 'list-item', 'paragraph'],
  );
});

test('plain text: a short first line without a final period is the title', () => {
  const doc = clean({
    format: 'text',
    raw: 'Russia launches attack on Ukraine\n\nExplosions were heard in Kyiv.\n\nSirens sounded.',
  });
  assert.equal(doc.title, 'Russia launches attack on Ukraine');
  assert.equal(doc.provenance.titleSource, 'first-line');
  assert.equal(doc.text, 'Explosions were heard in Kyiv.\n\nSirens sounded.');
  assert.deepEqual(doc.blocks, [
    { kind: 'paragraph', start: 0, end: 30 },
    { kind: 'paragraph', start: 32, end: 47 },
  ]);
  const question = clean({ format: 'text', raw: 'What happens next?\nOfficials would not say.' });
  assert.equal(question.title, 'What happens next?');
  assert.equal(question.text, 'Officials would not say.');
});

test('plain text: no title from a sentence, a long line, a lone line or a bullet', () => {
  const cases = [
    'Explosions were heard in Kyiv on Thursday.\n\nSirens sounded.',
    `${'A very long first line '.repeat(10)}without a period\n\nBody.`,
    'Only one line without a period',
    '- a bullet\n\nBody.',
  ];
  for (const raw of cases) {
    const doc = clean({ format: 'text', raw });
    assert.equal(doc.title, null, raw);
    assert.equal(doc.provenance.titleSource, undefined);
    assert.equal(doc.text, raw.trim());
  }
});

test('a given title is not looked for in the text, but a first line repeating it is dropped', () => {
  const kept = clean({ format: 'json', raw: '{}', fields: { title: 'Given', text: 'Headline in text\n\nBody.' } });
  assert.equal(kept.title, 'Given');
  assert.equal(kept.text, 'Headline in text\n\nBody.');
  const repeated = clean({
    format: 'json',
    raw: '{}',
    fields: { title: 'Kyiv under fire', text: 'Kyiv under fire\n\nBody.' },
  });
  assert.equal(repeated.text, 'Body.');
  assert.deepEqual(repeated.blocks, [{ kind: 'paragraph', start: 0, end: 5 }]);
});

test('the stage declares its contract, returns a new document and appends messages', () => {
  const stage = cleanStage();
  assert.equal(stage.name, 'clean');
  assert.deepEqual(stage.requires, ['raw', 'fields']);
  assert.deepEqual(stage.assigns, [
    'text',
    'blocks',
    'title',
    'published',
    'outlet',
    'url',
    'language',
    'byline',
    'dateline',
    'teasers',
  ]);
  const input = newArticle(record({ format: 'text', raw: '   \n\t\n' }));
  const earlier = message('ingest', 'input-skipped', 'earlier message');
  input.messages.push(earlier);
  const output = stage.run(input);
  assert.notEqual(output, input);
  assert.equal(input.text, '');
  assert.deepEqual(input.messages, [earlier]);
  assert.deepEqual(rules(output), ['input-skipped', 'text-empty']);
  assert.equal(output.messages[1]?.source, 'test');
});

test('normalizePublished accepts each documented format', () => {
  const accepted: Array<[string, string]> = [
    ['2022-02-24', '2022-02-24'],
    ['2022-02-24T05:30:00Z', '2022-02-24T05:30:00Z'],
    ['2022-02-24T05:30:00.123Z', '2022-02-24T05:30:00Z'],
    ['2022-02-24T05:30:00+03:00', '2022-02-24T02:30:00Z'],
    ['2022-02-24T01:30:00-0500', '2022-02-24T06:30:00Z'],
    ['2022-02-24 05:30', '2022-02-24T05:30:00Z'],
    ['2022/02/24', '2022-02-24'],
    ['20220224T053000Z', '2022-02-24T05:30:00Z'],
    ['20220224053000', '2022-02-24T05:30:00Z'],
    ['20220224', '2022-02-24'],
    ['Thu, 24 Feb 2022 05:30:00 GMT', '2022-02-24T05:30:00Z'],
    ['Thu, 24 Feb 2022 05:30:00 +0300', '2022-02-24T02:30:00Z'],
    ['24 Feb 2022 05:30 EST', '2022-02-24T10:30:00Z'],
    ['Thu, 24 Feb 22 05:30:00 GMT', '2022-02-24T05:30:00Z'],
    ['February 24, 2022', '2022-02-24'],
    ['Thursday, February 24, 2022', '2022-02-24'],
    ['Feb. 24th, 2022', '2022-02-24'],
    ['24 February 2022', '2022-02-24'],
    ['February 24, 2022 5:30 PM', '2022-02-24T17:30:00Z'],
    ['2024-02-29', '2024-02-29'],
    ['2022-12-31T23:30:00-01:00', '2023-01-01T00:30:00Z'],
    ['  2022-02-24  ', '2022-02-24'],
  ];
  for (const [input, expected] of accepted) assert.equal(normalizePublished(input), expected, input);
});

test('normalizePublished rejects junk and impossible dates', () => {
  const rejected = [
    '2022-02-30',
    '2023-02-29',
    '2022-13-01',
    '2022-00-10',
    'yesterday',
    '141 to 5',
    '',
    '1899-12-31',
    '2101-01-01',
    '2022-02-24T24:00:00Z',
    '2022-02-24T05:61:00Z',
    '2022-02-24T05:30:00+15:00',
    'Fri, 30 Feb 2022 05:30:00 GMT',
    'Thu, 24 Feb 2022 05:30:00 XYZ',
    'Updated 24 February 2022',
    'Smarch 24, 2022',
    '24/02/2022',
    '2022-02-24T05:30:00Zjunk',
    '12345',
  ];
  for (const input of rejected) assert.equal(normalizePublished(input), null, input);
});

test('a text longer than maxTextChars is cut at a line break with a warning (a 50 MB field would never finish)', () => {
  const paragraph = (i: number) => `Paragraph ${i} says that the shelling of Kharkiv went on through the night.\n\n`;
  let long = '';
  for (let i = 0; long.length < 3_000_000; i += 1) long += paragraph(i);
  for (const format of ['text', 'json'] as const) {
    const started = performance.now();
    const doc = clean(
      { format, raw: format === 'text' ? long : '{}', fields: { text: long } },
      { maxTextChars: 10_000 },
    );
    assert.ok(performance.now() - started < 2000);
    assert.ok(doc.text.length <= 10_000 && doc.text.length > 9_000, `${doc.text.length}`);
    assert.ok(doc.text.endsWith('night.'), doc.text.slice(-40));
    assertBlocks(doc.text, doc.blocks);
    assert.ok(doc.messages.some((m) => m.rule === 'text-truncated' && /3,?0\d\d,?\d{3} characters/.test(m.reason)));
  }
  const html = `<html><body><article>${long
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;
  const doc = clean({ format: 'html', raw: html, fields: {} }, { maxTextChars: 10_000, maxHtmlBytes: 400_000 });
  assert.ok(doc.text.length <= 10_000, `${doc.text.length}`);
  assertBlocks(doc.text, doc.blocks);
  assert.ok(doc.messages.some((m) => m.rule === 'text-truncated'));
  // Short texts are untouched.
  assert.ok(!clean({ format: 'text', raw: paragraph(1) }).messages.some((m) => m.rule === 'text-truncated'));
});
