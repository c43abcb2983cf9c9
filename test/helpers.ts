// Shared helpers for end-to-end tests: temporary folders and the real `sitrep` command run as a
// child process, exactly as a user runs it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'sitrep.js');
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');
export const WAR_SAMPLE = join(SHARED_DATA, 'ukraine-war-news-gdelt-sample', 'articles.jsonl');
export const hasSharedData = existsSync(WAR_SAMPLE);

export function tempDir(prefix = 'sitrep-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function sitrep(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: withoutDbEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `sitrep` in the background (for serve and for kill -9 tests). */
export function sitrepChild(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function withoutDbEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SITREP_DB;
  return env;
}
