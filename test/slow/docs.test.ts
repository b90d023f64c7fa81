import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, run, tempDir } from '../helpers.js';

/**
 * Every example in the README and docs/ runs as written, on a fresh clone's fixtures:
 * each line of a ```sh block exits 0 (or the code a trailing `# exits N` gives), and
 * a plain ``` block that starts with `$ nps …` shows what that command prints: its
 * lines appear in order ("nps:" lines on stderr, the rest on stdout), `...` standing
 * for any lines left out. Plain `nps` lines run in-process; lines with pipes or
 * redirections run in bash, with `nps` on the PATH. The set-up lines (`npm install`,
 * `npm test`) are what CI itself runs, so they are not run again here.
 */
interface Example {
  file: string;
  command: string;
  exit: number;
  /** For a `$ ` block: the lines shown after the command. */
  shown: string[] | undefined;
}

const SHELL = /[|><;&$`]/;

function examplesIn(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const match of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, language = '', body = ''] = match;
    const lines = body.replace(/\n$/, '').split('\n');
    if (language === 'sh') {
      for (const line of lines) {
        const command = line.replace(/\s+#\s*exits \d+\s*$/, '').trim();
        if (command === '' || command.startsWith('#') || command.startsWith('npm ')) continue;
        const exit = Number(/#\s*exits (\d+)\s*$/.exec(line)?.[1] ?? 0);
        examples.push({ file, command, exit, shown: undefined });
      }
    } else if (language === '' && lines[0]?.startsWith('$ nps ')) {
      examples.push({ file, command: lines[0].slice(2), exit: 0, shown: lines.slice(1) });
    }
  }
  return examples;
}

/** Splits a simple command line into words: "double" and 'single' quotes group words. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Whether `expected` (with `...` for gaps) appears in order in `actual`, line by line. */
function appearsInOrder(expected: readonly string[], actual: readonly string[]): string | undefined {
  let at = 0;
  for (const line of expected) {
    if (line.trim() === '...' || line.trim() === '') continue;
    const found = actual.findIndex((candidate, index) => index >= at && candidate.trimEnd() === line.trimEnd());
    if (found === -1) return line;
    at = found + 1;
  }
  return undefined;
}

const files = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const examples: Example[] = [];
for (const file of files) examples.push(...examplesIn(file, await readFile(join(ROOT, file), 'utf8')));

let cwd = '';
let path = '';

beforeAll(async () => {
  cwd = await tempDir();
  await symlink(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
  // The recipes of docs/warehouse.md run DuckDB through scripts/duckdb.mjs, as in a clone.
  await symlink(join(ROOT, 'scripts'), join(cwd, 'scripts'));
  const bin = join(cwd, '.bin');
  await mkdir(bin);
  await writeFile(join(bin, 'nps'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'nps'), 0o755);
  path = `${bin}:${process.env['PATH'] ?? ''}`;
});

async function runExample(example: Example): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!SHELL.test(example.command) && example.command.startsWith('nps ')) {
    return run(words(example.command).slice(1), { cwd, env: { NO_COLOR: '1' } });
  }
  const result = spawnSync('bash', ['-c', example.command], { cwd, encoding: 'utf8', env: { PATH: path, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('the examples of the README and docs/', () => {
  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  for (const example of examples) {
    it(`${example.file}: ${example.command}`, async () => {
      const result = await runExample(example);
      expect(result.code, result.stderr).toBe(example.exit);
      if (example.shown === undefined) return;
      const onStderr = example.shown.filter((line) => line.startsWith('nps:'));
      const onStdout = example.shown.filter((line) => !line.startsWith('nps:'));
      expect(appearsInOrder(onStdout, result.stdout.split('\n')), `not in stdout:\n${result.stdout}`).toBeUndefined();
      expect(appearsInOrder(onStderr, result.stderr.split('\n')), `not in stderr:\n${result.stderr}`).toBeUndefined();
    });
  }
});

describe('docs/json.md', () => {
  it('shows the JSON `nps score fixtures/sample.csv --json` prints', async () => {
    const text = await readFile(join(ROOT, 'docs', 'json.md'), 'utf8');
    const shown = /```json\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const result = await run(['score', 'fixtures/sample.csv', '--json', '-q']);
    expect(JSON.parse(shown)).toEqual(JSON.parse(result.stdout));
  });
});
