import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../helpers.js';

/**
 * Golden files: each test/golden/<command>/<case>.md holds a command line, its exit
 * code, its stdout and stderr, and any file it writes under $OUT. The test runs the
 * command in-process and compares all of it. To accept a deliberate change of
 * output, run `UPDATE_GOLDEN=1 npx vitest run test/fast/golden.test.ts` and read the diff.
 */
const GOLDEN = join(ROOT, 'test', 'fast', 'golden');
const FENCE = '````';

interface Golden {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

/** Splits a command line as a shell would for the simple lines kept here: words, "double" and 'single' quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

function block(title: string, text: string): string {
  return `${title}:\n${FENCE}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n(no newline at end)\n'}${FENCE}\n`;
}

function render(golden: Golden): string {
  const files = Object.entries(golden.files).map(([name, text]) => `\n${block(`file ${name}`, text)}`);
  return `${FENCE}sh\n${golden.command}\n${FENCE}\n\nexit ${golden.code}\n\n${block('stdout', golden.stdout)}\n${block('stderr', golden.stderr)}${files.join('')}`;
}

function parseGolden(text: string): Golden {
  const command = /^````sh\n(.*)\n````/.exec(text)?.[1] ?? '';
  const code = Number(/^exit (\d+)$/m.exec(text)?.[1] ?? 'NaN');
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/^([^\n`]+):\n````\n([\s\S]*?)````$/gm)) {
    blocks.set(match[1] ?? '', (match[2] ?? '').replace(/\n\(no newline at end\)\n$/, ''));
  }
  const files = Object.fromEntries([...blocks].filter(([name]) => name.startsWith('file ')).map(([name, body]) => [name.slice(5), body]));
  return { command, code, stdout: blocks.get('stdout') ?? '', stderr: blocks.get('stderr') ?? '', files };
}

async function runGolden(command: string, fileNames: readonly string[]): Promise<Golden> {
  const out = await tempDir();
  const args = words(command).slice(1).map((word) => word.replaceAll('$OUT', out));
  const result = await run(args, { env: { NO_COLOR: '1' } });
  const files: Record<string, string> = {};
  for (const name of fileNames) files[name] = await readFile(join(out, name), 'utf8');
  const hide = (text: string): string => text.replaceAll(out, '$OUT');
  return { command, code: result.code, stdout: hide(result.stdout), stderr: hide(result.stderr), files };
}

const commands = (await readdir(GOLDEN)).sort();
for (const command of commands) {
  const cases = (await readdir(join(GOLDEN, command))).filter((name) => name.endsWith('.md')).sort();
  describe(`golden: nps ${command}`, () => {
    for (const name of cases) {
      it(name.replace(/\.md$/, ''), async () => {
        const path = join(GOLDEN, command, name);
        const expected = parseGolden(await readFile(path, 'utf8'));
        const actual = await runGolden(expected.command, Object.keys(expected.files));
        if (process.env['UPDATE_GOLDEN'] === '1') {
          await mkdir(join(GOLDEN, command), { recursive: true });
          await writeFile(path, render(actual));
          return;
        }
        expect(render(actual)).toBe(render(expected));
      });
    }
  });
}
