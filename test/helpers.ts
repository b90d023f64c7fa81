import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { main } from '../src/cli/main.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'nps.cjs');

export function fixture(name: string): string {
  return join(ROOT, 'fixtures', name);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Standard input: one chunk, or several, as a pipe may deliver it. */
  stdin?: string | Buffer | ReadonlyArray<string | Buffer>;
  cwd?: string;
  env?: Record<string, string>;
  /** Options for Node itself, before the script: `--max-old-space-size=256` bounds the memory a run may take. */
  nodeOptions?: readonly string[];
  /** Milliseconds after which the run is killed (SIGKILL), for a run that must not take minutes. */
  killAfterMs?: number;
}

/** Runs the built `bin/nps.cjs` exactly as a user's shell would. */
export function runBin(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    for (const chunk of chunksOf(options.stdin)) child.stdin.write(chunk);
    child.stdin.end();
  });
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  return () => Buffer.concat(chunks).toString('utf8');
}

function chunksOf(stdin: RunOptions['stdin']): Buffer[] {
  if (stdin === undefined) return [];
  if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) return [Buffer.from(stdin)];
  return stdin.map((chunk) => Buffer.from(chunk));
}

/** Runs `nps` inside the test process with its own streams: fast, and lets a test pretend to be a terminal. */
export async function runInProcess(
  args: readonly string[],
  options: RunOptions & { tty?: boolean; columns?: number } = {},
): Promise<RunResult> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty === true, columns: options.columns });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty === true, columns: options.columns });
  const readOut = collect(stdout);
  const readErr = collect(stderr);
  const code = await main(args, {
    stdin: Readable.from(chunksOf(options.stdin)),
    stdout,
    stderr,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
  });
  return { code, stdout: readOut(), stderr: readErr() };
}

/** End-to-end tests run `nps` in-process: the same `main` the binary runs, without a process start each. */
export const run = runInProcess;

/** A new folder for one test, inside the run's own temporary folder (see setup.ts), which is removed when the run ends. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(inject('tempRoot'), 'nps-test-'));
}

/** The counts of `nps score --json` that account for every row. */
export interface Accounting {
  promoters: number;
  passives: number;
  detractors: number;
  rows: number;
  blank: number;
  rejected: number;
}
