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
import { sentenceEnd } from '../../dist/src/stages/time/context.js';

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

function split(text) {
  const out = [];
  for (let s = 0; s < text.length; ) {
    const e = Math.max(sentenceEnd(text, s), s + 1);
    let a = s;
    while (a < e && /\s/.test(text[a])) a++;
    let b = e;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push([a, b]);
    s = e;
  }
  return out;
}

const NUMW =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|tens|scores';
const NUM = new RegExp(`\\d|\\b(?:${NUMW})\\b`, 'i');
const KW =
  /\b(?:kill|dead|death|died|wounded|injur|missing|captur|prisoner|POW|displaced|refugee|fled|evacuat|destroy|damag|shot down|tanks?\b|drones?\b|missiles?\b|troops|soldiers|vot(?:e|es|ed|ing)\b|abstain|aid\b|assistance|sanction|deport|hostage|detain|shell|strike|attack|casualt|lost\b|losses)/i;
const KW2 =
  /(?:\b(?:people|persons|civilians|children|residents|inhabitants|servicem[ae]n|personnel|fighters|mercenaries|conscripts|reservists|recruits|mobili[sz]\w*|troop|soldier|forces|army|armies|battalions?|brigades?|units|victims|bodies|graves|lives|fatalit\w*|toll|weapons|arms|artillery|howitzers|rockets|shells|ammunition|rounds|vehicles|armou?red|aircraft|planes|jets|helicopters|warships|ships|vessels|boats|systems|launchers|guns|HIMARS|Javelins?|Stingers?|hit|struck|targeted|fired|launched|intercepted|downed|bomb\w*|raids?|assault\w*|offensive|battles?|fighting|clash\w*|exchanged?|swap\w*|released|freed|rescued|surrender\w*|flee\w*|escaped?|exodus|crossed|shelters?|humanitarian|donat\w*|pledg\w*|package|funds?|funding|loans?|grants?|billions?|millions?|dollars|euros|pounds|frozen|freez\w*|assets|embargo|homes|houses|buildings|apartments|schools|hospitals|infrastructure)\b|[$€£])/i;

const UNIT =
  /^(?:years?|days?|hours?|minutes?|seconds?|weeks?|months?|percent|per|km|kilomet\w*|miles?|metres?|meters?|feet|mm|tonnes?|tons?|times|points?|degrees?|am|pm|a\.m|p\.m|GMT|cubic)\b/i;
const FIG =
  /\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?)\s+(?:(?:[A-Za-z-]+)\s+)?([a-z]+s)\b/g;
const countsSomething = (s) =>
  [...s.matchAll(FIG)].some(
    (m) => !UNIT.test(s.slice((m.index ?? 0) + (m[1] ?? '').length).trim()) && !/^\d{4}$/.test(m[1] ?? ''),
  );

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
