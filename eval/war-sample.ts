// The GDELT-discovered war-news sample in ../shared/data (its README gives the fields): reading it,
// and one article as the raw record ingest would make of a JSONL line of it.

import { join } from 'node:path';
import type { RawRecord } from '../src/core/document.js';
import { readJsonl } from './jsonl.js';

export interface WarArticle {
  id: string;
  /** GDELT's first-seen time, the nearest thing to a publication date the sample has. */
  gdelt_seendate: string;
  country: string;
  title_md5_prefix: string;
  text: string;
}

export function readWarSample(data: string): WarArticle[] {
  return readJsonl<WarArticle>(join(data, 'ukraine-war-news-gdelt-sample', 'articles.jsonl'));
}

export function warRecord(a: WarArticle, position = 0): RawRecord {
  const fields = { id: a.id, text: a.text, published: a.gdelt_seendate };
  return {
    key: `id:${a.id}`,
    source: 'ukraine-war-news-gdelt-sample',
    position,
    format: 'json',
    raw: JSON.stringify(fields),
    fields,
  };
}
