/**
 * commander, the command-line parser. Imported, not required (see required.ts): the
 * build bundles it into the command line's chunks, with its one load of
 * `node:child_process` put off until used (see scripts/bundle.mjs).
 */
export { Command, Option, CommanderError } from 'commander';
