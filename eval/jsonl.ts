// Reads a JSON Lines file (gzipped when its name ends in .gz), one object a line: the shape of
// the evaluation data and of the demo corpus.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function readJsonl<T>(path: string): T[] {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
