import { Readable, Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { exitCodeOfError, isUserFacing } from '../errors.js';
import type { Io } from '../io.js';
import {
  jobModuleUrl,
  opensAsTask,
  PART_THREAD,
  type JobName,
  type PartJob,
  type PartMessage,
  type PartTask,
  type ThreadData,
  type ThreadHead,
  type ThreadMessage,
} from './parallel.js';
import { Responses, type ReadListener } from './responses.js';

/**
 * A thread of a parallel read (see parallel.ts): started before its part is known,
 * it opens the input and loads its job's module while the coordinator reads the
 * header and finds the cuts, then reads the part it is sent into its job's
 * accumulator and hands back what it found.
 */

const PROGRESS_MS = 100;

type AnyJob = PartJob<unknown, unknown, unknown>;

const post = (message: PartMessage): void => parentPort?.postMessage(message);

const nowhere = new Writable({ write: (_chunk, _encoding, callback) => callback() });

const quiet: ReadListener = { info: () => undefined, warn: () => undefined, rejected: () => undefined };
let lastProgress = 0;
const progress = (bytes: number, rows: number): void => {
  const now = Date.now();
  if (now - lastProgress < PROGRESS_MS) return;
  lastProgress = now;
  post({ kind: 'progress', bytes, rows });
};

const ioIn = (cwd: string): Io => ({ stdin: Readable.from([]), stdout: nowhere, stderr: nowhere, cwd, env: {} });

async function loadJob({ module, name }: JobName): Promise<AnyJob> {
  const job = ((await import(jobModuleUrl(module))) as Record<string, AnyJob>)[name];
  if (job === undefined) throw new Error(`${module} has no job ${name}`);
  return job;
}

/** What was begun before the part came: a failure is taken up when the part comes, as it would have been then. */
interface Ahead {
  head: ThreadHead;
  responses: Promise<Responses>;
  job: Promise<AnyJob> | undefined;
}

function begin(head: ThreadHead): Ahead {
  const responses = Responses.open([head.file], head.spec, ioIn(head.cwd), quiet);
  const job = head.job === undefined ? undefined : loadJob(head.job);
  responses.catch(() => undefined);
  job?.catch(() => undefined);
  return { head, responses, job };
}

const data = workerData as ThreadData | null | undefined;
/** Only a thread parallel.ts started takes parts: a module that imports this one in another thread is left alone. */
const isPartThread = data?.role === PART_THREAD;
const ahead = isPartThread && data.head !== undefined ? begin(data.head) : undefined;

async function readPart(task: PartTask): Promise<void> {
  const io = ioIn(task.cwd);
  try {
    const loaded = ahead?.job !== undefined && ahead.head.job?.module === task.module && ahead.head.job.name === task.name ? ahead.job : undefined;
    const job = await (loaded ?? loadJob(task));
    const opened = ahead !== undefined && opensAsTask(ahead.head, task) ? ahead.responses : undefined;
    if (opened === undefined) await leave();
    const responses = await (opened ?? Responses.open([task.file], task.spec, io, quiet));
    const acc = await job.create(task.config, { part: task.spec.part?.index ?? 0, cwd: task.cwd });
    // The input may have been opened before the part was known: the part is read with the task's spec.
    const report = await responses.readPart(job.adder(acc, task.config), io, { progress, spec: task.spec });
    post({ kind: 'done', report, data: await job.toData(acc) });
  } catch (error) {
    post({ kind: 'error', message: (error as Error).message, exitCode: isUserFacing(error) ? exitCodeOfError(error) : undefined });
  }
}

/** Closes the input opened ahead, when it was. */
async function leave(): Promise<void> {
  try {
    (await ahead?.responses)?.close();
  } catch {
    // It failed to open: nothing is open.
  }
}

// One part per thread: the thread ends once it has handed its part back and the coordinator lets it go, or once it
// is told it is not needed (in a thread, process.exit ends the thread alone).
if (isPartThread) {
  parentPort?.once('message', (message: ThreadMessage) => {
    if (message.kind === 'part') void readPart(message);
    else void leave().then(() => process.exit(0));
  });
}
