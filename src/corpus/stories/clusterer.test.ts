import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { averageLink, StoryClusterer } from './clusterer.js';

// Two incidents of the same kind on the same day in two cities must stay two stories.
const KHARKIV = [
  'Missiles struck the centre of Kharkiv on Tuesday, killing 10 people near the regional administration on Freedom Square, governor Synehubov said.',
  'The strike on Freedom Square in Kharkiv destroyed part of the regional administration building; Synehubov said 10 people died.',
  'Rescuers in Kharkiv searched the ruins of the regional administration on Freedom Square after the missile strike that killed 10.',
];
const ODESA = [
  'A missile hit a grain warehouse in the port of Odesa on Tuesday, the southern military command said; two workers were injured.',
  'Odesa port officials said the missile destroyed a grain warehouse and injured two workers, the southern command reported.',
  'The southern command said air defences over Odesa shot down one missile but a second hit the port grain warehouse.',
];

test('articles about two incidents of one kind form two stories, whatever the arrival order', () => {
  for (const order of [
    [0, 1, 2, 3, 4, 5],
    [0, 3, 1, 4, 2, 5],
    [5, 2, 4, 1, 3, 0],
  ]) {
    const docs = [
      ...KHARKIV.map((text, i) => ({ id: `k${i}`, text })),
      ...ODESA.map((text, i) => ({ id: `o${i}`, text })),
    ];
    const clusterer = new StoryClusterer({ threshold: 0.12 });
    const storyOf = new Map<string, string>();
    for (const i of order) {
      const doc = docs[i]!;
      const assignment = clusterer.assign({ ...doc, time: Date.parse('2022-03-01T10:00:00Z') });
      storyOf.set(doc.id, assignment.story);
      for (const m of assignment.moved) storyOf.set(m.id, m.story);
    }
    const kharkiv = new Set(['k0', 'k1', 'k2'].map((id) => storyOf.get(id)));
    const odesa = new Set(['o0', 'o1', 'o2'].map((id) => storyOf.get(id)));
    assert.equal(kharkiv.size, 1, `order ${order}: Kharkiv split ${[...storyOf]}`);
    assert.equal(odesa.size, 1, `order ${order}: Odesa split ${[...storyOf]}`);
    assert.notDeepEqual([...kharkiv], [...odesa], `order ${order}: the two incidents merged`);
  }
});

test('articles further apart than the window start a new story', () => {
  const clusterer = new StoryClusterer({ threshold: 0.12, windowDays: 14 });
  const first = clusterer.assign({ id: 'a', text: KHARKIV[0]!, time: Date.parse('2022-03-01') });
  const near = clusterer.assign({ id: 'b', text: KHARKIV[1]!, time: Date.parse('2022-03-03') });
  const far = clusterer.assign({ id: 'c', text: KHARKIV[2]!, time: Date.parse('2022-06-01') });
  assert.equal(near.story, first.story);
  assert.notEqual(far.story, first.story);
  assert.equal(far.created, true);
});

test('forgotten stories leave the lookup index, so it follows the stories held', () => {
  const unrelated = [
    'Delegations resumed talks in Istanbul under Turkish mediation on Tuesday.',
    'Wheat prices on the Chicago exchange fell after the grain corridor reopened.',
    'The Zaporizhzhia nuclear plant lost external power for the third time, the IAEA said.',
    'Parliament in Helsinki voted to apply for NATO membership by a wide margin.',
    'Engineers restored water supply to Mykolaiv after a pipeline was repaired.',
    'The European Commission proposed a ban on Russian crude oil imports by sea.',
    'Volunteers in Lviv sorted donated medical supplies bound for eastern hospitals.',
    'Gazprom cut deliveries through the Nord Stream pipeline to a fifth of capacity.',
  ];
  const clusterer = new StoryClusterer({ threshold: 0.5, maxStories: 2 });
  let most = 0;
  unrelated.forEach((text, i) => {
    const assignment = clusterer.assign({ id: `u${i}`, text, time: i });
    assert.equal(assignment.created, true);
    most = Math.max(most, clusterer.indexedTerms);
  });
  // At most three stories are held (two, and the one arriving); each indexes at most 20 terms.
  assert.ok(clusterer.storyCount <= 3);
  assert.ok(most <= 3 * 20, `the index grew to ${most} terms`);
  // A forgotten story's article starts a new story.
  assert.equal(clusterer.assign({ id: 'again', text: unrelated[0]!, time: 9 }).created, true);
});

test('a group split off by re-clustering takes a new id, never the id another group keeps', () => {
  // Story S was founded by article "a" (its id comes from "a"), and holds a, b and c; a is about
  // something else. A new article like b and c re-clusters S: {b, c, new} keeps S, and {a} must take
  // a new id, not S again (its founder's id), which would put both groups under one id.
  const founded = `s${createHash('sha256').update('a').digest('hex').slice(0, 15)}`;
  const clusterer = new StoryClusterer({ windowDays: null });
  const day = Date.parse('2022-03-01T00:00:00Z');
  const shelling = (place: string) =>
    `Russian artillery shelled residential districts of Kharkiv overnight, the regional governor Oleh Synehubov said; ${place} was hit and rescuers searched the rubble of the Saltivka apartment blocks.`;
  clusterer.restore(
    {
      id: 'a',
      text: 'The central bank of Japan kept interest rates unchanged in Tokyo on Friday, citing weak exports and a stronger yen.',
      time: day,
    },
    founded,
  );
  clusterer.restore({ id: 'b', text: shelling('a school'), time: day }, founded);
  clusterer.restore({ id: 'c', text: shelling('a hospital'), time: day }, founded);
  const result = clusterer.assign({ id: 'd', text: shelling('a market'), time: day });
  assert.equal(result.story, founded, 'the larger group keeps the story');
  const a = result.moved.find((m) => m.id === 'a');
  assert.ok(a, 'the article about something else leaves the story');
  assert.equal(a.from, founded);
  assert.notEqual(a.story, founded);
});

test('an article naming other dates than a story counts dateConflict less; shared dates change nothing', () => {
  const strike = (when: string) =>
    `Russian missiles struck the centre of Kharkiv ${when}, killing 10 people near the regional administration, governor Synehubov said.`;
  const scoreOf = (first: string, second: string, dateConflict: number) => {
    const clusterer = new StoryClusterer({ windowDays: null, dateConflict, threshold: 0.1, attachShare: 0 });
    clusterer.assign({ id: 'a', text: first });
    return clusterer.assign({ id: 'b', text: second }).score;
  };
  const plain = scoreOf(strike('on 1 March 2022'), strike('on 5 April 2023'), 0);
  assert.ok(plain > 0.3, `the texts are alike (${plain})`);
  assert.ok(Math.abs(scoreOf(strike('on 1 March 2022'), strike('on 5 April 2023'), 0.3) - 0.7 * plain) < 1e-12);
  const same = scoreOf(strike('on 1 March 2022'), strike('in March 2022'), 0);
  assert.equal(scoreOf(strike('on 1 March 2022'), strike('in March 2022'), 0.3), same);
});

test('a stray article joins the one story it is clearly nearest, not one of two alike', () => {
  const stray = 'Governor Synehubov visited the regional administration in Kharkiv.';
  const run = (docs: string[], attachShare: number, threshold: number) => {
    const clusterer = new StoryClusterer({ windowDays: null, attachShare, threshold, dateConflict: 0 });
    const storyOf = new Map<string, string>();
    [...docs, stray].forEach((text, i) => {
      const assignment = clusterer.assign({ id: `d${i}`, text });
      storyOf.set(`d${i}`, assignment.story);
      for (const m of assignment.moved) storyOf.set(m.id, m.story);
    });
    return storyOf;
  };
  // The stray's link with the Kharkiv story, without attaching.
  const probe = new StoryClusterer({ windowDays: null, attachShare: 0, threshold: 0.12, dateConflict: 0 });
  for (const [i, text] of KHARKIV.entries()) probe.assign({ id: `k${i}`, text });
  const link = probe.assign({ id: 'stray', text: stray }).score;
  const threshold = link / 0.8; // the stray is at 0.8 of the threshold
  assert.ok(threshold > 0.12 && threshold < 0.5, `threshold ${threshold}`);
  const apart = run(KHARKIV, 0, threshold);
  assert.notEqual(apart.get('d3'), apart.get('d0'), 'below the threshold it stays apart without attaching');
  const joined = run(KHARKIV, 0.6, threshold);
  assert.equal(joined.get('d3'), joined.get('d0'), 'it joins the one story it is clearly nearest');
  assert.equal(new Set(['d0', 'd1', 'd2'].map((id) => joined.get(id))).size, 1);
});

test('average-link with attach: a small group joins its clearly nearest group only', () => {
  const unit = (weights: Record<string, number>) => new Map(Object.entries(weights));
  const rest = (x: number) => Math.sqrt(1 - x * x);
  const vectors = [
    unit({ a: 1 }),
    unit({ a: 1 }),
    unit({ a: 1 }),
    unit({ b: 1 }),
    unit({ b: 1 }),
    unit({ b: 1 }),
    unit({ a: 0.3, z: rest(0.3) }), // 0.3 with the a group, 0 with the b group
    unit({ a: 0.25, b: 0.25, y: Math.sqrt(1 - 2 * 0.25 * 0.25) }), // as near to both
  ];
  const sorted = (groups: number[][]) => groups.map((g) => [...g].sort()).sort((x, y) => x[0]! - y[0]!);
  const apart = [[0, 1, 2], [3, 4, 5], [6], [7]];
  assert.deepEqual(sorted(averageLink(vectors, 0.4)), apart);
  const attach = { share: 0.6, margin: 1.5, size: 2 };
  assert.deepEqual(sorted(averageLink(vectors, 0.4, attach)), [[0, 1, 2, 6], [3, 4, 5], [7]]);
  // Below threshold × share (0.3 < 0.6 × 0.55) nothing joins.
  assert.deepEqual(sorted(averageLink(vectors, 0.55, attach)), apart);
});
