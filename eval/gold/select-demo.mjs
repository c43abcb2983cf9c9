// The drawing procedure of the demo-corpus claims strata (dev2, dev3): every demo record of at
// least 200 characters, first copy of a text, shuffled by seededRandom(seed) (Fisher-Yates from the
// end); in each record, in text order, the sentences of at most 600 characters with a number and a
// step of test2's rule (select-rule.mjs), at most 3 per record, none twice, none excluded, until
// `target`. Prints JSON lines {article, outlet, title, sentenceStart, sentenceEnd, sentencePrefix,
// step, context, text} for the annotator. The scripts that call it say why their seed and target.

import { readFileSync } from 'node:fs';
import { seededRandom } from '../../dist/eval/random.js';
import { countsSomething, KW, KW2, NUM, split } from './select-rule.mjs';

// the word lists of select-test2.mjs, unchanged (select-rule.mjs)
const step = (s) => (KW.test(s) ? 'a' : KW2.test(s) ? 'b' : countsSomething(s) ? 'c' : null);

const PER_RECORD = 3;
const MAX_CHARS = 600;

/** The demo records (`<data>/demo-news/articles.jsonl`). */
export function demoRows(data) {
  return readFileSync(`${data}/demo-news/articles.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

/**
 * Prints the stratum's candidates. `excludedTexts` are sentence texts never drawn, `excludedAt`
 * `${record}:${offset}` keys never drawn.
 */
export function drawDemoStratum(rows, { seed, target, excludedTexts = [], excludedAt = new Set() }) {
  const seen = new Set();
  const pool = [];
  for (const r of rows) {
    if (r.text.length < 200 || seen.has(r.text)) continue;
    seen.add(r.text);
    pool.push(r);
  }
  const random = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const taken = new Set(excludedTexts);
  let n = 0;
  for (const r of pool) {
    if (n >= target) break;
    let k = 0;
    for (const [a, b] of split(r.text)) {
      if (k >= PER_RECORD || n >= target) break;
      const text = r.text.slice(a, b);
      if (text.length > MAX_CHARS || !NUM.test(text) || taken.has(text) || excludedAt.has(`${r.id}:${a}`)) continue;
      const s = step(text);
      if (!s) continue;
      taken.add(text);
      k++;
      n++;
      const context = r.text.slice(Math.max(0, a - 300), a);
      console.log(
        JSON.stringify({
          article: r.id,
          outlet: r.outlet,
          title: r.title,
          sentenceStart: a,
          sentenceEnd: b,
          sentencePrefix: text.slice(0, 40),
          step: s,
          context,
          text,
        }),
      );
    }
  }
}
