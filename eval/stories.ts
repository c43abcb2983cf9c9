// `sitrep eval stories`: story clustering on ECB+ (documents grouped by real-world seminal event;
// each topic holds two different events of the same type). Scores sitrep's incremental clusterer
// and, in the same run, the tf-idf average-link baseline and the gold topics as clusters, with
// B-cubed and CEAF-e on the test split (topics 36-45). Thresholds are tuned on the dev split only.
// The train split (gold labels too) is scored in two halves of its topics, each with document
// frequencies seeded from the other half and dev: a second check of choices made on dev.
// SITREP_EVAL_STORIES=choose prints the dev and train figures only and never touches test: the mode
// to compare changes in (choices are made on dev and train; test is run once, at the end).

import { join } from 'node:path';
import { DEFAULT_STORY_OPTIONS, StoryClusterer, type StoryOptions } from '../src/corpus/stories/clusterer.js';
import { cosine, DocumentFrequencies, terms, tfidf } from '../src/corpus/text-features.js';
import { bcubed, type Clustering, ceafe, type Prf } from './cluster-metrics.js';
import { readJsonl } from './jsonl.js';
import { seededRandom } from './random.js';
import type { EvalOptions, EvalReport } from './types.js';

interface EcbDoc {
  doc_name: string;
  topic: number;
  seminal_event_cluster: string;
  split_cybulska_vossen_2015: 'train' | 'dev' | 'test';
  text: string;
}

const SEEDS = [1, 2, 3, 4, 5];

function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  const random = seededRandom(seed);
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

function gold(docs: EcbDoc[]): Clustering {
  return new Map(docs.map((d) => [d.doc_name, d.seminal_event_cluster]));
}

/** The baseline: tf-idf (sublinear tf, idf over the documents clustered), average-link, a threshold. */
function averageLink(docs: EcbDoc[], threshold: number): Clustering {
  const frequencies = new DocumentFrequencies();
  const counts = docs.map((d) => plainTerms(d.text));
  for (const c of counts) frequencies.add(c.keys());
  const vectors = counts.map((c) => tfidf(c, frequencies));
  let clusters: number[][] = docs.map((_, i) => [i]);
  const sim = vectors.map((a) => vectors.map((b) => cosine(a, b)));
  for (;;) {
    let best = { i: -1, j: -1, score: -1 };
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        let sum = 0;
        for (const a of clusters[i]!) for (const b of clusters[j]!) sum += sim[a]![b]!;
        const score = sum / (clusters[i]!.length * clusters[j]!.length);
        if (score > best.score) best = { i, j, score };
      }
    }
    if (best.score < threshold) break;
    clusters = clusters
      .filter((_, k) => k !== best.i && k !== best.j)
      .concat([[...clusters[best.i]!, ...clusters[best.j]!]]);
  }
  const result: Clustering = new Map();
  clusters.forEach((members, k) => {
    for (const m of members) result.set(docs[m]!.doc_name, `c${k}`);
  });
  return result;
}

/** Plain terms for the baseline: no boosts for names or numbers. */
function plainTerms(text: string): Map<string, number> {
  return terms(text, { nameBoost: 1, numberBoost: 1 });
}

function incremental(docs: EcbDoc[], options: Partial<StoryOptions>, background: EcbDoc[], seed: number): Clustering {
  const frequencies = new DocumentFrequencies();
  for (const d of background)
    frequencies.add(terms(d.text, options.termOptions ?? DEFAULT_STORY_OPTIONS.termOptions).keys());
  const clusterer = new StoryClusterer({ windowDays: null, ...options }, frequencies);
  const result: Clustering = new Map();
  for (const d of shuffled(docs, seed)) {
    const assignment = clusterer.assign({ id: d.doc_name, text: d.text, title: headline(d.text) });
    result.set(d.doc_name, assignment.story);
    for (const m of assignment.moved) result.set(m.id, m.story);
  }
  return result;
}

/** The first line when it reads as a headline (short, no closing full stop); ECB+ texts keep it in the body. */
function headline(text: string): string | null {
  const first = text.slice(0, Math.max(text.indexOf('\n'), 0)).trim();
  return first.length > 0 && first.length <= 150 && !/[.!?]\s*["'”’]?$/.test(first) ? first : null;
}

function mean(scores: Prf[]): Prf {
  const avg = (k: keyof Prf) => scores.reduce((s, x) => s + x[k], 0) / scores.length;
  return { p: avg('p'), r: avg('r'), f1: avg('f1') };
}

const fmt = (x: number) => x.toFixed(3);

export async function evaluate(options: EvalOptions): Promise<EvalReport> {
  const file = join(options.data, 'ecbplus', 'ecbplus_documents.jsonl');
  const all = readJsonl<EcbDoc>(file);
  const split = (s: EcbDoc['split_cybulska_vossen_2015']) => all.filter((d) => d.split_cybulska_vossen_2015 === s);
  const [train, dev, test] = [split('train'), split('dev'), split('test')];
  const testDocs = options.limit ? test.slice(0, options.limit) : test;
  // The train topics in two halves (alternate topics), each seeded with the other half and dev.
  const trainTopics = [...new Set(train.map((d) => d.topic))].sort((a, b) => a - b);
  const half = (h: number) => train.filter((d) => trainTopics.indexOf(d.topic) % 2 === h);
  const trainHalves = [
    { docs: half(0), background: [...half(1), ...dev] },
    { docs: half(1), background: [...half(0), ...dev] },
  ];
  const choosing = process.env.SITREP_EVAL_STORIES === 'choose';

  // Tune both systems' thresholds on dev.
  const grid = Array.from({ length: 21 }, (_, i) => 0.1 + i * 0.01);
  let baseThreshold = grid[0]!;
  let baseBest = -1;
  for (const t of grid) {
    const f = bcubed(gold(dev), averageLink(dev, t)).f1;
    if (f > baseBest) [baseBest, baseThreshold] = [f, t];
  }
  options.log(`baseline: threshold ${baseThreshold.toFixed(2)} (dev B3 F1 ${fmt(baseBest)})`);
  // sitrep runs at its shipped threshold: chosen on dev and train together with the events
  // evaluation's tuning pairs, since story membership scopes event merging (see the markdown below).
  const ourThreshold = DEFAULT_STORY_OPTIONS.threshold;
  const ourBest = mean(
    SEEDS.map((seed) => bcubed(gold(dev), incremental(dev, { threshold: ourThreshold }, train, seed))),
  ).f1;
  options.log(`sitrep: threshold ${ourThreshold.toFixed(2)} (dev B3 F1 ${fmt(ourBest)})`);
  // The train halves at the threshold chosen on dev.
  const trainRows: Array<[string, Prf, Prf]> = trainHalves.map(({ docs, background }) => {
    const goldHalf = gold(docs);
    const runs = SEEDS.map((seed) => incremental(docs, { threshold: ourThreshold }, background, seed));
    const topics = [...new Set(docs.map((d) => d.topic))].join(', ');
    return [
      `sitrep incremental, train topics ${topics} (${docs.length} documents)`,
      mean(runs.map((c) => bcubed(goldHalf, c))),
      mean(runs.map((c) => ceafe(goldHalf, c))),
    ];
  });
  const tableOf = (list: Array<[string, Prf, Prf]>): string =>
    list
      .map(
        ([name, b, c]) =>
          `| ${name} | ${fmt(b.p)} | ${fmt(b.r)} | **${fmt(b.f1)}** | ${fmt(c.p)} | ${fmt(c.r)} | ${fmt(c.f1)} |`,
      )
      .join('\n');
  const header = '| system | B³ P | B³ R | B³ F1 | CEAF-e P | CEAF-e R | CEAF-e F1 |\n|---|---|---|---|---|---|---|';
  const trainTable = tableOf(trainRows);
  const trainF1 = trainRows.reduce((sum, [, b], h) => sum + b.f1 * trainHalves[h]!.docs.length, 0) / train.length;
  if (choosing) {
    const goldDev = gold(dev);
    const runs = SEEDS.map((seed) => incremental(dev, { threshold: ourThreshold }, train, seed));
    const devRow: [string, Prf, Prf] = [
      `sitrep incremental, dev (${dev.length} documents)`,
      mean(runs.map((c) => bcubed(goldDev, c))),
      mean(runs.map((c) => ceafe(goldDev, c))),
    ];
    return {
      markdown: `# Story clustering on ECB+: dev and train only (SITREP_EVAL_STORIES=choose; test not run)

Threshold (the shipped default): ${ourThreshold.toFixed(2)} (dev B³ F1 ${fmt(ourBest)}, mean of ${SEEDS.length} arrival orders).

${header}
${tableOf([devRow])}
${trainTable}

Train B³ F1, both halves (weighted by documents): ${fmt(trainF1)}.
`,
      metrics: { devB3F1: ourBest, trainB3F1: trainF1, threshold: ourThreshold },
    };
  }

  const goldTest = gold(testDocs);
  const started = process.cpuUsage();
  const ours = SEEDS.map((seed) => incremental(testDocs, { threshold: ourThreshold }, train, seed));
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  const oursB3 = mean(ours.map((c) => bcubed(goldTest, c)));
  const oursCeaf = mean(ours.map((c) => ceafe(goldTest, c)));
  const base = averageLink(testDocs, baseThreshold);
  const topics: Clustering = new Map(testDocs.map((d) => [d.doc_name, String(d.topic)]));
  const rows: Array<[string, Prf, Prf]> = [
    [`sitrep incremental (mean of ${SEEDS.length} arrival orders)`, oursB3, oursCeaf],
    ['tf-idf average-link baseline (batch)', bcubed(goldTest, base), ceafe(goldTest, base)],
    ['gold topics as clusters', bcubed(goldTest, topics), ceafe(goldTest, topics)],
  ];
  // The dev split at the chosen thresholds (what the tuning saw), for comparison.
  const goldDev = gold(dev);
  const oursDev = SEEDS.map((seed) => incremental(dev, { threshold: ourThreshold }, train, seed));
  const baseDev = averageLink(dev, baseThreshold);
  const devRows: Array<[string, Prf, Prf]> = [
    [
      `sitrep incremental (mean of ${SEEDS.length} arrival orders)`,
      mean(oursDev.map((c) => bcubed(goldDev, c))),
      mean(oursDev.map((c) => ceafe(goldDev, c))),
    ],
    ['tf-idf average-link baseline (batch)', bcubed(goldDev, baseDev), ceafe(goldDev, baseDev)],
  ];
  const table = tableOf(rows);
  const devTable = tableOf(devRows);
  const markdown = `# Story clustering on ECB+

Command: \`sitrep eval stories\` (eval/stories.ts). Data: \`../shared/data/ecbplus/ecbplus_documents.jsonl\`,
test split (topics 36–45, ${testDocs.length} documents, ${new Set(testDocs.map((d) => d.seminal_event_cluster)).size} gold seminal events; each topic holds two
different events of the same type). Thresholds: sitrep ${ourThreshold.toFixed(2)} (its shipped default, chosen on
the dev and train splits together with the events evaluation's tuning pairs: below), baseline ${baseThreshold.toFixed(2)}
(tuned on dev). sitrep clusters one document at a time in a random arrival order
(the mean over ${SEEDS.length} orders is reported), re-clustering each new document with its neighbour
stories by average link; document frequencies are seeded from the train split's texts (no labels).
Its terms: content words with names (capitalised words inside a sentence) × 3.5, numbers × 2, names of
two words as terms of their own (× 2), and the headline's terms × 3 more (the first line of an ECB+
text when it reads as a headline: at most 150 characters, no closing full stop; in ingest, the
article's title).
Two articles that both name years but none in common, or months but none in common, count their
cosine ${Math.round(DEFAULT_STORY_OPTIONS.dateConflict * 100)} % less (\`dateConflict\`); and a group of at most ${DEFAULT_STORY_OPTIONS.attachSize} articles that
average-link leaves apart joins its nearest group when their link is at least ${DEFAULT_STORY_OPTIONS.attachShare} of the threshold and
${DEFAULT_STORY_OPTIONS.attachMargin} times its link with any other (\`attachShare\`, src/corpus/stories/clusterer.ts).
The baseline clusters the whole test set at once.

${header}
${table}

The dev split (topics 2, 5, 12, 18, 21, 23, 34, 35; ${dev.length} documents), where the choices were made:

${header}
${devTable}

The train split at the same threshold, in two halves of its topics, each with document frequencies seeded
from the other half and dev (train B³ F1 over both, weighted by documents: ${fmt(trainF1)}):

${header}
${trainTable}

## How the clustering was last changed (2026-11-22), and how it was chosen

Test recall was the weak side (documents of one event split off, mostly one or two at a time) and
the two events of a topic sometimes merged. Two changes, each chosen on the dev split and the train
split (\`SITREP_EVAL_STORIES=choose sitrep eval stories\` prints those two and never runs test):

- **Date penalty** (\`dateConflict\` 0.3, src/corpus/stories/dates.ts): among train and dev pairs of one
  topic with a cosine of 0.12–0.3, 27 % of the pairs across the topic's two events named disjoint
  years, against 9 % within an event; disjoint months 25 % against 10 %. Such pairs count their
  cosine 30 % less. Penalty 0.2 / 0.3 / 0.4: train B³ F1 0.919 / 0.931 / 0.924, dev 0.964 / 0.972 / 0.968.
- **Stray groups attach** (\`attachShare\` 0.6, \`attachMargin\` 1.5, \`attachSize\` 2): nearly every
  article left alone had its own event's story as its nearest; a group of one or two joins its
  nearest story when their average link is at least 0.6 × the threshold and 1.5 × the link with any
  other story (with 0.7 × or groups of one only, train 0.918–0.925).

Before → after (mean of 5 arrival orders; threshold chosen on dev, 0.20 → 0.18): dev B³ F1
0.945 → 0.972 (P 0.947 → 0.947, R 0.943 → 0.998), CEAF-e F1 0.791 → 0.941; train B³ F1 0.875 → 0.931
(halves 0.876 / 0.873 → 0.931 / 0.931), CEAF-e F1 0.657 / 0.648 → 0.814 / 0.849. Each alone (dev /
train B³ F1): attaching 0.961 / 0.896, year penalty 0.947 / 0.891, year and month penalty 0.945 / 0.911,
both changes 0.972 / 0.931. Cost: the story step took 2–9 % more CPU per article on bench-like text
(fastest of 5–6 alternating runs in one process; medians up to 17 % more on a busy machine), as
stories grow larger and more articles are re-clustered at once; bench:link at 20,000 articles
(\`--no-write\`) gave 9.2 s and 8.5 s for the story step per slice of 10,000 after, 9.2 s and 10.3 s before.

**The threshold, and test run twice.** On dev alone the best threshold with both changes is 0.18, and test
was run once with it: B³ F1 0.931 (P 0.925, R 0.937). But stories scope the merging of event reports
(\`sitrep eval events\`), and at 0.18 the attached strays merged unrelated events on the war sample: the
events evaluation's tuning pairs (whose errors may be read) went from merge precision 1.000 (33 / 33) to
0.868 (33 / 38). The shipped threshold was then chosen on ECB+ dev and train and those tuning pairs
together, without test: dev / train B³ F1 and the tuning pairs' duplicated-events rate, merge precision
and pair recall were 0.972 / 0.931 and 0.004, 0.868, 0.943 at 0.18; 0.960 / 0.923 and 0.005, 0.971,
0.971 at **0.19**; 0.956 / 0.918 and 0.015, 1.000, 0.943 at 0.20 (attaching at 0.8 × the threshold
instead, at 0.18: 0.961 / 0.921 and 0.015, 1.000, 0.943). Test was then run a second time, at 0.19, for
the table above.

Target: B³ F1 ≥ 0.93. sitrep clustered ${((testDocs.length * SEEDS.length) / seconds).toFixed(0)} documents per CPU second here (including tf-idf and seeding document frequencies from the train split).
`;
  return {
    markdown,
    metrics: { sitrepB3F1: oursB3.f1, baselineB3F1: bcubed(goldTest, base).f1, sitrepCeafeF1: oursCeaf.f1 },
  };
}
