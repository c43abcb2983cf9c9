// Structured fast-check generators for the fuzz tests and the fuzz benchmark: not only random
// strings but inputs shaped like what sitrep reads (HTML trees, RSS/Atom feeds, CSV with quotes
// and BOMs, JSON lines with wrong types, news text with figures, dates and quotes) mixed with the
// characters that break parsers (NUL, lone surrogates, right-to-left overrides, BOMs, controls).

import fc from 'fast-check';

/** Characters that break naive parsers: NUL, controls, lone surrogates, bidi overrides, BOMs… */
export const NASTY_CHARS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\udc00\ud800', // reversed pair
  '\u202e', // RIGHT-TO-LEFT OVERRIDE
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u200b',
  '\u00a0',
  '\u0301', // combining acute
  'é',
  'ﬁ',
  '𝕏',
  '😀',
  '👩‍👩‍👧',
  'Київ',
  'Харків',
  'مرحبا',
  'שלום',
  '中文',
  '&',
  '<',
  '>',
  '"',
  "'",
  '“',
  '”',
  '‘',
  '’',
  '«',
  '»',
  '„',
  '\\',
  ',',
  ';',
  '\t',
  '\n',
  '\n\n',
] as const;

export const nastyChar = fc.constantFrom(...NASTY_CHARS);

/** Any string: full-unicode (with lone surrogates), ASCII, or nasty characters mixed in. */
export const anyString = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ maxLength }),
    fc
      .array(fc.oneof(nastyChar, fc.string({ maxLength: 6 })), { maxLength: Math.ceil(maxLength / 4) })
      .map((a) => a.join('')),
  );

const WORDS = [
  'Russian',
  'Ukrainian',
  'forces',
  'shelled',
  'Kharkiv',
  'Mariupol',
  'Kyiv',
  'the',
  'governor',
  'said',
  'told',
  'Reuters',
  'killed',
  'wounded',
  'at least',
  'more than',
  'nearly',
  'civilians',
  'soldiers',
  'troops',
  'on Monday',
  'last week',
  'yesterday',
  'tonight',
  'Zelensky',
  'Putin',
  'according to',
  'officials',
  'missiles',
  'drones',
  'dozens',
  'thousands',
  'hundred',
  'million',
  'billion',
  'bn',
  'percent',
  'F-16',
  'Resolution',
  '(AP)',
  '—',
  '-',
  '.',
  ',',
  ':',
];

/** A number as news writes it: digits, separators, scales, currencies, ranges, words. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc
    .tuple(
      fc.constantFrom('', '$', '€', '£', '₴', 'UAH ', 'US$'),
      fc.integer({ min: 0, max: 999_999 }),
      fc.constantFrom('', ',000', '.5', ',5', '.25', ' 000'),
      fc.constantFrom('', ' million', 'bn', 'm', 'k', ' billion', ' thousand', ' trillion', '%'),
    )
    .map(([c, n, d, s]) => `${c}${n.toLocaleString('en-US')}${d}${s}`),
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom(' to ', '-', '–', ' and ', ' or '), fc.nat(999999))
    .map(([a, sep, b]) => `${a}${sep}${b}`),
  fc.constantFrom(
    'one hundred thousand',
    'two dozen',
    'dozens',
    'hundreds of thousands',
    'seven',
    'a million',
    '1e308',
    '1e309',
    '9'.repeat(400),
    '0.'.padEnd(300, '0'),
    '1,2,3,4,5,6,7,8',
    '١٢٣',
    '१२३',
    'Infinity',
    'NaN',
  ),
);

/** A date as news writes it, valid or not. */
export const dateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: -1, max: 40 }),
      fc.constantFrom('January', 'Feb.', 'March', 'Sept', 'December', 'Febuary', 'May'),
      fc.integer({ min: -10, max: 99999 }),
    )
    .map(([d, m, y]) => `${d} ${m} ${y}`),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99999 }))
    .map(([a, b, y]) => `${a}/${b}/${y}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.constantFrom(
    'on Monday',
    'last Tuesday night',
    'in the spring of 2022',
    'Q3 2023',
    'the 1990s',
    'the 21st century',
    'at 3:45 p.m. GMT',
    'at 25:99',
    'February 30, 2022',
    'for eight years',
    'every Sunday',
    'two weeks ago',
    'earlier this month',
    'W53 2021',
    '24.02.2022',
    '2022-02-24T04:00:00+02:00',
    '2022-13-45T99:99:99Z',
    '+275760-09-13',
    'yesterday',
  ),
);

/** A direct or reported quote, possibly unbalanced. */
export const quoteText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('"', '“', '«', '„', "'", '‘', '', '"“'),
    fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')),
    fc.constantFrom('"', '”', '»', '“', "'", '’', ''),
    fc.constantFrom(' he said.', ', Zelensky told reporters.', ' — the ministry said', '', ' said Putin', ':'),
  )
  .map(([open, body, close, cue]) => `${open}${body}${close}${cue}`);

/** News-like text: words, figures, dates, quotes and nasty characters mixed together. */
export const newsText = (maxPieces = 60): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
        { weight: 2, arbitrary: numberText },
        { weight: 2, arbitrary: dateText },
        { weight: 2, arbitrary: quoteText },
        { weight: 1, arbitrary: nastyChar },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constantFrom('\n\n', '\n', 'KYIV (Reuters) - ', 'By Jane Doe\n') },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(' '));

// --- HTML -----------------------------------------------------------------------------------

const TAGS = [
  'div',
  'p',
  'span',
  'article',
  'main',
  'section',
  'nav',
  'footer',
  'header',
  'aside',
  'h1',
  'h2',
  'ul',
  'li',
  'a',
  'table',
  'tr',
  'td',
  'script',
  'style',
  'template',
  'svg',
  'math',
  'noscript',
  'iframe',
  'br',
  'img',
  'blockquote',
  'pre',
  'textarea',
  'title',
  'meta',
  'time',
  'b',
  'i',
  'x-custom',
  'DIV',
  'select',
  'option',
];
const ATTRS = ['class', 'id', 'href', 'src', 'style', 'content', 'property', 'name', 'datetime', 'charset', 'onload'];
const ATTR_VALUES = fc.oneof(
  fc.constantFrom(
    'content',
    'article-body',
    'nav menu',
    'byline',
    'article:published_time',
    '2022-03-01T10:00:00Z',
    'javascript:alert(1)',
    'utf-8',
    'og:title',
    'related',
  ),
  dateText,
  anyString(20),
);
const ENTITIES = fc.constantFrom(
  '&amp;',
  '&lt;',
  '&gt;',
  '&nbsp;',
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#1114112;',
  '&#x110000;',
  '&#9999999999;',
  '&bogus;',
  '&',
  '&amp',
  '&#x202E;',
  '&quot;',
  '&#39;',
  '&mdash;',
);

interface HtmlNode {
  tag: string;
  attrs: Array<[string, string]>;
  children: Array<HtmlNode | string>;
  close: 'yes' | 'no' | 'wrong';
}

const htmlText = fc.oneof(
  { weight: 4, arbitrary: newsText(12) },
  { weight: 1, arbitrary: ENTITIES },
  { weight: 1, arbitrary: anyString(30) },
  { weight: 1, arbitrary: fc.constantFrom('<!-- comment -->', '<!--', ']]>', '<![CDATA[x]]>', '</', '<', '< p>') },
);

const { node: htmlNode } = fc.letrec<{ node: HtmlNode }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRS), ATTR_VALUES), { maxLength: 3 }),
    children: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, htmlText, tie('node')), {
      maxLength: 5,
    }),
    close: fc.constantFrom('yes', 'yes', 'yes', 'no', 'wrong'),
  }),
}));

function renderHtml(node: HtmlNode | string): string {
  if (typeof node === 'string') return node;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
  const inner = node.children.map(renderHtml).join('');
  const close = node.close === 'yes' ? `</${node.tag}>` : node.close === 'wrong' ? '</span>' : '';
  return `<${node.tag}${attrs}>${inner}${close}`;
}

/** A page: optional doctype/head, a random tree, sometimes cut off mid-tag. */
export const htmlPage: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '<!DOCTYPE html>', '<!doctype html><html lang="uk">', '<?xml version="1.0"?>', '\ufeff'),
    fc.constantFrom(
      '',
      '<head><title>Title</title><meta charset="utf-8"></head>',
      '<head><meta property="article:published_time" content="2022-03-01"></head>',
    ),
    fc.array(htmlNode, { maxLength: 4 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([doctype, head, nodes, cut]) => {
    const page = `${doctype}${head}<body>${nodes.map(renderHtml).join('')}</body></html>`;
    return cut === undefined ? page : page.slice(0, cut % (page.length + 1));
  });

// --- Feeds ------------------------------------------------------------------------------------

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** Feed text: usually escaped, sometimes raw (malformed) or in CDATA. */
const feedText = fc.oneof(
  { weight: 3, arbitrary: newsText(10).map(xmlEscape) },
  { weight: 1, arbitrary: anyString(40) },
  { weight: 1, arbitrary: htmlPage.map((h) => `<![CDATA[${h}]]>`) },
  { weight: 1, arbitrary: ENTITIES },
);

const rssItem = fc
  .record(
    {
      title: feedText,
      link: fc.oneof(fc.webUrl(), anyString(20).map(xmlEscape)),
      guid: fc.oneof(fc.webUrl(), fc.uuid(), fc.constantFrom('007', '')),
      perma: fc.constantFrom('', ' isPermaLink="false"', ' isPermaLink="true"'),
      pubDate: dateText.map(xmlEscape),
      description: feedText,
      encoded: feedText,
    },
    { requiredKeys: [] },
  )
  .map((it) => {
    const parts = ['<item>'];
    if (it.title !== undefined) parts.push(`<title>${it.title}</title>`);
    if (it.link !== undefined) parts.push(`<link>${it.link}</link>`);
    if (it.guid !== undefined) parts.push(`<guid${it.perma ?? ''}>${it.guid}</guid>`);
    if (it.pubDate !== undefined) parts.push(`<pubDate>${it.pubDate}</pubDate>`);
    if (it.description !== undefined) parts.push(`<description>${it.description}</description>`);
    if (it.encoded !== undefined) parts.push(`<content:encoded>${it.encoded}</content:encoded>`);
    parts.push('</item>');
    return parts.join('');
  });

const atomEntry = fc
  .record(
    {
      title: feedText,
      href: fc.oneof(fc.webUrl(), anyString(10).map(xmlEscape)),
      rel: fc.constantFrom('alternate', 'self', 'enclosure'),
      id: fc.oneof(fc.uuid(), fc.webUrl()),
      published: dateText.map(xmlEscape),
      content: feedText,
      type: fc.constantFrom('html', 'text', 'xhtml'),
    },
    { requiredKeys: [] },
  )
  .map((e) => {
    const parts = ['<entry>'];
    if (e.title !== undefined) parts.push(`<title>${e.title}</title>`);
    if (e.href !== undefined) parts.push(`<link rel="${e.rel ?? 'alternate'}" href="${e.href.replace(/"/g, '')}"/>`);
    if (e.id !== undefined) parts.push(`<id>${e.id}</id>`);
    if (e.published !== undefined) parts.push(`<published>${e.published}</published>`);
    if (e.content !== undefined) {
      const body = e.type === 'xhtml' ? `<div xmlns="http://www.w3.org/1999/xhtml">${e.content}</div>` : e.content;
      parts.push(`<content type="${e.type ?? 'html'}">${body}</content>`);
    }
    parts.push('</entry>');
    return parts.join('');
  });

/** An RSS 2.0, RDF or Atom feed with random items, sometimes with a DOCTYPE or cut short. */
export const feedDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '',
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
      '\ufeff',
    ),
    fc.constantFrom(
      '',
      '<!DOCTYPE rss>',
      '<!DOCTYPE rss [<!ENTITY x "boom">]>',
      '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
    ),
    fc.constantFrom('rss', 'atom', 'rdf', 'other'),
    fc.array(rssItem, { maxLength: 5 }),
    fc.array(atomEntry, { maxLength: 5 }),
    feedText,
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([prolog, doctype, kind, items, entries, title, cut]) => {
    let body: string;
    if (kind === 'rss')
      body = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><language>uk</language>${items.join('')}</channel></rss>`;
    else if (kind === 'rdf')
      body = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel><title>${title}</title></channel>${items.join('')}</rdf:RDF>`;
    else if (kind === 'atom')
      body = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${title}</title>${entries.join('')}</feed>`;
    else body = `<html><item>${title}</item></html>`;
    const doc = `${prolog}${doctype}${body}`;
    return cut === undefined ? doc : doc.slice(0, cut % (doc.length + 1));
  });

// --- JSON, JSON Lines, CSV -----------------------------------------------------------------------

const FIELD_NAMES = [
  'id',
  'guid',
  '_id',
  'title',
  'headline',
  'url',
  'link',
  'published',
  'date',
  'pubDate',
  'outlet',
  'language',
  'text',
  'body',
  'content',
  'html',
  'TEXT',
  ' Title ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

/** A JSON value of any type, for fields that should be strings. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: newsText(10) },
  { weight: 1, arbitrary: anyString(30) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -0, 1e308, -1, '', ' ') },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) },
);

/** An article-shaped object whose fields may have the wrong types. */
export const articleObject: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), wrongValue), {
    maxLength: 8,
  })
  .map((pairs) => {
    // Own data properties even for '__proto__', as JSON.parse makes them.
    const object: Record<string, unknown> = {};
    for (const [k, v] of pairs)
      Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
    return object;
  });

/** JSON Lines: objects, wrong types, broken lines, blank lines, CRLF, BOM. */
export const jsonlDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '\ufeff'),
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: articleObject.map((o) => JSON.stringify(o)) },
        { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined') },
        { weight: 1, arbitrary: articleObject.map((o) => JSON.stringify(o).slice(0, -3)) },
        { weight: 1, arbitrary: anyString(40) },
        { weight: 1, arbitrary: fc.constantFrom('', '   ', '{', '}', '[]', 'null', '{"a":1}{"b":2}', '\r') },
      ),
      { maxLength: 10 },
    ),
    fc.constantFrom('\n', '\r\n', '\n\n'),
  )
  .map(([bom, lines, eol]) => bom + lines.join(eol));

/** A JSON document: an array, a wrapper object, a single object, a scalar, or broken. */
export const jsonDocument: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.oneof(articleObject, wrongValue), { maxLength: 6 }).map((a) => JSON.stringify(a)),
  fc
    .tuple(fc.constantFrom('articles', 'items', 'records', 'data'), fc.array(articleObject, { maxLength: 4 }))
    .map(([k, a]) => JSON.stringify({ [k]: a })),
  articleObject.map((o) => JSON.stringify(o, null, 2)),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  fc.tuple(fc.array(articleObject, { maxLength: 4 }), fc.nat()).map(([a, cut]) => {
    const s = JSON.stringify(a);
    return s.slice(0, cut % (s.length + 1));
  }),
  anyString(100),
);

const csvCell = fc.oneof(
  { weight: 4, arbitrary: newsText(8) },
  { weight: 1, arbitrary: anyString(20) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '"', '""', '"a""b"', 'a\nb', '"a\nb"', '\r\n', ',', '"unterminated', 'x"y'),
  },
);
const quoteCell = (cell: string, how: number) =>
  how === 0 ? cell : how === 1 ? `"${cell.replace(/"/g, '""')}"` : `"${cell}"`; // 2: badly quoted

/** CSV: a header (sometimes with a text column), rows with quotes, newlines, ragged widths, BOMs. */
export const csvDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '\ufeff'),
    fc.array(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 }),
    fc.array(fc.array(fc.tuple(csvCell, fc.nat(2)), { maxLength: 6 }), { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([bom, header, rows, eol]) => {
    const head = header.map((h) => quoteCell(h, 1)).join(',');
    const body = rows.map((row) => row.map(([c, how]) => quoteCell(c, how)).join(',')).join(eol);
    return `${bom}${head}${eol}${body}`;
  });

// --- bytes ---------------------------------------------------------------------------------------

/** Raw bytes: random, valid UTF-8 of nasty text, UTF-8 with bad sequences spliced in, UTF-16. */
export const byteInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  newsText(20).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  fc
    .tuple(
      newsText(10),
      fc.constantFrom(
        [0xc0, 0x80], // overlong NUL
        [0xed, 0xa0, 0x80], // encoded surrogate
        [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xe2, 0x82], // truncated
        [0xff],
        [0x80],
        [0xf0, 0x9f, 0x98],
      ),
      fc.nat(),
    )
    .map(([s, bad, at]) => {
      const b = Buffer.from(s, 'utf8');
      const i = at % (b.length + 1);
      return new Uint8Array(Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]));
    }),
  fc
    .tuple(fc.constantFrom('utf16le', 'latin1'), fc.constantFrom('', '\ufeff'), newsText(10))
    .map(([enc, bom, s]) => new Uint8Array(Buffer.from(bom + s, enc as BufferEncoding))),
  htmlPage.map((h) => new Uint8Array(Buffer.from(`<meta charset="windows-1251">${h}`, 'latin1'))),
);
