/** A row that was not scored, and why: reported with its file and line (in a workbook: its sheet and row). */
export interface Rejection {
  file: string;
  /** The line a CSV row starts on; a workbook's row number. */
  line: number;
  reason: string;
  /** The sheet, for a row of a workbook. */
  sheet?: string | undefined;
}

/**
 * Where the read pipeline says what it understood and what it could not use.
 * The command's messages implement it; reading itself never prints.
 */
export interface ReadListener {
  info(text: string): void;
  warn(text: string): void;
  rejected(rejection: Rejection): void;
  /** Called after each chunk of a file whose size is known, for a progress line. */
  progress?(bytesRead: number, totalBytes: number, rows: number): void;
  /** After the last chunk of a file. */
  progressDone?(): void;
  /** Rejected rows not listed one by one (a parallel read hands over only the first of each part). */
  countRejections?(count: number): void;
}
