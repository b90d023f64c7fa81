import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { inputError } from '../errors.js';

/** Refuses, before any work is done, to replace a file the user already has, unless --force. */
export async function refuseToReplace(path: string, shown: string, force: boolean): Promise<void> {
  if (force) return;
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) throw inputError(`${shown} already exists; use --force to replace it`);
}

/** Where a file is written until it is complete: hidden, beside it, and this process's own; renamed into place after. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}
