import { rmSync, unlinkSync } from 'node:fs';

/**
 * What this process has written that no one should find after it ends, and its removal,
 * which every run's exit calls: in a module of its own, with none of files.ts's
 * asynchronous file functions (node:fs/promises, about 4 ms to load), so that a run that
 * writes no file loads neither.
 */

/** Temporary files this process has open: removed on exit, also from a signal handler. */
export const temporaries = new Set<string>();
/** Scratch folders of this process (a run's sorted runs, its threads' included): removed whole. */
export const scratchFolders = new Set<string>();

/** Removes every temporary file and scratch folder this process still has: safe to call from a signal handler. */
export function removeTemporaryFiles(): void {
  for (const path of temporaries) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone, or never created: nothing to clean.
    }
  }
  temporaries.clear();
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
  scratchFolders.clear();
}
