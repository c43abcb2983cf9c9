// What a poller remembers per URL between polls and across restarts: the validators of the last
// answer it fully processed (ETag, Last-Modified, sent back as If-None-Match/If-Modified-Since so
// an unchanged feed costs a 304), and its failure streak and next allowed attempt (backoff).
// Kept in memory and saved as a small JSON file, written atomically (temporary file, rename).

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface UrlState {
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls (0 after a success). */
  failures: number;
  /** No poll before this time (epoch ms): backoff or Retry-After. */
  notBefore?: number;
  lastStatus?: number;
  lastError?: string;
  /** When the URL last answered 200 or 304 (ISO). */
  lastSuccess?: string;
  /** An article URL whose page is stored: not fetched again. */
  done?: boolean;
}

interface StateFile {
  version: 1;
  urls: Record<string, UrlState>;
}

export class PollState {
  private readonly urls = new Map<string, UrlState>();
  private dirty = false;

  private constructor(readonly file: string | null) {}

  /** The state saved in `file` (none yet: empty). A file that cannot be read is an error naming it. */
  static load(file: string | null): PollState {
    const state = new PollState(file);
    if (file === null) return state;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return state;
      throw new Error(`cannot read the watch state file ${file}: ${(error as Error).message}`);
    }
    let parsed: StateFile;
    try {
      parsed = JSON.parse(text) as StateFile;
    } catch (error) {
      throw new Error(
        `the watch state file ${file} is not valid JSON (${(error as Error).message}); remove it to start afresh`,
      );
    }
    if (parsed?.version !== 1 || typeof parsed.urls !== 'object' || parsed.urls === null) {
      throw new Error(`the watch state file ${file} is not a version 1 state file; remove it to start afresh`);
    }
    for (const [url, entry] of Object.entries(parsed.urls)) {
      if (typeof entry !== 'object' || entry === null) continue;
      state.urls.set(url, {
        ...(typeof entry.etag === 'string' && { etag: entry.etag }),
        ...(typeof entry.lastModified === 'string' && { lastModified: entry.lastModified }),
        failures: Number.isInteger(entry.failures) && entry.failures > 0 ? entry.failures : 0,
        ...(typeof entry.notBefore === 'number' && { notBefore: entry.notBefore }),
        ...(typeof entry.lastStatus === 'number' && { lastStatus: entry.lastStatus }),
        ...(typeof entry.lastError === 'string' && { lastError: entry.lastError }),
        ...(typeof entry.lastSuccess === 'string' && { lastSuccess: entry.lastSuccess }),
        ...(entry.done === true && { done: true }),
      });
    }
    return state;
  }

  get(url: string): UrlState {
    return this.urls.get(url) ?? { failures: 0 };
  }

  update(url: string, change: Partial<UrlState>): UrlState {
    const next: UrlState = { ...this.get(url), ...change };
    for (const key of Object.keys(next) as Array<keyof UrlState>) if (next[key] === undefined) delete next[key];
    this.urls.set(url, next);
    this.dirty = true;
    return next;
  }

  /** Writes the file if anything changed since the last save. */
  save(): void {
    if (this.file === null || !this.dirty) return;
    const data: StateFile = { version: 1, urls: Object.fromEntries(this.urls) };
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(data, null, 1)}\n`);
    renameSync(temporary, this.file);
    this.dirty = false;
  }
}
