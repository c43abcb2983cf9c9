// Turning the paths a user gave into the list of inputs to read, before reading any of them,
// so the first event can say how much work there is. Directories are walked recursively in
// sorted order so that a batch is read in the same order on every machine.

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleId } from '../../core/messages.js';
import { ACCEPTED_ENDINGS, type FileFormat, formatFromName } from './formats.js';

export type PlanEntry =
  /** A file to read. */
  | { kind: 'file'; source: string; size: number; format: FileFormat; gzip: boolean }
  /** Standard input (the path '-'). */
  | { kind: 'stdin'; source: string }
  /** A path given that cannot be read at all: still an input, one that fails. */
  | { kind: 'refused'; source: string; rule: RuleId; reason: string }
  /** A file or directory inside a directory that is left out (an info message, not an input). */
  | { kind: 'skipped'; source: string; reason: string };

/**
 * Plans the inputs. `formatForced` makes an explicitly named file with an unknown ending
 * readable (the caller reads every input with the forced format).
 */
export async function planInputs(paths: readonly string[], formatForced: boolean): Promise<PlanEntry[]> {
  const entries: PlanEntry[] = [];
  for (const given of paths) {
    if (given === '-') {
      entries.push({ kind: 'stdin', source: '-' });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(given);
    } catch (error) {
      entries.push({ kind: 'refused', source: given, rule: 'input-missing', reason: missingReason(error) });
      continue;
    }
    if (info.isDirectory()) {
      await walkDirectory(given, entries, new Set([await realpath(given).catch(() => given)]));
    } else if (!info.isFile()) {
      entries.push({
        kind: 'refused',
        source: given,
        rule: 'input-missing',
        reason: 'not a regular file or directory',
      });
    } else {
      const name = formatFromName(given);
      if (name.known)
        entries.push({ kind: 'file', source: given, size: info.size, format: name.format, gzip: name.gzip });
      else if (formatForced)
        entries.push({ kind: 'file', source: given, size: info.size, format: 'text', gzip: false }); // format replaced by the forced one
      else
        entries.push({
          kind: 'refused',
          source: given,
          rule: 'input-unknown-format',
          reason: unknownEnding(name.ending),
        });
    }
  }
  return entries;
}

/** Files found inside directories need a known ending even when a format is forced. */
async function walkDirectory(dir: string, entries: PlanEntry[], seen: Set<string>): Promise<void> {
  let children: Dirent[];
  try {
    children = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    entries.push({
      kind: 'refused',
      source: dir,
      rule: 'input-missing',
      reason: `cannot list the directory: ${missingReason(error)}`,
    });
    return;
  }
  // Code-unit order, not locale order, so every machine reads a batch in the same order.
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) {
    const source = path.join(dir, child.name);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(source); // follows symlinks
    } catch (error) {
      entries.push({ kind: 'refused', source, rule: 'input-missing', reason: missingReason(error) });
      continue;
    }
    if (child.name.startsWith('.')) {
      // One message per hidden entry; a hidden directory (.git) is not descended into.
      entries.push({ kind: 'skipped', source, reason: `skipped hidden ${info.isDirectory() ? 'directory' : 'file'}` });
      continue;
    }
    if (info.isDirectory()) {
      const real = await realpath(source).catch(() => source);
      if (seen.has(real)) {
        entries.push({ kind: 'skipped', source, reason: 'skipped a directory already read (a symlink loop)' });
        continue;
      }
      await walkDirectory(source, entries, new Set([...seen, real]));
      continue;
    }
    if (!info.isFile()) {
      entries.push({ kind: 'skipped', source, reason: 'skipped: not a regular file' });
      continue;
    }
    const name = formatFromName(child.name);
    if (name.known) entries.push({ kind: 'file', source, size: info.size, format: name.format, gzip: name.gzip });
    else entries.push({ kind: 'skipped', source, reason: `skipped: ${unknownEnding(name.ending)}` });
  }
}

function unknownEnding(ending: string): string {
  const what = ending === '' ? 'the file name has no ending' : `unknown file ending "${ending}"`;
  return `${what}; sitrep reads ${ACCEPTED_ENDINGS}`;
}

function missingReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message : String(error);
}
