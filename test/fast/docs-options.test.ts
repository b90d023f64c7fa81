import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/program.js';
import { withGeneratedRows } from '../../src/commands/shared/option-docs.js';
import { ROOT } from '../helpers.js';

/**
 * The reference cannot drift from the command line: every option a command's
 * --help lists is in a table row of docs/<command>.md, and every option such a
 * row names is one the command takes. The README's table of commands says what
 * `nps --help` says of each.
 */
/** The options a page's tables document: those named in the first cell of a row. */
const optionsIn = (text: string): Set<string> =>
  new Set([...text.matchAll(/^\|([^|]*)\|/gm)].flatMap((row) => [...(row[1] ?? '').matchAll(/`(-[-\w]+)/g)].map((match) => match[1] ?? '')));

describe.each(COMMANDS.map((entry) => [entry.name, entry] as const))('docs/%s.md', (name, entry) => {
  it('documents every option --help lists, and no other', async () => {
    const definition = await entry.load();
    const flags = definition.options.flatMap((option) => [option.long, option.short]).filter((flag): flag is string => flag !== undefined);
    const documented = optionsIn(await readFile(join(ROOT, 'docs', `${name}.md`), 'utf8'));
    expect(flags.filter((flag) => !documented.has(flag)), `options of nps ${name} missing from docs/${name}.md`).toEqual([]);
    // Short forms (-q) are documented beside their long form; anything else named in a table must exist.
    const known = new Set([...flags, '-h', '--help']);
    const page = await readFile(join(ROOT, 'docs', `${name}.md`), 'utf8');
    expect(withGeneratedRows(page, definition.options) ?? page, `docs/${name}.md: run npm run docs`).toBe(page);
    expect([...documented].filter((flag) => flag.startsWith('--') && !known.has(flag) && !flag.startsWith('--no-color') && flag !== '--color' && flag !== '--verbose'), `docs/${name}.md names options nps ${name} does not take`).toEqual([]);
  });
});

describe('the README', () => {
  it('lists every command with what nps --help says of it', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    for (const entry of COMMANDS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`nps ${entry.name}`)) ?? '';
      expect(row, `README row of ${entry.name}`).toContain(`| ${entry.summary} |`);
    }
  });
});
