// Plain-text cleaning: golden fixtures written for each noise kind (test/fixtures/clean/<case>/,
// `UPDATE=1` rewrites expected.txt), and golden checks on real scraped texts of the war sample,
// read at test time from ../shared/data (never copied here: they are copyrighted). Only articles
// GDELT saw before 2024 are used; the 2024 ones are held out.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Article, newArticle } from '../../core/document.js';
import { removeLines } from './blocks.js';
import { bylineOf } from './byline.js';
import { findDateline } from './dateline.js';
import { DEFAULT_CLEAN_OPTIONS } from './options.js';
import { normalizeText, plainTextBlocks } from './plain-text.js';
import { pageTimestamp } from './plain-text-clean.js';
import { classifyLine } from './plain-text-noise.js';
import { cleanStage } from './stage.js';
import { splitHeadline } from './teasers.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = `${ROOT}test/fixtures/clean/`;
const SAMPLE = `${ROOT}../shared/data/ukraine-war-news-gdelt-sample/articles.jsonl`;

const clean = cleanStage();
function cleanText(text: string, fields: Record<string, string> = {}): Article {
  return clean.run(
    newArticle({
      key: 'src:t.txt#0',
      source: 't.txt',
      position: 0,
      format: 'text',
      raw: text,
      fields: { ...fields, text },
    }),
  );
}

/** The clean result as a reviewable text: metadata, teasers, what was removed and why, then the text. */
function render(doc: Article): string {
  const out = [
    `title: ${doc.title}`,
    `published: ${doc.published} (${doc.provenance.publishedSource ?? '-'}, ${doc.provenance.publishedPrecision ?? '-'})`,
    `byline: ${doc.byline}`,
    `dateline: ${doc.dateline}`,
    ...doc.teasers.map((t) => `teaser: ${t.title} | ${t.text}`),
    ...doc.messages.map((m) => `message: ${m.rule}: ${m.reason}`),
    '---',
    doc.text,
  ];
  return `${out.join('\n')}\n`;
}

for (const name of readdirSync(FIXTURES).sort()) {
  test(`golden fixture: ${name}`, () => {
    const doc = cleanText(readFileSync(`${FIXTURES}${name}/input.txt`, 'utf8'));
    for (const b of doc.blocks) assert.ok(doc.text.slice(b.start, b.end).trim().length > 0, 'blocks index the text');
    const actual = render(doc);
    const expectedFile = `${FIXTURES}${name}/expected.txt`;
    if (process.env.UPDATE === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}

test('noise kinds of single lines, and body lines that look close to them but stay', () => {
  const kind = (line: string, isLast = false) => classifyLine(line, DEFAULT_CLEAN_OPTIONS, isLast);
  assert.equal(kind('facebook-white sharing button'), 'social');
  assert.equal(kind('Follow us:'), 'social');
  assert.equal(kind('Share this article'), 'social');
  assert.equal(kind('JOIN US ON TELEGRAM! Follow our coverage of the war on the @Kyivpost_official.'), 'social');
  assert.equal(kind('World | Kyiv shelled again | Grain deal stalls | Sport'), 'ticker');
  assert.equal(kind('Related Articles'), 'related');
  assert.equal(kind('Also Read | EU agrees sanctions'), 'related');
  assert.equal(kind('Full coverage of the war here'), 'related');
  assert.equal(kind('Back to top'), 'navigation');
  // shouted related-story links: at least 90 % capitals among the letters, four words or more
  assert.equal(kind("BIDEN WARNS RUSSIA OF 'SWIFT AND SEVERE CONSEQUENCES'"), 'related');
  assert.equal(kind('ЗЕЛЕНСЬКИЙ ЗВЕРНУВСЯ ДО НАЦІЇ ПІСЛЯ ОБСТРІЛУ КИЄВА'), 'related');
  assert.equal(kind('NATO SAYS RUSSIA MOVED 100,000 TROOPS TO THE BORDER of Ukraine'), null);
  assert.equal(kind('EU LEADERS MEET IN BRUSSELS TODAY.'), null);
  assert.equal(kind('Support Our Journalism'), 'appeal');
  assert.equal(kind('We cannot do without you'), 'appeal');
  assert.equal(kind('Photo: Reuters'), 'image-credit');
  assert.equal(kind('(Getty Images)'), 'image-credit');
  assert.equal(kind('We use cookies to give you the best experience; by continuing you accept them.'), 'cookie');
  assert.equal(kind('25 Feb 2022, 08:57 pm'), 'timestamp');
  assert.equal(kind('date 2022-03-02'), 'timestamp');
  assert.equal(kind('https://t.co/xyz'), 'url');
  assert.equal(kind('pic.twitter.com/AbC'), 'embed');
  assert.equal(kind('op', true), 'signature');
  assert.equal(kind('op', false), null, 'initials only at the very end');
  for (const body of [
    'Russia has accused the US and others of "escalating tensions" over the issue.',
    'Source: PAP, Reuters',
    'Glory to Ukraine!',
    'No',
    'What can stop Putin?',
    'Supporting "partisan resistance"',
    'The photo was taken by Reuters on Tuesday.',
    'Lviv (UA), March 24, 2022',
    'Follow the money, the minister said, and you will find the oligarchs.',
    'Share prices fell 5% in Moscow as the rouble slid.',
  ]) {
    assert.equal(kind(body), null, body);
  }
});

test('a teaser on one line is split into its headline and its summary sentence', () => {
  assert.deepEqual(
    splitHeadline(
      "Estonia’s PM: NATO Troop Training in Ukraine Won't Trigger War With Russia Kallas said that training would not be escalatory.",
    ),
    {
      title: "Estonia’s PM: NATO Troop Training in Ukraine Won't Trigger War With Russia",
      text: 'Kallas said that training would not be escalatory.',
    },
  );
  assert.deepEqual(splitHeadline('nothing title-like here at all.'), {
    title: null,
    text: 'nothing title-like here at all.',
  });
});

test('bylines and datelines', () => {
  assert.equal(bylineOf('By Jane Doe'), 'Jane Doe');
  assert.equal(bylineOf('By Timothy H.J. Nerozzi'), 'Timothy H.J. Nerozzi');
  assert.equal(bylineOf('Author/author: JS/KA'), 'JS/KA');
  assert.equal(bylineOf('By submitting your email, you agree to our Terms'), null);
  assert.equal(bylineOf('By the evening the streets were empty.'), null);
  const place = (s: string) => findDateline(s)?.place ?? null;
  assert.equal(place('Kyiv/IBNS: Ukraine said on Monday that talks would resume in Belarus.'), 'Kyiv');
  assert.equal(place('KYIV (Reuters) - Explosions were heard.'), 'Kyiv');
  assert.equal(place('MINSK, 28 January (BelTA) –Belarusian President Aleksandr Lukashenko said.'), 'Minsk');
  assert.equal(
    place('Kyiv: Ukrainian forces repelled an attack on the capital, the defence ministry said on Friday.'),
    'Kyiv',
  );
  assert.equal(place('Kyiv, Ukraine CNN —'), 'Kyiv');
  assert.equal(place('NEW YORK — Stocks fell.'), 'New York');
  assert.equal(place('EXCLUSIVE: Sen. Lindsey Graham said Florida Gov. Ron DeSantis was taking the wrong line.'), null);
  assert.equal(place('Russian troops massed near the border, officials said.'), null);
});

test('a leading date far after the dates the story states is a page timestamp', () => {
  const body = 'The invasion began on February 24, 2022. Talks were held on 3 March 2022.';
  assert.match(pageTimestamp('2024-05-02', body, 180) ?? '', /days after/);
  assert.equal(pageTimestamp('2022-03-04', body, 180), null);
  assert.equal(pageTimestamp('2024-02-24', `${body} Two years on, in 2024, the war goes on.`, 180), null);
});

test('removeLines keeps block kinds and spans', () => {
  const text = 'Head\n\nOne line.\nNOISE\nTwo line.\n\nNOISE\n\nLast.';
  const blocks = plainTextBlocks(text);
  const out = removeLines(text, blocks, new Set([3, 6]));
  assert.equal(out.text, 'Head\n\nOne line.\nTwo line.\n\nLast.');
  assert.deepEqual(
    out.blocks.map((b) => out.text.slice(b.start, b.end)),
    ['Head', 'One line.\nTwo line.', 'Last.'],
  );
  const html = removeLines(
    'A\n\nB',
    [
      { kind: 'heading', start: 0, end: 1 },
      { kind: 'quote', start: 3, end: 4 },
    ],
    new Set([0]),
  );
  assert.deepEqual(html, { text: 'B', blocks: [{ kind: 'quote', start: 0, end: 1 }] });
});

// Real scraped texts: given noise lines are gone, given body sentences survive.
interface RealCase {
  id: string;
  gone: string[];
  kept: string[];
  check?: (doc: Article) => void;
}
const REAL: RealCase[] = [
  {
    id: '20220202T180000Z_US_en_46dc752107',
    gone: ['CLICK HERE TO GET THE FOX NEWS APP', "BIDEN WARNS RUSSIA OF 'SWIFT AND SEVERE CONSEQUENCES'"],
    kept: ['There are already approximately 900 U.S. troops in Romania.', '"An attack on one is an attack on all."'],
  },
  {
    id: '20220722T110000Z_UA_en_0a9e430743',
    gone: ['JOIN US ON TELEGRAM!', '\nAdvertisement\n', 'Other Topics of Interest'],
    kept: ['Good health to you, fellow Ukrainians!', 'Colonel-General Oleksandr Syrskyi, Commander of the Land Forces'],
    check: (doc) =>
      assert.equal(doc.teasers[0]?.title, "Estonia’s PM: NATO Troop Training in Ukraine Won't Trigger War With Russia"),
  },
  {
    id: '20220126T083000Z_PL_en_5be7729074',
    gone: ['PAP/ Reuters/ Maciej Zieliński', 'Author/author: JS/KA'],
    kept: ['What can stop Putin?', 'Asked whether during the talks of the presidents there was a request'],
    check: (doc) => assert.equal(doc.byline, 'JS/KA'),
  },
  {
    id: '20220130T110000Z_PL_en_945b3ea7d7',
    gone: ['Potential scenario of the invasion of Ukraine PAP', '\nExpand\n'],
    kept: ["Johnson's appeal", 'Supporting "partisan resistance"', 'It will be very, very difficult for Russia'],
  },
  {
    id: '20220216T110000Z_UA_en_0d9007cfe7',
    gone: ['16:14'],
    kept: ['On the sidelines of the Munich Security Conference'],
  },
  {
    id: '20220128T100000Z_BY_en_bffa710ceb',
    gone: [],
    kept: ['MINSK, 28 January (BelTA) –Belarusian President'],
    check: (doc) => assert.equal(doc.dateline, 'Minsk'),
  },
  {
    id: '20220201T074500Z_US_en_1d4e7ba9ad',
    gone: [],
    kept: ['one world leader remained decidedly above the fray'],
    check: (doc) => assert.equal(doc.dateline, 'Moscow'),
  },
  {
    id: '20220127T173000Z_US_en_4c5e1bf0c7',
    gone: ['Newsletter As news happens', 'By submitting your email'],
    kept: [],
    check: (doc) => assert.equal(doc.text, '', 'a page that is all newsletter furniture has no body'),
  },
  {
    id: '20220211T121500Z_GB_en_3956c3804f',
    gone: ['View image in fullscreen'],
    kept: [],
  },
  {
    id: '20220420T121500Z_US_en_e153b36b7c',
    gone: ['(Anthony Kwan/Bloomberg/Getty Images)'],
    kept: [
      'Russian billionaire Oleg Tinkov has blasted Russia\'s war in Ukraine, calling on the West to do more to "stop this massacre."',
    ],
  },
  { id: '20220620T203000Z_US_en_c20d7786cd', gone: ['Image 1 of 3 next', 'Image 2 of 3'], kept: [] },
  {
    id: '20230617T120000Z_GB_en_62966cd7a2',
    gone: ['We need your consent to load this Social Media content'],
    kept: [],
  },
  {
    id: '20220419T081500Z_PL_en_625972e59e',
    gone: ['Help Ukraine, join the collection'],
    kept: [],
  },
  {
    id: '20220128T094500Z_PL_en_283eee190d',
    gone: ["Sign up for Onet's newsletter"],
    kept: [],
  },
  {
    id: '20220204T123000Z_UA_en_1d3757904e',
    gone: ['\nop'],
    kept: ['On January 27, the Polish Sejm also adopted a resolution in support of Ukraine.'],
  },
  {
    id: '20220411T114500Z_US_en_48060fadee',
    gone: [],
    kept: ['Putin should be viewed as an outlaw and war criminal on the world stage.'],
    check: (doc) =>
      assert.equal(
        doc.text.split('Putin should be viewed as an outlaw and war criminal on the world stage.').length,
        2,
      ),
  },
];

interface SampleRow {
  id: string;
  gdelt_seendate: string;
  text: string;
  lang_label: string;
}
const sample: SampleRow[] = existsSync(SAMPLE)
  ? readFileSync(SAMPLE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SampleRow)
      .filter((row) => row.gdelt_seendate < '2024')
  : [];
const sampleSkip = sample.length === 0 ? 'the war sample is not in ../shared/data' : false;

test('golden checks on real scraped texts (war sample, before 2024)', { skip: sampleSkip }, () => {
  const byId = new Map(sample.map((row) => [row.id, row]));
  for (const c of REAL) {
    const row = byId.get(c.id);
    assert.ok(row, c.id);
    for (const gone of c.gone) assert.ok(row.text.includes(gone.trim()), `${c.id}: the input has ${gone}`);
    const doc = cleanText(row.text, { published: row.gdelt_seendate });
    for (const gone of c.gone) assert.ok(!`\n${doc.text}\n`.includes(gone), `${c.id}: ${JSON.stringify(gone)} is gone`);
    for (const kept of c.kept) assert.ok(doc.text.includes(kept), `${c.id}: ${JSON.stringify(kept)} survives`);
    c.check?.(doc);
  }
});

test('no paragraph of prose is lost anywhere in the pre-2024 sample', { skip: sampleSkip }, () => {
  // Long lines are prose; the only ones cleaning may take out are repeats and teasers (whose
  // text is kept as a teaser record) and the reviewed notices and captions below.
  const reviewed = [
    /^By submitting your email, you agree/,
    /^You’re reading an excerpt from the Today’s WorldView newsletter/,
    /^View image in fullscreen /, // a photo caption ending in "Photograph: …"
    /\([^()]*Getty Images\)$/, // a photo caption ending in its credit
    /^(?:See the video|VIEW VIDEO|You can also listen to)\b/, // links to a video or podcast
    /^Support the collection of the PCPM Foundation\b/, // a donation appeal
    /^We need your consent to load this Social Media content\b/, // a consent banner
    /^More important information can be found on the Onet's main page\.If you don't want to miss/,
  ];
  let checked = 0;
  for (const row of sample) {
    const doc = cleanText(row.text, { published: row.gdelt_seendate });
    const teaserText = doc.teasers.map((t) => `${t.title ?? ''} ${t.text}`).join('\n');
    for (const raw of row.text.split('\n')) {
      const line = raw.trim().replace(/\s+/g, ' ');
      if (line.length < 120) continue;
      checked++;
      if (doc.text.includes(line) || doc.title === line || reviewed.some((r) => r.test(line))) continue;
      if (teaserText.length > 0 && line.startsWith('Other Topics of Interest')) continue;
      assert.fail(`${row.id}: a prose line was removed: ${line.slice(0, 120)}`);
    }
  }
  assert.ok(checked > 3000, `checked ${checked} lines`);
});

test('lone surrogates become U+FFFD, pairs stay (SQLite would store each as three characters; found by fuzzing)', () => {
  const { text } = normalizeText('high \ud800 low \udfff reversed \udc00\ud800 pair 😀 end');
  assert.equal(text, 'high \ufffd low \ufffd reversed \ufffd\ufffd pair 😀 end');
  assert.equal(text.length, 'high \ud800 low \udfff reversed \udc00\ud800 pair 😀 end'.length);
});
