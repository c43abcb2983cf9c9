// `node dist/scripts/build-ner-clusters.js`: word classes for the entity tagger, computed offline
// from the unlabelled English text in ../shared/data, written to data/ner/clusters.tsv
// (word, bit-string path, count). The tagger uses prefixes of the path as features, as Brown
// clusters are used in Ratinov & Roth (2009); the classes here are cheaper to compute than Brown's:
//
//   1. every word (lowercased, digits as 0: the tagger's `lowerHash` normalisation) seen at least
//      MIN_COUNT times gets a context vector: counts of the word one and two to its left and right,
//      among the CONTEXTS most frequent words (sentence edges count as words);
//   2. positive PMI weighting, a fixed random projection to DIMS dimensions, unit length;
//   3. recursive spherical 2-means (deterministic seeds) down to DEPTH levels: each word's path of
//      left/right choices is its bit-string, so a prefix of it is a coarser class.
//
// Text used (tokens only; no labels are read): CoNLL-2003 train and dev tokens (never the test
// sets), demo-news, ecbplus documents, tempeval3 TimeML text (tags stripped), article-extraction-benchmark
// ground-truth article bodies. trafilatura-eval is left out (mostly German pages); the war sample and
// polnear are left out because their READMEs allow internal evaluation only (the file would list
// their vocabulary). The file holds derived statistics only (a class per word), no text.
//
//   node dist/scripts/build-ner-clusters.js [--data ../shared/data] [--out data/ner/clusters.tsv]

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConll } from '../eval/ner-conll.js';
import { seededRandom } from '../eval/random.js';
import { tokenize } from '../src/stages/entities/tokenize.js';

const ROOT = new URL('../../', import.meta.url);
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const DATA = arg('data', fileURLToPath(new URL('../shared/data/', ROOT)));
const OUT = arg('out', fileURLToPath(new URL('data/ner/clusters.tsv', ROOT)));
const MIN_COUNT = Number(arg('min-count', '3'));
const MAX_WORDS = Number(arg('max-words', '60000'));
const CONTEXTS = Number(arg('contexts', '1000'));
const DIMS = Number(arg('dims', '256'));
const DEPTH = Number(arg('depth', '16'));
const log = (s: string) => process.stderr.write(`${s}\n`);

/** The tagger's lowercase normalisation (features.ts lowerCode): lowercase, digits 0, plain apostrophes and hyphens. */
export function normaliseWord(w: string): string {
  return w
    .toLowerCase()
    .replace(/[0-9]/g, '0')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010\u2011\u2013]/g, '-');
}

/** Sentences of normalised words from every source; the counts per source go to the log. */
function* corpus(): Generator<string[]> {
  const fromText = function* (text: string): Generator<string[]> {
    const t = tokenize(text);
    let cur: string[] = [];
    for (let i = 0; i < t.n; i++) {
      if (t.sentenceStart[i] && cur.length) {
        yield cur;
        cur = [];
      }
      cur.push(normaliseWord(text.slice(t.starts[i], t.ends[i])));
    }
    if (cur.length) yield cur;
  };
  const jsonl = (file: string): Array<Record<string, unknown>> => {
    if (!existsSync(file)) {
      log(`missing ${file}: skipped`);
      return [];
    }
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          log(`skipped a line of ${file} that is not JSON`);
          return [];
        }
      });
  };
  const conll = join(DATA, 'conll2003', 'conllpp-iob2');
  for (const f of ['conllpp_train.txt', 'conllpp_dev.txt'])
    for (const d of readConll(join(conll, f))) for (const s of d.sentences) yield s.tokens.map(normaliseWord);
  log('corpus: CoNLL train + dev tokens');
  for (const r of jsonl(join(DATA, 'demo-news', 'articles.jsonl')))
    yield* fromText(`${r.title ?? ''}\n\n${r.text ?? ''}`);
  log('corpus: demo-news');
  for (const r of jsonl(join(DATA, 'ecbplus', 'ecbplus_documents.jsonl'))) yield* fromText(String(r.text ?? ''));
  log('corpus: ecbplus');
  const tml = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? tml(join(dir, e.name)) : e.name.endsWith('.tml') ? [join(dir, e.name)] : [],
        )
      : [];
  for (const f of tml(join(DATA, 'tempeval3'))) {
    const body = readFileSync(f, 'utf8').match(/<TEXT>([\s\S]*?)<\/TEXT>/)?.[1] ?? '';
    yield* fromText(body.replace(/<[^>]+>/g, ''));
  }
  log('corpus: tempeval3');
  const gt = join(DATA, 'article-extraction-benchmark', 'ground-truth.json');
  if (existsSync(gt)) {
    const pages = JSON.parse(readFileSync(gt, 'utf8')) as Record<string, { articleBody?: string }>;
    for (const p of Object.values(pages)) yield* fromText(p.articleBody ?? '');
  }
  log('corpus: article-extraction-benchmark');
}

function main(): void {
  const t0 = performance.now();
  const sents: Int32Array[] = [];
  const ids = new Map<string, number>();
  const words: string[] = [];
  let counts = new Int32Array(1 << 16);
  let tokens = 0;
  for (const s of corpus()) {
    const a = new Int32Array(s.length);
    s.forEach((w, i) => {
      let id = ids.get(w);
      if (id === undefined) {
        id = words.length;
        ids.set(w, id);
        words.push(w);
        if (id >= counts.length) {
          const c = new Int32Array(counts.length * 2);
          c.set(counts);
          counts = c;
        }
      }
      counts[id]!++;
      a[i] = id;
    });
    sents.push(a);
    tokens += s.length;
  }
  log(`${tokens} tokens, ${sents.length} sentences, ${words.length} distinct words`);
  const byCount = words.map((_, i) => i).sort((x, y) => counts[y]! - counts[x]! || (words[x]! < words[y]! ? -1 : 1));
  const vocab = byCount.filter((i) => counts[i]! >= MIN_COUNT).slice(0, MAX_WORDS);
  const row = new Int32Array(words.length).fill(-1);
  vocab.forEach((w, r) => {
    row[w] = r;
  });
  // context ids: the CONTEXTS most frequent words, 0 = sentence edge, CONTEXTS+1 = any other word
  const C = CONTEXTS + 2;
  const ctx = new Int32Array(words.length).fill(C - 1);
  byCount.slice(0, CONTEXTS).forEach((w, k) => {
    ctx[w] = k + 1;
  });
  const V = vocab.length;
  const SLOTS = 4; // positions -2, -1, +1, +2
  const cooc = new Map<number, number>(); // (row * SLOTS * C + slot * C + ctx) → count
  const at = (s: Int32Array, j: number) => (j < 0 || j >= s.length ? 0 : ctx[s[j]!]!);
  for (const s of sents)
    for (let i = 0; i < s.length; i++) {
      const r = row[s[i]!]!;
      if (r < 0) continue;
      const base = r * SLOTS * C;
      const offsets = [-2, -1, 1, 2];
      for (let q = 0; q < SLOTS; q++) {
        const key = base + q * C + at(s, i + offsets[q]!);
        cooc.set(key, (cooc.get(key) ?? 0) + 1);
      }
    }
  // PPMI per slot, then a fixed random projection (±1 entries from a seeded generator)
  const colTotals = new Float64Array(SLOTS * C);
  const rowTotals = new Float64Array(V);
  for (const [key, n] of cooc) {
    const r = Math.floor(key / (SLOTS * C));
    colTotals[key % (SLOTS * C)]! += n;
    rowTotals[r]! += n;
  }
  const random = seededRandom(2009);
  const proj = new Float32Array(SLOTS * C * DIMS);
  for (let i = 0; i < proj.length; i++) proj[i] = random() < 0.5 ? -1 : 1;
  const vec = new Float32Array(V * DIMS);
  // context counts smoothed (^0.75, Levy et al. 2015) so that rare contexts do not dominate
  let smoothTotal = 0;
  for (let k = 0; k < colTotals.length; k++) smoothTotal += colTotals[k]! ** 0.75;
  for (const [key, n] of cooc) {
    const r = Math.floor(key / (SLOTS * C));
    const col = key % (SLOTS * C);
    if (col % C === C - 1) continue; // "any other word" says little
    const pmi = Math.log(((n / rowTotals[r]!) * smoothTotal) / colTotals[col]! ** 0.75);
    if (pmi <= 0) continue;
    const pr = col * DIMS;
    const vr = r * DIMS;
    for (let d = 0; d < DIMS; d++) vec[vr + d]! += pmi * proj[pr + d]!;
  }
  for (let r = 0; r < V; r++) {
    let norm = 0;
    for (let d = 0; d < DIMS; d++) norm += vec[r * DIMS + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIMS; d++) vec[r * DIMS + d]! /= norm;
  }
  log(`vectors: ${V} words × ${DIMS} dimensions (${cooc.size} co-occurrence cells)`);
  // recursive spherical 2-means
  const paths = new Int32Array(V);
  const lens = new Uint8Array(V);
  const split = (members: Int32Array, depth: number, path: number): void => {
    for (const m of members) {
      paths[m] = path;
      lens[m] = depth;
    }
    if (depth >= DEPTH || members.length < 2) return;
    // seeds: the most frequent member and the member least like it (deterministic)
    const c0 = new Float32Array(DIMS);
    const c1 = new Float32Array(DIMS);
    const first = members[0]!;
    let far = members[1]!;
    let farSim = Infinity;
    for (const m of members) {
      let s = 0;
      for (let d = 0; d < DIMS; d++) s += vec[m * DIMS + d]! * vec[first * DIMS + d]!;
      if (s < farSim) {
        farSim = s;
        far = m;
      }
    }
    c0.set(vec.subarray(first * DIMS, first * DIMS + DIMS));
    c1.set(vec.subarray(far * DIMS, far * DIMS + DIMS));
    const side = new Uint8Array(members.length);
    for (let iter = 0; iter < 12; iter++) {
      let changed = 0;
      members.forEach((m, k) => {
        let s0 = 0;
        let s1 = 0;
        for (let d = 0; d < DIMS; d++) {
          const v = vec[m * DIMS + d]!;
          s0 += v * c0[d]!;
          s1 += v * c1[d]!;
        }
        const sd = s1 > s0 ? 1 : 0;
        if (sd !== side[k] || iter === 0) changed++;
        side[k] = sd;
      });
      if (changed === 0) break;
      c0.fill(0);
      c1.fill(0);
      members.forEach((m, k) => {
        const c = side[k] ? c1 : c0;
        for (let d = 0; d < DIMS; d++) c[d]! += vec[m * DIMS + d]!;
      });
      // unit centroids: a sum's length grows with its cluster, which would pull every word in
      for (const c of [c0, c1]) {
        let norm = 0;
        for (let d = 0; d < DIMS; d++) norm += c[d]! ** 2;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < DIMS; d++) c[d]! /= norm;
      }
    }
    const left = members.filter((_, k) => side[k] === 0);
    const right = members.filter((_, k) => side[k] === 1);
    if (left.length === 0 || right.length === 0) return;
    split(left, depth + 1, path << 1);
    split(right, depth + 1, (path << 1) | 1);
  };
  split(
    Int32Array.from({ length: V }, (_, i) => i),
    0,
    0,
  );
  const lines = [
    `# word classes for the entity tagger (scripts/build-ner-clusters.ts): word, path, count; ${tokens} tokens of unlabelled text, ${V} words`,
  ];
  for (let r = 0; r < V; r++) {
    const w = vocab[r]!;
    if (/[\t\n\r]/.test(words[w]!)) continue;
    lines.push(`${words[w]}\t${lens[r] ? paths[r]!.toString(2).padStart(lens[r]!, '0') : ''}\t${counts[w]}`);
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${lines.join('\n')}\n`);
  log(`wrote ${OUT} (${V} words) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
