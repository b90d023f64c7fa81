#!/usr/bin/env node
import { main, onSignal, onStdoutError } from '../dist/cli/main.js';

// `nps score big.csv | head` closes the pipe early: that is the reader's choice, not an error.
// Any other failure to write standard output (a full disk) is one line and its exit code.
process.stdout.on('error', (error) => process.exit(onStdoutError(error, process.stderr)));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(onSignal(signal)));

process.exitCode = await main(process.argv.slice(2), {
  // Touching process.stdin opens it; only `-` needs it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
