// Draws the candidate sentences of the claims gold set's second held-out stratum ("test2"), by a
// rule fixed before any of them was read (docs/evaluation/claims-guidelines.md, stratum 5):
//   a. every sentence of a pre-2024 article that holds a number and a conflict keyword and is not
//      yet a gold sentence (the keyword pool left over after strata 1-4: mostly test articles'
//      sentences past the four-per-article cap);
//   b. then every sentence holding a number and a word of a second, wider list (people and
//      servicemen, weapons and vehicles, strikes, money, homes…) that the first list lacks, article
//      by article in the order of seededRandom(8), until at least 60 claims are annotated;
//   c. the pool ran out at 39 claims, so: every remaining sentence with a figure followed, at most
//      one word later, by a plural noun that is not a unit (years, days, percent, km, tonnes…).
// It prints JSON lines {article, sentenceStart, sentenceEnd, sentencePrefix, step, context, text}
// for the annotator; the gold file keeps only ids and offsets. Run after `npx tsc`:
//   node eval/gold/select-test2.mjs ../shared/data > /tmp/test2-candidates.jsonl

import { readFileSync } from 'node:fs';
import { seededRandom } from '../../dist/eval/random.js';
import { countsSomething, KW, KW2, NUM, split } from './select-rule.mjs';

const data = process.argv[2] ?? '../shared/data';
const rows = readFileSync(`${data}/ukraine-war-news-gdelt-sample/articles.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const gold = readFileSync(new URL('./claims.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((g) => g.stratum !== 'test2');
const byId = new Map(rows.map((r) => [r.id, r]));
const goldKey = new Set(gold.map((g) => `${g.article}:${g.sentenceStart}`));
const goldTexts = new Set(gold.map((g) => byId.get(g.article).text.slice(g.sentenceStart, g.sentenceEnd)));

// the pool: pre-2024 articles of at least 200 characters, first copy of a text
const seen = new Set();
const pool = [];
for (const r of rows) {
  if (r.gdelt_seendate >= '2024' || r.text.length < 200 || seen.has(r.text)) continue;
  seen.add(r.text);
  pool.push(r);
}
const random = seededRandom(8);
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}
const candidates = (r, test) =>
  split(r.text).filter(([a, b]) => {
    const s = r.text.slice(a, b);
    return !goldKey.has(`${r.id}:${a}`) && !goldTexts.has(s) && NUM.test(s) && test(s);
  });
const emit = (r, [a, b], step) => {
  const text = r.text.slice(a, b);
  const context = r.text.slice(Math.max(0, a - 300), a);
  console.log(
    JSON.stringify({
      article: r.id,
      sentenceStart: a,
      sentenceEnd: b,
      sentencePrefix: text.slice(0, 40),
      step,
      context,
      text,
    }),
  );
};
for (const r of pool) for (const s of candidates(r, (t) => KW.test(t))) emit(r, s, 'a');
for (const r of pool) for (const s of candidates(r, (t) => !KW.test(t) && KW2.test(t))) emit(r, s, 'b');
for (const r of pool)
  for (const s of candidates(r, (t) => !KW.test(t) && !KW2.test(t) && countsSomething(t))) emit(r, s, 'c');
