import type { Writable } from 'node:stream';
import type { Rejection } from '../input/responses.js';

/** Rejected rows listed one by one before the rest are only counted. */
export const REJECTIONS_SHOWN = 10;

/**
 * Everything `nps` says to the person running it, on stderr, one line each, so
 * that stdout carries only data.
 */
export class Messages {
  private rejectionsSeen = 0;

  constructor(
    private readonly stderr: Writable,
    private readonly quiet: boolean,
  ) {}

  /** What `nps` understood and did; silenced by --quiet. */
  info(text: string): void {
    if (!this.quiet) this.stderr.write(`nps: ${text}\n`);
  }

  /** Something the user should know about the result; always shown. */
  warn(text: string): void {
    this.stderr.write(`nps: warning: ${text}\n`);
  }

  rejected(rejection: Rejection): void {
    this.rejectionsSeen += 1;
    if (this.rejectionsSeen <= REJECTIONS_SHOWN) {
      this.stderr.write(`nps: ${rejection.file} line ${rejection.line}: rejected: ${rejection.reason}\n`);
    }
  }

  /** Closes the list of rejected rows with the count of those not shown. */
  finishRejections(): void {
    const hidden = this.rejectionsSeen - REJECTIONS_SHOWN;
    if (hidden > 0) this.stderr.write(`nps: ... and ${hidden} more rejected ${hidden === 1 ? 'row' : 'rows'}\n`);
  }

  get rejections(): number {
    return this.rejectionsSeen;
  }
}
