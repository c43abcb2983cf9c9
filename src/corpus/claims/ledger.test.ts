// The claims ledger: sightings instead of double counts, series per claimant, the compatibility
// rule (cumulative counts grow, ranges overlap) and the conflict example of issue 6.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLedger, compatible, type LedgerClaim, sameClaim } from './ledger.js';

let next = 0;
function claim(
  over: Partial<LedgerClaim['data']> & { article?: string; published?: string; duplicateOf?: string | null },
): LedgerClaim {
  const { article = `a${next}`, published = '2022-03-01', duplicateOf = null, ...data } = over;
  next++;
  return {
    id: `claim-${next}`,
    article,
    published,
    duplicateOf,
    story: null,
    start: 0,
    end: 50,
    data: {
      value: 1000,
      low: 1000,
      high: 1000,
      qualifier: 'exact',
      metric: 'killed',
      side: 'russian-military',
      what: 'Russian soldiers',
      claimant: 'Ministry of Defence of Ukraine',
      claimantEntity: 'actor:ua-mod',
      date: published.slice(0, 10),
      location: null,
      ...data,
    },
  };
}

test('the same claim in three articles and a teaser is one group with four sightings', () => {
  const a = claim({ article: 'x1', published: '2022-02-25' });
  const b = claim({ article: 'x2', published: '2022-02-26' });
  const c = claim({ article: 'x3', published: '2022-02-27' });
  // the teaser drops the attribution: still the same claim, as it is a duplicate of x1
  const teaser = claim({
    article: 't1',
    published: '2022-02-25',
    duplicateOf: 'x1',
    claimant: null,
    claimantEntity: null,
  });
  const other = claim({ article: 'x4', value: 2000, low: 2000, high: 2000 });
  const ledger = buildLedger([c, teaser, a, b, other]);
  assert.equal(ledger.groups.length, 2);
  const group = ledger.groups.find((g) => g.value === 1000)!;
  assert.deepEqual(
    group.sightings.map((s) => s.article),
    ['x1', 'x2', 'x3', 't1'],
  );
  assert.equal(group.claimant, 'Ministry of Defence of Ukraine');
  assert.equal(group.date, '2022-02-25');
  // an unattributed figure in an unrelated article is not the ministry's claim
  assert.equal(sameClaim(a, claim({ article: 'y', claimant: null, claimantEntity: null })), false);
  // nor is the same figure a month later
  assert.equal(sameClaim(a, claim({ article: 'z', published: '2022-04-01' })), false);
});

test('series: one timeline per metric, side and claimant, in date order', () => {
  const ledger = buildLedger([
    claim({ published: '2022-03-10', value: 12000, low: 12000, high: 12000 }),
    claim({ published: '2022-02-27', value: 4300, low: 4300, high: 4300 }),
    claim({ published: '2022-03-02', value: 5840, low: 5840, high: 5840 }),
    claim({
      published: '2022-03-02',
      value: 498,
      low: 498,
      high: 498,
      claimant: 'Ministry of Defence of the Russian Federation',
      claimantEntity: 'actor:ru-mod',
    }),
  ]);
  assert.equal(ledger.series.length, 2);
  const ukraine = ledger.series.find((s) => s.claimantEntity === 'actor:ua-mod')!;
  assert.deepEqual(
    ukraine.points.map((p) => p.value),
    [4300, 5840, 12000],
  );
  // the Ukrainian series grows: no conflict inside it; Russia's 498 on 2 March conflicts with Ukraine's
  // 4,300 of 27 February and 5,840 of 2 March, not with the 12,000 of 10 March
  assert.equal(ledger.conflicts.length, 2);
  assert.ok(ledger.conflicts.every((c) => c.claims.length === 2 && !/12000/.test(c.note)));
});

test('conflict: Ukraine over 1,000 Russian soldiers killed by 25 Feb, Russia 498 by 2 Mar', () => {
  const ukraine = claim({ published: '2022-02-25', qualifier: 'more-than', high: null });
  const russia = claim({
    published: '2022-03-02',
    value: 498,
    low: 498,
    high: 498,
    claimant: 'Ministry of Defence of the Russian Federation',
    claimantEntity: 'actor:ru-mod',
  });
  const ledger = buildLedger([ukraine, russia]);
  assert.equal(ledger.conflicts.length, 1);
  const conflict = ledger.conflicts[0]!;
  assert.equal(conflict.metric, 'killed');
  assert.deepEqual(conflict.subject, { side: 'russian-military', region: null });
  assert.equal(conflict.claims.length, 2);
  assert.match(conflict.note, /more than 1,000 .*498/);
});

test('compatibility: growth, overlapping ranges, about-figures and non-cumulative metrics', () => {
  const base = { qualifier: 'exact', metric: 'killed' };
  const at = (
    value: number,
    date: string,
    extra: Partial<{ low: number | null; high: number | null; qualifier: string; metric: string }> = {},
  ) => ({
    ...base,
    value,
    low: value,
    high: value,
    date,
    ...extra,
  });
  // a later, larger cumulative figure is compatible; a later smaller one is not
  assert.equal(compatible(at(1000, '2022-03-01'), at(5000, '2022-04-01')), true);
  assert.equal(compatible(at(5000, '2022-03-01'), at(1000, '2022-04-01')), false);
  // same period: the ranges must overlap
  assert.equal(
    compatible(at(70000, '2022-08-08', { low: 70000, high: 80000, qualifier: 'range' }), at(75000, '2022-08-09')),
    true,
  );
  assert.equal(
    compatible(at(70000, '2022-08-08', { low: 70000, high: 80000, qualifier: 'range' }), at(20000, '2022-08-08')),
    false,
  );
  // "about 1,000" allows 950; "over 1,000" does not allow 900
  assert.equal(compatible(at(1000, '2022-03-01', { qualifier: 'about' }), at(950, '2022-03-01')), true);
  assert.equal(
    compatible(at(1000, '2022-03-01', { high: null, qualifier: 'more-than' }), at(900, '2022-03-01')),
    false,
  );
  // troop numbers go up and down: different periods never conflict
  assert.equal(
    compatible(at(190000, '2022-02-18', { metric: 'troops' }), at(100000, '2022-04-01', { metric: 'troops' })),
    true,
  );
});

test('aid packages never conflict; claims a season apart are different periods', () => {
  const claim = (id: string, metric: string, value: number, claimant: string, date: string) =>
    ({
      id,
      article: `a-${id}`,
      published: date,
      duplicateOf: null,
      story: null,
      start: 0,
      end: 10,
      data: {
        value,
        low: value,
        high: value,
        qualifier: 'exact',
        metric: metric as LedgerClaim['data']['metric'],
        side: metric === 'aid' ? 'ukraine' : 'civilians',
        what: '',
        claimant,
        claimantEntity: null,
        date,
        location: null,
        // the civilian death counts here are tallies ("… killed so far")
        cumulative: metric === 'killed',
      },
    }) satisfies LedgerClaim;
  const ledger = buildLedger([
    claim('p1', 'aid', 800_000_000, 'Joe Biden', '2022-03-16'),
    claim('p2', 'aid', 400_000_000, 'Jake Sullivan', '2022-03-20'),
    claim('k1', 'killed', 500, 'UN', '2022-03-01'),
    claim('k2', 'killed', 100, 'Russia', '2022-06-01'),
    claim('k3', 'killed', 50, 'Russia', '2022-03-03'),
  ]);
  assert.deepEqual(
    ledger.conflicts.map((c) => c.claims.map((id) => ledger.groups.find((g) => g.id === id)?.value)),
    [[500, 50]],
  );
});

test('an incident count is no dispute of a running total; one incident told two ways is', () => {
  const civilians = (id: string, value: number, claimant: string, story: string, cumulative: boolean) =>
    ({
      ...claim({ value, low: value, high: value, side: 'civilians', claimant, claimantEntity: null, cumulative }),
      id,
      story,
    }) satisfies LedgerClaim;
  // "over 1,000 civilians killed since the invasion" (a tally) and, weeks later in another story,
  // "87 killed in the strike on Desna": different quantities
  const apart = buildLedger([
    { ...civilians('total', 1000, 'Volodymyr Zelensky', 's1', true), published: '2022-03-01' },
    { ...civilians('strike', 87, 'Regional governor', 's2', false), published: '2022-03-20' },
  ]);
  assert.equal(apart.conflicts.length, 0);
  // the same strike in one story: 30 killed says one side, 5 the other
  const strike = buildLedger([
    civilians('ua', 30, 'Ukrainian officials', 's3', false),
    civilians('ru', 5, 'Russian Ministry of Defence', 's3', false),
  ]);
  assert.equal(strike.conflicts.length, 1);
  // military losses are tallies by convention: two ministries' figures conflict across stories
  const losses = buildLedger([
    { ...claim({ value: 1000, low: 1000, high: 1000 }), story: 'a', published: '2022-02-25' },
    {
      ...claim({ value: 498, low: 498, high: 498, claimant: 'Russian MoD', claimantEntity: 'actor:ru-mod' }),
      story: 'b',
      published: '2022-03-02',
    },
  ]);
  assert.equal(losses.conflicts.length, 1);
});
