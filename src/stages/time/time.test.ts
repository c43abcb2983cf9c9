import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Article, newArticle } from '../../core/document.js';
import { createPipeline } from '../../core/pipeline.js';
import { defaultStages } from '../index.js';
import { dateForSpan, type TimexData, timeStage } from './index.js';

/** An article as the clean stage would leave it, built by hand. */
function article(text: string, published: string | null, extra: Partial<Article> = {}): Article {
  const doc = newArticle({ key: 'src:test#0', source: 'test', position: 0, format: 'text', raw: text, fields: {} });
  return { ...doc, text, published, ...extra };
}

function run(text: string, published: string | null, extra: Partial<Article> = {}): Article {
  return timeStage().run(article(text, published, extra));
}

function timexes(doc: Article): Array<{ quote: string; id: string } & TimexData> {
  return doc.facts
    .filter((f) => f.kind === 'timex')
    .map((f) => ({ quote: f.evidence?.quote ?? '', id: f.id, ...(f.data as unknown as TimexData) }));
}

interface Golden {
  pattern: string;
  text: string;
  published: string | null;
  /** The quoted text of the timex and what it must resolve to. */
  expect: Array<{ quote: string; value: string; type?: string; precision?: string }>;
}

// One case per pattern; each is resolved against its own publication date.
const GOLDEN: Golden[] = [
  {
    pattern: 'past-tense bare weekday: the most recent such day on or before publication',
    text: 'Russian forces shelled Kharkiv on Monday.',
    published: '2022-03-02',
    expect: [{ quote: 'Monday', value: '2022-02-28', type: 'DATE', precision: 'day' }],
  },
  {
    pattern: 'past-tense weekday six days back (a nearest-day rule would say tomorrow)',
    text: 'The convoy was first spotted on Thursday north of Kyiv.',
    published: '2022-03-02',
    expect: [{ quote: 'Thursday', value: '2022-02-24' }],
  },
  {
    pattern: 'past-tense weekday four days back, "said Friday"',
    text: 'The ministry said Friday that it had evacuated the embassy.',
    published: '2022-03-01',
    expect: [{ quote: 'Friday', value: '2022-02-25' }],
  },
  {
    pattern: 'weekday named on the publication day is that day',
    text: 'Explosions were heard in Kyiv early on Thursday.',
    published: '2022-02-24T03:30:00Z',
    expect: [{ quote: 'Thursday', value: '2022-02-24' }],
  },
  {
    pattern: 'future context takes the next such day',
    text: 'Talks are expected to resume on Thursday in Belarus.',
    published: '2022-03-02',
    expect: [{ quote: 'Thursday', value: '2022-03-03' }],
  },
  {
    pattern: 'future with "will"',
    text: 'The delegations will meet again on Monday.',
    published: '2022-03-02',
    expect: [{ quote: 'Monday', value: '2022-03-07' }],
  },
  {
    pattern: '"next" weekday',
    text: 'A vote is planned for next Wednesday.',
    published: '2022-03-02',
    expect: [{ quote: 'next Wednesday', value: '2022-03-09' }],
  },
  {
    pattern: 'a time belongs to the day named just before it',
    text: 'On Tuesday night at around 10:00 pm a missile hit the square.',
    published: '2022-03-02',
    expect: [
      { quote: 'Tuesday night', value: '2022-03-01TNI', type: 'TIME', precision: 'part-of-day' },
      { quote: '10:00 pm', value: '2022-03-01T22:00', type: 'TIME', precision: 'minute' },
    ],
  },
  {
    pattern: 'a time followed by its day is one expression',
    text: 'The ultimatum will expire at 15:00 GMT Saturday.',
    published: '2022-03-02',
    expect: [{ quote: '15:00 GMT Saturday', value: '2022-03-05T15:00', type: 'TIME' }],
  },
  {
    pattern: 'a time with an "(IST)" suffix keeps its zone in the span',
    text: 'Flights resumed at 5:30 am (IST) on Wednesday.',
    published: '2022-03-02',
    expect: [{ quote: '5:30 am (IST)', value: '2022-03-02T05:30', type: 'TIME' }],
  },
  {
    pattern: '"last week" is the previous ISO week',
    text: 'Last week the parliament approved martial law.',
    published: '2022-03-02',
    expect: [{ quote: 'Last week', value: '2022-W08', precision: 'week' }],
  },
  {
    pattern: '"earlier this week" is the current ISO week',
    text: 'Earlier this week the talks stalled.',
    published: '2022-03-02',
    expect: [{ quote: 'Earlier this week', value: '2022-W09' }],
  },
  {
    pattern: 'today, yesterday, tomorrow, tonight',
    text: 'Yesterday the city was shelled; today it is quiet; tomorrow talks resume, and tonight a curfew begins.',
    published: '2022-03-02',
    expect: [
      { quote: 'Yesterday', value: '2022-03-01' },
      { quote: 'today', value: '2022-03-02' },
      { quote: 'tomorrow', value: '2022-03-03' },
      { quote: 'tonight', value: '2022-03-02TNI', type: 'TIME' },
    ],
  },
  {
    pattern: 'bare year, "since" year, "in" year',
    text: 'Crimea was annexed in 2014. The treaty has held since 1997. The 2022 invasion changed that.',
    published: '2022-03-02',
    expect: [
      { quote: '2014', value: '2014', precision: 'year' },
      { quote: '1997', value: '1997' },
      { quote: '2022', value: '2022' },
    ],
  },
  {
    pattern: 'epoch day: "the 27th day" of the 2022 invasion (2022-02-24 is day 1)',
    text: 'It is the 27th day of the war.',
    published: '2022-03-22',
    expect: [{ quote: 'the 27th day', value: '2022-03-22', precision: 'day' }],
  },
  {
    pattern: 'epoch day: "Day 2"',
    text: 'On Day 2 of the invasion Russian troops reached Chernihiv.',
    published: '2022-03-01',
    expect: [{ quote: 'Day 2', value: '2022-02-25' }],
  },
  {
    pattern: 'epoch day before any epoch is in force stays unresolved',
    text: 'It was the 99th day of his term.',
    published: '2013-03-22',
    expect: [{ quote: 'the 99th day', value: 'XXXX-XX-XX' }],
  },
  {
    pattern: 'absolute dates in several spellings',
    text: 'On Tuesday, March 1, 2022, and on 24 February 2022 and 2022-02-26, the UN met.',
    published: '2022-03-05',
    expect: [
      { quote: 'Tuesday, March 1, 2022', value: '2022-03-01' },
      { quote: '24 February 2022', value: '2022-02-24' },
      { quote: '2022-02-26', value: '2022-02-26' },
    ],
  },
  {
    pattern: 'month without a year: the nearest one, past context',
    text: 'The troops massed on the border in November.',
    published: '2022-03-02',
    expect: [{ quote: 'November', value: '2021-11', precision: 'month' }],
  },
  {
    pattern: 'month and day without a year',
    text: 'Sanctions were announced on Feb. 22.',
    published: '2022-03-02',
    expect: [{ quote: 'Feb. 22', value: '2022-02-22' }],
  },
  {
    pattern: 'durations',
    text: 'The conflict in Donbas has lasted eight years; the past two weeks were the worst.',
    published: '2022-03-02',
    expect: [
      { quote: 'eight years', value: 'P8Y', type: 'DURATION', precision: 'duration' },
      { quote: 'the past two weeks', value: 'P2W', type: 'DURATION' },
    ],
  },
  {
    pattern: 'present and past references',
    text: 'The city is now encircled, and was recently cut off.',
    published: '2022-03-02',
    expect: [
      { quote: 'now', value: 'PRESENT_REF', precision: 'reference' },
      { quote: 'recently', value: 'PAST_REF' },
    ],
  },
  {
    pattern: 'quarters, seasons, decades',
    text: 'Growth fell in the first quarter of 2022, after last summer, unlike in the 1990s.',
    published: '2022-03-02',
    expect: [
      { quote: 'the first quarter of 2022', value: '2022-Q1', precision: 'quarter' },
      { quote: 'last summer', value: '2021-SU' },
      { quote: 'the 1990s', value: '199', precision: 'decade' },
    ],
  },
  {
    pattern: 'sets',
    text: 'Trains leave daily and the council meets every Monday.',
    published: '2022-03-02',
    expect: [
      { quote: 'daily', value: 'P1D', type: 'SET' },
      { quote: 'every Monday', value: 'XXXX-WXX-1', type: 'SET' },
    ],
  },
  {
    pattern: 'two weeks ago',
    text: 'Two weeks ago the embassy was moved to Lviv.',
    published: '2022-03-02',
    expect: [{ quote: 'Two weeks ago', value: '2022-W07' }],
  },
];

for (const golden of GOLDEN) {
  test(`time: ${golden.pattern}`, () => {
    const found = timexes(run(golden.text, golden.published));
    for (const e of golden.expect) {
      const t = found.find((f) => f.quote === e.quote);
      const context = `${JSON.stringify(e.quote)} in ${JSON.stringify(golden.text)} published ${golden.published}`;
      assert.ok(t, `${context}: not found; found ${JSON.stringify(found.map((f) => `${f.quote}=${f.value}`))}`);
      assert.equal(t.value, e.value, `${context}: value`);
      if (e.type) assert.equal(t.type, e.type, `${context}: type`);
      if (e.precision) assert.equal(t.precision, e.precision, `${context}: precision`);
      if (golden.published && !/^P|_REF$|^XXXX|^P/.test(t.value) && t.type !== 'SET')
        assert.equal(t.anchor === null || t.anchor === golden.published.slice(0, 10), true, `${context}: anchor`);
    }
  });
}

// No false dates: counts, scores, ratios, ages, idioms and units are not dates or times.
const NOT_DATES: Array<[string, string]> = [
  ['vote count', 'The resolution passed 141 to 5 in the General Assembly.'],
  ['score', 'Shakhtar won 3-1 and Dynamo drew 2:2.'],
  ['ratio', 'The ratio of 1:10 held across the region.'],
  ['age', 'Men over 60 years old may leave the country.'],
  ['hyphenated age', 'A 60-year-old man was among the wounded.'],
  ['idiom "in a week"', 'Plans of years were undone in a week.'],
  ['unit', 'The column stretched 60km north of the city.'],
  ['quantity', 'Some 2000 troops and about 1500 people crossed, with 2,000 more due.'],
];

for (const [what, text] of NOT_DATES) {
  test(`time: no false dates: ${what}`, () => {
    const dates = timexes(run(text, '2022-03-02')).filter((t) => t.type === 'DATE' || t.type === 'TIME');
    assert.deepEqual(
      dates.map((t) => `${t.quote}=${t.value}`),
      [],
      `${JSON.stringify(text)} has no dates`,
    );
  });
}

test('time: "in a week" is at most a duration, never a date a week later', () => {
  const found = timexes(run('Plans of years were undone in a week.', '2022-03-02'));
  assert.ok(
    found.every((t) => t.type === 'DURATION'),
    JSON.stringify(found),
  );
});

test('time: 31 February is not a date, and says so', () => {
  const doc = run('The decree was dated 31 February 2022.', '2022-03-02');
  assert.deepEqual(timexes(doc), [], 'no timex in "31 February 2022"');
  assert.deepEqual(
    doc.messages.map((m) => m.rule),
    ['time-impossible-date'],
  );
  assert.deepEqual(doc.messages[0]?.span, { start: 21, end: 37 });
});

test('time: 03/04/22 is decided by the outlet country, else ambiguous', () => {
  const text = 'The order was signed on 03/04/22.';
  const us = timexes(run(text, '2022-04-05', { url: 'https://www.nytimes.com/x' }));
  assert.equal(us[0]?.value, '2022-03-04', `"03/04/22" at nytimes.com`);
  const uk = timexes(run(text, '2022-04-05', { url: 'https://news.example.co.uk/x' }));
  assert.equal(uk[0]?.value, '2022-04-03', `"03/04/22" at a .co.uk outlet`);
  const unknown = run(text, '2022-04-05');
  const t = timexes(unknown)[0];
  assert.equal(t?.value, '2022', `"03/04/22" with no country keeps only the year`);
  assert.deepEqual(t?.readings, ['2022-03-04', '2022-04-03']);
  assert.deepEqual(
    unknown.messages.map((m) => m.rule),
    ['time-ambiguous-date'],
  );
  // 24.02.2022 is day-first whatever the outlet: the dot is the European spelling.
  assert.equal(timexes(run('Signed 24.02.2022.', '2022-04-05'))[0]?.value, '2022-02-24');
});

test("time: a two-digit year is read in the century nearest the article's date", () => {
  assert.equal(timexes(run('Born in the summer of \u201958? No: in May 1958.', '2022-03-02')).at(-1)?.value, '1958-05');
  assert.equal(timexes(run('Signed on 24.02.22.', '2022-03-02'))[0]?.value, '2022-02-24');
});

test('time: no publication date: nothing relative is resolved, absolute dates are kept, one message', () => {
  const doc = run('On Monday, troops moved. Last week talks failed. The invasion began on 24 February 2022.', null);
  const found = timexes(doc);
  const byQuote = Object.fromEntries(found.map((t) => [t.quote, t]));
  assert.equal(byQuote.Monday?.value, 'XXXX-WXX-1', '"Monday" without a publication date');
  assert.equal(byQuote['Last week']?.value, 'XXXX-WXX', '"Last week" without a publication date');
  assert.equal(byQuote['24 February 2022']?.value, '2022-02-24', '"24 February 2022" is absolute');
  assert.ok(found.every((t) => t.anchor === null));
  assert.deepEqual(
    doc.messages.map((m) => m.rule),
    ['time-no-anchor'],
  );
});

test('time: facts quote the text exactly, have stable ids, and a rerun does not duplicate them', () => {
  const text = 'On Monday, March 1, 2022, at 5 p.m., shelling resumed; it had stopped last week.';
  const once = run(text, '2022-03-02');
  for (const fact of once.facts) {
    assert.equal(fact.kind, 'timex');
    assert.equal(fact.stage, 'time');
    const e = fact.evidence;
    assert.ok(e);
    assert.equal(text.slice(e.start, e.end), e.quote);
    assert.equal(e.article, once.id);
  }
  const twice = timeStage().run(once);
  assert.deepEqual(
    twice.facts.map((f) => f.id),
    once.facts.map((f) => f.id),
  );
});

test('time: the default pipeline runs time right after clean', () => {
  const pipeline = createPipeline(defaultStages());
  const names = pipeline.stages.map((s) => s.name);
  assert.deepEqual(names.slice(0, 2), ['clean', 'time']);
  const record = {
    key: 'id:x',
    source: 'x.json',
    position: 0,
    format: 'json' as const,
    raw: '',
    fields: { id: 'x', text: 'Kyiv was shelled on Monday.', published: '2022-03-02' },
  };
  const doc = pipeline.run(newArticle(record));
  assert.deepEqual(
    timexes(doc).map((t) => `${t.quote}=${t.value}`),
    ['Monday=2022-02-28'],
  );
});

test('dateForSpan: the timex governing the sentence, else the publication date at week precision', () => {
  const text =
    'On Monday, a missile struck the TV tower. Last week, the convoy stalled. In February, troops massed. Officials gave no figures.';
  const doc = run(text, '2022-03-02');
  const ids = Object.fromEntries(timexes(doc).map((t) => [t.quote, t.id]));
  const spanOf = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  assert.deepEqual(dateForSpan(doc, spanOf('a missile struck')), {
    date: '2022-02-28',
    precision: 1,
    timex: ids.Monday,
  });
  assert.deepEqual(dateForSpan(doc, spanOf('the convoy stalled')), {
    date: '2022-02-21',
    precision: 2,
    timex: ids['Last week'],
  });
  assert.deepEqual(dateForSpan(doc, spanOf('troops massed')), {
    date: '2022-02-01',
    precision: 3,
    timex: ids['In February'] ?? ids.February,
  });
  assert.deepEqual(dateForSpan(doc, spanOf('no figures')), { date: '2022-03-02', precision: 2, timex: null });
  const undated = run('Officials gave no figures.', null);
  assert.deepEqual(dateForSpan(undated, { start: 0, end: 9 }), { date: null, precision: 3, timex: null });
});

test('dateForSpan: a date after the span counts when none precedes it; durations never do', () => {
  const text = 'Troops entered Kherson on Wednesday after eight days of fighting.';
  const doc = run(text, '2022-03-04');
  const id = timexes(doc).find((t) => t.quote === 'Wednesday')?.id;
  assert.deepEqual(dateForSpan(doc, { start: 0, end: 14 }), { date: '2022-03-02', precision: 1, timex: id });
});
