import { Command } from 'commander';
import { summarize } from '../core/summary.js';
import { emptyTally } from '../core/tally.js';
import type { ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { scanResponses } from '../input/responses.js';
import { Messages } from '../output/messages.js';
import { renderScoreJson } from '../output/score-json.js';
import { renderScoreTable } from '../output/score-table.js';
import { addInputOptions, checkInputNames, exitForRejections, openInput, type InputOptions } from './inputs.js';

export interface ScoreOptions extends InputOptions {
  json?: boolean;
}

/** Files are read one after another, so memory stays flat however many there are. */
export async function runScore(files: string[], options: ScoreOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const tally = emptyTally();
  for (const file of files) {
    const { reader, choice } = await openInput(file, io, options, messages);
    await scanResponses(reader, choice, tally, { onRejected: (rejection) => messages.rejected(rejection) });
  }
  messages.finishRejections();
  const summary = summarize(tally);
  const rendered = options.json === true
    ? renderScoreJson(summary)
    : renderScoreTable(summary, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  return exitForRejections(options, tally.rejected, messages);
}

export function scoreCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('score')
    .description('print the Net Promoter Score of one or more CSV exports, with the row accounting and the 0-10 distribution')
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .option('--json', 'print one JSON object instead of the table');
  return addInputOptions(command).action(async (files: string[], options: ScoreOptions) => {
    done(await runScore(files, options, io));
  });
}
