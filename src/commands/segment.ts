import { Option } from '../libraries/commander.js';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CATEGORIES, type Category } from '../core/categories.js';
import { dayOn } from '../core/clock.js';
import { compileMessages, DERIVED_COLUMNS, dueStatusOf, FOLLOW_UP_COLUMNS, type FollowUpResponse } from '../core/followup.js';
import { readAmount } from '../core/money.js';
import { casesToWork, countLists, describeDue, LEDGER_LIST_ADDED, LEDGER_LIST_COLUMNS, ledgerListRow } from '../core/ledger-lists.js';
import { ledgerColumnsOf, mergeLedger, numberRepeats, responseIdColumn, type LedgerCase, type MergedLedger } from '../core/ledger.js';
import type { LevelAccumulator } from '../core/levels.js';
import { emailOf, nameColumnsOf, personName } from '../core/names.js';
import { isoDay } from '../core/periods.js';
import { listShape, PRESETS, type PresetName, type ShapeChoice } from '../core/presets.js';
import type { SegmentCounts } from '../core/segment.js';
import { listedDiscovery } from '../core/listed-themes.js';
import { summarize } from '../core/summary.js';
import type { Templates } from '../core/templates.js';
import { inputError } from '../errors.js';
import { commentReaderOf, languageWithoutThemes, loadMatcher } from '../input/comment-reader.js';
import { readLedger, type LedgerFile } from '../input/ledger.js';
import { readWith } from '../input/parallel.js';
import type { ReadSpec, Responses } from '../input/responses.js';
import { loadTemplates } from '../input/templates.js';
import type { Io } from '../io.js';
import { describeAccounting, plural } from '../output/render/format.js';
import {
  commitFiles,
  createScratchFolder,
  discardFiles,
  ensureFolder,
  refuseToReplace,
  removeScratchFolder,
  removeStaleTemporaries,
  requireParentFolder,
} from '../output/write/files.js';
import { ledgerText, pendingLedger } from '../output/write/ledger.js';
import {
  pendingSuggestions,
  writeListFiles,
  writeListsToStdout,
  type ListFile,
  type Listed,
  type ListLayout,
  type ListSource,
  type ListTarget,
  type StandardOutput,
} from '../output/write/lists.js';
import type { Messages } from '../output/write/messages.js';
import { serializerFor, type RecordFormat } from '../output/write/records.js';
import { discoveredRows, ledgerReadings } from './shared/discovered-rows.js';
import { ledgerJob } from './jobs/ledger.js';
import { segmentJob, type SegmentConfig } from './jobs/segment.js';
import { finishLevels, levelNeeds, planLevels, revenueWords, type LevelPlan } from './shared/accounts.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  accountColumnOption,
  collectNames,
  discoverOption,
  FILES_ARGUMENT,
  forceOption,
  formatOption,
  GROUPS,
  integerOption,
  jsonOption,
  languageOption,
  outOption,
  rawOption,
  type RawReadingOptions,
  readingOptions,
  slaOption,
  themesOption,
} from './shared/options.js';
import { failsStrict } from './shared/outcome.js';
import { openResponses, questionsOf, readOutcome } from './shared/read.js';

export interface SegmentOptions extends RawReadingOptions {
  out?: string;
  category?: Category;
  format: RecordFormat;
  json?: boolean;
  force?: boolean;
  valueColumn?: string;
  accountColumn?: string;
  sla: number;
  sample?: number;
  seed: number;
  templates?: string;
  themes?: string;
  language?: string;
  raw?: boolean;
  excel?: boolean;
  window?: Window;
  preset?: PresetName;
  columns?: string[];
  ledger?: string;
  newOnly?: boolean;
  discover: boolean;
}

/** How far back the lists reach: a number of days ending today, or every answer. */
type Window = number | 'all';

/** The days a Monday list reaches back when nothing else chooses the rows: two weeks. */
const DEFAULT_WINDOW_DAYS = 14;

function parseWindow(value: string): Window {
  const text = value.trim().toLowerCase();
  if (text === 'all') return 'all';
  const days = /^(\d+)d?$/.exec(text);
  if (days === null || Number(days[1]) < 1) throw inputError(`--window takes a number of days such as 14 or 30d, or all, not ${JSON.stringify(value)}`);
  return Number(days[1]);
}

/** The first day the lists hold: --window, or two weeks unless --since, --until or --sample choose the rows. */
function windowStartOf(options: SegmentOptions, today: number): { start: number; days: number } | undefined {
  const chosen = options.since !== undefined || options.until !== undefined || options.sample !== undefined;
  const window = options.window ?? (chosen ? 'all' : DEFAULT_WINDOW_DAYS);
  return window === 'all' ? undefined : { start: today - window + 1, days: window };
}


/** Where the lists go: three files in a folder, one list or all three on standard output; with a ledger, maybe nowhere. */
type Destination = { kind: 'folder'; out: string; directory: string } | StandardOutput | { kind: 'none' };

function destinationOf(options: SegmentOptions, io: Io): Destination {
  const format = options.json === true ? 'json' : options.format;
  if (options.json === true && options.format !== 'csv') throw inputError('--json is --format json: give one of them');
  if (options.out !== undefined && options.category !== undefined) {
    throw inputError('use either --out DIR (all three lists) or --category NAME (one list on standard output), not both');
  }
  if (options.excel === true && format !== 'csv') throw inputError(`--excel applies to CSV lists, not to ${options.json === true ? '--json' : `--format ${format}`}`);
  if (options.out !== undefined) {
    if (options.out.trim() === '') throw inputError('--out takes the name of a folder, not an empty text');
    if (options.out === '-') throw inputError('--out takes a folder; to print one list on standard output use --category NAME');
    if (format !== 'csv') throw inputError(`${options.json === true ? '--json' : '--format'} applies to --category; files written with --out are always CSV`);
    return { kind: 'folder', out: options.out, directory: resolve(io.cwd, options.out) };
  }
  if (options.category !== undefined) return { kind: 'list', category: options.category, format };
  if (options.json === true) return { kind: 'object' };
  if (options.ledger !== undefined) return { kind: 'none' };
  throw inputError('say where the lists go: --out DIR writes the lists as files, --category NAME prints one list, --json prints all three');
}

/** What --ledger does not go with, and what goes only with it. */
function checkLedgerOptions(options: SegmentOptions): void {
  if (options.ledger === undefined) {
    if (options.newOnly === true) throw inputError('--new-only lists the cases a run adds to a ledger: give --ledger FILE');
    return;
  }
  if (options.ledger.trim() === '') throw inputError('--ledger takes the name of a CSV file, not an empty text');
  if (options.sample !== undefined) throw inputError('--sample draws from the export, and with --ledger the lists hold the cases to work now: give one of them');
}

/** Refuses before anything is read, so an existing list is never lost to a rerun. */
async function planTargets(out: string, directory: string, force: boolean): Promise<ListTarget[]> {
  const targets = CATEGORIES.map((category) => ({ category, shown: join(out, `${category}.csv`), final: join(directory, `${category}.csv`) }));
  const found = await stat(directory).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) throw inputError(`--out ${out} is a file, not a folder`);
  for (const target of targets) await refuseToReplace(target.final, target.shown, force);
  return targets;
}

/** What a run has opened before it reads a row: where the lists go, the templates, the inputs, the ledger. */
interface Opened {
  destination: Destination;
  targets: ListTarget[];
  templates: Templates;
  messages: Messages;
  responses: Responses;
  spec: ReadSpec;
  window: { start: number; days: number } | undefined;
  ledger: LedgerFile | undefined;
  /** With --value-column or --account-column: how revenue at risk counts each account once. */
  plan: LevelPlan | undefined;
  /** suggestions.csv beside the lists, with --out (not with --ledger); header only with --no-discover. */
  suggestions: ListFile | undefined;
}

async function openRun(files: string[], options: SegmentOptions, io: Io): Promise<Opened> {
  checkLedgerOptions(options);
  const destination = destinationOf(options, io);
  const targets = destination.kind === 'folder' ? await planTargets(destination.out, destination.directory, options.force === true) : [];
  const matcher = await loadMatcher(options, io.cwd);
  const templates = await loadTemplates(options.templates, io.cwd);
  const needs = levelNeeds(options, { dates: true, comments: true, respondents: options.ledger !== undefined, lines: true });
  const { messages, responses, spec } = await openResponses(files, options, needs, io, undefined, { job: options.ledger === undefined ? segmentJob : ledgerJob });
  // Revenue at risk counts each account's value once: by --account-column, the customers' join key, or the respondent.
  const plan = planLevels(responses, options, { breakdowns: [], byDay: false, fallback: true });
  const unknownLanguage = languageWithoutThemes(matcher, options);
  if (unknownLanguage !== undefined) messages.warn(unknownLanguage);
  // Checked before any row is read: a ledger that breaks its rules, or a template that names no column, stops the run at once.
  const ledger = options.ledger === undefined ? undefined : await openLedger(options.ledger, options, responses, io);
  compileMessages(templates, responses.columns);
  if (destination.kind === 'folder') {
    await ensureFolder(destination.directory, destination.out);
    await removeStaleTemporaries(destination.directory);
  }
  const suggestions =
    destination.kind === 'folder' && options.ledger === undefined ? await planSuggestions(destination.out, destination.directory, options.force === true) : undefined;
  return { destination, targets, templates, messages, responses, spec, window: windowStartOf(options, responses.today), ledger, plan, suggestions };
}

export async function runSegment(files: string[], options: SegmentOptions, io: Io): Promise<Ran<never>> {
  const opened = await openRun(files, options, io);
  if (options.ledger !== undefined) return runLedger(files, options, io, opened, options.ledger);
  const { destination, targets, messages, responses, spec, window } = opened;
  const scratch = createScratchFolder(destination.kind === 'folder' ? destination.directory : tmpdir());
  try {
    const config = segmentConfig(options, opened, scratch, io);
    const { totals, acc } = await readWith(files, responses, spec, io, messages, segmentJob, config);
    const outcome = readOutcome(messages, totals, options);
    const dated = responses.inputs.some((input) => input.choice.columns.date !== undefined);
    if (window !== undefined) describeWindow(acc.lists.counts, window, messages);
    const layout = { header: config.header, record: config.record };
    // Discovery sees every comment listed before a row is written: the themes column then holds the discovered themes too.
    const found = acc.lists.extras === undefined ? { suggestions: [], find: undefined } : listedDiscovery(acc.lists.extras.sample.responses().responses);
    const at = config.discoveredAt;
    const source = at === undefined || found.find === undefined ? acc.lists : discoveredRows(acc.lists, found.find, config, at);
    if (destination.kind === 'folder') {
      if (failsStrict(outcome)) {
        messages.warn('no files were written');
        return { outcome };
      }
      // Written with every run of --out, empty without comments or discovery: the folder never holds an older run's.
      const suggestions = config.suggestions ? found.suggestions : [];
      const also = opened.suggestions === undefined ? [] : [await pendingSuggestions(opened.suggestions, suggestions, config.record)];
      const listed = await writeListFiles(source, targets, layout, options.force === true, also, (text) => messages.warn(text));
      describeLists({ ...acc.lists.counts, listed, dated }, (category) => targets.find((target) => target.category === category)?.shown, options, messages, responses.today);
      if (opened.suggestions !== undefined) {
        messages.info(`wrote ${plural(suggestions.length, 'suggestion')} of passives and detractors to ${opened.suggestions.shown}`);
      }
    } else if (destination.kind !== 'none') {
      const listed = await writeListsToStdout(source, destination, layout, io.stdout);
      describeLists({ ...acc.lists.counts, listed, dated }, (category) => (listed[category] === undefined ? undefined : 'standard output'), options, messages, responses.today);
    }
    await sayRevenueAtRisk(acc.levels, opened, options, io);
    messages.info(describeAccounting(summarize(totals.tally)));
    return { outcome };
  } finally {
    removeScratchFolder(scratch);
  }
}

/** The format of the lists' rows, from the destination and the flags. */
function recordOf(destination: Destination, options: SegmentOptions): SegmentConfig['record'] {
  const format = destination.kind === 'list' ? destination.format : destination.kind === 'object' ? 'json' : 'csv';
  return { format, neutralize: options.raw !== true, excel: options.excel === true };
}

function segmentConfig(options: SegmentOptions, opened: Opened, scratch: string, io: Io): SegmentConfig {
  const { destination, responses, templates, window } = opened;
  const anyComments = responses.inputs.some((input) => input.choice.columns.comments.length > 0);
  // Every column a list row has, the derived ones last; --columns and --preset choose what is written.
  const rowColumns = [...responses.columns, ...FOLLOW_UP_COLUMNS, ...DERIVED_COLUMNS];
  const shape = { preset: options.preset, columns: options.columns, today: responses.today };
  return {
    lists: {
      slaMs: options.sla,
      today: responses.today,
      clock: responses.clock,
      wanted: destination.kind === 'list' ? [destination.category] : CATEGORIES,
      sample: options.sample === undefined ? undefined : { size: options.sample, seed: options.seed },
      questions: questionsOf(responses),
      names: nameColumnsOf(responses.columns),
      windowStart: window?.start,
    },
    templates,
    columns: [...responses.columns],
    rowColumns,
    shape,
    header: listShape(rowColumns, shape).header,
    record: recordOf(destination, options),
    valueIndex: options.valueColumn === undefined ? undefined : responses.column(options.valueColumn, '--value-column'),
    comments: anyComments ? { themes: options.themes, language: options.language, cwd: io.cwd, hasComments: true } : undefined,
    scratch,
    heldBudget: heldBudget(io),
    levels: opened.plan?.settings,
    suggestions: opened.suggestions !== undefined && anyComments && options.discover,
    discoveredAt: anyComments && options.discover ? themesPlace(rowColumns, responses.columns.length, shape) : undefined,
  };
}

/** Where a written row holds the themes column; undefined when it is not written (--columns, a CRM preset). */
function themesPlace(rowColumns: readonly string[], inputColumns: number, shape: ShapeChoice): number | undefined {
  if (shape.preset !== undefined) return undefined;
  const themes = inputColumns + FOLLOW_UP_COLUMNS.indexOf('themes');
  const at = listShape(rowColumns, shape)
    .project(rowColumns.map((_, index) => String(index)))
    .indexOf(String(themes));
  return at === -1 ? undefined : at;
}

/** suggestions.csv, beside the lists: refused before anything is read when it exists, as the lists are. */
async function planSuggestions(out: string, directory: string, force: boolean): Promise<ListFile> {
  const target = { shown: join(out, 'suggestions.csv'), final: join(directory, 'suggestions.csv') };
  await refuseToReplace(target.final, target.shown, force);
  return target;
}

/** Says what the window left out, when it left out any answer. */
function describeWindow(counts: SegmentCounts, window: { start: number; days: number }, messages: Messages): void {
  const older = CATEGORIES.reduce((sum, category) => sum + counts.older[category], 0);
  if (older === 0) return;
  const detractors = counts.older.detractors;
  messages.info(
    `the lists hold the answers of the last ${plural(window.days, 'day')}, since ${isoDay(window.start)}: ` +
      `${plural(older, 'older answer')} ${older === 1 ? 'is' : 'are'} not listed, ${detractors} of them from detractors (--window all lists every one)`,
  );
}

/** Memory for held rows before they spill to disk: 48 MB, or NPS_HELD_MB (see docs/performance.md). */
function heldBudget(io: Io): number {
  const megabytes = Number(io.env['NPS_HELD_MB'] ?? 48);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 48) * 1_000_000;
}

/** Opens the ledger before a row of the export is read: one that breaks its rules stops the run, and nothing is written. */
async function openLedger(file: string, options: SegmentOptions, responses: Responses, io: Io): Promise<LedgerFile | undefined> {
  const ledger = await readLedger(file, io, { dateFormat: options.dateFormat, teamDates: false, clock: responses.clock, writable: true });
  if (ledger === undefined) await requireParentFolder(resolve(io.cwd, file), file);
  return ledger;
}

/** With --value-column or --account-column: the revenue at risk, each account once, as `nps accounts` counts it. */
async function sayRevenueAtRisk(levels: LevelAccumulator | undefined, opened: Opened, options: SegmentOptions, io: Io): Promise<void> {
  const { plan, responses, messages } = opened;
  if (plan === undefined || levels === undefined) return;
  const view = await finishLevels(levels, plan, { responses, options, messages, io, level: 0.95, periods: undefined });
  if (view.levels.revenue !== undefined) messages.info(revenueWords(view));
}

/**
 * A run with a ledger: every scored response becomes a case the ledger does not have yet, and the lists hold
 * what needs action now. The lists and the ledger are moved into place together, under the same lock; the
 * ledger only if it is still the one read, its previous version kept as FILE.bak.
 */
async function runLedger(files: string[], options: SegmentOptions, io: Io, opened: Opened, file: string): Promise<Ran<never>> {
  const { destination, targets, messages, responses, spec, window, ledger, plan } = opened;
  const config = { idIndex: responseIdColumn(responses.columns), levels: plan?.settings };
  const { totals, acc } = await readWith(files, responses, spec, io, messages, ledgerJob, config);
  const outcome = readOutcome(messages, totals, options);
  if (failsStrict(outcome)) {
    messages.warn('no files were written');
    return { outcome };
  }
  const settings = { clock: responses.clock, slaMs: options.sla, today: responses.today, window };
  const merged = mergeLedger(ledger && { table: ledger.table, cases: ledger.cases }, numberRepeats(acc.candidates), responses.columns, settings);
  describeLedger(file, merged, ledger === undefined, window, messages);
  const lists = await ledgerLists(merged, options, opened, io);
  const final = ledger?.path ?? resolve(io.cwd, file);
  const text = ledgerText(merged.header, merged.rows, merged.firstAdded, options.raw !== true);
  const pending = await pendingLedger(final, file, text, { backup: `${final}.bak`, stamp: ledger?.stamp });
  let listed: Listed = {};
  if (destination.kind === 'folder') {
    listed = await writeListFiles(lists.source, targets, lists.layout, options.force === true, [pending], (text) => messages.warn(text));
  } else {
    // The ledger first: an alert that fails to post leaves its cases in the ledger, never the other way round.
    try {
      await commitFiles([pending], false, (text) => messages.warn(text));
    } finally {
      await discardFiles([pending]);
    }
    if (destination.kind !== 'none') listed = await writeListsToStdout(lists.source, destination, lists.layout, io.stdout);
  }
  const where = (category: Category): string | undefined =>
    listed[category] === undefined ? undefined : (targets.find((target) => target.category === category)?.shown ?? 'standard output');
  describeWork(lists.toWork, listed, where, options, opened, messages);
  await sayRevenueAtRisk(acc.levels, opened, options, io);
  messages.info(`wrote ${file}${ledger === undefined ? '' : ` (its previous version is ${file}.bak)`}`);
  messages.info(describeAccounting(summarize(totals.tally)));
  return { outcome };
}

/** A case's revenue: the amount its cell holds, or undefined for none or for text that is no amount. */
function amountIn(text: string): number | undefined {
  const amount = readAmount(text);
  return amount.kind === 'amount' ? amount.value : undefined;
}

/** The lists of a run with a ledger: each case to work now as the ledger's row, then what to do, in the columns chosen. */
async function ledgerLists(
  merged: MergedLedger,
  options: SegmentOptions,
  opened: Opened,
  io: Io,
): Promise<{ source: ListSource; layout: ListLayout; toWork: Record<Category, LedgerCase[]> }> {
  const { responses, destination, templates } = opened;
  const follow = { slaMs: options.sla, today: responses.today, clock: responses.clock };
  const valueAt = options.valueColumn === undefined ? undefined : columnOf(merged.header, options.valueColumn);
  const valueOf = valueAt === undefined ? undefined : (row: number): number | undefined => amountIn(merged.rows[row]?.[valueAt] ?? '');
  const toWork = casesToWork(merged, { today: responses.today, clock: responses.clock, newOnly: options.newOnly === true, valueOf });
  const rowColumns = [...merged.header, ...LEDGER_LIST_COLUMNS, ...DERIVED_COLUMNS];
  const shape = listShape(rowColumns, { preset: options.preset, columns: options.columns, today: responses.today });
  const record = recordOf(destination, options);
  const serialize = serializerFor(record.format, shape.header, record);
  const messages = compileMessages(templates, merged.header, LEDGER_LIST_ADDED);
  const reader = await commentReaderOf({ themes: options.themes, language: options.language, cwd: io.cwd, hasComments: true });
  const names = nameColumnsOf(merged.header);
  const commentAt = ledgerColumnsOf(merged.header).comment;
  const commentOf = (row: number): string => (commentAt === undefined ? '' : (merged.rows[row]?.[commentAt] ?? ''));
  const window = opened.window;
  const inWindow = (found: LedgerCase): boolean => window === undefined || found.time === undefined || dayOn(responses.clock, found.time) >= window.start;
  const listed = CATEGORIES.flatMap((category) => toWork[category]);
  const readingOf = ledgerReadings(listed, merged.cases.filter(inWindow), commentOf, reader, options.discover);
  const rowOf = (found: LedgerCase & { category: Category }): string => {
    const cells = merged.rows[found.row] ?? [];
    const comment = commentOf(found.row);
    const reading = readingOf(found.row);
    const response: FollowUpResponse = {
      score: found.score ?? 0,
      time: found.time,
      comment,
      mentions: reading?.mentions ?? [],
      language: reading?.language,
      themes: reading?.themes,
      person: { ...personName(cells, names), email: emailOf(cells, names) },
    };
    const deadline = found.respondBy === undefined ? undefined : dayOn(responses.clock, found.respondBy);
    const due = describeDue(dueStatusOf(found.respondBy, follow), deadline, responses.today);
    return serialize(shape.project(ledgerListRow(cells, found, response, due, follow, messages)));
  };
  const source = { ordered: (category: Category): string[] => toWork[category].map((found) => rowOf({ ...found, category })) };
  return { source, layout: { header: shape.header, record }, toWork };
}

/** A column of the ledger named by an option: its exact name, or the only one that matches without regard to case. */
function columnOf(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact !== -1) return exact;
  const loose = header.findIndex((column) => column.trim().toLowerCase() === name.trim().toLowerCase());
  if (loose === -1) throw inputError(`--value-column: the ledger has no column named ${JSON.stringify(name)}`);
  return loose;
}

const countsOf = (cases: readonly LedgerCase[]): string => {
  const by = CATEGORIES.map((category) => [category, cases.filter((found) => found.category === category).length] as const).filter(([, count]) => count > 0);
  return by.length === 0 ? '' : ` (${by.map(([category, count]) => plural(count, category.slice(0, -1), category)).join(', ')})`;
};

/** What the run did to the ledger. */
function describeLedger(file: string, merged: MergedLedger, created: boolean, window: Opened['window'], messages: Messages): void {
  const added = merged.cases.filter((found) => found.row >= merged.firstAdded);
  if (created) {
    messages.info(`created ${file}: ${plural(added.length, 'case')}${countsOf(added)}`);
    if (merged.closedAtStart > 0 && window !== undefined) {
      messages.info(
        `${file}: ${plural(merged.closedAtStart, 'case')} answered before ${isoDay(window.start)} ${merged.closedAtStart === 1 ? 'is' : 'are'} closed: ` +
          `the ledger begins with the last ${window.days} days (--window all opens them all)`,
      );
    }
    return;
  }
  messages.info(`${file}: ${plural(added.length, 'new case')}${countsOf(added)}, ${merged.known} already in it; ${plural(merged.cases.length, 'case')} in all`);
  if (merged.addedColumns.length > 0) messages.info(`${file}: added the ${merged.addedColumns.length === 1 ? 'column' : 'columns'} ${merged.addedColumns.map((name) => JSON.stringify(name)).join(', ')} at the end`);
}

/** What the lists of a run with a ledger hold, once written. */
function describeWork(
  toWork: Record<Category, LedgerCase[]>,
  listed: Listed,
  where: (category: Category) => string | undefined,
  options: SegmentOptions,
  opened: Opened,
  messages: Messages,
): void {
  const { today, clock } = opened.responses;
  if (listed.detractors !== undefined && toWork.detractors.length > 0) {
    const statuses = toWork.detractors.map((found) => dueStatusOf(found.respondBy, { today, clock })?.kind);
    const overdue = statuses.filter((kind) => kind === 'overdue').length;
    const dueToday = statuses.filter((kind) => kind === 'due today').length;
    messages.info(`detractors: ${overdue} overdue, ${dueToday} due today (today is ${isoDay(today)}; --today sets it)`);
  }
  const detractors = options.newOnly === true ? 'new cases' : 'new and due cases';
  const words = { promoters: 'new cases, newest first', passives: 'new cases', detractors: `${detractors}, longest overdue first, then due today, then new` };
  const counts = countLists(toWork);
  for (const category of CATEGORIES) {
    const shown = where(category);
    if (shown === undefined) continue;
    messages.info(`wrote ${plural(counts[category], category.slice(0, -1), category)} to ${shown} (${words[category]})`);
  }
}

const ORDER_WORDS = {
  dated: { promoters: ' (newest first)', passives: '', detractors: ' (longest overdue first, then due today, then new)' },
  undated: { promoters: ' (in input order: no date column)', passives: '', detractors: ' (lowest score first; no date column, so no respond_by)' },
} as const;

/** What the lists say on stderr once written. */
function describeLists(
  report: SegmentCounts & { listed: Listed; dated: boolean },
  where: (category: Category) => string | undefined,
  options: SegmentOptions,
  messages: Messages,
  today: number,
): void {
  const listedDetractors = report.listed.detractors ?? 0;
  if (report.dated && report.undatedDetractors > 0 && report.listed.detractors !== undefined) {
    const one = report.undatedDetractors === 1;
    messages.warn(
      `${plural(report.undatedDetractors, 'detractor')} with no readable date ${one ? 'comes' : 'come'} after the dated ones ` +
        `and ${one ? 'has' : 'have'} no respond_by`,
    );
  }
  if (report.dueBeyondCalendar > 0 && report.listed.detractors !== undefined) {
    const one = report.dueBeyondCalendar === 1;
    messages.warn(
      `${plural(report.dueBeyondCalendar, 'detractor')} ${one ? 'is' : 'are'} dated so late that the reply would be due after 9999-12-31: ` +
        `${one ? 'its' : 'their'} respond_by is 9999-12-31 23:59 UTC, the calendar's last minute`,
    );
  }
  if (report.dated && listedDetractors > 0) {
    messages.info(`detractors: ${report.overdue} overdue, ${report.dueToday} due today (today is ${isoDay(today)}; --today sets it)`);
  }
  const words = report.dated ? ORDER_WORDS.dated : ORDER_WORDS.undated;
  for (const category of CATEGORIES) {
    const shown = where(category);
    const listed = report.listed[category];
    if (shown === undefined || listed === undefined) continue;
    const count = options.sample === undefined ? '' : ` of ${report.scored[category]} (a sample, seed ${options.seed})`;
    messages.info(`wrote ${plural(listed, category.slice(0, -1), category)}${count} to ${shown}${words[category]}`);
  }
}

/** Today sets more in segment than the shared option says: due dates, overdue replies and the window. */
const todayOption = new Option('--today <date>', 'the day taken as today, for due dates, overdue replies, the --window and --since 30d (default: the real today)').helpGroup(
  GROUPS.rows,
);

export const segmentCommand = defineCommand<SegmentOptions>({
  name: 'segment',
  description:
    'split responses into promoters, passives and detractors, each with what to do next and a message to send; ' +
    'detractors most urgent first, promoters newest first (both held in memory to sort them)',
  argument: FILES_ARGUMENT,
  options: [
    outOption('<dir>', 'write promoters.csv, passives.csv and detractors.csv into this folder, and suggestions.csv'),
    new Option('--ledger <file>', 'keep the cases in this CSV file from run to run (created when missing): new responses are added, what the team wrote is kept, and the lists hold what needs action now').helpGroup(GROUPS.output),
    new Option('--new-only', 'with --ledger: list only the cases this run added (for an alert)').helpGroup(GROUPS.output),
    new Option('-c, --category <name>', 'print only this list on standard output').choices(CATEGORIES).helpGroup(GROUPS.output),
    formatOption('format of the list printed by --category'),
    jsonOption('print the lists as JSON: the --category list as an array, or all three as one object'),
    forceOption('replace lists already in the --out folder'),
    rawOption(),
    new Option('--preset <crm>', 'write the lists with the columns a CRM\'s CSV import maps: contact, NPS properties, a follow-up task')
      .choices(Object.keys(PRESETS))
      .helpGroup(GROUPS.output),
    new Option('--columns <names>', 'write only these columns of each list, in this order (a,b,c; with --preset, among its columns)')
      .argParser(collectNames('--columns'))
      .helpGroup(GROUPS.output),
    new Option('--excel', 'CSV for Excel on Windows: a UTF-8 byte order mark (so accents show right) and CRLF line ends').helpGroup(GROUPS.output),
    new Option('--value-column <column>', 'revenue per response (e.g. ARR): detractors with more come first; the revenue at risk is reported, each account once').helpGroup(GROUPS.output),
    accountColumnOption(),
    slaOption(),
    new Option('--window <days>', 'list the answers of the last N days (default 14, unless --since, --until or --sample choose); all lists every one')
      .argParser(parseWindow)
      .helpGroup(GROUPS.output),
    new Option('--sample <n>', 'list a random sample of this many responses per group').argParser(integerOption('--sample', 1, Number.MAX_SAFE_INTEGER)).helpGroup(GROUPS.output),
    new Option('--seed <n>', 'with --sample: the same seed gives the same sample').argParser(integerOption('--seed', 0, 2 ** 32 - 1)).default(1).helpGroup(GROUPS.output),
    new Option('--templates <file>', 'JSON file of message templates for promoters, passives and detractors').helpGroup(GROUPS.output),
    themesOption(),
    languageOption(),
    discoverOption('the themes column holds the lexicon\'s themes only; with --out, suggestions.csv holds its header only'),
    ...readingOptions().map((option) => (option.long === '--today' ? todayOption : option)),
  ],
  examples: [
    ['nps segment fixtures/followup-survey.csv --today 2026-11-09 --out lists', 'three lists to work from: the answers of the 14 days up to that Monday'],
    [
      'nps segment fixtures/followup-week1.csv --ledger followup.csv --today 2026-11-09 --out lists --force',
      'keep a ledger of cases; the lists hold what needs action now',
    ],
    ['nps segment fixtures/followup-survey.csv --window all -c detractors -f ndjson', 'every detractor of the file, one JSON object per line'],
    [
      'nps segment fixtures/followup-survey.csv --today 2026-11-09 -c detractors --preset hubspot',
      'the detractors as a HubSpot import: contact, NPS properties, a follow-up task',
    ],
    [
      'nps segment fixtures/followup-survey.csv --window all --customers fixtures/followup-customers.csv --join-on email --value-column ARR --out lists --force',
      'with each customer\'s columns, and the revenue at risk',
    ],
  ],
  run: runSegment,
});
