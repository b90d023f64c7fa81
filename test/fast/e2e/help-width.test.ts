import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/program.js';
import { run } from '../../helpers.js';

describe('help', () => {
  it.each(['', ...COMMANDS.map((entry) => entry.name)])('of %j fits 80 columns, examples included', async (name) => {
    const result = await run(name === '' ? ['--help'] : [name, '--help']);
    expect(result.code).toBe(0);
    const wide = result.stdout.split('\n').filter((line) => stringWidth(line) > 80);
    expect(wide).toEqual([]);
  });

  it('breaks a long example before an option, with a line continuation a shell reads', async () => {
    const result = await run(['segment', '--help']);
    expect(result.stdout).toContain('  $ nps segment fixtures/followup-survey.csv --window all \\\n        --customers fixtures/followup-customers.csv --join-on email \\\n');
  });
});
