// Draws the candidate sentences of the claims gold set's third development stratum "dev3" from the
// demo corpus by dev2's rule (below, unchanged but for the seed, 10, a target of 240 sentences and
// the exclusion of dev2's sentences, by record and offset and by text), fixed before any sentence was
// read. The first 240 sentences held 49 claims, short of the aim of 60, so (decided before reading any
// further sentence, as for dev2) the same rule continues to 330 sentences. dev2's own description follows.
//
// Draws the candidate sentences of the claims gold set's development stratum "dev2" from the demo
// corpus (../shared/data/demo-news: official statements of the presidencies of Ukraine and Russia
// and of the White House, 2022), by test2's rule (select-test2.mjs) adapted to that corpus and fixed
// before any sentence was read (docs/evaluation/claims-guidelines.md, stratum 6):
//   pool: every demo record of at least 200 characters, first copy of a text, in the order of
//   seededRandom(9) (Fisher-Yates from the end); in each record, in text order, the sentences with a
//   number and (a) a conflict keyword, else (b) a word of test2's wider list, else (c) a figure
//   followed at most one word later by a plural noun that is not a unit; at most 3 sentences per
//   record (official transcripts are long: the cap spreads the stratum over many records) and at most
//   600 characters each (longer "sentences" are unsplit lists); stop at 220 sentences. Those 220
//   held 55 claims, short of the aim of 80, so (decided before reading any further sentence) the
//   same rule continues over the next records of the same order up to 340 sentences.
// It prints JSON lines {article, outlet, title, sentenceStart, sentenceEnd, sentencePrefix, step,
// context, text} for the annotator; the gold file keeps only ids and offsets. Run after `npx tsc`:
//   node eval/gold/select-dev3.mjs ../shared/data > /tmp/dev3-candidates.jsonl

import { readFileSync } from 'node:fs';
import { demoRows, drawDemoStratum } from './select-demo.mjs';

const rows = demoRows(process.argv[2] ?? '../shared/data');
// dev2's sentences are not drawn again (by record and offset, and by text)
const dev2 = readFileSync(new URL('./claims-dev2.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const excludedTexts = [];
for (const g of dev2) {
  const r = rows.find((x) => x.id === g.article);
  if (r) excludedTexts.push(r.text.slice(g.sentenceStart, g.sentenceEnd));
}
const excludedAt = new Set(dev2.map((g) => `${g.article}:${g.sentenceStart}`));
drawDemoStratum(rows, { seed: 10, target: 330, excludedTexts, excludedAt });
