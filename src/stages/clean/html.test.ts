import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { isBoilerplateText, pruneBoilerplate } from './html-boilerplate.js';
import { findMainContent } from './html-density.js';
import { isFurnitureLine } from './html-lines.js';
import { dropLayoutWhitespace, pruneAttributes, stripInertMarkup } from './html-strip.js';
import { htmlToArticleText } from './index.js';

const PROSE = [
  'Explosions were heard in the Ukrainian capital, Kyiv, early on Thursday morning, shortly after the announcement of a military operation.',
  'Residents of several districts reported loud blasts at around 5 a.m. local time, and air-raid sirens sounded across the city for the first time in decades.',
  'The defence ministry said it was targeting military infrastructure, a claim that could not be independently verified by reporters on the ground.',
];

const PAGE = `<html><body>
<div class="site-wrapper">
  <div class="article-body">${PROSE.map((p) => `<p>${p}</p>`).join('')}
    <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
    <figure><img src="x.jpg"><figcaption>Smoke rises over the city. Photo: Agency</figcaption></figure>
    <p>Share this article</p>
  </div>
  <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Markets tumble as oil prices surge to a new high</a></li></ul></div>
  <div id="comments"><p>What a terrible day, I hope everyone in the city stays safe tonight, my thoughts are with you.</p></div>
  <div class="cookie-banner">We use cookies to improve your experience on this site.</div>
</div></body></html>`;

test('boilerplate: share bars, related lists, comments, cookie banners and captions are removed', () => {
  for (const args of [{}, { readabilityMaxElements: 1 }]) {
    const result = htmlToArticleText(PAGE, args);
    assert.deepEqual(result.text.split('\n\n'), PROSE, `method ${result.method}`);
  }
});

test('boilerplate names match whole name parts; an element holding the article is kept', () => {
  const { document } = parseHTML(
    `<html><body><div class="has-sidebar"><p>${PROSE.join('</p><p>')}</p></div><div class="shareholders"><p>${PROSE[0]}</p></div><div class="social-links">x</div></body></html>`,
  );
  const removed = pruneBoilerplate(document.body, 0.5);
  assert.equal(removed, 1);
  assert.ok(document.querySelector('.has-sidebar'));
  assert.ok(document.querySelector('.shareholders'));
  assert.equal(document.querySelector('.social-links'), null);
});

test('stock furniture phrases are recognised, sentences are not', () => {
  for (const t of [
    'Share this article',
    'Read more',
    'Advertisement',
    'Follow us on Twitter',
    'Back to top',
    'Related Articles',
  ])
    assert.ok(isBoilerplateText(t), t);
  for (const t of PROSE) assert.ok(!isBoilerplateText(t), t);
  assert.ok(!isBoilerplateText('Share prices fell sharply on Monday after the announcement.'));
});

test('own extractor: the container of the prose wins over a link-heavy navigation block', () => {
  const links = Array.from(
    { length: 30 },
    (_, i) => `<li><a href="/${i}">Section number ${i} of the site, with a long name</a></li>`,
  ).join('');
  const { document } = parseHTML(
    `<html><body><div id="menu"><ul>${links}</ul></div><div id="story"><p>${PROSE.join('</p><p>')}</p></div></body></html>`,
  );
  const result = findMainContent(document.body, { minParagraphChars: 25, maxLinkDensity: 0.5 });
  assert.ok(result);
  assert.equal(result.roots[0]?.getAttribute('id'), 'story');
  assert.equal(result.coverage, 1);
});

test('cascade: the chosen method and the reason are reported; a page with no prose falls back to the body', () => {
  const readable = htmlToArticleText(PAGE);
  assert.equal(readable.method, 'readability');
  const bare = htmlToArticleText('<html><body><div>Just a short line</div></body></html>');
  assert.ok(['readability', 'body-blocks'].includes(bare.method));
  assert.equal(bare.text, 'Just a short line');
});

test('pre-parse stripping: scripts, styles, comments and SVG go, JSON-LD and the text stay', () => {
  const html =
    '<head><script>var a = "<p>not text</p>";</script><script type="application/ld+json">{"datePublished":"2020-01-02","x":"<b>"}</script><style>p{}</style></head>' +
    '<body><!-- <p>hidden</p> --><svg><text>icon</text></svg><p>Kept <b>text</b></p><SCRIPT>x()</SCRIPT><noscript>Enable JS</noscript><p>After</p><script>unclosed';
  const { html: out, removed } = stripInertMarkup(html);
  assert.ok(removed > 0);
  assert.ok(out.includes('application/ld+json') && out.includes('"datePublished":"2020-01-02"'));
  for (const gone of ['not text', 'p{}', 'hidden', 'icon', 'x()', 'Enable JS', 'unclosed'])
    assert.ok(!out.includes(gone), gone);
  assert.ok(out.includes('<p>Kept <b>text</b></p>') && out.includes('<p>After</p>'));
  assert.equal(stripInertMarkup('<p>plain</p>').html, '<p>plain</p>');
  // <link> tags go, except the canonical URL (the metadata reads it) and a tag that does not close
  const links =
    '<LINK rel="stylesheet" href="a.css"><link rel=canonical href="https://e.org/x"><link rel="icon"/><link\nhref=x><link rel="alternate" <p>';
  assert.equal(stripInertMarkup(links).html, '<link rel=canonical href="https://e.org/x"><link rel="alternate" <p>');
  assert.equal(stripInertMarkup('<linker>x</linker>').html, '<linker>x</linker>');
});

test('pre-parse stripping: attributes nothing reads are dropped, a tag that does not tokenise is left alone', () => {
  assert.equal(
    pruneAttributes('<a href="/x" data-track=\'{"a":1}\' onclick="f()" class="k">t</a>'),
    '<a class="k">t</a>',
  );
  // A link into the page keeps its target (Readability weighs such links lower); <link> keeps its href.
  assert.equal(pruneAttributes('<a href="#n1" onclick="f()">1</a>'), '<a href="#n1">1</a>');
  assert.equal(
    pruneAttributes('<link rel="canonical" href="https://example.org/x" data-x=1>'),
    '<link rel="canonical" href="https://example.org/x">',
  );
  assert.equal(pruneAttributes('<img src=x alt="a > b" class=c>'), '<img src=x alt="a > b" class=c>');
  assert.equal(pruneAttributes('<input disabled type=text>'), '<input type=text>');
  const r = htmlToArticleText(
    PAGE.replace('<div class="article-body">', '<div class="article-body" data-x="1" srcset="a 1x">'),
  );
  assert.deepEqual(r.text.split('\n\n'), PROSE);
});

test('furniture lines: credits, timestamps, labels and appeals go, prose stays', () => {
  for (const line of [
    '(Image credit: Blue Origin)',
    'The protests kicked off in June and have strengthened in size (Image: GETTY )',
    'Image 1 of 5',
    'Caption',
    'Quelle: dpa',
    'Updated 11:21 pm CST, Tuesday, November 19, 2019',
    'Auch interessant',
    'Czytaj też: Nowe sankcje wobec Rosji',
  ])
    assert.equal(isFurnitureLine(line), true, line);
  for (const line of [...PROSE, 'Wohnen', 'Photographs of the damage were shared widely on Thursday.', 'Kyiv'])
    assert.equal(isFurnitureLine(line), false, line);
  const page = `<html><body><article>${PROSE.map((p) => `<p>${p}</p>`).join('')}
    <p>(Image credit: Blue Origin)</p><p>${PROSE[0]}<br>Quelle: dpa</p></article></body></html>`;
  const result = htmlToArticleText(page);
  assert.ok(!result.text.includes('Image credit'), result.text);
  assert.ok(!result.text.includes('Quelle'), result.text);
  assert.equal(result.text.split(PROSE[0] as string).length, 3);
});

test('page-builder widgets (Elementor) are not boilerplate; nav, aside and footer are pruned by tag', () => {
  const widget = (p: string) =>
    `<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>${p}</p></div></div>`;
  const page = `<html><body><nav><p>${PROSE[2]} Menu.</p></nav><main><section class="elementor-section">${PROSE.map(widget).join('')}</section></main>
    <aside><p>Our newsletter arrives every morning with the stories our editors picked for you, and it is free.</p></aside>
    <footer><p>Copyright by the publisher, all rights reserved, reproduction only with written permission.</p></footer></body></html>`;
  for (const args of [{}, { readabilityMaxElements: 1 }]) {
    const result = htmlToArticleText(page, args);
    assert.deepEqual(result.text.split('\n\n'), PROSE, `method ${result.method}`);
  }
});

test('layout white space between block tags is dropped before parsing; inline spaces and <pre> stay', () => {
  assert.equal(
    dropLayoutWhitespace('<div>\n  <p>a <b>x</b> <i>y</i></p>\n  <ul>\n <li>one</li>\n <li>two</li>\n</ul>\n</div>'),
    '<div><p>a <b>x</b> <i>y</i></p><ul><li>one</li><li>two</li></ul></div>',
  );
  const pre = '<div>\n<pre>\n  code\n</pre>\n</div>';
  assert.equal(dropLayoutWhitespace(pre), pre);
  const result = htmlToArticleText(
    '<html><body><p>Kyiv <b>and</b>\n<i>Kharkiv</i> were shelled overnight.</p></body></html>',
  );
  assert.equal(result.text, 'Kyiv and Kharkiv were shelled overnight.');
});

test('a page cut inside its <html> tag gives no text instead of a crash (found by fuzzing)', () => {
  for (const page of ['<!doctype html><html lang="u', '<html lang="uk>hello <p>x</p>', '<html a=b']) {
    const result = htmlToArticleText(page);
    assert.equal(result.text, '', page);
  }
});
