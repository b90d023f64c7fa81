import { Readable, Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { NpsError } from '../errors.js';
import type { Io } from '../io.js';
import { startWork, type PartMessage, type PartTask } from './parallel.js';
import { Responses, type ReadListener } from './responses.js';

/** A thread of a parallel read (see parallel.ts): reads its part and hands back what it found. */

const PROGRESS_MS = 100;

const task = workerData as PartTask;
const post = (message: PartMessage): void => parentPort?.postMessage(message);

const nowhere = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const io: Io = { stdin: Readable.from([]), stdout: nowhere, stderr: nowhere, cwd: task.cwd, env: {} };

const quiet: ReadListener = { info: () => undefined, warn: () => undefined, rejected: () => undefined };
let lastProgress = 0;
const progress = (bytes: number, rows: number): void => {
  const now = Date.now();
  if (now - lastProgress < PROGRESS_MS) return;
  lastProgress = now;
  post({ kind: 'progress', bytes, rows });
};

try {
  const responses = await Responses.open([task.file], task.spec, io, quiet);
  const work = startWork(task.job);
  const report = await responses.readPart(work.add, io, { progress });
  post({ kind: 'done', report, data: work.data() });
} catch (error) {
  post({ kind: 'error', message: (error as Error).message, exitCode: error instanceof NpsError ? error.exitCode : undefined });
}
