// CPU time of the claims stage alone, so its speed can be compared across revisions on a shared,
// noisy machine (wall-clock pipeline time is not): the stages before it run once on the gold
// articles of strata random, keyword, extra and test (235 articles), then the claims stage runs
// five times over them and the CPU milliseconds of each pass are printed (quote the minimum).
//   npx tsc -p tsconfig.json && node bench/claims-cpu.mjs [../shared/data] [dist root]

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const data = process.argv[2] ?? '../shared/data';
const root = resolve(process.argv[3] ?? 'dist');
const { newArticle } = await import(`${root}/src/core/document.js`);
const { defaultStages } = await import(`${root}/src/stages/index.js`);
const { warRecord } = await import(`${root}/eval/war-sample.js`);
const gold = readFileSync(new URL('../eval/gold/claims.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((g) => g.stratum !== 'test2');
const ids = new Set(gold.map((g) => g.article));
const rows = readFileSync(`${data}/ukraine-war-news-gdelt-sample/articles.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((r) => ids.has(r.id));
const stages = defaultStages();
const claims = stages.find((s) => s.name === 'claims');
const docs = rows.map((r) => {
  let doc = newArticle(warRecord(r));
  for (const s of stages) {
    if (s.name === 'claims') break;
    doc = s.run(doc);
  }
  return doc;
});
const times = [];
for (let k = 0; k < 5; k++) {
  const t = process.cpuUsage();
  for (const doc of docs) claims.run(doc);
  const u = process.cpuUsage(t);
  times.push((u.user + u.system) / 1000);
}
console.log(
  `${docs.length} articles; claims stage CPU ms per pass: ${times.map((t) => t.toFixed(0)).join(' ')}; min ${Math.min(...times).toFixed(0)}`,
);
