import { spawn, spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runBin, tempDir } from '../helpers.js';

/** The few things only a real process shows: the built binary, pipes, exit codes, signals. */
describe('the nps binary', () => {
  it('scores a file, data on stdout and messages on stderr', async () => {
    const result = await runBin(['score', 'fixtures/sample.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NPS  +20.0 ± 45.7  (95% adjusted-Wald interval -30.3 to +61.1), 10 responses');
    expect(result.stderr).toBe(
      'nps: fixtures/sample.csv: scoring column "score", dated by "date"\nnps: fixtures/sample.csv line 13: rejected: score "11" is above 10\n',
    );
  });

  it('reads standard input through a pipe', async () => {
    const result = await runBin(['score', '-', '--json', '-q'], { stdin: 'email,score\na@x.com,9\nb@x.com,0\n' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ nps: 0, rows: 2 });
  });

  it('prints its version, and exits 2 with one line for a missing file', async () => {
    expect((await runBin(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const missing = await runBin(['score', 'no-such.csv']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'nps: error: no-such.csv: file not found (check the name, and that the path is from the folder nps is run in)\n' });
  });

  it('exits quietly when the reader of its output stops early', async () => {
    const dir = await tempDir();
    // Passives stream as they are read, so the pipe closes while nps is still writing.
    const rows = Array.from({ length: 200_000 }, (_, index) => `${index},8,fine`).join('\n');
    await writeFile(join(dir, 'big.csv'), `id,score,comment\n${rows}\n`);
    const piped = spawnSync('bash', ['-c', `set -o pipefail; node "${BIN}" segment big.csv -c passives -q | head -n 2 | cut -d, -f1-4`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(piped.stdout).toBe('id,score,comment,nps_category\n0,8,fine,passives\n');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  });

  it('exits quietly when the reader of its messages stops early: nps score FILE 2>&1 | head -1', async () => {
    const dir = await tempDir();
    // Every other row is rejected: a message a row, and the pipe closes while nps still writes them.
    const row = (index: number): string => `${index},${index % 2 === 0 ? String(index % 11) : `x${index}`}`;
    await writeFile(join(dir, 'rejects.csv'), `id,score\n${Array.from({ length: 3000 }, (_, index) => row(index)).join('\n')}\n`);
    const piped = spawnSync('bash', ['-c', `set -o pipefail; node "${BIN}" score rejects.csv 2>&1 | head -n 1`], { cwd: dir, encoding: 'utf8' });
    expect(piped.stdout).toBe('nps: rejects.csv: scoring column "score"\n');
    expect(piped.status).toBe(0);
    // Standard error alone closed: the result still reaches standard output.
    const alone = spawnSync('bash', ['-c', `set -o pipefail; node "${BIN}" score rejects.csv --json 2> >(head -c 10 > /dev/null)`], { cwd: dir, encoding: 'utf8' });
    expect(alone.status).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ rows: 3000, rejected: 1500 });
  });

  it('says in one line that standard output could not be written, with exit code 5', () => {
    const full = spawnSync('bash', ['-c', `node "${BIN}" score fixtures/sample.csv -q > /dev/full`], { encoding: 'utf8' });
    expect(full.status).toBe(5);
    expect(full.stderr.split('\n').at(-2)).toBe('nps: error: cannot write standard output: the disk is full');
    expect(full.stderr).not.toContain('    at ');
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('leaves no temporary file behind when stopped by %s', async (signal) => {
    const dir = await tempDir();
    const child = spawn(process.execPath, [BIN, 'segment', '-', '--out', 'lists', '-q'], { cwd: dir });
    // The reader looks at the first 200 rows before it chooses the columns and opens the lists.
    child.stdin.write(`email,score,comment\n${'a@x.com,8,fine\n'.repeat(250)}`);
    // Wait (up to 20 s on a busy machine) until the run has begun to write in the folder: its scratch folder exists.
    let writing = false;
    for (let tries = 0; tries < 2000 && !writing; tries += 1) {
      child.stdin.write('a@x.com,8,fine\n');
      const names = await readdir(join(dir, 'lists')).catch(() => []);
      writing = names.some((name) => name.endsWith('.tmp') || name.startsWith('.nps-scratch.'));
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(writing).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    expect(code).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
    expect(await readdir(join(dir, 'lists'))).toEqual([]);
  });
});

describe('signals do not wait for the work', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s ends a CPU-bound segment --out within a second, its temporary files removed', async (signal) => {
    const dir = await tempDir();
    // A regular file read by one thread: no pipe to wait on, so only the work's own pauses let a signal in.
    const rows = Array.from({ length: 400_000 }, (_, index) => `u${index}@x.com,2026-01-${String((index % 28) + 1).padStart(2, '0')},${index % 11},the price is too high and support is slow`);
    await writeFile(join(dir, 'big.csv'), `email,date,score,comment\n${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'segment', 'big.csv', '--out', 'lists', '-q', '--language', 'en'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', NPS_THREADS: '1' } });
    let writing = false;
    for (let tries = 0; tries < 2000 && !writing; tries += 1) {
      const names = await readdir(join(dir, 'lists')).catch(() => []);
      writing = names.some((name) => name.startsWith('.nps-scratch.'));
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(writing).toBe(true);
    // Well into the reading.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill(signal);
    const code = await exited;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(code).toBe({ SIGINT: 130, SIGTERM: 143 }[signal]);
    expect(await readdir(join(dir, 'lists'))).toEqual([]);
  });

  it('SIGTERM ends segment --out on a file of endless words (pasted documents of Chinese, no punctuation) within a second', async () => {
    const dir = await tempDir();
    const alphabet = '的一是不了人我在有他这为之大来以个中上们';
    const word = (seed: number): string => Array.from({ length: 40_000 }, (_, index) => alphabet[(index * 7919 + seed) % alphabet.length] ?? '').join('');
    const rows = Array.from({ length: 120 }, (_, index) => `u${index}@x.com,${index % 11},${word(index)}`);
    await writeFile(join(dir, 'words.csv'), `email,score,comment\n${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'segment', 'words.csv', '--out', 'lists', '-q'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', NPS_THREADS: '1' } });
    let writing = false;
    for (let tries = 0; tries < 2000 && !writing; tries += 1) {
      writing = (await readdir(join(dir, 'lists')).catch(() => [])).some((name) => name.startsWith('.nps-scratch.'));
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    // The run may have ended by itself in the second it was given: then there was nothing to stop.
    if (code === 143) expect(Date.now() - sent).toBeLessThan(1000);
    expect([0, 143]).toContain(code);
    expect((await readdir(join(dir, 'lists'))).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('SIGINT ends drivers in the middle of its analysis (30 ratings: a minute and more of fits) within a second', async () => {
    const dir = await tempDir();
    const header = ['score', ...Array.from({ length: 30 }, (_, index) => `q${index}`)].join(',');
    const rows = Array.from({ length: 5000 }, (_, row) => [row % 11, ...Array.from({ length: 30 }, (_, column) => 1 + ((row * (column + 3) + column * 7 + (row >> 3)) % 5))].join(','));
    await writeFile(join(dir, 'ratings.csv'), `${header}\n${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [BIN, 'drivers', 'ratings.csv', '-q'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - sent).toBeLessThan(1000);
  });
});
