// Corpus-learned boilerplate: short lines that recur across many articles of one outlet (its
// newsletter plug, its "Advertisement" slot, its standing disclaimer) are the outlet's page
// furniture. Counting them is cross-article, so the ingest job keeps the counts in the store;
// the functions here are pure: fingerprint an article's lines, and, given a read-only snapshot
// of the outlet's counts, remove the lines that reached the threshold.

import { createHash } from 'node:crypto';
import type { Article } from '../../core/document.js';
import { message } from '../../core/messages.js';
import { looseKey, removeLines } from './blocks.js';
import type { CleanOptions } from './options.js';

export type BoilerplateOptions = Pick<
  CleanOptions,
  'boilerplateMinArticles' | 'boilerplateMinShare' | 'boilerplateMaxLineChars'
>;

/** How often each line fingerprint was seen in one outlet's articles. */
export interface OutletLineCounts {
  /** Articles of the outlet counted so far. */
  articles: number;
  /** Fingerprint → number of articles whose text holds that line. */
  lines: ReadonlyMap<string, number>;
}

/** A line's fingerprint: case, punctuation and spacing ignored, so trivial variants count together. */
export function lineFingerprint(line: string): string | null {
  const key = looseKey(line);
  return key.length === 0 ? null : createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The distinct fingerprints of an article's short lines (the ones that can be boilerplate). */
export function articleFingerprints(text: string, options: BoilerplateOptions): string[] {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.length > options.boilerplateMaxLineChars) continue;
    const fingerprint = lineFingerprint(line);
    if (fingerprint) found.add(fingerprint);
  }
  return [...found];
}

/** True when a line seen in `count` of the outlet's `articles` articles is that outlet's boilerplate. */
export function isBoilerplate(count: number, articles: number, options: BoilerplateOptions): boolean {
  return count >= options.boilerplateMinArticles && count >= options.boilerplateMinShare * articles;
}

/**
 * The article without the lines its outlet's counts mark as boilerplate, blocks recomputed, and
 * an info message saying how many lines went and why. Articles without an outlet, or teasers,
 * are returned unchanged.
 */
export function removeBoilerplate(doc: Article, counts: OutletLineCounts, options: BoilerplateOptions): Article {
  if (!doc.outlet || doc.kind !== 'article') return doc;
  const drop = new Set<number>();
  const removed: string[] = [];
  for (const [index, line] of doc.text.split('\n').entries()) {
    if (line.length === 0 || line.length > options.boilerplateMaxLineChars) continue;
    const fingerprint = lineFingerprint(line);
    const count = fingerprint ? (counts.lines.get(fingerprint) ?? 0) : 0;
    if (isBoilerplate(count, counts.articles, options)) {
      drop.add(index);
      removed.push(`${JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}…` : line)} (${count} articles)`);
    }
  }
  if (drop.size === 0) return doc;
  const { text, blocks } = removeLines(doc.text, doc.blocks, drop);
  const shown = removed.slice(0, 5).join(', ') + (removed.length > 5 ? ` and ${removed.length - 5} more` : '');
  const reason =
    `removed ${drop.size} line(s) that recur across ${doc.outlet}'s articles ` +
    `(each seen in ≥ ${options.boilerplateMinArticles} and ≥ ${Math.round(options.boilerplateMinShare * 100)}% of ` +
    `its ${counts.articles} articles): ${shown}`;
  return {
    ...doc,
    text,
    blocks,
    messages: [...doc.messages, message('boilerplate', 'boilerplate-removed', reason, { source: doc.source })],
  };
}
