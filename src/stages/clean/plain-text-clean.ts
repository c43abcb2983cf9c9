// Cleaning the body text after extraction: teasers split off, byline lines taken out, and (for
// plain-text input only: HTML extraction has its own boilerplate handling) the noise lines the
// classifier recognises removed. Removal happens before anything indexes the text, so the clean
// text stays the one coordinate system; every removed line is reported by kind in a message.

import type { Block, Teaser } from '../../core/document.js';
import { type Message, message } from '../../core/messages.js';
import { removeLines } from './blocks.js';
import { findBylines } from './byline.js';
import type { CleanOptions } from './options.js';
import { findNoise, type NoiseKind } from './plain-text-noise.js';
import { normalizePublished } from './published.js';
import { findTeasers } from './teasers.js';

const STAGE = 'clean';

export type RemovedKind = NoiseKind | 'byline' | 'teaser';

export interface PublishedCandidate {
  value: string;
  precision: 'day' | 'minute' | 'second';
  line: string;
}

export interface BodyCleaning {
  text: string;
  blocks: Block[];
  teasers: Teaser[];
  byline: string | null;
  /** A leading date line of a plain text, when it agrees with the article's own dates. */
  published: PublishedCandidate | null;
  /** Removed lines by kind. */
  removed: Partial<Record<RemovedKind, string[]>>;
  messages: Message[];
}

export function cleanBodyText(
  text: string,
  blocks: readonly Block[],
  options: Pick<CleanOptions, 'maxNoiseLineChars' | 'minRepeatedChars' | 'maxPageDateDriftDays'> & {
    plain: boolean;
    source?: string;
  },
): BodyCleaning {
  const removed: Partial<Record<RemovedKind, string[]>> = {};
  const drop = new Set<number>();
  const record = (kind: RemovedKind, index: number, line: string) => {
    if (drop.has(index)) return;
    drop.add(index);
    const list = removed[kind] ?? [];
    list.push(line);
    removed[kind] = list;
  };
  const lines = text.split('\n');

  const teaserMatches = findTeasers(text);
  for (const match of teaserMatches) for (const index of match.lines) record('teaser', index, lines[index] ?? '');

  let byline: string | null = null;
  for (const found of findBylines(text)) {
    if (drop.has(found.index)) continue;
    byline ??= found.byline;
    record('byline', found.index, found.line);
  }

  let published: PublishedCandidate | null = null;
  const messages: Message[] = [];
  if (options.plain) {
    const noise = findNoise(text, options);
    for (const line of noise.lines) record(line.kind, line.index, line.line);
    const kept = lines.filter((_, i) => !drop.has(i)).join('\n');
    for (const candidate of noise.leadingDates) {
      const disagreement = pageTimestamp(candidate.value, kept, options.maxPageDateDriftDays);
      if (disagreement) {
        messages.push(
          message(
            STAGE,
            'published-page-timestamp',
            `the leading date line ${JSON.stringify(candidate.line)} was not taken as the publication date: ${disagreement}`,
            { ...(options.source && { source: options.source }) },
          ),
        );
        continue;
      }
      published = { value: candidate.value, precision: precisionOf(candidate.value), line: candidate.line };
      break;
    }
  }

  const cleaned = removeLines(text, blocks, drop);
  for (const [kind, gone] of Object.entries(removed) as Array<[RemovedKind, string[]]>) {
    const rule = kind === 'teaser' ? 'text-teasers-split' : 'text-noise-removed';
    const what =
      kind === 'teaser'
        ? `split ${teaserMatches.length} related-story teaser(s) (${gone.length} line(s)) off the body`
        : `removed ${gone.length} ${kind} line(s)`;
    messages.push(
      message(STAGE, rule, `${what}: ${preview(gone)}`, { ...(options.source && { source: options.source }) }),
    );
  }
  return {
    text: cleaned.text,
    blocks: cleaned.blocks,
    teasers: teaserMatches.map((m) => m.teaser),
    byline,
    published,
    removed,
    messages,
  };
}

/** The removed lines, quoted and shortened, so an analyst sees what went without opening the raw input. */
function preview(lines: readonly string[]): string {
  const shown = lines.slice(0, 5).map((l) => JSON.stringify(l.length > 80 ? `${l.slice(0, 77)}…` : l));
  return shown.join(', ') + (lines.length > 5 ? ` and ${lines.length - 5} more` : '');
}

function precisionOf(value: string): PublishedCandidate['precision'] {
  if (value.length === 10) return 'day';
  return value.endsWith(':00Z') ? 'minute' : 'second';
}

const FULL_DATE =
  /\b(?:\d{1,2}(?:st|nd|rd|th)?\s(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s\d{4}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|\d{4}-\d{2}-\d{2})\b/gi;

/**
 * Why a leading date is a page or crawl timestamp rather than the article's date, or null when
 * it agrees. It disagrees when its year is nowhere in the text and it lies far after every
 * date the text states (a 2024 page header above a 2022 story).
 */
export function pageTimestamp(candidate: string, body: string, maxDriftDays: number): string | null {
  const year = candidate.slice(0, 4);
  if (new RegExp(`\\b${year}\\b`).test(body)) return null;
  const stated = [...body.matchAll(FULL_DATE)].flatMap((m) => normalizePublished(m[0]) ?? []);
  const latestStated = stated.sort().at(-1);
  if (latestStated) {
    const drift = (Date.parse(candidate) - Date.parse(latestStated)) / 86_400_000;
    return drift > maxDriftDays
      ? `it is ${Math.round(drift)} days after the latest date the text states (${latestStated})`
      : null;
  }
  const years = [...body.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  const latestYear = Math.max(...years);
  return years.length > 0 && Number(year) > latestYear + 1 ? `the text mentions no year after ${latestYear}` : null;
}
