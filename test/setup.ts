import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * One folder in the system's temporary folder for everything a test run writes
 * (tempDir() in helpers.ts makes its folders inside it), removed whole when the run
 * ends: the temporary folder is left as the run found it.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string;
  }
}

let root: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  root ??= await mkdtemp(join(tmpdir(), 'nps-tests-'));
  project.provide('tempRoot', root);
}

export async function teardown(): Promise<void> {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
}
