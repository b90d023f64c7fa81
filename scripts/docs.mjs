// Writes the rows of the shared reading options into each command's page in docs/ (see src/commands/shared/option-docs.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { COMMANDS } from '../dist/cli/program.js';
import { withGeneratedRows } from '../dist/commands/shared/option-docs.js';

for (const entry of COMMANDS) {
  const definition = await entry.load();
  const path = new URL(`../docs/${entry.name}.md`, import.meta.url);
  const page = await readFile(path, 'utf8');
  const written = withGeneratedRows(page, definition.options);
  if (written === undefined) continue;
  if (written !== page) {
    await writeFile(path, written);
    console.log(`docs/${entry.name}.md: options written`);
  }
}
