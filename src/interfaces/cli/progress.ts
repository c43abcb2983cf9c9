// A one-line progress bar with rate and ETA for long ingests, drawn on a TTY only and at most
// ten times a second; silent otherwise so that logs and pipes stay clean.

import type { IngestProgress } from '../../jobs/ingest.js';

export interface ProgressBar {
  update(progress: IngestProgress): void;
  /** Clears the line so that a message can be printed above the bar. */
  clear(): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream, enabled: boolean): ProgressBar {
  if (!enabled) return { update() {}, clear() {}, done() {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  let latest: IngestProgress | null = null;
  const draw = () => {
    if (!latest) return;
    const p = latest;
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const fraction = p.bytesTotal > 0 ? Math.min(p.bytesDone / p.bytesTotal, 1) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const rate = p.records / seconds;
    const eta = fraction > 0.01 ? (seconds / fraction) * (1 - fraction) : Number.NaN;
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${p.records} records (${p.added} new, ${p.skipped} known) ${rate.toFixed(0)}/s ` +
      `inputs ${p.inputsDone}/${p.inputs}${Number.isFinite(eta) ? ` ETA ${formatDuration(eta)}` : ''}`;
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
    drawn = true;
  };
  return {
    update(progress) {
      latest = progress;
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        draw();
      }
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
    done() {
      draw();
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
