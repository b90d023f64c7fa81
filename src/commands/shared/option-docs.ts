import type { Option } from '../../libraries/commander.js';

/**
 * The reference text of the options every reading command shares, written once:
 * `npm run docs` puts the rows of the options a command takes into its page in
 * docs/, between the markers below, and a test keeps the pages as generated.
 */
export const READING_OPTION_DOCS: ReadonlyArray<readonly [flags: string, text: string]> = [
  ['--sheet SHEET', 'the sheet of an Excel workbook to read: its name, or its number from 1 (default: the first visible sheet; see [reading files](reading-files.md#excel-workbooks))'],
  ['--score-column COLUMN', 'the score column, when it is not found by name: a header, a unique start of one, or a number from 1'],
  ['--date-column COLUMN', 'the date column, named the same ways'],
  ['--comment-column COLUMNS', 'the comment column, named the same ways; several (repeat the option, or separate with commas) are read as one: each response\'s first that is not blank'],
  ['--respondent-column COLUMN', 'the respondent (an email or an id), for `--dedupe`, `--exclude` and `compare`'],
  ['--score-offset N', 'add N to every score before reading it: `-1` for a 0-10 question coded 1-11; `0` to read 11s as mistakes, not as a 1-11 scale'],
  [
    '--where COLUMN=VALUE',
    'read only the rows whose `COLUMN` holds `VALUE`, as written (as `--by` groups them); `COLUMN!=VALUE` leaves those rows out. Repeat it for several conditions, all of which must hold. The rows left out are counted as excluded, and the score column is chosen from the rows kept: `--where question=NPS --score-column answer` scores a file of one row per answer',
  ],
  ['--date-format FORMAT', '`m/d/yyyy` or `d/m/yyyy`: how to read dates like `3/4/2026` when no date in the input tells'],
  [
    '--tz ZONE',
    'the time zone days, periods, due dates and "today" follow: a name such as `America/Los_Angeles` or `Europe/Paris` (with its summer time), `UTC`, or an offset such as `-08:00`. By default, the offset most of the export\'s timestamps carry (`2026-11-30 04:00:00 -0800` is read on `UTC-08:00`, and the stderr line says so), else UTC; a time written with no zone is a time on this clock',
  ],
  ['--include-partial', 'count unfinished responses (Qualtrics, Typeform) in the score'],
  ['--dedupe MODE', '`latest` or `first`: one scored response per respondent (see [How files are read](reading-files.md)); `none` (default) counts all'],
  [
    '--since DATE',
    'keep only responses dated on or after this day: `2026-10-31`, `31.10.2026`, slashed dates in the order `--date-format` gives, or a number of days back from today, `30d` (which also ends today, unless `--until` says otherwise). Rows with no readable date are left out, and counted',
  ],
  ['--until DATE', 'keep only responses dated on or before this day, written as for `--since`'],
  ['--exclude FILE', 'leave out respondents listed in a file of emails or ids, one per row (its `email` or `id` column, else its first), with or without a header'],
  ['--customers FILE', 'add the columns of a customer export (CSV: plan, MRR/ARR, account owner…) to each response, so that `--by` and the lists can use them'],
  ['--join-on COLUMN', 'the column that matches responses to `--customers`: one name in both, or `survey=customers` when they differ'],
  ['--today DATE', 'the day taken as today, for `--since 30d` and due dates (default: today)'],
  ['--strict', 'exit with code 3 when any row is rejected (the result is still printed; files are not written)'],
  ['-q, --quiet', 'print only warnings and errors on stderr'],
];

export const GENERATED_START = '<!-- The rows below are written by `npm run docs` from the options nps shares; edit src/commands/shared/option-docs.ts. -->';
export const GENERATED_END = '<!-- End of the generated rows. -->';

/** `--sheet SHEET` as a table cell: "`--sheet SHEET`"; `-q, --quiet` as "`-q`, `--quiet`". */
function flagCell(flags: string): string {
  return flags
    .split(', ')
    .map((flag) => `\`${flag}\``)
    .join(', ');
}

/** The table rows of the shared options among `options`, in their reference order. */
export function readingOptionRows(options: readonly Option[]): string {
  const taken = new Set(options.map((option) => option.long));
  const rows = READING_OPTION_DOCS.filter(([flags]) => taken.has(flags.split(', ').at(-1)?.split(' ')[0]));
  return rows.map(([flags, text]) => `| ${flagCell(flags)} | ${text} |`).join('\n');
}

/** A page with its generated block written anew; undefined when the page has no markers. */
export function withGeneratedRows(page: string, options: readonly Option[]): string | undefined {
  const start = page.indexOf(GENERATED_START);
  const end = page.indexOf(GENERATED_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return `${page.slice(0, start + GENERATED_START.length)}\n${readingOptionRows(options)}\n${page.slice(end)}`;
}
