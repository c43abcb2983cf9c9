// `sitrep eval extraction`: main-text and publication-date extraction from HTML, measured on two
// public benchmarks with their own metrics, and the extraction speed on one core.
//   (a) article-extraction-benchmark (Zyte/ScrapingHub): 4-gram shingle P/R/F1 averaged over
//       documents, and exact token match, for sitrep and, in the same run, for the trafilatura and
//       Readability.js outputs shipped with the benchmark.
//   (b) trafilatura-eval: `with`/`without` segments over the whole corpus, and the publication
//       date on the pages that have a gold date.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { htmlToArticleText } from '../src/stages/clean/index.js';
import { decodeBytes, decodeWindows1252 } from '../src/stages/ingest/decode.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';

// ---------------------------------------------------------------------------------------------
// The ScrapingHub metric, re-implemented from its description in the benchmark's README.

/** Python's `\w+` (unicode): letters, digits (incl. other numerics), marks joined to them, underscore. */
const TOKEN = /[\p{L}\p{N}\p{Mn}\p{Mc}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** 4-gram shingles with counts; a text of fewer than 4 tokens is one shingle of all of them. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n).join(' ');
    if (shingle) counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** Per-document TP/FP/FN over shingle counts, normalised to sum to 1. */
export function shingleCounts(gold: string, predicted: string): { tp: number; fp: number; fn: number } {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, c] of p) {
    const inGold = g.get(s) ?? 0;
    tp += Math.min(c, inGold);
    fp += Math.max(0, c - inGold);
  }
  for (const [s, c] of g) fn += Math.max(0, c - (p.get(s) ?? 0));
  const sum = tp + fp + fn || 1;
  return { tp: tp / sum, fp: fp / sum, fn: fn / sum };
}

export interface ShingleScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  documents: number;
}

/** P and R averaged over documents (those with no predicted / no gold shingles left out), F1 of the averages. */
export function shingleScore(pairs: ReadonlyArray<{ gold: string; predicted: string }>): ShingleScore {
  const precisions: number[] = [];
  const recalls: number[] = [];
  let exact = 0;
  for (const { gold, predicted } of pairs) {
    const { tp, fp, fn } = shingleCounts(gold, predicted);
    if (tp + fp > 0) precisions.push(tp / (tp + fp));
    if (tp + fn > 0) recalls.push(tp / (tp + fn));
    if (tokenize(gold).join(' ') === tokenize(predicted).join(' ')) exact++;
  }
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: pairs.length ? exact / pairs.length : 0, documents: pairs.length };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

// ---------------------------------------------------------------------------------------------
// The trafilatura-eval metric: segments counted over the whole corpus.

export interface SegmentCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** White space is compared collapsed: the gold snippets and the extracted text break lines differently. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function countSegments(text: string, want: readonly string[], unwanted: readonly string[]): SegmentCounts {
  const haystack = squash(text);
  const counts: SegmentCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of want)
    if (haystack.includes(squash(s))) counts.tp++;
    else counts.fn++;
  for (const s of unwanted)
    if (haystack.includes(squash(s))) counts.fp++;
    else counts.tn++;
  return counts;
}

function segmentScores(c: SegmentCounts) {
  const precision = c.tp / (c.tp + c.fp || 1);
  const recall = c.tp / (c.tp + c.fn || 1);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn || 1);
  return { precision, recall, f1, accuracy };
}

// ---------------------------------------------------------------------------------------------

function readHtml(path: string, fallbacks?: { n: number }): string {
  const bytes = gunzipSync(readFileSync(path));
  const decoded = decodeBytes(bytes, { declared: 'html' });
  if (decoded.ok) return decoded.text;
  // A page that is in no encoding we can tell is read as windows-1252, as browsers do.
  if (fallbacks) fallbacks.n++;
  return decodeWindows1252(bytes);
}

interface Timing {
  pages: number;
  ms: number;
}

function timed<T>(timing: Timing, run: () => T): T {
  const start = performance.now();
  const result = run();
  timing.ms += performance.now() - start;
  timing.pages++;
  return result;
}

interface ScrapingHubResult {
  sitrep: ShingleScore;
  references: Array<{ name: string; version: string; score: ShingleScore }>;
  methods: Map<string, number>;
  timing: Timing;
}

function evaluateScrapingHub(options: EvalOptions): ScrapingHubResult {
  const dir = join(options.data, 'article-extraction-benchmark');
  const gold = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const ids = Object.keys(gold)
    .sort()
    .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const timing: Timing = { pages: 0, ms: 0 };
  const methods = new Map<string, number>();
  const pairs: Array<{ gold: string; predicted: string }> = [];
  for (const [i, id] of ids.entries()) {
    const entry = gold[id] as { articleBody: string; url: string };
    const html = readHtml(join(dir, 'html', `${id}.html.gz`));
    const result = timed(timing, () => htmlToArticleText(html, { url: entry.url }));
    methods.set(result.method, (methods.get(result.method) ?? 0) + 1);
    pairs.push({ gold: entry.articleBody, predicted: result.text });
    if ((i + 1) % 50 === 0) options.log(`article-extraction-benchmark: ${i + 1}/${ids.length}`);
  }
  const references = ['trafilatura', 'readability_js'].map((name) => {
    const file = JSON.parse(readFileSync(join(dir, 'reference-outputs', `${name}.json`), 'utf8')) as {
      version?: string;
      output: Record<string, { articleBody?: string }>;
    };
    const score = shingleScore(
      ids.map((id) => ({ gold: gold[id]?.articleBody ?? '', predicted: file.output[id]?.articleBody ?? '' })),
    );
    return { name, version: String(file.version ?? ''), score };
  });
  return { sitrep: shingleScore(pairs), references, methods, timing };
}

interface TrafilaturaResult {
  pages: number;
  segments: SegmentCounts;
  dated: number;
  dateCorrect: number;
  dateMissing: number;
  dateSources: Map<string, { n: number; correct: number }>;
  decodeFallbacks: number;
  methods: Map<string, number>;
  timing: Timing;
}

interface EvalItem {
  file: string;
  with: string[];
  without: string[];
  date?: string;
}

function evaluateTrafilatura(options: EvalOptions): TrafilaturaResult {
  const dir = join(options.data, 'trafilatura-eval');
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, EvalItem>;
  const index = JSON.parse(readFileSync(join(dir, 'file_index.json'), 'utf8')) as Record<string, string>;
  const urls = Object.keys(data).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const result: TrafilaturaResult = {
    pages: 0,
    segments: { tp: 0, fn: 0, fp: 0, tn: 0 },
    dated: 0,
    dateCorrect: 0,
    dateMissing: 0,
    dateSources: new Map(),
    decodeFallbacks: 0,
    methods: new Map(),
    timing: { pages: 0, ms: 0 },
  };
  for (const [i, url] of urls.entries()) {
    const item = data[url] as EvalItem;
    const stored = index[item.file];
    if (!stored) continue;
    const fallbacks = { n: 0 };
    const html = readHtml(join(dir, stored), fallbacks);
    result.decodeFallbacks += fallbacks.n;
    const extracted = timed(result.timing, () => htmlToArticleText(html, { url }));
    result.pages++;
    result.methods.set(extracted.method, (result.methods.get(extracted.method) ?? 0) + 1);
    const c = countSegments(extracted.text, item.with, item.without);
    result.segments.tp += c.tp;
    result.segments.fn += c.fn;
    result.segments.fp += c.fp;
    result.segments.tn += c.tn;
    if (item.date) {
      result.dated++;
      const day = extracted.publishedDate;
      const source = extracted.publishedSource ?? 'none';
      const bySource = result.dateSources.get(source) ?? { n: 0, correct: 0 };
      bySource.n++;
      if (day === null) result.dateMissing++;
      else if (day === item.date) {
        result.dateCorrect++;
        bySource.correct++;
      }
      result.dateSources.set(source, bySource);
    }
    if ((i + 1) % 100 === 0) options.log(`trafilatura-eval: ${i + 1}/${urls.length}`);
  }
  return result;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

export const evaluate: Evaluate = async (options) => {
  const started = new Date().toISOString().slice(0, 10);
  const hub = evaluateScrapingHub(options);
  const traf = evaluateTrafilatura(options);
  const seg = segmentScores(traf.segments);
  const totalPages = hub.timing.pages + traf.timing.pages;
  const totalMs = hub.timing.ms + traf.timing.ms;
  const rate = (t: Timing) => (t.ms > 0 ? (1000 * t.pages) / t.ms : 0);
  const dateAccuracy = traf.dated ? traf.dateCorrect / traf.dated : 0;
  const limit = options.limit ? ` --limit ${options.limit}` : '';
  const methods = (m: Map<string, number>) =>
    Array.from(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');

  const lines = [
    '# Evaluation: HTML extraction (text and publication date)',
    '',
    `Command: \`node bin/sitrep.js eval extraction${limit} --write\` (run ${started}, Node ${process.version}, one core).`,
    'What is measured: `htmlToArticleText` of the clean stage (`src/stages/clean/html.ts`), the',
    'main text as sitrep stores it (the title block dropped) and the publication date it finds.',
    '',
    '## (a) article-extraction-benchmark (Zyte / ScrapingHub)',
    '',
    `Data: \`../shared/data/article-extraction-benchmark\`, ${hub.sitrep.documents} pages with a gold \`articleBody\`.`,
    "Metric: the benchmark's own, re-implemented from its README: `\\w+` unicode tokens, 4-gram",
    'shingles with counts, per-document TP/FP/FN normalised to sum to 1, precision and recall',
    'averaged over documents, F1 of the two averages; accuracy = identical token sequence.',
    'The reference rows score the outputs shipped in `reference-outputs/` with the same code in the same run.',
    '',
    '| system | precision | recall | F1 | accuracy |',
    '|---|---|---|---|---|',
    `| **sitrep** | ${f3(hub.sitrep.precision)} | ${f3(hub.sitrep.recall)} | **${f3(hub.sitrep.f1)}** | ${f3(hub.sitrep.accuracy)} |`,
    ...hub.references.map(
      (r) =>
        `| ${r.name} ${r.version} | ${f3(r.score.precision)} | ${f3(r.score.recall)} | ${f3(r.score.f1)} | ${f3(r.score.accuracy)} |`,
    ),
    '',
    `Extraction method chosen (\`provenance.textSource\`): ${methods(hub.methods)}.`,
    '',
    '## (b) trafilatura-eval',
    '',
    `Data: \`../shared/data/trafilatura-eval\`, ${traf.pages} pages (via \`file_index.json\`; bytes decoded`,
    'by BOM, else strict UTF-8, else the declared `<meta charset>`, as ingest does;',
    `${traf.decodeFallbacks} fell back to windows-1252). The page URL is given as the record's URL.`,
    '',
    'Segments: each `with` snippet found in the text is a true positive (else a false negative), each',
    '`without` snippet found is a false positive (else a true negative), counted over the whole corpus',
    '(white space compared collapsed). trafilatura publishes F1 0.909 on this set.',
    '',
    '| segments | TP | FN | FP | TN | precision | recall | F1 | accuracy |',
    '|---|---|---|---|---|---|---|---|---|',
    `| sitrep | ${traf.segments.tp} | ${traf.segments.fn} | ${traf.segments.fp} | ${traf.segments.tn} | ${f3(seg.precision)} | ${f3(seg.recall)} | **${f3(seg.f1)}** | ${f3(seg.accuracy)} |`,
    '',
    `Publication date, on the ${traf.dated} pages with a gold \`date\`: the calendar date as the page`,
    'writes it (before conversion to UTC) must equal the gold `YYYY-MM-DD`. No date found counts as wrong.',
    '',
    '| dated pages | correct | wrong | none found | accuracy |',
    '|---|---|---|---|---|',
    `| ${traf.dated} | ${traf.dateCorrect} | ${traf.dated - traf.dateCorrect - traf.dateMissing} | ${traf.dateMissing} | **${pct(dateAccuracy)}** |`,
    '',
    '| date found by (`provenance.publishedSource`) | pages | correct |',
    '|---|---|---|',
    ...Array.from(traf.dateSources)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([source, s]) => `| ${source} | ${s.n} | ${s.correct} (${pct(s.correct / s.n)}) |`),
    '',
    `Extraction method chosen: ${methods(traf.methods)}.`,
    '',
    '## (c) Speed',
    '',
    'Time spent inside `htmlToArticleText` (parse, metadata, extraction cascade) on already',
    'decoded pages, one Node.js thread.',
    '',
    '| set | pages | seconds | pages/s |',
    '|---|---|---|---|',
    `| article-extraction-benchmark | ${hub.timing.pages} | ${(hub.timing.ms / 1000).toFixed(2)} | ${rate(hub.timing).toFixed(0)} |`,
    `| trafilatura-eval | ${traf.timing.pages} | ${(traf.timing.ms / 1000).toFixed(2)} | ${rate(traf.timing).toFixed(0)} |`,
    `| both | ${totalPages} | ${(totalMs / 1000).toFixed(2)} | **${rate({ pages: totalPages, ms: totalMs }).toFixed(0)}** |`,
    '',
  ];
  const report: EvalReport = {
    markdown: lines.join('\n'),
    metrics: {
      scrapinghubF1: hub.sitrep.f1,
      scrapinghubPrecision: hub.sitrep.precision,
      scrapinghubRecall: hub.sitrep.recall,
      trafilaturaSegmentF1: seg.f1,
      trafilaturaDateAccuracy: dateAccuracy,
      pagesPerSecond: rate({ pages: totalPages, ms: totalMs }),
    },
  };
  return report;
};
