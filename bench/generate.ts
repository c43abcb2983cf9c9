// Realistic generated articles for the scale benchmarks, from the real samples: the demo corpus
// and the war sample, mutated (half the sentences of one text interleaved with a third of
// another's, numbers changed, dates spread over 300 days from 2022-02-24, 40 outlets), one in ten
// a syndicated copy of an earlier one with share-button and donation boilerplate added.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonl } from '../eval/jsonl.js';
import { seededRandom } from '../eval/random.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GeneratedArticle {
  id: string;
  title: string;
  published: string;
  outlet: string;
  text: string;
}

export function generateArticles(total: number, seed = 12345): GeneratedArticle[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const split = (t: string) => t.split(/(?<=[.!?])\s+/);
  /** Half the sentences of one text interleaved with a third of another's, numbers changed: new text. */
  const mutate = (text: string, other: string): string => {
    const a = split(text).filter(() => random() < 0.5);
    const b = split(other).filter(() => random() < 0.33);
    const mixed: string[] = [];
    while (a.length || b.length) {
      if (a.length && (random() < 0.6 || !b.length)) mixed.push(a.shift() as string);
      else mixed.push(b.shift() as string);
    }
    return mixed
      .join(' ')
      .replace(/\b\d{1,5}\b/g, (n) => String(Math.max(1, Math.round(Number(n) * (0.5 + random())))));
  };
  const war = join(ROOT, '../shared/data/ukraine-war-news-gdelt-sample/articles.jsonl');
  const bases = [
    ...readJsonl<Record<string, unknown>>(join(ROOT, 'data/demo/articles.jsonl.gz')),
    ...(existsSync(war) ? readJsonl<Record<string, unknown>>(war) : []),
  ].filter((b) => typeof b.text === 'string' && (b.text as string).length > 300);

  const start = Date.parse('2022-02-24T00:00:00Z');
  const generated: GeneratedArticle[] = [];
  for (let i = 0; i < total; i++) {
    if (i > 100 && random() < 0.1) {
      const original = generated[Math.floor(random() * generated.length)] as GeneratedArticle;
      generated.push({
        ...original,
        id: `g${i}`,
        outlet: `outlet-${i % 40}`,
        text: `Share this article\n\n${original.text}\n\nSupport our journalism.`,
      });
      continue;
    }
    const base = pick(bases);
    const published = new Date(start + Math.floor((i / total) * 300 * 86_400_000 + random() * 86_400_000));
    generated.push({
      id: `g${i}`,
      title: `${String(base.title ?? 'Report')} (${i})`,
      published: published.toISOString(),
      outlet: `outlet-${i % 40}`,
      text: mutate(String(base.text), String(pick(bases).text)),
    });
  }
  return generated;
}
