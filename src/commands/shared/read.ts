import type { Steps } from '../../core/steps.js';
import { inputError } from '../../errors.js';
import { pause, PAUSE_EVERY_MS, type Io } from '../../io.js';
import { startThreadsFor, type JobName } from '../../input/parallel.js';
import { Responses, type ReadSpec, type ReadTotals } from '../../input/responses.js';
import { Messages } from '../../output/write/messages.js';
import { readSpecOf, type RawReadingOptions } from './options.js';
import { failsStrict, type Outcome } from './outcome.js';

/**
 * What every reading command starts with: its messages, and its inputs opened through
 * the one read pipeline. A command that then reads them with `readWith` says so
 * (`inParts`): a large file's threads start now, while the header is read.
 */
export async function openResponses(
  files: readonly string[],
  options: RawReadingOptions,
  needs: ReadSpec['needs'],
  io: Io,
  dedupeWithin?: ReadSpec['dedupeWithin'],
  { inParts = true, job }: { inParts?: boolean; job?: JobName } = {},
): Promise<{ messages: Messages; responses: Responses; spec: ReadSpec }> {
  const messages = new Messages(io.stderr, options.quiet === true);
  const spec = { ...readSpecOf(options, needs), dedupeWithin };
  if (inParts) startThreadsFor(files, spec, io, job);
  const responses = await Responses.open(files, spec, io, messages);
  return { messages, responses, spec };
}

/** Runs a long computation's steps, pausing between them often enough that a signal ends the run at once. */
export async function completedPausing<T>(steps: Steps<T>): Promise<T> {
  let paused = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (Date.now() - paused >= PAUSE_EVERY_MS) {
      await pause();
      paused = Date.now();
    }
  }
}

/** Every input must have a date column for `option` (--period, --rolling…). */
export function requireDates(responses: Responses, option: string): void {
  for (const opened of responses.inputs) {
    if (opened.choice.columns.date === undefined) {
      throw inputError(`${opened.reader.name}: ${option} needs a date column and no header looks like one; name it with --date-column NAME`);
    }
  }
}

/** After reading: the rejected rows' closing count, and the outcome's share of --strict. */
export function readOutcome(messages: Messages, totals: ReadTotals, options: RawReadingOptions): Outcome {
  messages.finishRejections();
  const outcome = { rejected: totals.tally.rejected + totals.sideRejected, repairedQuotes: totals.repairedQuotes, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(outcome.rejected, outcome.repairedQuotes);
  return outcome;
}

/** The open questions of a run, the comment first: none to tell apart when there is one. */
export function questionsOf(responses: Responses): string[] {
  if (responses.questions.length === 0) return [];
  const [first] = responses.inputs;
  const comment = first === undefined ? 'comment' : first.choice.columns.comments.map((index) => first.reader.header[index] ?? '').join(' / ');
  return [comment, ...responses.questions];
}
