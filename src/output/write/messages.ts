import type { Writable } from 'node:stream';
import type { ReadListener, Rejection } from '../../core/reading.js';
import { visible, wrap } from '../render/format.js';
import { Progress, wantsProgress } from './progress.js';
import { clip } from '../../core/clip.js';
import { widthOf } from '../render/plain-table.js';

/** Where a message's wrapped lines start at a terminal: under its text, after "nps: ". */
const MESSAGE_INDENT = 'nps: '.length;

/** Rejected rows listed one by one before the rest are only counted. */
export const REJECTIONS_SHOWN = 10;

/**
 * Everything `nps` says to the person running it, on stderr, one line each (wrapped at
 * a terminal), so that stdout carries only data. Text from the input is shown with its control
 * characters made visible.
 */
export class Messages implements ReadListener {
  private rejectionsSeen = 0;
  private bar: Progress | undefined;
  private readonly warned: string[] = [];

  constructor(
    private readonly stderr: Writable & { isTTY?: boolean; columns?: number },
    private readonly quiet: boolean,
  ) {}

  /** What `nps` understood and did; silenced by --quiet. */
  info(text: string): void {
    if (!this.quiet) this.line(`nps: ${text}`);
  }

  /** Something the user should know about the result; always shown. */
  warn(text: string): void {
    this.warned.push(text);
    this.line(`nps: warning: ${text}`);
  }

  /** Every warning said so far, for a report to repeat. */
  get warnings(): readonly string[] {
    return this.warned;
  }

  rejected(rejection: Rejection): void {
    this.rejectionsSeen += 1;
    if (this.rejectionsSeen <= REJECTIONS_SHOWN) {
      const place = rejection.sheet === undefined ? `line ${rejection.line}` : `, sheet ${JSON.stringify(rejection.sheet)}, row ${rejection.line}`;
      this.line(`nps: ${rejection.file}${rejection.sheet === undefined ? ' ' : ''}${place}: rejected: ${rejection.reason}`);
    }
  }

  countRejections(count: number): void {
    this.rejectionsSeen += count;
  }

  /** Closes the list of rejected rows with the count of those not shown. */
  finishRejections(): void {
    const hidden = this.rejectionsSeen - REJECTIONS_SHOWN;
    if (hidden > 0) this.line(`nps: ... and ${hidden} more rejected ${hidden === 1 ? 'row' : 'rows'}`);
  }

  /** A progress line for a large file read at a terminal; nothing otherwise. */
  progress(bytesRead: number, totalBytes: number, rows: number): void {
    if (this.bar === undefined) {
      if (!wantsProgress(totalBytes, this.stderr, this.quiet)) return;
      this.bar = new Progress(this.stderr, totalBytes);
    }
    this.bar.update(bytesRead, rows);
  }

  progressDone(): void {
    this.bar?.done();
    this.bar = undefined;
  }

  /** The same messages, less what `nps` understood of each input: for reading the inputs a second time. */
  silent(): ReadListener {
    return {
      info: () => undefined,
      warn: (text) => this.warn(text),
      rejected: (rejection) => this.rejected(rejection),
      progress: (bytes, total, rows) => this.progress(bytes, total, rows),
      progressDone: () => this.progressDone(),
      countRejections: (count) => this.countRejections(count),
    };
  }

  /** Under --strict, rejected rows fail the run: said once, after everything else. */
  strictFailure(rejected: number, repairedQuotes = 0): void {
    const parts = [];
    if (rejected > 0 || repairedQuotes === 0) parts.push(`${rejected} ${rejected === 1 ? 'row was' : 'rows were'} rejected`);
    if (repairedQuotes > 0) parts.push(`${repairedQuotes} ${repairedQuotes === 1 ? 'quote was' : 'quotes were'} read leniently`);
    this.warn(`--strict: ${parts.join(' and ')}`);
  }

  get rejections(): number {
    return this.rejectionsSeen;
  }

  /**
   * One message: at a terminal, wrapped to its width (80 columns when it does not say)
   * under the "nps: " it starts with; elsewhere (a log, a pipe, a script that greps) on
   * one line.
   */
  private line(text: string): void {
    const shown = visible(clip(text));
    if (this.stderr.isTTY !== true) {
      this.stderr.write(`${shown}\n`);
      return;
    }
    this.stderr.write(`${wrap(shown, MESSAGE_INDENT, Math.max(40, widthOf(this.stderr)))}\n`);
  }
}
