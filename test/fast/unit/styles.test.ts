import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { stylesFor } from '../../../src/output/render/styles.js';

describe('the styles of the tables', () => {
  const chalk = new Chalk({ level: 1 });
  const drawn = stylesFor(true);
  const texts = ['', 'NPS', 'two\nlines', 'windows\r\nlines\r\n', '\nled by a break', `${chalk.bold('bold')} inside`, `a ${chalk.red('red')} word`, `${chalk.dim('dim')}\n${chalk.bold('x')}`];

  it.each(['bold', 'dim', 'red', 'green', 'yellow'] as const)('draws %s as chalk does at level 1, breaks and nesting included', (name) => {
    for (const text of texts) expect(JSON.stringify(drawn[name](text))).toBe(JSON.stringify(chalk[name](text)));
  });

  it('draws nothing without colour', () => {
    const plain = stylesFor(false);
    for (const text of texts) expect(plain.bold(text)).toBe(text);
    expect(stylesFor(undefined).red('x')).toBe('x');
  });
});
