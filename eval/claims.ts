// `sitrep eval claims`: quantitative claims on hand-annotated sentences of the war sample
// (eval/gold/claims.jsonl, guidelines in docs/evaluation/claims-guidelines.md). The pipeline
// (defaultStages, then quotes, then claims) runs on each gold article; system claims are matched
// to gold claims by overlapping number span inside each gold sentence, then scored for value,
// value+metric, value+metric+claimant and side. A keyword baseline is scored in the same run.
// The development stratum dev2 (eval/gold/claims-dev2.jsonl) is drawn from the demo corpus
// (../shared/data/demo-news: official statements of three presidencies), read as ingest reads its
// JSON lines (id, title, published, outlet, url, text); so is dev3 (eval/gold/claims-dev3.jsonl).

import { join } from 'node:path';
import { type Article, newArticle, type RawRecord } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import { resolveMention } from '../src/resources/entities-kb.js';
import type { ClaimData } from '../src/stages/claims/index.js';
import { parseSimple } from '../src/stages/claims/numbers.js';
import { defaultStages } from '../src/stages/index.js';
import { readJsonl } from './jsonl.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';
import { readWarSample, warRecord } from './war-sample.js';

interface GoldClaim {
  numberText: string;
  numberOffset: number;
  value: number;
  low: number | null;
  high: number | null;
  metric: string;
  side: string;
  /** Accepted claimant names separated by "|", or null when unattributed. */
  claimant: string | null;
}
type Stratum = 'random' | 'keyword' | 'extra' | 'test' | 'test2' | 'dev2' | 'dev3';
/** Held-out strata: never tuned on, their errors are never printed. */
const HELD_OUT: ReadonlySet<string> = new Set(['test', 'test2']);
interface GoldSentence {
  article: string;
  sentenceStart: number;
  sentenceEnd: number;
  sentencePrefix: string;
  stratum: Stratum;
  claims: GoldClaim[];
}
/** A demo-news record (../shared/data/demo-news/README.md). */
interface DemoArticle {
  id: string;
  title: string;
  published: string;
  outlet: string;
  url: string;
  text: string;
}
/** One demo-news line as the raw record ingest makes of it (identity by id; the mapped fields). */
export function demoRecord(a: DemoArticle, position = 0): RawRecord {
  const fields = { id: a.id, title: a.title, published: a.published, outlet: a.outlet, url: a.url, text: a.text };
  return { key: `id:${a.id}`, source: 'demo-news', position, format: 'json', raw: JSON.stringify(fields), fields };
}

interface SystemClaim {
  start: number;
  end: number;
  value: number;
  low: number | null;
  high: number | null;
  metric: string;
  side: string;
  claimants: string[];
  claimantEntity: string | null;
}

const KB_CONTEXT = { date: '2022-06-01', countries: ['ua', 'ru', 'us'], text: '' };
const STOP = new Set(['the', 'of', 'a', 'an', 's', 'and', 'for']);
function tokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/u\.s\.|u\.s\b/g, 'us')
    .replace(/u\.k\.|u\.k\b/g, 'uk')
    .replace(/['’]s\b/g, '')
    .replace(/defen[cs]e/g, 'defence')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !STOP.has(t));
}
const subset = (a: string[], b: string[]) => a.length > 0 && a.every((t) => b.includes(t));

/** A system claimant matches when one name's words all occur in an accepted gold name, or the other way. */
export function claimantMatches(gold: string | null, system: readonly string[], entity: string | null = null): boolean {
  if (gold === null) return system.length === 0;
  if (system.length === 0) return false;
  return gold.split('|').some((g) => {
    // the same knowledge-base entity under another name ("Pentagon" = US Department of Defense)
    if (entity && resolveMention({ text: g, type: 'organization' }, KB_CONTEXT)?.id === entity) return true;
    if (entity && resolveMention({ text: g, type: 'person' }, KB_CONTEXT)?.id === entity) return true;
    const gt = tokens(g);
    return system.some((s) => {
      const st = tokens(s);
      return subset(gt, st) || subset(st, gt);
    });
  });
}

interface Counts {
  gold: number;
  system: number;
  value: number;
  valueMetric: number;
  full: number;
  sideSeen: number;
  sideRight: number;
}
const empty = (): Counts => ({ gold: 0, system: 0, value: 0, valueMetric: 0, full: 0, sideSeen: 0, sideRight: 0 });

const sameValue = (g: GoldClaim, s: SystemClaim) => g.value === s.value && g.low === s.low && g.high === s.high;

function score(
  counts: Counts,
  gold: readonly GoldClaim[],
  goldStarts: number[],
  system: readonly SystemClaim[],
  log?: (l: string) => void,
  context?: string,
) {
  counts.gold += gold.length;
  counts.system += system.length;
  const used = new Set<number>();
  gold.forEach((g, i) => {
    const gs = goldStarts[i] as number;
    const ge = gs + g.numberText.length;
    const j = system.findIndex((s, k) => !used.has(k) && s.start < ge && s.end > gs);
    if (j < 0) {
      log?.(`MISS ${g.numberText} ${g.metric} ${g.side} ${g.claimant ?? '-'} | ${context}`);
      return;
    }
    used.add(j);
    const s = system[j] as SystemClaim;
    if (!sameValue(g, s)) {
      log?.(`VALUE ${g.numberText} gold ${g.value}/${g.low}/${g.high} sys ${s.value}/${s.low}/${s.high} | ${context}`);
      return;
    }
    counts.value++;
    counts.sideSeen++;
    if (g.side === s.side) counts.sideRight++;
    else log?.(`SIDE ${g.numberText} gold ${g.side} sys ${s.side} | ${context}`);
    if (g.metric !== s.metric) {
      log?.(`METRIC ${g.numberText} gold ${g.metric} sys ${s.metric} | ${context}`);
      return;
    }
    counts.valueMetric++;
    if (claimantMatches(g.claimant, s.claimants, s.claimantEntity)) counts.full++;
    else log?.(`CLAIMANT ${g.numberText} gold ${g.claimant ?? '-'} sys ${s.claimants.join(' / ') || '-'} | ${context}`);
  });
  system.forEach((s, k) => {
    if (!used.has(k)) log?.(`SPURIOUS ${s.value} ${s.metric} ${s.side} | ${context}`);
  });
}

/** The baseline: every number followed within 3 words by a casualty noun; no claimant. */
const CASUALTY = /^(?:\S+\s+){0,2}?(killed|dead|died|deaths|wounded|injured|casualties|hurt|missing)\b/i;
export function baselineClaims(text: string, from: number, to: number): SystemClaim[] {
  const out: SystemClaim[] = [];
  const re =
    /\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s(?:million|thousand))?|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b/gi;
  const sentence = text.slice(from, to);
  for (const m of sentence.matchAll(re)) {
    const after = sentence.slice((m.index ?? 0) + m[0].length).trimStart();
    const cue = CASUALTY.exec(after);
    if (!cue) continue;
    const word = (cue[1] as string).toLowerCase();
    const metric = /wounded|injured|hurt/.test(word)
      ? 'wounded'
      : word === 'casualties'
        ? 'casualties'
        : word === 'missing'
          ? 'missing'
          : 'killed';
    const vague: Record<string, number> = { dozens: 12, hundreds: 100, thousands: 1000 };
    const value = vague[m[0].toLowerCase()] ?? parseSimple(m[0])?.value ?? Number.NaN;
    const start = from + (m.index ?? 0);
    out.push({
      start,
      end: start + m[0].length,
      value,
      low: value,
      high: value,
      metric,
      side: 'unknown',
      claimants: [],
      claimantEntity: null,
    });
  }
  return out;
}

const pct = (x: number) => (100 * x).toFixed(1);
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function rows(name: string, c: Counts): string {
  const p = (k: number) => pct(ratio(k, c.system));
  const r = (k: number) => pct(ratio(k, c.gold));
  return `| ${name} | ${c.gold} | ${c.system} | ${p(c.value)} / ${r(c.value)} | ${p(c.valueMetric)} / ${r(c.valueMetric)} | **${p(c.full)} / ${r(c.full)}** | ${pct(ratio(c.sideRight, c.sideSeen))} (${c.sideSeen}) |`;
}

export const evaluate: Evaluate = async (options: EvalOptions): Promise<EvalReport> => {
  const gold = [
    ...readJsonl<GoldSentence>(new URL('../../eval/gold/claims.jsonl', import.meta.url).pathname),
    ...readJsonl<GoldSentence>(new URL('../../eval/gold/claims-dev2.jsonl', import.meta.url).pathname),
    ...readJsonl<GoldSentence>(new URL('../../eval/gold/claims-dev3.jsonl', import.meta.url).pathname),
  ];
  const byId = new Map<string, { text: string; record: RawRecord }>();
  for (const a of readWarSample(options.data)) byId.set(a.id, { text: a.text, record: warRecord(a) });
  // SITREP_EVAL_DEV_ONLY=1: development strata only (the held-out strata are not even run), for iterating;
  // SITREP_EVAL_STRATA=test2 (a comma list): only those strata, to read one held-out stratum alone
  const devOnly = !!process.env.SITREP_EVAL_DEV_ONLY;
  const only = process.env.SITREP_EVAL_STRATA?.split(',').map((s) => s.trim());
  const scored = gold.filter((g) => !(devOnly && HELD_OUT.has(g.stratum)) && (!only || only.includes(g.stratum)));
  const ran = (stratum: Stratum) => scored.some((g) => g.stratum === stratum);
  if (ran('dev2') || ran('dev3')) {
    for (const a of readJsonl<DemoArticle>(join(options.data, 'demo-news', 'articles.jsonl'))) {
      byId.set(a.id, { text: a.text, record: demoRecord(a) });
    }
  }
  let ids = [...new Set(scored.map((g) => g.article))];
  if (options.limit) ids = ids.slice(0, options.limit);
  const pipeline = createPipeline(defaultStages());
  const errorLog = process.env.SITREP_EVAL_ERRORS ? options.log : undefined;
  const strata = () => ({
    dev: empty(),
    random: empty(),
    keyword: empty(),
    extra: empty(),
    test: empty(),
    test2: empty(),
    dev2: empty(),
    dev3: empty(),
  });
  const counts = strata();
  const base = strata();
  let located = 0;
  let sentences = 0;
  let negatives = 0;
  let negativeFalse = 0;
  const started = performance.now();
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const doc: Article = pipeline.run(newArticle(row.record));
    const claims = doc.facts.filter((f) => f.kind === 'claim').map((f) => f.data as ClaimData);
    for (const g of scored.filter((s) => s.article === id)) {
      sentences++;
      const original = row.text.slice(g.sentenceStart, g.sentenceEnd);
      const from = findSentence(doc.text, original, g.sentencePrefix, g.sentenceStart);
      if (from < 0) {
        options.log(`claims: sentence not found in the clean text: ${id} ${JSON.stringify(g.sentencePrefix)}`);
        continue;
      }
      located++;
      const to = from + original.length;
      const goldStarts = g.claims.map((c) => from + c.numberOffset);
      const system: SystemClaim[] = claims
        .filter((c) => c.numberStart >= from && c.numberEnd <= to)
        .map((c) => ({
          start: c.numberStart,
          end: c.numberEnd,
          value: c.value,
          low: c.low,
          high: c.high,
          metric: c.metric,
          side: c.side,
          claimants: [c.claimant, c.claimantText].filter((x): x is string => !!x),
          claimantEntity: c.claimantEntity,
        }));
      if (g.claims.length === 0) {
        negatives++;
        if (system.length > 0) negativeFalse++;
      }
      const context = `${id} ${JSON.stringify(original.slice(0, 90))}`;
      const baseline = baselineClaims(doc.text, from, to);
      // errors are listed for the development strata only: the held-out strata stay unseen;
      // dev2 (another corpus) has its own row and is not part of the war sample's development total
      if (!HELD_OUT.has(g.stratum) && g.stratum !== 'dev2' && g.stratum !== 'dev3') {
        score(counts.dev, g.claims, goldStarts, system, errorLog, context);
        score(base.dev, g.claims, goldStarts, baseline);
      }
      score(
        counts[g.stratum],
        g.claims,
        goldStarts,
        system,
        g.stratum === 'dev2' || g.stratum === 'dev3' ? errorLog : undefined,
        context,
      );
      score(base[g.stratum], g.claims, goldStarts, baseline);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const c = counts.test;
  const c2 = counts.test2;
  const d = counts.dev;
  const pr = (name: string, k: Counts) => `${name} P ${pct(ratio(k.full, k.system))} R ${pct(ratio(k.full, k.gold))}`;
  const totals = (['test', 'test2', 'random', 'keyword', 'extra', 'dev2', 'dev3'] as const)
    .filter(ran)
    .map((k) => pr(k, counts[k]));
  options.log(
    `claims: ${located}/${sentences} sentences located; value+metric+claimant ${totals.join(', ')}${ran('random') || ran('keyword') || ran('extra') ? `; ${pr('dev', d)}; dev value P ${pct(ratio(d.value, d.system))} R ${pct(ratio(d.value, d.gold))}, value+metric P ${pct(ratio(d.valueMetric, d.system))} R ${pct(ratio(d.valueMetric, d.gold))}` : ''}; pipeline ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const header = `| system | gold claims | system claims | value P / R | value+metric P / R | value+metric+claimant P / R | side acc. (n) |
|---|---|---|---|---|---|---|`;
  const markdown = `# Claims: quantitative claims on the war sample

\`\`\`sh
sitrep eval claims            # node bin/sitrep.js eval claims --write  rewrites this page
SITREP_EVAL_ERRORS=1 sitrep eval claims   # lists every miss, spurious claim and wrong field
\`\`\`

**Data.** ${sentences} hand-annotated sentences (${located} located in the clean text) from ${ids.length} articles of
\`../shared/data/ukraine-war-news-gdelt-sample\` first seen before 2024 (\`eval/gold/claims.jsonl\`) and of the demo corpus (\`eval/gold/claims-dev2.jsonl\` and \`claims-dev3.jsonl\`, ${new Set(scored.filter((g) => g.stratum === 'dev2' || g.stratum === 'dev3').map((g) => g.article)).size} of the articles: dev2 and dev3 below;
how they were chosen and annotated: [claims-guidelines.md](claims-guidelines.md)). ${negatives} sentences hold no
claim (they have numbers that count nothing in the conflict: dates, ages, distances, "one" as a pronoun…);
${negativeFalse} of them got a spurious claim (the war sample's strata, dev2 and dev3 together). Five strata of the war sample: **random** (every sentence with a number in a seeded
random sample of articles), **keyword** (sentences with a number and a conflict keyword, from further
articles of the same shuffle, added because random sentences hold few claims), **extra** (every sentence
with a number and a conflict keyword, or a figure before a count noun, in the remaining pre-2024 articles
and the unused sentences of the development articles, annotated before the stage was run on them, to
write general claimant rules instead of fitting the first 111 claims), **test** (more keyword
sentences from the articles after random and keyword, annotated after the first system run but before any
system output on them was seen, never used for tuning) and **test2** (every sentence left in the
pre-2024 articles with a number and a conflict keyword, a word of a wider list of people, weapons, strikes
and money, or a figure before a plural noun, drawn by \`eval/gold/select-test2.mjs\` and annotated before
any system run on them, never used for tuning); a sixth, **dev2**, comes from the demo corpus of official
statements (below). The held-out strata give the honest figures.

**Measures.** A system claim matches a gold claim when their number spans overlap inside the gold sentence
(one-to-one). *value*: value, low and high all equal; *+metric*: the metric too; *+claimant*: the claimant
too (names compared by words: "Kahl" matches "Colin Kahl"; or the same knowledge-base entity: gold
"Pentagon" matches "US Department of Defense"; an unattributed gold claim needs no claimant).
Precision is over every system claim inside the gold sentences; side accuracy is over value matches.
Targets (issue 6): value+metric+claimant precision ≥ 90, recall ≥ 80.

## Test stratum (held out: no system output on it was looked at, never used for tuning)

${header}
${rows('sitrep claims stage', c)}
${rows('baseline: number + casualty word within 3 words, no claimant', base.test)}

## Second held-out stratum (test2: annotated before any system run on it, never used for tuning)

${header}
${rows('sitrep claims stage', c2)}
${rows('baseline: number + casualty word within 3 words, no claimant', base.test2)}

## Development strata (the rules were tuned on these errors: optimistic)

${header}
${rows('sitrep, random + keyword + extra', d)}
${rows('baseline, random + keyword + extra', base.dev)}
${rows('sitrep, random stratum', counts.random)}
${rows('baseline, random stratum', base.random)}
${rows('sitrep, keyword stratum', counts.keyword)}
${rows('baseline, keyword stratum', base.keyword)}
${rows('sitrep, extra stratum', counts.extra)}
${rows('baseline, extra stratum', base.extra)}

## Development stratum dev2: official statements (demo corpus; rules were written on its errors)

${counts.dev2.gold} claims in ${scored.filter((g) => g.stratum === 'dev2').length} sentences of ${new Set(scored.filter((g) => g.stratum === 'dev2').map((g) => g.article)).size} records of
\`../shared/data/demo-news\` (addresses, speeches, readouts, press releases and briefings of the
presidencies of Ukraine and Russia and of the White House, 2022), drawn by test2's rule
(\`eval/gold/select-dev2.mjs\`; guidelines, stratum 6). Not news by outlets: most figures are the
speaker's own (an address, a speech, a transcript), few sentences carry an attribution, the Kremlin
texts hold almost no figures of the war, and the White House transcripts hold many figures of other
matters (jobs, prices, budgets). Kept apart from the war sample's development total above.

${header}
${rows('sitrep claims stage, dev2', counts.dev2)}
${rows('baseline, dev2', base.dev2)}

## Development stratum dev3: more official statements (demo corpus; added in the fifth revision)

${counts.dev3.gold} claims in ${scored.filter((g) => g.stratum === 'dev3').length} sentences of ${new Set(scored.filter((g) => g.stratum === 'dev3').map((g) => g.article)).size} records of the demo corpus, drawn by dev2's rule with
another seed and dev2's sentences excluded (\`eval/gold/select-dev3.mjs\`; guidelines, stratum 7), annotated
from the text before any system run on them. Its first score (below, in the notes) was taken before any
rule was written from its errors.

| system | gold claims | system claims | value P / R | value+metric P / R | value+metric+claimant P / R | side acc. (n) |
|---|---|---|---|---|---|---|
${rows('sitrep claims stage, dev3', counts.dev3)}
${rows('baseline, dev3', base.dev3)}

Pipeline time for the ${ids.length} articles (clean, time, entities, quotes, claims): ${seconds.toFixed(1)} s.

## Notes

- How often the test stratum was read: the first version of the stage was scored on it when it was
  written (71.1 / 61.4); in the revision that added the extra stratum and the cross-sentence claimant
  rules it was read twice, once midway (81.1 / 68.2; the command was run twice back to back on the same
  build because the first run's output was cut) and once after it; then once more for this page, after
  one last rule (a resolved claimant must read like a name: sentence fragments such as "I am proud to"
  or "Of the newly" are dropped), settled on the development strata, which it left unchanged. Its
  errors were never printed. Read again on 2026-11-21 (totals only) after the entities stage's linking
  rules changed (no change to the claims stage): 81.1 / 68.2 became 83.3 / 68.2, one spurious claim fewer.
- The third revision (2026-11-21) added test2 and rules written on the development strata's errors and
  on the classes of misses named in the brief. Before it: test 83.3 / 68.2 (value 97.2 / 79.5),
  test2 70.0 / 33.3 (value 75.0 / 35.7; read once, totals only, with \`SITREP_EVAL_STRATA=test2\`, before
  any rule changed), development 92.3 / 90.7, extra 86.6 / 84.3, random 97.6 / 93.2, keyword 98.5 / 100.0.
  The tables above are after it; test and test2 were each read once more, for this page, totals only.
- What the third revision changed: the development strata rose (92.3 / 90.7 to 95.9 / 92.9; extra
  86.6 / 84.3 to 93.6 / 88.7) while test (83.3 / 68.2) and test2 (70.0 / 33.3) did not move by a single
  claim: the new rules fire on the development sentences they were written from and on none of the
  held-out ones. From the totals alone, test2's loss is at the value level (value recall 35.7 against
  33.3 with metric and claimant): figures the stage does not take for claims at all, not claimants.
- Pipeline time is wall-clock on a shared 2-core machine with other jobs running, and test2 added 43
  articles: it is not comparable across runs (3.0 s for 235 articles on the previous page). The claims
  stage alone, in CPU time (\`node bench/claims-cpu.mjs\`: the minimum of five passes over the
  235 articles of the earlier strata, four runs each): 106–131 ms before the third revision, 109–124 ms
  after it.
- Development sentences were run with \`SITREP_EVAL_DEV_ONLY=1\`, which skips both held-out strata entirely
  (dev2 included).
- The fourth revision (2026-11-21) added dev2 (84 claims in 340 sentences of the demo corpus, drawn by
  test2's rule adapted in \`eval/gold/select-dev2.mjs\` and annotated before any system run on them) and
  rules written from dev2's errors (\`src/stages/claims/official.test.ts\`, each test failing on the
  previous code): a speaker named by the document's title ("… - address by President Volodymyr
  Zelenskyy", "Speech by … Andriy Yermak at …") claims the figures of an address printed whole; missiles
  "used against" a country are attacks; institutions, enterprises, sites and places destroyed or damaged
  ("destroyed or damaged" is \`buildings-damaged\`; the verb before the figure or at the end of a list);
  people taken hostage, in captivity or taken to Russia; people and lives "lost"; "fallen victim";
  a list of one count by place; money "for the Ukrainian Navy" or "for economic support"; and figures
  not asserted (a rhetorical question, "even if", "at the cost of", "will be killed", "want to be
  evacuated", servicemen awarded). Before it: dev2 20.8 / 13.1 (value 75.5 / 47.6; 53 system claims),
  test 83.3 / 68.2, test2 70.0 / 33.3 (value 75.0 / 35.7), development 95.9 / 92.9. After it (this page):
  dev2 76.1 / 60.7, test 83.3 / 68.2, test2 66.7 / 33.3 (value 81.0 / 40.5),
  development 95.9 / 92.9 (the war sample's development strata did not move). test and test2 were read once
  each, totals only, in the run that wrote this page; their errors were never printed. The claims stage's
  CPU (\`node bench/claims-cpu.mjs\`, minimum of five passes, two runs each): 112–118 ms before, 111–116 ms after.
- The fifth revision (2026-11-21) grouped dev2's remaining errors into classes and wrote a general rule
  for each (\`src/stages/claims/official2.test.ts\`, every test failing on the fourth revision's code):
  precision first, a figure forecast ("very soon the total number will reach 3,000 missiles") or whose
  intention is denied ("We did not plan to take thousands of prisoners") is not a claim; "according to
  him/her/them" is resolved like "he/she/they said"; briefing verbs report ("stressed", "reminded",
  "recalled", "underlined", "provided an update"), and "In particular, …" continues the previous
  sentence's report; a reporting verb coordinated with the subject's first verb ("He reaffirmed … and
  provided an update on …, including nearly $3 billion") shares its subject; "He" opening a sentence
  refers to the subject of the sentence that named the last person, not to a person in its predicate
  ("President Biden spoke with President Zelenskyy. He …" is Biden), through sentences that continue
  with the same pronoun; a direct quote whose speaker is a role only ("…," the Head of State said) takes
  the last person of the knowledge base named before the quote; "forcibly displaced/removed" is
  \`deported\`; people "saved", "rescued" or "transported" are \`evacuated\`; monks, priests, students,
  pupils, orphans, adults, passengers… are people; "the destruction of 2,229 buildings, of which 225 were
  completely destroyed" counts the damaged in the whole (the guideline the fourth revision's test had
  contradicted). Before it: dev2 76.1 / 60.7 (value 94.0 / 75.0; 67 system claims), development
  95.9 / 92.9, test 83.3 / 68.2, test2 66.7 / 33.3 (the fourth revision's page). After it (the fifth
  revision's page): dev2 94.1 / 76.2 (value 97.1 / 78.6; 68 system claims), development 95.9 / 92.9 (the war sample's
  development strata did not move by a claim), test 81.1 / 68.2, test2 63.6 / 33.3 (value 77.3 / 40.5); test and test2
  read once each, totals only, in the run that wrote that page. Claims stage CPU
  (\`node bench/claims-cpu.mjs\`, minimum of five passes, four runs each): 116–122 ms before, 110–129 ms after
  (the same noise band).
- dev3 (fifth revision): 63 claims in 330 sentences of the demo corpus, drawn by dev2's rule with seed 10
  and dev2's sentences excluded (\`eval/gold/select-dev3.mjs\`), annotated from the text before any system
  run on them. First scores, before any rule was written from its errors: the fourth revision's code
  61.2 / 47.6 (value 79.6 / 61.9), the fifth revision's dev2 rules 60.8 / 49.2 (value 80.4 / 65.1): the
  dev2 rules carried over to new statements by one claim of recall, which is how much rules fitted on one
  stratum's errors generalise. Rules were then written from dev3's error classes
  (\`src/stages/claims/official3.test.ts\`): votes named by their assembly ("141 nations in the General
  Assembly came together to condemn …" is a vote for; "against Ukraine" is no vote against); people who
  "have taken refuge in" a country; "service members"; "tens/hundreds of billions"; a participle as the
  counted noun ("hundreds of wounded"); a state before the noun ("2,000 destroyed educational
  institutions"); aid named before a closing dash ("security assistance and humanitarian aid … — more than
  $25 billion to date"); money "to help our people/Ukraine"; the announcer of "the announcement by X"; a
  transcript's turns labelled "THE PRESIDENT:" or "THE VICE PRESIDENT:" under a title naming one speaker of
  that role; titles "… - President X's address"; and, precision first, figures not asserted (sport, "should
  have N", "can lead to N", people "who could be …", "do not need N", Czechoslovakia's history, domestic
  borrowing and military bonds). After them (the fifth revision's page) dev3 is 83.0 / 69.8 (value 94.3 / 79.4), an optimistic
  development figure like dev2's. Left unsolved on dev3: the claimant of a figure whose sentence names its
  own source inside a speaker's quote ("Mrs. President told me that more than 400,000 people had
  crossed"), transcripts of two speakers, a subject whose verb is followed by a generic "according to
  preliminary data", compound figures ("1 billion 200 million dollars"), a part after "including" that has
  its own noun ("including almost $7 billion in boats…"), fragments ("The occupiers struck at Mykolaiv,
  seven missiles.") and money raised for other ends ("$1 billion to help launch the … Agency for Health").
- What the fifth revision did to the held-out strata (read once, totals only, for this page): recall did
  not move (test 68.2, test2 33.3) and each gained one spurious claim at the value level (test 36 to 37
  system claims, 83.3 / 68.2 to 81.1 / 68.2; test2 21 to 22, 66.7 / 33.3 to 63.6 / 33.3). The rules
  written on official statements did not carry over to news reporting; which rule made the two spurious
  claims is unknown (their errors were not printed), so no rule was changed after this reading.
- The sixth revision (2026-11-22) replaced keyword-by-keyword growth with one general mechanism, the
  grammar reader (\`src/stages/claims/grammar.ts\`; its README section lists the classes): when the cue rules
  give a figure no metric, the noun phrase the figure quantifies (figure, up to four modifiers, a head
  noun; "of the"; "a force of N", "an N-strong force"; "the number of Y rose to N"; "N of them") is read,
  its head lemmatised ("casualties" → casualty, "men" → man) and looked up in word classes (people,
  soldiers, units, prisoners, refugees, IDPs, evacuees, graves, equipment, munitions, buildings, places,
  money, aid nouns); the verb governing it (after it, auxiliaries skipped; before the figure; or a
  participle inside the phrase) is looked up in verb classes (harm, capture, release, flight, hosting,
  evacuation, deportation, destruction, loss, damage, firing, deployment, mobilisation, giving, training,
  sanctioning); the pair chooses the metric, and a few classes carry their own (prisoners are captured,
  IDPs displaced). The same filters follow (not asserted, not this war, restated), and the grammar reads
  a figure only where the war is the topic (a party, the front or the war named in the sentence or the
  600 characters before it, or a place of Ukraine or Russia in the sentence). Also: "hundreds and
  hundreds" is one figure; "exceeds N" is more than N. Judged on dev2 and dev3 together (their errors were
  read; the war sample's development strata were checked for precision) and on a diff of every claim the
  stage makes on the 1,151 records of the demo corpus before and after (903 to 950 claims; the added ones
  were read, and the rules that made wrong ones were narrowed or dropped: victims without a verb, a count
  of packages or loans, "units" other than units of equipment, "lost" in the active voice). Unit tests on
  sentences written for them (\`grammar.test.ts\`, \`grammar-claims.test.ts\`; each test of the latter but
  the last fails on the fifth revision's code). Before → after, value+metric+claimant P / R: dev2
  94.1 / 76.2 → 94.4 / 79.8 (value 97.1 / 78.6 → 97.2 / 82.1); dev3 83.0 / 69.8 → 83.9 / 74.6 (value
  94.3 / 79.4 → 94.6 / 84.1); dev2 and dev3 together 108 → 114 of 147 gold claims; development strata
  95.9 / 92.9 → 95.5 / 92.9 (one spurious claim more, "the millions of people forcibly uprooted" of a
  global UNHCR report; random 97.6 / 93.2 and keyword 98.5 / 100.0 unchanged, extra 93.6 / 88.7 →
  92.7 / 88.7); test 81.1 / 68.2 → 81.1 / 68.2 (totals unchanged: 37 system claims, value 94.6 / 79.5); test2 63.6 / 33.3
  (value 77.3 / 40.5; 22 system claims) → 56.0 / 33.3 (value 76.0 / 45.2; 25 system claims). On test2 the
  grammar reader found two more figures with the right value and metric (value recall 40.5 → 45.2, value +
  metric the same) but neither has the right claimant, so the target measure did not move, and the third
  new system claim is wrong at the value level (value-correct 17 → 19, wrong 5 → 6). The held-out target (90 / 80) is not reached: test2's
  loss is not only at the value level; the claimant of the figures now found is the next gap. No rule was
  changed after this reading and the errors were not printed.
  The "before" of test and test2 is the fifth revision's reading above (same claims code; the other
  stages changed since without moving any development row); their "after" is this page's single reading,
  totals only, taken after the last rule was written. Claims stage CPU (\`node bench/claims-cpu.mjs\`,
  minimum of five passes, three runs each, before and after alternated on the same build of the other
  stages): 110–118 ms before, 119–132 ms after (+8 to +12 %).
- The seventh revision (2026-11-22) worked on the claimant alone (src/stages/claims/README.md, "Seventh
  revision"). Its error table, before any rule: on dev2 and dev3, 6 claims had the right value and metric
  and a wrong or missing claimant (dev2 1, dev3 5), and 7 on the war sample's development strata. Causes:
  transcripts with speaker labels (4: two White House transcripts whose titles name two speakers, so the
  title rule refused them, a background call by a "SENIOR ADMINISTRATION OFFICIAL", a Kremlin meeting opened
  by "President of Russia Vladimir Putin:"), a long title as subject dropped as not name-like (1: "The
  Adviser to the Head of the President's Office noted that, according to preliminary data, …"), a source
  named inside the speaker's own quote (1: "Mrs. President told me that more than 400,000 …"), a quoted
  name before its verb (1: volunteers of the “Information Resistance” identified 263 …), a report
  "detailing" the figure whose author was named the sentence before (1), a lower-case garbled source
  ("according to western interview estimates", 1), and garbled extractions or a verb of doing read as
  reporting (4: a quote whose speaker follows in a glued sentence, a dash quote's speaker two parts later,
  "the conductor" of a travel diary, "Kahl announced the missiles in a briefing about … $1 billion").
  How the stage chose the claimant before it: a direct quote's speaker; else the sentence's own pattern
  nearest the figure ("according to X" first, then a reporting subject, an inverted "said X", a headline
  source); else a run-on sentence's other part, indirect speech, a continuing sentence ("Another …"), a
  line under "X said:", the sentence before a speakerless quote, a printed speech's speaker, the title's
  speaker ("THE PRESIDENT:" turns under a one-speaker title); pronouns resolved to the last person or
  claimant phrase. Rules written (\`claimant7.test.ts\`, each test failing on the sixth revision's code
  but its two guards): labelled turns of transcripts (capital labels naming a person, a role or with an
  honorific; Kremlin name labels after "* * *" or a sentence), long capitalised titles as names, a source
  inside a direct quote, quoted names, subjects with an apposition, "It/They said" after an institution's
  sentence, "UN figures show", "according to a statement by X", a role followed by the person's name, "a
  report detailing N"; a phrase holding a figure is no claimant. A diff of every claim on the demo corpus
  and the war sample's development articles (1,250 records, 1,040 claims) before and after: 111 claimants
  changed, 109 of them null → a transcript turn's speaker (all read: the turn's speaker in each), 1 null →
  the Adviser above, 1 Zelenskyy → "Mrs. President"; no claim was added or lost and none of the war sample
  changed (its rules fire on sentences written for the tests, not on its development articles: they are
  bets on the held-out news, not fits). Before → after, value+metric+claimant P / R: dev2 94.4 / 79.8 →
  95.8 / 81.0 (value 97.2 / 82.1 and value+metric 95.8 / 81.0 unchanged: every dev2 claim with the right
  value and metric now has the right claimant); dev3 83.9 / 74.6 → 92.9 / 82.5 (value 94.6 / 84.1,
  value+metric 92.9 / 82.5: likewise); development strata 95.5 / 92.9 → 96.4 / 93.8 (random 97.6 / 93.2 and
  keyword 98.5 / 100.0 unchanged, extra 92.7 / 88.7 → 94.5 / 90.4: the “Information Resistance” and the
  report's author); test 81.1 / 68.2 → ${pct(ratio(c.full, c.system))} / ${pct(ratio(c.full, c.gold))} (value ${pct(ratio(c.value, c.system))} / ${pct(ratio(c.value, c.gold))}, value+metric ${pct(ratio(c.valueMetric, c.system))} / ${pct(ratio(c.valueMetric, c.gold))}, ${c.system} system claims; ${c.valueMetric - c.full} claims with the right value and metric
  and a wrong claimant); test2 56.0 / 33.3 → ${pct(ratio(c2.full, c2.system))} / ${pct(ratio(c2.full, c2.gold))} (value ${pct(ratio(c2.value, c2.system))} / ${pct(ratio(c2.value, c2.gold))}, value+metric ${pct(ratio(c2.valueMetric, c2.system))} / ${pct(ratio(c2.valueMetric, c2.gold))}, ${c2.system} system claims;
  ${c2.valueMetric - c2.full} with the right value and metric and a wrong claimant). The held-out "after" is this page's single
  reading, totals only, taken after the last rule was written; no rule was changed after it and the errors
  were not printed. What the reading says: test lost one claim at the full
  level (30 → 29 of 44 right; value and metric unchanged), so one test figure whose claimant was right
  before has a wrong one now, and test2 did not move: the rules written from the development strata's
  claimant errors did not carry over to held-out news, and one of them misfires there. Which rule it is
  is unknown (the errors were not printed, and finding it by switching rules off would tune on test); every
  rule above can fire on news (none changed a claimant of the war sample's development articles, so the
  dump could not show it). The held-out target (90 / 80) is not reached; on both held-out strata the claimant is
  still the whole gap between value+metric and the full measure (6 claims on test, 5 on test2).
  Claims stage CPU (\`node bench/claims-cpu.mjs\`, minimum of five passes, five runs each,
  before and after alternated on the same build of the other stages): 116–123 ms before, 128–140 ms after
  (+9 to +19 %; the turns of a transcript are found once per article).
- The eighth revision (2026-11-22; src/stages/claims/README.md, "Eighth revision") looked for development
  signal in news text, since the war sample's pre-2024 sentences are used up and dev2/dev3 are official
  statements. (a) **Claimant on news, PolNeAR train** (\`node bin/sitrep.js eval claims-polnear\`,
  eval/claims-polnear.ts; its test split is never read): every figure before a noun, or number word, inside
  an attribution's content has that attribution's source as gold claimant; the claims stage's claimant
  choice (\`figureClaimants\`, now a function) runs on every figure, claim or not. Train is cut in two
  halves; only the fit half's errors were read. Error classes read there (541 figures): left null 42 %,
  mostly attributions the guidelines do not count (beliefs, plans, "We believe", polls, unnamed "experts"),
  the rest a parenthetical ", federal officials said," after the figure, verbs missing from the list
  (concluded, testified, calculated, argued, "show" with a named source), "which the campaign says", ", who
  said", "her friend said", a subject after "after …", "according to a Reuters/Ipsos poll", a
  "Name, description, said" apposition, a long paragraph under "X argued that:"; wrong 7 %, among them the
  seventh revision's name-label turns firing on news ("Bernie Sanders: Credit scores", "Rubio: Finish
  second." section headings, one per candidate) — a likely cause of test's lost claim — "states" read as a
  verb ("in three key states."), "Let me just say", ", said the war would go on" read as an inverted
  subject. Rules (\`claimant8.test.ts\`, war sentences written for them, each failing on the seventh
  revision's code but the guard): all the above; name-label turns now need a dialogue (a speaker labelled
  twice, a role in a label, or "* * *"). PolNeAR train, claimant right / left null / wrong (figures outside
  any attribution given a claimant): fit half 50.8 / 42.3 / 6.8 % → 54.2 / 39.9 / 5.9 %; check half
  (never read) 53.7 / 38.5 / 7.9 % → 56.0 / 37.0 / 7.0 %; all 1,087 figures 52.3 → 55.1 %, with speech
  cues only (said, told, according to, reported…: 654 figures) 75.2 → 79.4 %; outside figures claimed
  9.0 → 8.0 % of 1,842. (b) **Recall on news** (the held-out value recall): the stage's metric readers run,
  topic gate off, on ECB+ news (shootings, quakes, wars; unannotated) and the figures near a conflict
  word they give no metric were read (533 of 955, most of them ages, times, sport and split tokens):
  classes written as war sentences in \`recall8.test.ts\` (each failing on the seventh revision's code but
  the guard): the later items of a list take the first item's metric when their nouns are of its class
  ("damaged 42 apartment buildings, 14 schools and 8 bridges"), "N more" continues a count, "N were
  reported injured / confirmed dead", "the dead included N", "dozens of others were seriously injured", an
  apposition between the counted phrase and its verb ("two men, A and B, were wounded"). A diff of every
  claim on the demo corpus and the war sample's development articles (1,250 records): 1,040 → 1,047 claims,
  10 changed, all read: 3 claimants (two Kremlin figures from "Baltic", a misread "states", to the
  transcript's Putin; a White House "$450 million" from none to United States, the subject of
  "announced"); 4 new claims right ("hundreds of schools", "155 kindergartens", "dozens of cities and
  villages … burned", "the list of the dead includes nine"); 3 new ones wrong, each the later item of a
  list whose first item was already a wrong claim (servicemen decorated, Coast Guard aircraft after a
  hurricane, vehicles met in battle).
  Before → after, value+metric+claimant P / R: development strata 96.4 / 93.8 → 96.4 / 93.8 (random,
  keyword, extra unchanged), dev2 95.8 / 81.0 → 95.8 / 81.0, dev3 92.9 / 82.5 → 92.9 / 82.5 (no claim of
  theirs changed: the rules are bets on news), spurious claims on no-claim sentences of the development strata, dev2 and dev3 7 → 7; test
  78.4 / 65.9 (value 94.6 / 79.5, 37 system claims) → ${pct(ratio(c.full, c.system))} / ${pct(ratio(c.full, c.gold))}
  (value ${pct(ratio(c.value, c.system))} / ${pct(ratio(c.value, c.gold))}, ${c.system} system claims); test2 56.0 / 33.3
  (value 76.0 / 45.2, 25 system claims) → ${pct(ratio(c2.full, c2.system))} / ${pct(ratio(c2.full, c2.gold))} (value
  ${pct(ratio(c2.value, c2.system))} / ${pct(ratio(c2.value, c2.gold))}, ${c2.system} system claims). The held-out
  "after" is this page's single reading, totals only, taken after the last rule was written; no rule was
  changed after it and the errors were not printed. Claims stage CPU (\`node bench/claims-cpu.mjs\`,
  minimum of five passes, three runs each, before and after alternated on the same build of the other
  stages): 128–129 ms before, 123–126 ms after (the same band). What the reading says: neither held-out
  stratum moved by a claim at any level (the same number of system claims and of right ones), so these
  rules changed no held-out score (or their changes cancelled out; the errors were not printed, so which
  is unknown). The claimant gain on PolNeAR (+3.4 points on the fit half, +2.3 on the half never read)
  and the recall classes read on ECB+ did not reach the held-out figures whose claimant is wrong (6 on
  test, 5 on test2) or the 23 test2 claims missed at the value level. The held-out target (90 / 80) is not
  reached.
- dev2 is a development stratum: its errors were read and the rules above written from them, so its
  figures are optimistic. Most of its gain is the title rule (value+metric+claimant 20.8 / 13.1 to
  64.2 / 40.5 with it alone), which fires only where a record carries a title naming a speaker: the war
  sample has no titles, so it cannot move test or test2. Left unsolved on dev2 after the fifth revision:
  fragments without a verb ("8 missiles.", "340 border guards - our heroes.", "38 children more during
  these days.", "Thousands of victims."), aid amounts whose aid words are in another sentence ("more than
  20 billion can be allocated for defense"), history and hypotheticals read as claims ("Millions of people
  died because of it." about pre-war pacts; "when there are already … millions of refugees"), people
  described by their state rather than an event ("several dozen children with limb amputations", "1,090
  orphans … who have arrived"), and a transcript with two speakers (Biden's "over 7,000 or so refugees").
- test2 was drawn to see whether the rules generalise: wider vocabulary than the keyword list the other
  strata were drawn with (troop units, mobilisation, aid in words, money), so it is harder, and its
  43 claims exhausted the pre-2024 sample (the aim was 60; the 2024 articles are reserved). The same
  hand annotated it and then wrote this revision's rules, knowing its sentences; no rule was written
  from one of them. Its errors were never printed. One claim is ${pct(ratio(1, c2.gold))} points of its recall.
- The quotes stage in this run is whatever src/stages/quotes holds; a figure inside a quote takes the
  quote's speaker as claimant, else the sentence's own claimant patterns are used.
- Caveat on the test stratum: its sentences were read while annotating them, and one later rule (a
  figure after "fired/launched" counting missiles is an attack) was written with one of them in mind
  ("Russia fired three dozen missiles…"): that can move the test figures by about one claim.
- The test set is small (${c.gold} claims): one claim is ${pct(ratio(1, c.gold))} points of recall.
- The extra stratum was annotated by the same hand that then wrote rules on its errors: its figures are
  development figures like the others, not held-out ones.
- The keyword stratum was drawn with a keyword list, so it favours claims whose words a rule-based
  extractor also looks for; the random stratum has no such bias but few claims.
`;
  return {
    markdown,
    metrics: {
      devFullP: ratio(d.full, d.system),
      devFullR: ratio(d.full, d.gold),
      valueP: ratio(c.value, c.system),
      valueR: ratio(c.value, c.gold),
      valueMetricP: ratio(c.valueMetric, c.system),
      valueMetricR: ratio(c.valueMetric, c.gold),
      fullP: ratio(c.full, c.system),
      fullR: ratio(c.full, c.gold),
      sideAccuracy: ratio(c.sideRight, c.sideSeen),
      baselineFullP: ratio(base.test.full, base.test.system),
      baselineFullR: ratio(base.test.full, base.test.gold),
      test2FullP: ratio(c2.full, c2.system),
      test2FullR: ratio(c2.full, c2.gold),
      dev2FullP: ratio(counts.dev2.full, counts.dev2.system),
      dev2FullR: ratio(counts.dev2.full, counts.dev2.gold),
      dev3FullP: ratio(counts.dev3.full, counts.dev3.system),
      dev3FullR: ratio(counts.dev3.full, counts.dev3.gold),
    },
  };
};

/** Where the gold sentence starts in the clean text: the exact sentence nearest its raw offset, else its prefix. */
function findSentence(text: string, sentence: string, prefix: string, rawStart: number): number {
  let best = -1;
  for (const needle of [sentence, prefix]) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (best < 0 || Math.abs(at - rawStart) < Math.abs(best - rawStart)) best = at;
    }
    if (best >= 0) return best;
  }
  return best;
}
