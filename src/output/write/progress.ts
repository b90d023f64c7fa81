import type { Writable } from 'node:stream';
import { groupDigits } from '../../core/digits.js';

/** Smaller files finish before a bar would be worth looking at. */
export const PROGRESS_MIN_BYTES = 50 * 1000 * 1000;
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** Only for a person watching a terminal, on a file large enough to wait for. */
export function wantsProgress(totalBytes: number | undefined, stderr: { isTTY?: boolean }, quiet: boolean): boolean {
  return stderr.isTTY === true && !quiet && totalBytes !== undefined && totalBytes > PROGRESS_MIN_BYTES;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.max(0, Math.round(seconds));
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

/** One line: bar, share, megabytes of total, rows, rate, time left. */
export function renderProgress(bytes: number, total: number, rows: number, elapsedSeconds: number): string {
  const share = total === 0 ? 1 : Math.min(1, bytes / total);
  const filled = Math.round(share * BAR_WIDTH);
  const rate = elapsedSeconds > 0 ? rows / elapsedSeconds : 0;
  const left = share > 0 ? (elapsedSeconds * (1 - share)) / share : Number.POSITIVE_INFINITY;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}% ` +
    `${(bytes / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB, ${groupDigits(rows)} rows, ` +
    `${groupDigits(Math.round(rate))} rows/s, ${duration(left)} left`
  );
}

/** A progress line on stderr, redrawn at most ten times a second, erased when done. */
export class Progress {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly stderr: Writable,
    private readonly total: number,
  ) {}

  update(bytes: number, rows: number): void {
    const now = Date.now();
    if (now - this.lastDrawn < REDRAW_MS) return;
    this.lastDrawn = now;
    this.drawn = true;
    this.stderr.write(`\r${renderProgress(bytes, this.total, rows, (now - this.started) / 1000)}\u001b[K`);
  }

  done(): void {
    if (this.drawn) this.stderr.write('\r\u001b[K');
  }
}
