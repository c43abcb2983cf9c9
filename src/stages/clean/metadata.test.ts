import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newArticle } from '../../core/document.js';
import { dateInText } from './html-date.js';
import { datesInText } from './html-date-scan.js';
import { cleanStage, htmlToArticleText } from './index.js';
import { cleanByline } from './metadata.js';

const BODY =
  '<p>Explosions were heard in the Ukrainian capital early on Thursday, shortly after the announcement, residents said.</p>'.repeat(
    3,
  );

test('published: the local calendar date and precision are kept beside the UTC value', () => {
  const r = htmlToArticleText(
    `<html><head><meta property="article:published_time" content="2022-05-03T22:30:00-03:00"></head><body>${BODY}</body></html>`,
  );
  assert.equal(r.published, '2022-05-04T01:30:00Z');
  assert.equal(r.publishedDate, '2022-05-03');
  assert.equal(r.publishedPrecision, 'second');
});

test('published: a declared date contradicting the date in the article URL loses to it', () => {
  const html = `<html><head><meta property="article:published_time" content="2009-04-11"></head><body>${BODY}</body></html>`;
  const r = htmlToArticleText(html, { url: 'https://example.org/2019/10/22/some-story/' });
  assert.equal(r.published, '2019-10-22');
  assert.equal(r.publishedSource, 'url');
  // Within a day (a time zone apart), the declared date stands.
  const near = htmlToArticleText(html.replace('2009-04-11', '2019-10-21T23:00:00Z'), {
    url: 'https://example.org/2019/10/22/x',
  });
  assert.equal(near.publishedSource, 'article:published_time');
  // …but its calendar date is the URL's (the UTC timestamp shifted the day).
  assert.equal(near.published, '2019-10-21T23:00:00Z');
  assert.equal(near.publishedDate, '2019-10-22');
});

test('published: an archive crawl timestamp in the URL is not the date', () => {
  const r = htmlToArticleText(`<html><body>${BODY}</body></html>`, {
    url: 'https://web.archive.org/web/20131110121040/http://blog.example.de/2013/04/04/post/',
  });
  assert.equal(r.published, '2013-04-04');
  const none = htmlToArticleText(`<html><body>${BODY}</body></html>`, {
    url: 'https://web.archive.org/web/20131110121040/http://blog.example.de/post',
  });
  assert.equal(none.published, null);
});

test('published: a visible date in the article beats a page date above the headline', () => {
  const html = `<html><body><div class="topbar-date">Dienstag, 21. November 2023</div><h1>Headline</h1>
    <div class="article-meta">Von Max Muster, 31. Mai 2012</div>${BODY}</body></html>`;
  const r = htmlToArticleText(html);
  assert.equal(r.published, '2012-05-31');
  assert.equal(r.publishedSource, 'visible');
  const only = htmlToArticleText(html.replace('Von Max Muster, 31. Mai 2012', 'Von Max Muster'));
  assert.equal(only.published, '2023-11-21');
});

test('dateInText reads the common spellings of several languages', () => {
  const cases: Array<[string, string]> = [
    ['am 25.08.2015 22:30', '2015-08-25'],
    ['26/10/2018', '2018-10-26'],
    ['Published 2020-04-26', '2020-04-26'],
    ['Di, 21. April 2020 - 16:40', '2020-04-21'],
    ['December 4, 2006', '2006-12-04'],
    ['3 de mayo de 2022', '2022-05-03'],
    ['12 marca 2022', '2022-03-12'],
    ['24 февраля 2022', '2022-02-24'],
    ['26.10.13', '2013-10-26'],
  ];
  for (const [text, date] of cases) assert.equal(dateInText(text)?.date, date, text);
  assert.equal(dateInText('31.02.2020'), null);
  assert.equal(dateInText('version 1.2.3'), null);
});

test('byline: meta author, JSON-LD author, rel=author and byline elements', () => {
  const page = (head: string, body = '') => `<html><head>${head}</head><body>${body}${BODY}</body></html>`;
  assert.equal(htmlToArticleText(page('<meta name="author" content="Olena Kovalenko">')).byline, 'Olena Kovalenko');
  assert.equal(
    htmlToArticleText(
      page(
        '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Reporter"}]}</script>',
      ),
    ).byline,
    'A. Writer, B. Reporter',
  );
  assert.equal(htmlToArticleText(page('', '<a rel="author" href="/u/1">Max Muster</a>')).byline, 'Max Muster');
  assert.equal(htmlToArticleText(page('', '<div class="byline">By Jane Doe | 24 Feb 2022</div>')).byline, 'Jane Doe');
  assert.equal(htmlToArticleText(page('<meta name="author" content="https://facebook.com/someone">')).byline, null);
  assert.equal(cleanByline('Von Max Muster, 31. Mai 2012'), 'Von Max Muster'.replace('Von ', ''));
});

test('the clean stage takes the HTML author as byline, with its provenance', () => {
  const raw = `<html><head><meta name="author" content="Olena Kovalenko"></head><body>${BODY}</body></html>`;
  const doc = cleanStage().run(newArticle({ key: 'k', source: 's', position: 0, format: 'html', raw, fields: {} }));
  assert.equal(doc.byline, 'Olena Kovalenko');
  assert.equal(doc.provenance.bylineSource, 'meta:author');
});

test('published: a <time> in a page whose <body> class names a sidebar is still the article date', () => {
  const r = htmlToArticleText(
    `<html><body class="single has-sidebar"><article><h1>Headline</h1><time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">10. Februar 2019</time>${BODY}</article><aside><time datetime="2020-01-01">x</time></aside></body></html>`,
  );
  assert.equal(r.publishedDate, '2019-02-10');
  assert.equal(r.publishedSource, 'time');
});

test('published: with nothing declared, the visible text is scanned; update and comment dates are not taken', () => {
  const announced = htmlToArticleText(
    `<html><body><div id="comments"><p>Kommentar am 01.02.2020</p></div><p>Aktualisiert am 03.09.2019</p><p>Veröffentlicht am 16.08.2019</p>${BODY}</body></html>`,
  );
  assert.equal(announced.publishedDate, '2019-08-16');
  assert.equal(announced.publishedSource, 'text:published-word');
  const byHeadline = htmlToArticleText(
    `<html><body><p>Heute ist der 1. Januar 2024</p>${'<p>Menu item</p>'.repeat(40)}<h1>Titel</h1><p>Handball Schweiz • 02.02.2022</p>${BODY}</body></html>`,
  );
  assert.equal(byHeadline.publishedDate, '2022-02-02');
  assert.equal(byHeadline.publishedSource, 'text:headline');
  const none = htmlToArticleText(`<html><body>${BODY}<p>Copyright 2019</p></body></html>`);
  assert.equal(none.published, null);
});

test('published: a malformed date-time still gives its day', () => {
  const r = htmlToArticleText(
    `<html><head><meta property="article:published_time" content="10.12.2022, 07:00:03"></head><body>${BODY}</body></html>`,
  );
  assert.equal(r.publishedDate, '2022-12-10');
  assert.equal(r.publishedPrecision, 'day');
});

const page = (head: string, body: string) => `<html><head>${head}</head><body>${body}${BODY}</body></html>`;

test('published: a UTC timestamp is checked against the page; a local offset is the page’s own day', () => {
  // Local midnight east of UTC, stored in UTC: the next calendar day.
  const midnight = htmlToArticleText(
    page('<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">', ''),
  );
  assert.equal(midnight.published, '2022-11-06T23:00:00Z');
  assert.equal(midnight.publishedDate, '2022-11-07');
  // An explicit +01:00 offset keeps its own date even when the URL says the day before.
  const offset = htmlToArticleText(
    page('<meta property="article:published_time" content="2020-02-19T18:37:32+01:00">', ''),
    { url: 'https://example.org/2020/02/18/story.html' },
  );
  assert.equal(offset.publishedDate, '2020-02-19');
  // A UTC value after midnight shows as the previous day in the zone the headline's date implies…
  const shifted = htmlToArticleText(
    page(
      '<meta property="article:published_time" content="2022-05-04T02:41:00Z">',
      '<h1>Headline</h1><div class="article-date">3 May 2022</div>',
    ),
  );
  assert.equal(shifted.publishedDate, '2022-05-03');
  // …but a 13:10 UTC timestamp is not shifted by a day (no zone within ±10 h does that).
  const noon = htmlToArticleText(
    page(
      '<meta property="article:published_time" content="2023-11-06T13:10:22.000Z">',
      '<h1>Headline</h1><div class="article-date">5 November 2023</div>',
    ),
  );
  assert.equal(noon.publishedDate, '2023-11-06');
});

test('published: a generic CMS date meta loses to the date printed by the headline', () => {
  const weak = htmlToArticleText(
    page('<meta name="date" content="2020-02-12">', '<h1>Headline</h1><div class="meta">5. Februar 2020</div>'),
  );
  assert.equal(weak.publishedDate, '2020-02-05');
  // article:published_time is a real declaration: a far-away date by the headline does not move it.
  const strong = htmlToArticleText(
    page(
      '<meta property="article:published_time" content="2020-02-12T10:00:00+01:00">',
      '<h1>Headline</h1><div class="meta">5. Februar 2020</div>',
    ),
  );
  assert.equal(strong.publishedDate, '2020-02-12');
});

test('published: a modification date shown by the headline is the date the page presents', () => {
  const r = htmlToArticleText(
    page(
      '<meta property="article:published_time" content="2021-11-29T14:13:37+00:00"><meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">',
      '<h1>Headline</h1><div class="post-date">12. Januar 2022</div>',
    ),
  );
  assert.equal(r.publishedDate, '2022-01-12');
  assert.equal(r.publishedSource, 'modified:article:modified_time+text:headline');
});

test('published: more URL date forms and other publication-date metas', () => {
  const dmy = htmlToArticleText(page('', ''), { url: 'https://example.org/meldungen/29-10-2021' });
  assert.equal(dmy.publishedDate, '2021-10-29');
  const short = htmlToArticleText(page('', ''), { url: 'https://example.org/home/2017/7/12/story' });
  assert.equal(short.publishedDate, '2017-07-12');
  const other = htmlToArticleText(page('<meta name="sw-pubdate" content="2021-11-19">', ''));
  assert.equal(other.publishedDate, '2021-11-19');
  assert.equal(other.publishedSource, 'meta-other:sw-pubdate');
  // A declared date a week off the URL's stands (an update); years off, the URL wins.
  const week = htmlToArticleText(page('<meta property="article:published_time" content="2022-05-08">', ''), {
    url: 'https://example.org/2022/05/02/story',
  });
  assert.equal(week.publishedDate, '2022-05-08');
});

test('text dates: Spanish "mayo" is a month, a pre-web year is no date', () => {
  assert.deepEqual(
    datesInText('Publicado el 3 de mayo de 2022').map((d) => d.date),
    ['2022-05-03'],
  );
  assert.equal(dateInText('28.09.1912:00'), null);
});
