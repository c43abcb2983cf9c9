// Property-based tests of every parser and extractor (targets.ts): on structured random inputs
// none throws, each call returns within a per-document budget, and the outputs keep their
// invariants. Kept to a few hundred runs per target so the whole file takes well under a minute;
// `npm run bench:fuzz` runs 100,000 cases per target. A failure prints fast-check's seed and
// shrunk counterexample: rerun with FUZZ_SEED=<seed> to reproduce it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TARGETS } from './targets.js';

/** Generous: the machine is shared; the benchmark is the real check of speed. */
const BUDGET_MS = 2000;
/** Runs per target: the slow ones (a DOM parse, the whole pipeline) get fewer. */
const RUNS: Record<string, number> = { html: 300, pipeline: 250, quotes: 300, 'rss/atom': 400, csv: 400 };
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

for (const target of TARGETS) {
  test(`fuzz ${target.name}: never throws, within ${BUDGET_MS} ms per input, invariants hold (${target.entry})`, async () => {
    await fc.assert(
      fc.asyncProperty(target.arbitrary, async (input) => {
        const started = performance.now();
        const problems = await target.check(input);
        const ms = performance.now() - started;
        assert.deepEqual(problems, []);
        assert.ok(ms < BUDGET_MS, `took ${ms.toFixed(0)} ms`);
      }),
      { numRuns: RUNS[target.name] ?? 500, ...(seed !== undefined && { seed }) },
    );
  });
}

test('the invariant checks catch what they are for', async () => {
  // A check that could never fail would prove nothing: feed each one output that breaks it.
  const { articleProblems, badIso } = await import('./targets.js');
  assert.equal(badIso('2022-02-24'), null);
  assert.equal(badIso('2022-02-24T04:00:00+02:00'), null);
  assert.match(badIso('2022-02-30') ?? '', /no such day/);
  assert.match(badIso('2021-02-29') ?? '', /no such day/);
  assert.match(badIso('24/02/2022') ?? '', /not ISO/);
  const { newArticle } = await import('../../src/core/document.js');
  const doc = {
    ...newArticle({ key: 'k', source: 's', position: 0, format: 'text', raw: 'x', fields: { text: 'x' } }),
    text: 'Twelve were killed.',
  };
  const bad = {
    ...doc,
    facts: [
      {
        kind: 'claim',
        id: 'c',
        stage: 'claims',
        evidence: { article: doc.id, start: 0, end: 6, quote: 'Twelvf' },
        data: { value: Number.POSITIVE_INFINITY, numberStart: 0, numberEnd: 99, numberText: 'Twelve' },
      },
    ],
    messages: [{ severity: 'fatal' as const, stage: 'x', rule: 'stage-failed' as const, reason: 'boom' }],
  };
  const problems = articleProblems(bad).join('\n');
  assert.match(problems, /stage crashed/);
  assert.match(problems, /does not match/);
  assert.match(problems, /value = Infinity/);
  assert.match(problems, /numberEnd = 99 outside/);
});
