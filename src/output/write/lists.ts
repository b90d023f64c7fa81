import type { Writable } from 'node:stream';
import type { Category } from '../../core/categories.js';
import type { Suggestion } from '../../core/suggestions.js';
import { writeAll } from '../../io.js';
import { commitFiles, createPendingFile, discardFiles, type Notice, type PendingFile } from './files.js';
import { createRecordSink, type RecordFormat, type RecordSink } from './records.js';

/**
 * Writing segment's lists: three files moved into place together (with any other file
 * of the run, a ledger), one list on standard output, or all three as one JSON object.
 * Each list comes as its serialized rows, in its order of work.
 */

/** The rows of each list, serialized, in the order of work. */
export interface ListSource {
  ordered(category: Category): Iterable<string>;
}

/** Where a file goes: the path as the user would write it (for messages), and the real one. */
export interface ListFile {
  shown: string;
  final: string;
}

/** Where a list file goes. */
export interface ListTarget extends ListFile {
  category: Category;
}

/** How the lists are written: their header, and how cells are written in CSV. */
export interface ListLayout {
  header: readonly string[];
  record: { neutralize: boolean; excel: boolean };
}

/** One list on standard output, or all three as one JSON object. */
export type StandardOutput = { kind: 'list'; category: Category; format: RecordFormat } | { kind: 'object' };

/** How many rows each list written got. */
export type Listed = Partial<Record<Category, number>>;

/** The lists in the order a JSON object of all three gives them: the most urgent first. */
const OBJECT_ORDER: readonly Category[] = ['detractors', 'passives', 'promoters'];

/** Writes a list in its order of work to a sink; returns how many rows it got. */
async function writeList(lists: ListSource, category: Category, sink: RecordSink): Promise<number> {
  let count = 0;
  for (const record of lists.ordered(category)) {
    count += 1;
    if (!sink.writeSerialized(record)) await sink.drain();
  }
  await sink.end();
  return count;
}

/** The lists as files, written under temporary names and moved into place together, with `also` (already written). */
export async function writeListFiles(
  lists: ListSource,
  targets: readonly ListTarget[],
  layout: ListLayout,
  force: boolean,
  also: readonly PendingFile[],
  notice: Notice,
): Promise<Listed> {
  const pending: PendingFile[] = [];
  const listed: Listed = {};
  try {
    for (const target of targets) {
      const file = createPendingFile(target.final, target.shown);
      pending.push(file);
      const sink = createRecordSink('csv', layout.header, file.stream, { endDestination: true, ...layout.record });
      listed[target.category] = await writeList(lists, target.category, sink);
    }
    await commitFiles([...pending, ...also], force, notice);
    return listed;
  } finally {
    await discardFiles([...pending, ...also]);
  }
}

/** One list on standard output, or all three as one JSON object keyed by group. */
export async function writeListsToStdout(lists: ListSource, destination: StandardOutput, layout: ListLayout, stdout: Writable): Promise<Listed> {
  const options = { endDestination: false, ...layout.record };
  if (destination.kind === 'list') {
    const sink = createRecordSink(destination.format, layout.header, stdout, options);
    return { [destination.category]: await writeList(lists, destination.category, sink) };
  }
  const listed: Listed = {};
  for (const [at, category] of OBJECT_ORDER.entries()) {
    await writeAll(stdout, `${at === 0 ? '{\n' : ',\n'}${JSON.stringify(category)}: `);
    listed[category] = await writeList(lists, category, createRecordSink('json', layout.header, stdout, options));
  }
  await writeAll(stdout, '}\n');
  return listed;
}

/** The columns of suggestions.csv: what is asked for, by how many, who they are, and their words. */
const SUGGESTION_COLUMNS = ['suggestion', 'asked', 'passives', 'detractors', 'nps', 'language', 'terms', 'examples'];

function suggestionCells(suggestion: Suggestion): string[] {
  const nps = suggestion.nps === null ? '' : String(Math.round(suggestion.nps * 10) / 10);
  const { passives, detractors } = suggestion.byCategory;
  return [suggestion.label, String(suggestion.comments), String(passives), String(detractors), nps, suggestion.language, suggestion.terms.join('; '), suggestion.examples.join(' | ')];
}

/** suggestions.csv written under a temporary name, to be moved into place with the lists (or discarded with them). */
export async function pendingSuggestions(target: ListFile, rows: readonly Suggestion[], record: ListLayout['record']): Promise<PendingFile> {
  const file = createPendingFile(target.final, target.shown);
  try {
    const sink = createRecordSink('csv', SUGGESTION_COLUMNS, file.stream, { endDestination: true, ...record });
    for (const suggestion of rows) if (!sink.write(suggestionCells(suggestion))) await sink.drain();
    await sink.end();
    return file;
  } catch (error) {
    await discardFiles([file]);
    throw error;
  }
}
