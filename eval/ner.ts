// `sitrep eval ner`: the entity tagger on CoNLL-2003 English test (eng.testb, IOB2 version) and on
// CoNLL++ (the label-corrected test), span-level exact match (conlleval rules), overall and per
// type. `compromise` (people/places/organizations on the detokenised sentence) is scored in the same
// run as the baseline; it has no MISC type, so its overall figure counts every gold MISC as missed
// and a PER/LOC/ORG-only figure is shown too. Tagging speed is measured on one core.

import { join } from 'node:path';
import { loadModel, NT, TAGS, tagTokens } from '../src/stages/entities/model.js';
import { tokenize, tokensOfSentences } from '../src/stages/entities/tokenize.js';
import { addSpans, type ConllDocument, prf, readConll, spansOf, type TypeCounts } from './ner-conll.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';

type Tagger = (doc: ConllDocument) => string[][];

const sitrep: Tagger = (doc) => {
  const model = loadModel();
  const tags = tagTokens(model, tokensOfSentences(doc.sentences.map((s) => s.tokens)));
  const out: string[][] = [];
  let o = 0;
  for (const s of doc.sentences) {
    out.push(Array.from(tags.subarray(o, o + s.tokens.length), (t) => TAGS[t]!));
    o += s.tokens.length;
  }
  return out;
};

type Match = { offset: { start: number; length: number } };
type Nlp = ((text: string) => {
  people(): { json(o: object): Match[] };
  places(): { json(o: object): Match[] };
  organizations(): { json(o: object): Match[] };
}) & { version: string };

const NO_SPACE_BEFORE = /^(?:[,.;:!?)\]}%]|'s|'|n't)$/;

function compromiseTagger(nlp: Nlp): Tagger {
  return (doc) =>
    doc.sentences.map((s) => {
      // detokenise: no space before closing punctuation or 's
      const starts: number[] = [];
      let text = '';
      s.tokens.forEach((t, i) => {
        if (i > 0 && !NO_SPACE_BEFORE.test(t) && !/^[([{$]$/.test(s.tokens[i - 1]!)) text += ' ';
        starts.push(text.length);
        text += t;
      });
      const tags = s.tokens.map(() => 'O');
      const parsed = nlp(text);
      const groups: Array<[string, Match[]]> = [
        ['PER', parsed.people().json({ offset: true })],
        ['LOC', parsed.places().json({ offset: true })],
        ['ORG', parsed.organizations().json({ offset: true })],
      ];
      for (const [type, matches] of groups)
        for (const m of matches) {
          const a = m.offset.start;
          const z = a + m.offset.length;
          let first = true;
          s.tokens.forEach((t, i) => {
            const ts = starts[i]!;
            if (ts >= a && ts + t.length <= z && tags[i] === 'O') {
              tags[i] = `${first ? 'B' : 'I'}-${type}`;
              first = false;
            }
          });
        }
      return tags;
    });
}

function score(docs: readonly ConllDocument[], tagger: Tagger): TypeCounts {
  const counts: TypeCounts = {};
  for (const doc of docs) {
    const predicted = tagger(doc);
    doc.sentences.forEach((s, i) => {
      addSpans(counts, spansOf(s.tags), spansOf(predicted[i]!));
    });
  }
  return counts;
}

/** Counts without MISC (for the baseline, which has no such type). */
function withoutMisc(docs: readonly ConllDocument[], tagger: Tagger): TypeCounts {
  const strip = (tags: readonly string[]) => tags.map((t) => (t.endsWith('MISC') ? 'O' : t));
  const counts: TypeCounts = {};
  for (const doc of docs) {
    const predicted = tagger(doc);
    doc.sentences.forEach((s, i) => {
      addSpans(counts, spansOf(strip(s.tags)), spansOf(strip(predicted[i]!)));
    });
  }
  return counts;
}

/**
 * Tokens per second on one core: features + Viterbi on the given tokens, and the same from raw text.
 * Timed in this process's CPU time (process.cpuUsage), not wall-clock time, so other work on a
 * shared machine does not count against the tagger; the best of three runs of `seconds` each.
 */
function throughput(docs: readonly ConllDocument[], seconds = 2): { given: number; raw: number; tokens: number } {
  const model = loadModel();
  const prepared = docs.map((d) => tokensOfSentences(d.sentences.map((s) => s.tokens)));
  const texts = docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')).join('\n\n'));
  const tokens = prepared.reduce((k, t) => k + t.n, 0);
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const time = (fn: () => number): number => {
    fn();
    let best = 0;
    for (let run = 0; run < 3; run++) {
      let done = 0;
      const t0 = performance.now();
      const c0 = cpu();
      while (performance.now() - t0 < seconds * 1000) done += fn();
      best = Math.max(best, done / (cpu() - c0));
    }
    return best;
  };
  const given = time(() => {
    for (const t of prepared) tagTokens(model, t);
    return tokens;
  });
  const raw = time(() => {
    let k = 0;
    for (const text of texts) {
      const t = tokenize(text);
      tagTokens(model, t);
      k += t.n;
    }
    return k;
  });
  return { given, raw, tokens };
}

const pct = (x: number): string => (100 * x).toFixed(2);

function rows(name: string, c: TypeCounts): string {
  const all = prf(c.ALL);
  const per = ['PER', 'LOC', 'ORG', 'MISC'].map((t) => pct(prf(c[t]).f1)).join(' | ');
  return `| ${name} | ${pct(all.p)} | ${pct(all.r)} | **${pct(all.f1)}** | ${per} |`;
}

/** The model description's sentence on the second pass, when the model has one. */
function secondPassText(second: unknown): string {
  if (!second || typeof second !== 'object') return '';
  const s = second as { folds: number; epochs: number; devF1: number };
  return `
**Second pass** (stacking, \`src/stages/entities/stack.ts\`): the same features plus what the first pass tagged
the same word and the same name elsewhere in the document (all mentions, earlier mentions, longer names
containing the word) and the first-pass tags of the token and its neighbours; trained on first-pass tags
made by ${s.folds}-fold cross-validation over the training documents (${s.epochs} epochs, chosen on dev: dev F1 ${pct(Number(s.devF1))} with both passes trained on train alone).`;
}

const HEADER = `| system | P | R | F1 | PER F1 | LOC F1 | ORG F1 | MISC F1 |
|---|---|---|---|---|---|---|---|`;

export const evaluate: Evaluate = async (options: EvalOptions): Promise<EvalReport> => {
  const root = join(options.data, 'conll2003');
  const cut = (docs: ConllDocument[]) => (options.limit ? docs.slice(0, options.limit) : docs);
  const test = cut(readConll(join(root, 'original-iob2-derived', 'eng.testb.iob2.txt')));
  const testpp = cut(readConll(join(root, 'conllpp-iob2', 'conllpp_test.txt')));
  const dev = cut(readConll(join(root, 'conllpp-iob2', 'conllpp_dev.txt')));
  const model = loadModel();
  options.log(`tagging ${test.length} test documents`);
  const s = { test: score(test, sitrep), testpp: score(testpp, sitrep), dev: score(dev, sitrep) };
  const nlp = (await import('compromise')).default as unknown as Nlp;
  const baseline = compromiseTagger(nlp);
  options.log('scoring compromise (slow)');
  const b = { test: score(test, baseline), testpp: score(testpp, baseline) };
  const b3 = { test: withoutMisc(test, baseline), testpp: withoutMisc(testpp, baseline) };
  const s3 = { test: withoutMisc(test, sitrep), testpp: withoutMisc(testpp, sitrep) };
  options.log('measuring speed');
  const speed = throughput(test);
  const training = model.header.training;
  const tokens = test.reduce((k, d) => k + d.sentences.reduce((j, x) => j + x.tokens.length, 0), 0);
  const f1 = prf(s.test.ALL).f1;
  const second = training.secondPass as { devF1: number } | null | undefined;
  /** Dev F1 of the shipped design with every pass trained on train alone. */
  const heldOutDevF1 = Number(second ? second.devF1 : training.devF1);
  const markdown = `# Entity recognition (NER)

\`node bin/sitrep.js eval ner --write\` (after \`npm run build\`; the model is \`npm run train:ner\`).

**Data**: CoNLL-2003 English, \`../shared/data/conll2003\` (Reuters 1996, research use only; no text of it
is in this repository). Test = \`eng.testb\` (${test.length} documents, ${tokens.toLocaleString('en')} tokens, IOB2
version \`original-iob2-derived/eng.testb.iob2.txt\`); CoNLL++ = \`conllpp-iob2/conllpp_test.txt\`, the same
sentences with 309 labels corrected. Span-level exact match (span and type), conlleval rules, on the
given tokenisation; each document is tagged as one text (the tagger's document features see it whole).

**Model**: ${training.tagging}; hashed features (2^${model.bits} buckets × ${NT} tags, Int16), gazetteer of
${training.gazetteerNames} names (countries, GeoNames cities ≥ 15,000 people, the compromise lexicon's
name lists, and the knowledge base's names when it was present at training); word classes (prefixes of a
16-level binary class tree over ${(model.clusters?.keys.length ?? 0).toLocaleString('en')} words, built from 2.2 M tokens of unlabelled text:
[data/ner/README.md](../../data/ner/README.md)) for each word and its neighbours, and the words around the first
mid-sentence capitalised mention of the same word in the document. Trained on ${training.trainedOn} (${training.epochs} epochs,
the count chosen on dev with the model trained on train alone: dev F1 ${pct(Number(training.devF1))}).${secondPassText(training.secondPass)} The test sets were not used for any choice.

## CoNLL-2003 test (eng.testb)
${HEADER}
${rows('sitrep', s.test)}
${rows('compromise (baseline)', b.test)}

Without MISC (compromise has no such type): sitrep F1 **${pct(prf(s3.test.ALL).f1)}**, compromise F1 **${pct(prf(b3.test.ALL).f1)}**.

## CoNLL++ test (corrected labels)
${HEADER}
${rows('sitrep', s.testpp)}
${rows('compromise (baseline)', b.testpp)}

Without MISC: sitrep F1 **${pct(prf(s3.testpp.ALL).f1)}**, compromise F1 **${pct(prf(b3.testpp.ALL).f1)}**.

## Dev (eng.testa)
${
  String(training.trainedOn).includes('dev')
    ? `The shipped model was retrained on train + dev for the epoch count dev chose, so dev is not held out
(dev F1 when it was: ${pct(heldOutDevF1)}; on the shipped model: ${pct(prf(s.dev.ALL).f1)}).`
    : `${HEADER}\n${rows('sitrep', s.dev)}`
}

## Speed (one core, CPU time, best of three 2-second runs)
- tagging the test documents on their given tokens (features + Viterbi${model.stage2 ? ', both passes' : ''}): **${Math.round(speed.given).toLocaleString('en')} tokens/s**
- from raw text (tokenizer + sentence split + tagging): **${Math.round(speed.raw).toLocaleString('en')} tokens/s**

## Target
The issue asks for test F1 ≥ 90.00. Measured: **${pct(f1)}**${f1 >= 0.9 ? ' (met)' : ' (not met; see below)'}.
${
  f1 >= 0.9
    ? ''
    : `A feature-based perceptron trained on CoNLL alone typically lands in the high 80s on eng.testb (dev
scores run 4–5 points higher, as here); the remaining gap to 0.90 is mostly ORG/MISC confusions and
ORG/LOC ambiguity (e.g. sports teams named after cities). Word classes moved it from 86.05 to
86.73${second ? `, and the second pass (document-level aggregation of first-pass tags) from 86.73 to ${pct(f1)}` : ''}; the
literature's larger gains use classes or embeddings from tens of millions of words of news text, and
the only unlabelled text that may ship its vocabulary here is about 2 million words.`
}
`;
  return {
    markdown,
    metrics: {
      testF1: f1,
      testPP_F1: prf(s.testpp.ALL).f1,
      devF1: prf(s.dev.ALL).f1,
      compromiseTestF1: prf(b.test.ALL).f1,
      tokensPerSecond: speed.given,
      tokensPerSecondRaw: speed.raw,
    },
  };
};
