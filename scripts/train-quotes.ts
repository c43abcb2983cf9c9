// Trains the attribution tagger (src/stages/quotes/model.ts) on the PolNeAR train split and picks
// the epoch by token F1 of the CONTENT/SOURCE/CUE tags on dev; the test split is never read here.
// Writes src/resources/models/quotes/{quotes.json,quotes.bin.gz}. Deterministic (seeded shuffle).
//
//   node dist/scripts/train-quotes.js [--data ../shared/data] [--epochs 12] [--bits 15]
//
// PolNeAR has no licence; its texts are not shipped, only weights learned from them (as with the
// CoNLL-2003 NER weights). train.tar.gz is unpacked into a temporary folder.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type PolnearDoc, readPolnear } from '../eval/polnear.js';
import { seededRandom } from '../eval/random.js';
import {
  emissionScores,
  FEATURE_VERSION,
  FEATURES_PER_TOKEN,
  NQ,
  type Para,
  paragraphFeatures,
  paragraphs,
  QUOTES_MODEL_DIR,
  viterbiTags,
} from '../src/stages/quotes/model.js';

interface Example {
  n: number;
  feats: Int32Array;
  gold: Uint8Array;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Gold tags of a document's paragraphs: content, then source, then cue overwrite (cue wins). */
function examples(doc: PolnearDoc, bits: number): Example[] {
  const role = new Uint8Array(doc.text.length);
  const owner = new Int32Array(doc.text.length).fill(-1);
  doc.attributions.forEach((a, k) => {
    const put = (frags: { start: number; end: number }[] | null, r: number) => {
      for (const f of frags ?? [])
        for (let i = f.start; i < f.end && i < role.length; i++) {
          role[i] = r;
          owner[i] = k * 4 + r;
        }
    };
    put(a.content, 1);
    put(a.source, 2);
    put(a.cue, 3);
  });
  const out: Example[] = [];
  for (const p of paragraphs(doc.text)) out.push(example(doc.text, p, role, owner, bits));
  return out;
}

function example(text: string, p: Para, role: Uint8Array, owner: Int32Array, bits: number): Example {
  const n = p.starts.length;
  const gold = new Uint8Array(n);
  let prevOwner = -1;
  for (let i = 0; i < n; i++) {
    let r = 0;
    let o = -1;
    for (let c = p.starts[i]!; c < p.ends[i]!; c++)
      if (role[c]) {
        r = role[c]!;
        o = owner[c]!;
        break;
      }
    gold[i] = r === 0 ? 0 : o === prevOwner ? 2 * r : 2 * r - 1;
    prevOwner = r === 0 ? -1 : o;
  }
  return { n, feats: paragraphFeatures(text, p, bits), gold };
}

function tokenScores(exs: readonly Example[], weights: Float32Array, trans: Float32Array) {
  const tp = [0, 0, 0];
  const pred = [0, 0, 0];
  const gold = [0, 0, 0];
  for (const e of exs) {
    const tags = viterbiTags(emissionScores(weights, e.feats, e.n), e.n, trans);
    for (let i = 0; i < e.n; i++) {
      const g = e.gold[i]! ? Math.floor((e.gold[i]! - 1) / 2) : -1;
      const s = tags[i]! ? Math.floor((tags[i]! - 1) / 2) : -1;
      if (g >= 0) gold[g]!++;
      if (s >= 0) pred[s]!++;
      if (g >= 0 && g === s) tp[g]!++;
    }
  }
  return [0, 1, 2].map((r) => {
    const p = pred[r] ? tp[r]! / pred[r]! : 0;
    const rc = gold[r] ? tp[r]! / gold[r]! : 0;
    return p + rc ? (2 * p * rc) / (p + rc) : 0;
  });
}

function main(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const data = arg('data', join(root, '..', 'shared', 'data'));
  const epochs = Number(arg('epochs', '12'));
  const bits = Number(arg('bits', '15'));
  const tmp = mkdtempSync(join(tmpdir(), 'sitrep-polnear-'));
  execFileSync('tar', ['xzf', join(data, 'polnear', 'train.tar.gz'), '-C', tmp]);
  const trainDocs = readPolnear(tmp, 'train');
  rmSync(tmp, { recursive: true, force: true });
  const devDocs = readPolnear(join(data, 'polnear'), 'dev');
  const train = trainDocs.flatMap((d) => examples(d, bits));
  const dev = devDocs.flatMap((d) => examples(d, bits));
  console.error(`train: ${trainDocs.length} articles, ${train.length} paragraphs; dev: ${devDocs.length} articles`);

  const size = (1 << bits) * NQ;
  const w = new Float32Array(size);
  const u = new Float32Array(size);
  const tw = new Float32Array((NQ + 1) * NQ);
  const tu = new Float32Array((NQ + 1) * NQ);
  let c = 1;
  const F = FEATURES_PER_TOKEN;
  const random = seededRandom(20240601);
  let best = { f: -1, epoch: 0, weights: new Float32Array(0), trans: new Float32Array(0), scores: [0, 0, 0] };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = train.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = train[k]!;
      const tags = viterbiTags(emissionScores(w, e.feats, e.n), e.n, tw);
      for (let i = 0; i < e.n; i++) {
        const g = e.gold[i]!;
        const s = tags[i]!;
        const pg = i > 0 ? e.gold[i - 1]! : NQ;
        const ps = i > 0 ? tags[i - 1]! : NQ;
        if (g !== s) {
          for (let f = i * F; f < i * F + F; f++) {
            const b = e.feats[f]! * NQ;
            w[b + g]! += 1;
            u[b + g]! += c;
            w[b + s]! -= 1;
            u[b + s]! -= c;
          }
        }
        if (g !== s || pg !== ps) {
          tw[pg * NQ + g]! += 1;
          tu[pg * NQ + g]! += c;
          tw[ps * NQ + s]! -= 1;
          tu[ps * NQ + s]! -= c;
        }
      }
      c++;
    }
    const avg = new Float32Array(size);
    for (let i = 0; i < size; i++) avg[i] = w[i]! - u[i]! / c;
    const tavg = new Float32Array(tw.length);
    for (let i = 0; i < tw.length; i++) tavg[i] = tw[i]! - tu[i]! / c;
    const scores = tokenScores(dev, avg, tavg);
    const f = (scores[0]! + scores[1]! + scores[2]!) / 3;
    console.error(
      `epoch ${epoch}: dev token F1 content ${scores[0]!.toFixed(3)} source ${scores[1]!.toFixed(3)} cue ${scores[2]!.toFixed(3)}`,
    );
    if (f > best.f) best = { f, epoch, weights: avg, trans: tavg, scores };
  }
  // Int16 weights: scale so that the largest magnitude fits
  let max = 0;
  for (const x of best.weights) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? 32000 / max : 1;
  const q = new Int16Array(size);
  for (let i = 0; i < size; i++) q[i] = Math.round(best.weights[i]! * scale);
  const body = Buffer.concat([Buffer.from(q.buffer), Buffer.from(best.trans.buffer)]);
  const dir = fileURLToPath(QUOTES_MODEL_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'quotes.bin.gz'), gzipSync(body, { level: 9 }));
  const header = {
    format: 'sitrep-quotes',
    featureVersion: FEATURE_VERSION,
    bits,
    scale,
    tags: ['O', 'B-CONTENT', 'I-CONTENT', 'B-SOURCE', 'I-SOURCE', 'B-CUE', 'I-CUE'],
    training: {
      data: 'PolNeAR v1.0.0 train split (one annotator per article: the lowest id); epoch chosen on dev',
      articles: trainDocs.length,
      epochs,
      chosenEpoch: best.epoch,
      devTokenF1: { content: best.scores[0], source: best.scores[1], cue: best.scores[2] },
    },
  };
  writeFileSync(join(dir, 'quotes.json'), `${JSON.stringify(header, null, 2)}\n`);
  console.error(`wrote ${dir} (epoch ${best.epoch})`);
}

main();
