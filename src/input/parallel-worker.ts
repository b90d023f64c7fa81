import { Readable, Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { exitCodeOfError, isUserFacing } from '../errors.js';
import type { Io } from '../io.js';
import { jobModuleUrl, type PartJob, type PartMessage, type PartTask } from './parallel.js';
import { Responses, type ReadListener } from './responses.js';

/**
 * A thread of a parallel read (see parallel.ts): started before its part is known,
 * it loads the read pipeline while the coordinator reads the header and finds the
 * cuts, then reads the part it is sent into its job's accumulator and hands back
 * what it found.
 */

const PROGRESS_MS = 100;

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

async function readPart(task: PartTask): Promise<void> {
  const io: Io = { stdin: Readable.from([]), stdout: nowhere, stderr: nowhere, cwd: task.cwd, env: {} };
  try {
    const module = (await import(jobModuleUrl(task.module))) as Record<string, PartJob<unknown, unknown, unknown>>;
    const job = module[task.name];
    if (job === undefined) throw new Error(`${task.module} has no job ${task.name}`);
    const responses = await Responses.open([task.file], task.spec, io, quiet);
    const acc = await job.create(task.config, { part: task.spec.part?.index ?? 0, cwd: task.cwd });
    const report = await responses.readPart(job.adder(acc, task.config), io, { progress });
    post({ kind: 'done', report, data: await job.toData(acc) });
  } catch (error) {
    post({ kind: 'error', message: (error as Error).message, exitCode: isUserFacing(error) ? exitCodeOfError(error) : undefined });
  }
}

// One part per thread: the thread ends once it has handed its part back and the coordinator lets it go.
parentPort?.once('message', (task: PartTask) => void readPart(task));
