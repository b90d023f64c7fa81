#!/usr/bin/env node
// CommonJS, as the bundle is: an ES module here would have Node start its loader of ES modules, about a
// twentieth of `nps score` on a file of a few thousand rows, for the commands that load none.
'use strict';
const { join } = require('node:path');
const { loadBundle } = require('../dist/bundle/load.cjs');

const { main, onExit, onSignal, onStderrError, onStdoutError, whenWritten } = loadBundle(join(__dirname, '..', 'dist', 'bundle')).main;

// `nps score big.csv | head` closes the pipe early: that is the reader's choice, not an error.
// Any other failure to write standard output (a full disk) is one line and its exit code.
process.stdout.on('error', (error) => process.exit(onStdoutError(error, process.stderr)));
// `nps score big.csv 2>&1 | head -1` closes standard error too: the messages have no reader, and the run goes on.
process.stderr.on('error', (error) => {
  const code = onStderrError(error);
  if (code !== undefined) process.exit(code);
});
// However the process ends, no temporary file of this run (nor the lock of a folder) stays behind.
process.on('exit', onExit);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(onSignal(signal)));

void main(process.argv.slice(2), {
  // Touching process.stdin opens it; only `-` needs it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
}).then(async (code) => {
  // The run is over once what it wrote is written: it ends here rather than first freeing its memory.
  await whenWritten([process.stdout, process.stderr]);
  process.exit(code);
});
