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
//   node eval/gold/select-dev2.mjs ../shared/data > /tmp/dev2-candidates.jsonl

import { demoRows, drawDemoStratum } from './select-demo.mjs';

drawDemoStratum(demoRows(process.argv[2] ?? '../shared/data'), { seed: 9, target: 340 });
