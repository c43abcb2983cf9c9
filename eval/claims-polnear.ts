// `sitrep eval claims-polnear`: the claims stage's claimant choice measured on news reporting with
// gold attributions, PolNeAR *train* (US election news, 2015–16; ../shared/data/polnear, internal
// evaluation use only; its test split is never read here). The war sample's pre-2024 sentences are
// used up and the demo corpus is official statements, so this is the one source of news text whose
// "who says so" is annotated. The stages before claims run on each article (clean, time, entities,
// quotes); the claimant the stage would give each figure is read with `figureClaimants`, whether or
// not the figure counts anything in the conflict (election news holds few war figures).
//
// Gold: a figure (digits or a number word before a noun, as the claims stage reads figures) inside
// an attribution's content span is claimed by that attribution's source (the innermost content span
// holding it). A figure inside no content span should have no claimant (reported apart: PolNeAR's
// annotators marked attributions, not every unattributed figure, so it is a rough check).
// Match: the system claimant (as written or as resolved) shares a content word with the gold source;
// a pronoun source ("he", "she", "they") also matches a system claimant named in the 400 characters
// before it (its likely antecedent), or the same pronoun as written.
// The train articles are cut in two halves by position (sorted names, even = fit, odd = check):
// the errors of the fit half may be read to write rules (SITREP_EVAL_ERRORS=1 prints them); the check
// half is scored only, to see whether those rules carry over to articles nobody read.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Article, newArticle } from '../src/core/document.js';
import { createPipeline, INITIAL_ATTRIBUTES } from '../src/core/pipeline.js';
import { figureClaimants } from '../src/stages/claims/index.js';
import { defaultStages } from '../src/stages/index.js';
import { type PolnearDoc, readPolnear } from './polnear.js';
import type { EvalOptions, EvalReport, Evaluate } from './types.js';

const STOP = new Set(['the', 'of', 'a', 'an', 's', 'and', 'for', 'in', 'on', 'at', 'to', 'by', 'from', 'with']);
const PRONOUNS = new Set([
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'him',
  'her',
  'them',
  'who',
  'which',
  'his',
  'their',
]);
/** Words after a figure that are no counted noun ("5 of", "10 to 15" is a range the reader joins). */
const NOT_A_NOUN =
  /^(?:of|to|and|or|in|on|at|by|for|from|with|as|than|per|percent|points?|is|was|are|were|has|had|have|will|would|p\.?m|a\.?m)$/i;

/** Gold cues that report speech or a source (said, told, according to, reported…), not beliefs or plans. */
const SPEECH =
  /\b(?:sa(?:y|ys|id|ying)|t(?:old|ell|ells)|according|report\w*|announc\w*|claim\w*|estimat\w*|stat(?:ed|es)|not(?:ed|es)|add(?:ed|s)|wr(?:ote|ites)|confirm\w*|show\w*|found|find\w*|testif\w*|conclu\w*|explain\w*|insist\w*|warn\w*|argu\w*)\b/i;

const tokens = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/u\.s\.|u\.s\b/g, 'us')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !STOP.has(t));

export interface FigureCase {
  doc: string;
  half: 'fit' | 'check';
  /** The figure's offset in the article text. */
  at: number;
  numberText: string;
  sentence: string;
  /** The gold source as written; null when the figure lies in an attribution without a source or in none. */
  gold: string | null;
  /** The gold cue as written ("said", "according to"), or null. */
  cue: string | null;
  /** inside: in an attribution's content with a source; nosource: in one without; outside: in none. */
  kind: 'inside' | 'nosource' | 'outside';
  system: string | null;
  systemText: string | null;
  via: string | null;
  correct: boolean;
}

/** The gold and system claimant of every noun-counting figure of one PolNeAR article. */
export function figureCases(p: PolnearDoc, doc: Article, half: 'fit' | 'check'): FigureCase[] {
  const out: FigureCase[] = [];
  if (doc.text !== p.text) return out; // offsets would not line up (the clean stage changed the text)
  for (const f of figureClaimants(doc)) {
    const n = f.number;
    const next = /^\s+([\p{L}][\p{L}'’-]*)/u.exec(p.text.slice(n.end, n.end + 40));
    const word = /\p{L}/u.test(n.text) && !/^\$/.test(n.text);
    if (!word && (!next || NOT_A_NOUN.test(next[1]!))) continue;
    if (/^one$/i.test(n.text)) continue; // "one" is mostly a pronoun or an article
    const holding = p.attributions
      .filter((a) => a.content.some((c) => c.start <= n.start && n.end <= c.end))
      .sort((a, b) => span(a.content) - span(b.content));
    const inner = holding[0];
    const gold = inner?.source ? inner.source.map((s) => p.text.slice(s.start, s.end)).join(' ') : null;
    const cue = inner?.cue ? inner.cue.map((s) => p.text.slice(s.start, s.end)).join(' ') : null;
    const kind = !inner ? 'outside' : gold ? 'inside' : 'nosource';
    const c = f.claimant;
    let correct: boolean;
    if (kind !== 'inside') correct = c.claimant === null;
    else if (c.claimant === null) correct = false;
    else {
      const sys = new Set([...tokens(c.claimant), ...tokens(c.claimantText ?? '')]);
      const g = tokens(gold!);
      correct = g.some((t) => sys.has(t) && !PRONOUNS.has(t));
      if (!correct && g.length > 0 && g.every((t) => PRONOUNS.has(t))) {
        const src = inner!.source![0]!;
        const window = tokens(p.text.slice(Math.max(0, src.start - 400), src.start));
        const named = tokens(c.claimant).filter((t) => !PRONOUNS.has(t));
        correct =
          (named.length > 0 && named.some((t) => window.includes(t))) ||
          tokens(c.claimantText ?? '').join(' ') === g.join(' ');
      }
    }
    out.push({
      doc: p.name,
      half,
      at: n.start,
      numberText: n.text,
      sentence: p.text.slice(f.sentenceStart, f.sentenceEnd).replace(/\s+/g, ' ').trim(),
      gold,
      cue,
      kind,
      system: c.claimant,
      systemText: c.claimantText,
      via: c.claimantVia,
      correct,
    });
  }
  return out;
}

const span = (fs: readonly { start: number; end: number }[]) => fs.reduce((n, f) => n + f.end - f.start, 0);

/** PolNeAR's publication dates and titles by article name (metadata.tsv). */
function metadata(root: string): Map<string, { date: string; title: string; publisher: string }> {
  const out = new Map<string, { date: string; title: string; publisher: string }>();
  for (const line of readFileSync(join(root, 'metadata.tsv'), 'utf8').split('\n').slice(1)) {
    const c = line.split('\t');
    if (c.length > 7) out.set(c[1]!, { date: c[5]!, title: c[7]!, publisher: c[4]! });
  }
  return out;
}

export interface Tallies {
  inside: number;
  right: number;
  none: number;
  wrong: number;
  nosource: number;
  outside: number;
  outsideClaimed: number;
  articles: number;
  changed: number;
}

export function tally(cases: readonly FigureCase[]): Omit<Tallies, 'articles' | 'changed'> {
  const inside = cases.filter((c) => c.kind === 'inside');
  const outside = cases.filter((c) => c.kind === 'outside');
  return {
    inside: inside.length,
    right: inside.filter((c) => c.correct).length,
    none: inside.filter((c) => c.system === null).length,
    wrong: inside.filter((c) => !c.correct && c.system !== null).length,
    nosource: cases.filter((c) => c.kind === 'nosource').length,
    outside: outside.length,
    outsideClaimed: outside.filter((c) => c.system !== null).length,
  };
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');

/** Reads PolNeAR train (unpacked into a temporary folder), runs the stages and scores every figure. */
export function runPolnearClaimants(
  data: string,
  limit?: number,
  log: (l: string) => void = () => {},
): { cases: FigureCase[]; articles: number; changed: number } {
  const root = join(data, 'polnear');
  const tmp = mkdtempSync(join(tmpdir(), 'sitrep-claims-polnear-'));
  let docs: PolnearDoc[];
  try {
    execFileSync('tar', ['xzf', join(root, 'train.tar.gz'), '-C', tmp]);
    docs = readPolnear(tmp, 'train', limit);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const meta = metadata(root);
  // the clean stage normalises spacing and drops lines, which would move PolNeAR's offsets: the
  // article is built as clean would leave a plain-text body (text as given, date, title, outlet)
  // and the stages after clean, up to claims, run on it
  const stages = defaultStages();
  const after = stages.slice(
    stages.findIndex((s) => s.name === 'clean') + 1,
    stages.findIndex((s) => s.name === 'claims'),
  );
  const pipeline = createPipeline(after, [...INITIAL_ATTRIBUTES, ...stages.find((s) => s.name === 'clean')!.assigns]);
  const cases: FigureCase[] = [];
  let changed = 0;
  docs.forEach((p, i) => {
    const m = meta.get(p.name);
    const date = m?.date ?? /_(\d{4}-\d{2}-\d{2})_/.exec(p.name)?.[1] ?? null;
    const fields: Record<string, string> = { id: p.name, text: p.text };
    const raw = newArticle({
      key: `id:${p.name}`,
      source: 'polnear',
      position: i,
      format: 'json',
      raw: JSON.stringify(fields),
      fields,
    });
    const doc = pipeline.run({
      ...raw,
      text: p.text,
      published: date,
      title: m?.title ?? null,
      outlet: m?.publisher ?? null,
      language: 'en',
    });
    if (doc.text !== p.text) changed++;
    cases.push(...figureCases(p, doc, i % 2 === 0 ? 'fit' : 'check'));
    if ((i + 1) % 200 === 0) log(`${i + 1} of ${docs.length} articles`);
  });
  return { cases, articles: docs.length, changed };
}

function row(name: string, t: Omit<Tallies, 'articles' | 'changed'>): string {
  return `| ${name} | ${t.inside} | **${pct(t.right, t.inside)}** | ${pct(t.none, t.inside)} | ${pct(t.wrong, t.inside)} | ${t.outside} | ${pct(t.outsideClaimed, t.outside)} |`;
}

export function table(cases: readonly FigureCase[]): string[] {
  return [
    '| PolNeAR train | figures in an attribution with a source | claimant right % | left null % | wrong % | figures outside any attribution | given a claimant % |',
    '|---|---|---|---|---|---|---|',
    row('fit half (errors read)', tally(cases.filter((c) => c.half === 'fit'))),
    row('check half (scored only)', tally(cases.filter((c) => c.half === 'check'))),
    row('all', tally(cases)),
    row('all, speech cues only', tally(cases.filter((c) => c.kind !== 'inside' || SPEECH.test(c.cue ?? '')))),
  ];
}

export const evaluate: Evaluate = async (options: EvalOptions): Promise<EvalReport> => {
  const { cases, articles, changed } = runPolnearClaimants(options.data, options.limit, options.log);
  if (process.env.SITREP_EVAL_ERRORS)
    for (const c of cases)
      if (c.half === 'fit' && c.kind === 'inside' && !c.correct)
        options.log(
          `${c.system === null ? 'NULL ' : 'WRONG'} ${c.doc}@${c.at} ${c.numberText} | gold: ${c.gold} [${c.cue}] | system: ${c.system} (${c.systemText}; ${c.via}) | ${c.sentence.slice(0, 300)}`,
        );
  const all = tally(cases);
  const fit = tally(cases.filter((c) => c.half === 'fit'));
  const check = tally(cases.filter((c) => c.half === 'check'));
  const markdown = [
    '# Claims: the claimant choice on PolNeAR train (news with gold attributions)',
    '',
    '```sh',
    "node bin/sitrep.js eval claims-polnear    # SITREP_EVAL_ERRORS=1 prints the fit half's errors",
    '```',
    '',
    `${articles} articles of PolNeAR train (${changed} left out: their text changed). The stages after clean`,
    'run on the text as given (clean would move the offsets). Every figure before a noun, or a number word,',
    "that the claims stage reads as a figure; the gold claimant of a figure inside an attribution's content is that attribution's source.",
    '',
    ...table(cases),
    '',
  ].join('\n');
  return {
    markdown,
    metrics: {
      figures: all.inside,
      claimantAccuracy: all.inside ? all.right / all.inside : 0,
      nullShare: all.inside ? all.none / all.inside : 0,
      fitAccuracy: fit.inside ? fit.right / fit.inside : 0,
      checkAccuracy: check.inside ? check.right / check.inside : 0,
      speechAccuracy: (() => {
        const t = tally(cases.filter((c) => c.kind !== 'inside' || SPEECH.test(c.cue ?? '')));
        return t.inside ? t.right / t.inside : 0;
      })(),
      outsideClaimedShare: all.outside ? all.outsideClaimed / all.outside : 0,
    },
  };
};
