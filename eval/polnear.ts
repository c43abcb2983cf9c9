// PolNeAR reading (brat standoff attributions over US election news, 2016) for `sitrep eval
// quotes`. One annotator per article: the lowest annotator id (string order) among its .ann files.
// The data stays in ../shared/data/polnear (no licence: internal evaluation use only).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Fragment {
  start: number;
  end: number;
}

export interface GoldAttribution {
  content: Fragment[];
  source: Fragment[] | null;
  cue: Fragment[] | null;
  /** Direct: the content (trimmed) starts with a quote mark and ends with one (then maybe . or ,). */
  type: 'direct' | 'indirect';
}

export interface PolnearDoc {
  name: string;
  annotator: string;
  text: string;
  attributions: GoldAttribution[];
}

const OPENING = /^["“«„‘']/;
const CLOSING = /["”»“’'][.,;:!?]?$/;

export function goldType(text: string, content: readonly Fragment[]): 'direct' | 'indirect' {
  const first = content[0]!;
  const last = content[content.length - 1]!;
  const s = text.slice(first.start, last.end).trim();
  return OPENING.test(s) && CLOSING.test(s) ? 'direct' : 'indirect';
}

export function readPolnear(root: string, split: string, limit?: number): PolnearDoc[] {
  const dir = join(root, split);
  const anns = readdirSync(join(dir, 'attributions'))
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const chosen = new Map<string, string>();
  for (const f of anns) {
    const m = /^(.*)_([0-9a-f]+)\.ann$/.exec(f);
    if (!m) continue;
    const prev = chosen.get(m[1]!);
    if (prev === undefined || m[2]! < prev) chosen.set(m[1]!, m[2]!);
  }
  const docs: PolnearDoc[] = [];
  for (const [name, annotator] of [...chosen].sort()) {
    if (limit !== undefined && docs.length >= limit) break;
    const text = readFileSync(join(dir, 'text', `${name}.txt`), 'utf8');
    const ann = readFileSync(join(dir, 'attributions', `${name}_${annotator}.ann`), 'utf8');
    docs.push({ name, annotator, text, attributions: parseAnn(text, ann) });
  }
  return docs;
}

function parseAnn(text: string, ann: string): GoldAttribution[] {
  const spans = new Map<string, Fragment[]>();
  const out: GoldAttribution[] = [];
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    if (cols[0]?.startsWith('T') && cols[1]) {
      const [, ...rest] = cols[1].split(' ');
      const frags = rest
        .join(' ')
        .split(';')
        .map((p) => p.trim().split(/\s+/).map(Number))
        .filter((p) => p.length === 2 && p.every(Number.isFinite))
        .map(([start, end]) => ({ start: start!, end: end! }));
      spans.set(cols[0], frags);
    } else if (cols[0]?.startsWith('E') && cols[1]) {
      events.push(cols[1].split(' '));
    }
  }
  for (const args of events) {
    const role = (r: string) => {
      const a = args.find((x) => x.startsWith(`${r}:`));
      return a ? (spans.get(a.slice(r.length + 1)) ?? null) : null;
    };
    const content = role('Content');
    if (!content || content.length === 0) continue;
    content.sort((a, b) => a.start - b.start);
    out.push({ content, source: role('Source'), cue: role('Cue'), type: goldType(text, content) });
  }
  return out;
}
