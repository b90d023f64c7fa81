import { createWriteStream, mkdtempSync, openSync, rmSync, unlinkSync, type WriteStream } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { inputError, outputError } from '../../errors.js';
import { scratchFolders, temporaries } from './temporaries.js';

/**
 * Eight random hex digits, for a temporary file's name beside its pid. `node:crypto`
 * (about 7 ms to load) is loaded when a run first writes a file, not by every run; asked
 * of Node itself, not of Web Crypto's global, which `--no-experimental-global-webcrypto`
 * takes away.
 */
function randomHex(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex');
}

/**
 * How `nps` writes files without ever losing one the user has: it refuses before
 * any work to replace an existing file unless --force; it writes under a temporary
 * name of its own and moves the file into place only when complete; without
 * --force the move cannot replace a file that appeared meanwhile (a hard link
 * fails if the name is taken); a set of files (segment's three lists) is moved in
 * all or none; temporary files are removed on every exit path, signals included. A
 * file the user keeps and nps updates (a ledger) is replaced only if it is still the
 * one read, its previous version kept beside it as a backup.
 */


/**
 * A folder for a run's scratch files, inside `base`, hidden and named by this process
 * like a temporary file: the threads of a parallel read write their sorted runs in it,
 * and it is removed whole on every exit path, signals included, whoever wrote in it.
 */
export function createScratchFolder(base: string): string {
  try {
    const folder = mkdtempSync(join(base, `.nps-scratch.${process.pid}.`));
    scratchFolders.add(folder);
    return folder;
  } catch (error) {
    throw outputError(error, base, 'write in');
  }
}

export function removeScratchFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  scratchFolders.delete(folder);
}

/** Refuses, before any work is done, to replace a file the user already has, unless --force. */
export async function refuseToReplace(path: string, shown: string, force: boolean): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) throw inputError(`${shown} is a folder; give the name of a file to write`);
  if (found !== undefined && !found.isFile()) throw inputError(`${shown} is not a regular file (a device or a pipe); nps writes only files`);
  if (found !== undefined && !force) throw inputError(`${shown} already exists; use --force to replace it`);
}

const TEMPORARY = /^\.(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;
const SCRATCH_FOLDER = /^\.nps-scratch\.(\d+)\.\w{6}$/;

/** Where a file is written until it is complete: hidden, beside it, named by this process and a random part. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex()}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files left in `directory` by runs that were killed: their process is gone, so they can go too. */
export async function removeStaleTemporaries(directory: string): Promise<void> {
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(TEMPORARY.exec(name)?.[2] ?? SCRATCH_FOLDER.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(join(directory, name), { force: true, recursive: true });
  }
}

/**
 * Makes a folder and its missing parents. Node's own recursive mkdir spins for ever
 * where the system answers ENOENT to a folder it will never create (/proc/x), so
 * each level is tried once.
 */
async function makeFolder(directory: string, depth = 0): Promise<void> {
  try {
    await mkdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(directory)).isDirectory()) return;
    if (code !== 'ENOENT' || depth > 100 || dirname(directory) === directory) throw error;
    await makeFolder(dirname(directory), depth + 1);
    await mkdir(directory);
  }
}

/** Makes the folder of `--out`, or says plainly why it cannot be made. */
export async function ensureFolder(directory: string, shown: string): Promise<void> {
  const found = await stat(directory).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) throw inputError(`--out ${shown} is a file, not a folder`);
  if (found !== undefined) return;
  try {
    await makeFolder(directory);
  } catch (error) {
    throw outputError(error, `the folder ${shown}`, 'create');
  }
}

/** The folder a file goes into must exist: `report --out nodir/r.html` says so instead of failing later. */
export async function requireParentFolder(path: string, shown: string): Promise<void> {
  const parent = await stat(dirname(path)).catch(() => undefined);
  if (parent === undefined) throw inputError(`cannot write ${shown}: the folder ${dirname(shown) || '.'} does not exist`);
  if (!parent.isDirectory()) throw inputError(`cannot write ${shown}: ${dirname(shown)} is a file, not a folder`);
}

/** A file being written: its stream, and where it goes once complete. */
export interface PendingFile {
  final: string;
  shown: string;
  temporary: string;
  stream: WriteStream;
  /** For a file that replaces the one read (a ledger), whatever --force says: see `replacing`. */
  replaces?: Replacement | undefined;
}

/** What a file was when it was read: it is replaced only if it still is. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** How a file replaces the one read: only if it is unchanged (or still missing), its previous version kept as `backup`. */
export interface Replacement {
  backup: string;
  /** The file as it was read; undefined when there was none. */
  stamp: FileStamp | undefined;
}

/** Marks a pending file as the new version of one the user keeps. */
export function replacing(file: PendingFile, replacement: Replacement): PendingFile {
  file.replaces = replacement;
  return file;
}

/** Opens a new temporary file beside `final`; it is removed unless `commitFiles` moves it into place. */
export function createPendingFile(final: string, shown: string): PendingFile {
  const temporary = temporaryPathFor(final);
  temporaries.add(temporary);
  try {
    // Created at once, not in a thread of the pool: a signal in between would leave a file its handler cannot see.
    const fd = openSync(temporary, 'wx');
    const stream = createWriteStream('', { fd, autoClose: true });
    return { final, shown, temporary, stream };
  } catch (error) {
    temporaries.delete(temporary);
    throw outputError(error, shown);
  }
}

/** Says something on stderr (a stale lock removed): the command's messages. */
export type Notice = (text: string) => void;

/** A lock with no process id in it this old was left by a run that could not write it (an older nps, a full disk). */
const EMPTY_LOCK_STALE_MS = 1000;

/**
 * Takes the folder's lock, a file holding this process's id: counted among the
 * temporary files from the moment it exists, so that every exit path removes it, and
 * removed at once when its id cannot be written (a full disk). A lock whose process
 * is gone (or that holds no id and is older than a second: a run that could not write
 * it) is stale: it is removed, and `notice` says so.
 */
async function takeFolderLock(lock: string, notice: Notice | undefined): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(lock, 'wx');
    temporaries.add(lock);
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if (handle !== undefined) {
      await handle.close().catch(() => undefined);
      temporaries.delete(lock);
      await rm(lock, { force: true });
    }
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw outputError(error, lock);
  }
  const found = await stat(lock).catch(() => undefined);
  const text = await readFile(lock, 'utf8').catch(() => undefined);
  if (found === undefined || text === undefined) return false;
  const owner = Number(text.trim());
  const known = text.trim() !== '' && Number.isInteger(owner) && owner > 0;
  if (known ? isAlive(owner) : Date.now() - found.mtimeMs < EMPTY_LOCK_STALE_MS) return false;
  await rm(lock, { force: true });
  notice?.(`removed the lock ${lock}, left by an nps run that ended${known ? ` (process ${owner})` : ''} without removing it`);
  return false;
}

/** Another run of `nps` is moving files into these folders: wait for it rather than mix two sets. Folders are locked in one order. */
async function withFolderLocks<T>(directories: readonly string[], notice: Notice | undefined, work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(directories)].sort();
  if (first === undefined) return work();
  return withFolderLock(first, () => withFolderLocks(rest, notice, work), notice);
}

/** Another run of `nps` is moving files into this folder: wait for it rather than mix two sets. */
async function withFolderLock<T>(directory: string, work: () => Promise<T>, notice?: Notice): Promise<T> {
  const lock = join(directory, '.nps.lock');
  for (let attempt = 0; !(await takeFolderLock(lock, notice)); attempt += 1) {
    if (attempt >= 100) throw inputError(`another nps run is writing into ${directory}; try again when it is done`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  try {
    return await work();
  } finally {
    // Released on every path: here, and on exit or a signal through the temporary files.
    temporaries.delete(lock);
    await rm(lock, { force: true });
  }
}

/**
 * Moves complete files into place, all or none. Without --force, a name that was
 * free at the start but is taken now (another run, another program) stops the
 * move, and the files already moved by this call are taken back. A file that
 * replaces one read (a ledger) is checked first: if that one changed meanwhile,
 * nothing is moved.
 */
export async function commitFiles(files: readonly PendingFile[], force: boolean, notice?: Notice): Promise<void> {
  if (files.length === 0) return;
  await withFolderLocks(files.map((file) => dirname(file.final)), notice, async () => {
    for (const file of files) if (file.replaces !== undefined) await refuseIfChanged(file, file.replaces);
    const moved: PendingFile[] = [];
    try {
      for (const file of files) {
        if (file.replaces === undefined) await placeFile(file, force);
        else await replaceFile(file, file.replaces);
        moved.push(file);
      }
    } catch (error) {
      if (!force) for (const file of moved) if (file.replaces === undefined) await unlink(file.final).catch(() => undefined);
      throw error;
    }
  });
  for (const file of files) {
    await rm(file.temporary, { force: true });
    temporaries.delete(file.temporary);
  }
}

async function placeFile(file: PendingFile, force: boolean): Promise<void> {
  try {
    if (force) {
      await rename(file.temporary, file.final);
    } else {
      await link(file.temporary, file.final);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw inputError(`${file.shown} appeared while nps was writing it (another run?); nothing was replaced: use --force to replace it`);
    }
    throw outputError(error, file.shown);
  }
}

/** A file to be replaced must still be the one read: a spreadsheet may have saved it while nps ran. */
async function refuseIfChanged(file: PendingFile, replacement: Replacement): Promise<void> {
  const now = await stat(file.final).catch(() => undefined);
  const was = replacement.stamp;
  const same = now === undefined ? was === undefined : was !== undefined && now.size === was.size && now.mtimeMs === was.mtimeMs && now.ino === was.ino;
  if (!same) {
    throw inputError(`${file.shown} ${was === undefined ? 'appeared' : 'changed'} while nps was running (saved from a spreadsheet?); nothing was written: run nps again`);
  }
}

/**
 * Keeps the file's current version as its backup, then moves the new one into its place:
 * each step a rename, the new version on the disk before it takes the old one's name, so
 * that a machine that stops at any moment leaves the one or the other, whole.
 */
async function replaceFile(file: PendingFile, replacement: Replacement): Promise<void> {
  try {
    const handle = await open(file.temporary, 'r');
    await handle.sync().finally(() => handle.close());
    if (replacement.stamp !== undefined) {
      const copy = temporaryPathFor(replacement.backup);
      temporaries.add(copy);
      // A second name for the same bytes where the system allows it; a copy where it does not (FAT, some shares).
      await link(file.final, copy).catch(() => copyFile(file.final, copy));
      await rename(copy, replacement.backup);
      temporaries.delete(copy);
    }
    await rename(file.temporary, file.final);
  } catch (error) {
    throw outputError(error, file.shown);
  }
}

/** A file for the run's own use (held rows spilled to disk), removed on every exit path. */
export function createScratchFile(directory: string): { path: string; fd: number } {
  const path = join(directory, `.nps-held.${process.pid}.${randomHex()}.tmp`);
  temporaries.add(path);
  try {
    return { path, fd: openSync(path, 'wx') };
  } catch (error) {
    temporaries.delete(path);
    throw outputError(error, path, 'create');
  }
}

export function removeScratchFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
  temporaries.delete(path);
}

/** Removes the temporary files of a run that did not complete. */
export async function discardFiles(files: readonly PendingFile[]): Promise<void> {
  for (const file of files) {
    file.stream.destroy();
    await rm(file.temporary, { force: true });
    temporaries.delete(file.temporary);
  }
}

/** Writes the last of a pending file and closes it: it is complete only once closed, since a full disk may refuse its last bytes then. */
export function endPendingFile(file: PendingFile, content: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    file.stream.on('error', reject);
    file.stream.on('close', () => (file.stream.errored === null ? resolve() : reject(file.stream.errored)));
    file.stream.end(content);
  });
}

/** Writes one whole file (the HTML report) the same safe way. */
export async function writeFileSafely(final: string, shown: string, content: string, force: boolean, notice?: Notice): Promise<void> {
  await refuseToReplace(final, shown, force);
  await requireParentFolder(final, shown);
  const file = createPendingFile(final, shown);
  try {
    await endPendingFile(file, content);
    await commitFiles([file], force, notice);
  } catch (error) {
    await discardFiles([file]);
    throw outputError(error, shown);
  }
}
