import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * One job per folder, kept by a test rather than by goodwill: the core computes and
 * touches nothing outside itself; output renders and writes without knowing the
 * commands; a command never reaches into another.
 */
async function sources(folder: string): Promise<Array<{ file: string; text: string }>> {
  const names = (await readdir(join(ROOT, 'src', folder), { recursive: true })).filter((name) => name.endsWith('.ts'));
  return Promise.all(names.map(async (name) => ({ file: `src/${folder}/${name}`, text: await readFile(join(ROOT, 'src', folder, name), 'utf8') })));
}

const importsOf = (text: string): string[] => [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');

describe('the layers of src/', () => {
  it('src/core does no I/O, prints nothing and reads no process state', async () => {
    for (const { file, text } of await sources('core')) {
      const reaching = importsOf(text).filter((from) => from.startsWith('node:') || /^\.\.\/(input|output|commands|cli)\//.test(from));
      expect(reaching, file).toEqual([]);
      expect(/\bprocess\.|\bconsole\./.test(text), `${file} uses process or console`).toBe(false);
    }
  });

  it('src/output imports nothing from the commands or the command line', async () => {
    for (const { file, text } of await sources('output')) {
      expect(importsOf(text).filter((from) => /\/(commands|cli)\//.test(from)), file).toEqual([]);
    }
  });

  it('no command imports another command', async () => {
    const commands = await sources('commands');
    for (const { file, text } of commands) {
      // read.ts is the commands' shared way into the read pipeline, not a command.
      const siblings = importsOf(text).filter((from) => from.startsWith('./') && from !== './read.js');
      expect(siblings, file).toEqual([]);
    }
  });
});
