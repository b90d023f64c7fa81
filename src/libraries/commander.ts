import type * as CommanderModule from 'commander';
import { required } from './required.js';

/** commander, the command-line parser (required: see required.ts). */
const commander = required('commander') as typeof CommanderModule;

export const { Command, Option, CommanderError } = commander;
export type Command = CommanderModule.Command;
export type Option = CommanderModule.Option;
export type CommanderError = CommanderModule.CommanderError;
