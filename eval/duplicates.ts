// `sitrep eval duplicates`: near-duplicate detection on a labelled set built from the war sample
// (records with the same title fingerprint are the same article, seen again or re-extracted)
// plus synthetic variants of pre-2024 articles (syndicated with new boilerplate, truncated to
// 60 %, 10 % of words edited, a new lede). Pairwise precision/recall over the duplicate groups,
// for sitrep's MinHash + LSH + containment and, in the same run, exact-text matching. Pre-2024
// articles were used for tuning; the 2024 articles are reported separately as held out.

import { newArticle } from '../src/core/document.js';
import { createPipeline } from '../src/core/pipeline.js';
import {
  bandKeys,
  DEFAULT_DUPLICATE_OPTIONS,
  resemblance,
  type Signature,
  signature,
} from '../src/corpus/duplicates/minhash.js';
import { defaultStages } from '../src/stages/index.js';
import { seededRandom } from './random.js';
import type { EvalOptions, EvalReport } from './types.js';
import { readWarSample, type WarArticle } from './war-sample.js';

interface Item {
  id: string;
  text: string;
  group: string;
}

const BOILERPLATE_HEAD = ['Share this article', 'Follow us on Telegram | Facebook | X', 'Advertisement'];
const BOILERPLATE_TAIL = [
  'Support our journalism: subscribe today.',
  'Related Articles',
  '© All rights reserved. Back to top',
];
const LEDES = [
  'Updated with reaction from officials in the paragraphs below.',
  'Here is what we know so far about the latest developments, according to officials and local media.',
];

/** Synthetic variants of one article, each labelled as a duplicate of it. */
function variants(article: WarArticle, next: () => number): Item[] {
  const text = article.text;
  const words = text.split(/(\s+)/);
  const edited = words.map((w) => (/\S/.test(w) && next() < 0.1 ? (next() < 0.5 ? 'the' : `${w}s`) : w)).join('');
  const group = article.title_md5_prefix;
  return [
    {
      id: `${article.id}~syndicated`,
      text: `${BOILERPLATE_HEAD.join('\n')}\n\n${text}\n\n${BOILERPLATE_TAIL.join('\n')}`,
      group,
    },
    { id: `${article.id}~truncated`, text: text.slice(0, Math.floor(text.length * 0.6)), group },
    { id: `${article.id}~edited`, text: edited, group },
    { id: `${article.id}~lede`, text: `${LEDES[Math.floor(next() * LEDES.length)]}\n\n${text}`, group },
  ];
}

type Detector = (items: Item[]) => Array<[string, string]>;

const minhashDetector: Detector = (items) => {
  const buckets = new Map<string, number[]>();
  const sigs: Signature[] = [];
  const pairs: Array<[string, string]> = [];
  items.forEach((item, i) => {
    const sig = signature(item.text);
    sigs.push(sig);
    const candidates = new Set<number>();
    for (const key of bandKeys(sig)) {
      const bucket = buckets.get(key);
      if (bucket) for (const j of bucket) candidates.add(j);
      else buckets.set(key, []);
      buckets.get(key)!.push(i);
    }
    for (const j of candidates) if (resemblance(sig, sigs[j]!).duplicate) pairs.push([items[j]!.id, item.id]);
  });
  return pairs;
};

const exactDetector: Detector = (items) => {
  const seen = new Map<string, string>();
  const pairs: Array<[string, string]> = [];
  for (const item of items) {
    const key = item.text.replace(/\s+/g, ' ').trim();
    const first = seen.get(key);
    if (first) pairs.push([first, item.id]);
    else seen.set(key, item.id);
  }
  return pairs;
};

/** Pairwise precision and recall over the groups that the pairs form (transitively). */
function score(items: Item[], predicted: Array<[string, string]>) {
  const parent = new Map(items.map((i) => [i.id, i.id]));
  const find = (x: string): string => {
    const p = parent.get(x)!;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of predicted) parent.set(find(a), find(b));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const gold = items[i]!.group === items[j]!.group;
      const pred = find(items[i]!.id) === find(items[j]!.id);
      if (gold && pred) tp++;
      else if (pred) fp++;
      else if (gold) fn++;
    }
  }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), goldPairs: tp + fn };
}

const fmt = (x: number) => x.toFixed(3);
const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();

export async function evaluate(options: EvalOptions): Promise<EvalReport> {
  let articles = readWarSample(options.data);
  if (options.limit) articles = articles.slice(0, options.limit);
  const before2024 = articles.filter((a) => a.gdelt_seendate < '2024');
  const in2024 = articles.filter((a) => a.gdelt_seendate >= '2024');
  const next = seededRandom(7);
  // Gold groups: the same title fingerprint, or the same text (identical texts under different
  // titles are live pages or sign-up walls captured twice: duplicates all the same).
  const groupOf = new Map<string, string>();
  for (const a of articles) {
    const byText = groupOf.get(`text:${normalized(a.text)}`);
    const byTitle = groupOf.get(`title:${a.title_md5_prefix}`);
    const group = byText ?? byTitle ?? a.title_md5_prefix;
    groupOf.set(`text:${normalized(a.text)}`, group);
    groupOf.set(`title:${a.title_md5_prefix}`, group);
  }
  // Detection runs on the clean text, as at ingest.
  const clean = createPipeline(defaultStages().filter((stage) => stage.name === 'clean'));
  const cleanText = (a: WarArticle, text = a.text) =>
    clean.run(newArticle({ key: a.id, source: 'eval', position: 0, format: 'text', raw: text, fields: { text } })).text;
  const realItems = (list: WarArticle[]): Item[] =>
    list.map((a) => ({ id: a.id, text: cleanText(a), group: groupOf.get(`title:${a.title_md5_prefix}`)! }));
  const synthetic = [
    ...realItems(before2024),
    ...before2024
      .filter((a) => a.text.length >= 800)
      .flatMap((a) =>
        variants(a, next).map((v) => ({
          ...v,
          text: cleanText(a, v.text),
          group: groupOf.get(`title:${a.title_md5_prefix}`)!,
        })),
      ),
  ];
  const sets: Array<[string, Item[]]> = [
    ['pre-2024 real + synthetic variants (tuning set)', synthetic],
    ['2024 real articles (held out)', realItems(in2024)],
  ];
  const rows: string[] = [];
  const metrics: Record<string, number> = {};
  for (const [name, items] of sets) {
    const started = process.hrtime.bigint();
    const ours = score(items, minhashDetector(items));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const exact = score(items, exactDetector(items));
    rows.push(
      `| ${name} | ${items.length} | ${ours.goldPairs} | sitrep MinHash+LSH+containment | ${fmt(ours.p)} | ${fmt(ours.r)} | ${fmt(ours.f1)} | ${(items.length / seconds).toFixed(0)} |`,
      `| | | | exact text (baseline) | ${fmt(exact.p)} | ${fmt(exact.r)} | ${fmt(exact.f1)} | |`,
    );
    const key = name.startsWith('2024') ? 'heldOut' : 'tuning';
    metrics[`${key}Precision`] = ours.p;
    metrics[`${key}Recall`] = ours.r;
    options.log(`${name}: P ${fmt(ours.p)} R ${fmt(ours.r)}`);
  }
  const o = DEFAULT_DUPLICATE_OPTIONS;
  const markdown = `# Near-duplicate detection

Command: \`sitrep eval duplicates\` (eval/duplicates.ts). Data: \`../shared/data/ukraine-war-news-gdelt-sample\`.
Gold: articles with the same title fingerprint (\`title_md5_prefix\`) or the same text are one article
(re-crawled or re-extracted, sometimes truncated), and each synthetic variant of a pre-2024 article of 800+ characters
(syndicated with new boilerplate, truncated to 60 %, 10 % of words edited, a new lede) is a duplicate of it.
Detection runs on the clean text (the clean stage first, as at ingest). Scores are pairwise over the
duplicate groups that the detected pairs form. Settings: ${o.shingleWords}-word
shingles, ${o.permutations} permutations in ${o.bands} bands, duplicate when estimated Jaccard ≥ ${o.jaccard} or
containment ≥ ${o.containment} (shorter text ≥ ${o.minShingles} shingles). Tuned on the first set only.

| set | texts | gold pairs | system | precision | recall | F1 | texts/s |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Targets: precision ≥ 0.98, recall ≥ 0.95.
`;
  return { markdown, metrics };
}
