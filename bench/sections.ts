// The benchmarks that keep a section of their own in docs/benchmarks.md write it between
// `<!-- bench:NAME -->` markers: replaced in place, or appended under `title` the first time.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = join(fileURLToPath(new URL('../../', import.meta.url)), 'docs/benchmarks.md');

export function writeBenchmarkSection(name: string, title: string, body: string): void {
  const doc = readFileSync(BENCHMARKS, 'utf8');
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const section = `${open}\n${body}\n${close}`;
  const at = doc.indexOf(open);
  writeFileSync(
    BENCHMARKS,
    at >= 0
      ? doc.slice(0, at) + section + doc.slice(doc.indexOf(close, at) + close.length)
      : `${doc.trimEnd()}\n\n## ${title}\n\n${section}\n`,
  );
}
