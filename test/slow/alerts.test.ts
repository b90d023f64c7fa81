import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers.js';

/**
 * The alert recipe of docs/followup.md, run as written, by sh, with the built nps on the
 * PATH, against a chat webhook played by an HTTP server on 127.0.0.1 that this test starts:
 * each new detractor is posted once, a run with none posts nothing, and a run that fails
 * (a webhook that refuses the post, a ledger that breaks its rules) fails the script.
 */
const recipe = /## Alerts[\s\S]*?```bash\n([\s\S]*?)```/.exec(await readFile(join(ROOT, 'docs', 'followup.md'), 'utf8'))?.[1] ?? '';

let server: Server;
const posts: Array<{ type: string | undefined; body: string }> = [];
/** The status the webhook answers with: 200, or 500 to play a chat that is down. */
let answer = 200;
let url = '';
let dir = '';
let path = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({ type: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answer;
      response.end(answer === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/nps`;
  dir = await tempDir();
  const bin = join(dir, '.bin');
  await mkdir(bin);
  await writeFile(join(bin, 'nps'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'nps'), 0o755);
  path = `${bin}:${process.env['PATH'] ?? ''}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** An answer `daysAgo` days before now, as an export writes it. */
const answered = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 19) + 'Z';

async function exportOf(rows: ReadonlyArray<readonly [id: string, email: string, score: number, comment: string, daysAgo: number]>): Promise<void> {
  const lines = rows.map(([id, email, score, comment, daysAgo]) => `${id},${email},${score},${comment},${answered(daysAgo)}`);
  await writeFile(join(dir, 'export.csv'), `Response ID,Email,Score,Comment,Submitted At\n${lines.join('\n')}\n`);
}

/**
 * Runs the recipe in a child process, without blocking: the webhook answers from this
 * process's event loop, so a synchronous spawn would leave curl waiting for ever.
 */
function runRecipe(): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', recipe], { cwd: dir, env: { PATH: path, EXPORT: 'export.csv', WEBHOOK_URL: url } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the alert recipe of docs/followup.md', () => {
  it('is in the docs, and posts with curl', () => {
    expect(recipe).toContain('--new-only');
    expect(recipe).toContain('curl');
  });

  it('posts the new detractors to the webhook, each once', async () => {
    await exportOf([
      ['A1', 'ann@acme.example', 3, 'Support never answered', 2],
      ['A2', 'bo@beta.example', 9, 'Love it', 2],
    ]);
    expect(await runRecipe()).toMatchObject({ status: 0 });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.type).toBe('application/json');
    const first = JSON.parse(posts[0]?.body ?? '') as { text: string };
    expect(first.text.split('\n')[0]).toBe('New detractors:');
    expect(first.text).toMatch(/^• 3 from ann@acme\.example: Support never answered \(reply by \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/m);
    expect(first.text.split('\n')).toHaveLength(2);

    await exportOf([
      ['A1', 'ann@acme.example', 3, 'Support never answered', 2],
      ['A2', 'bo@beta.example', 9, 'Love it', 2],
      ['A3', 'cy@gamma.example', 0, 'Lost our data', 0],
      ['A4', 'di@delta.example', 6, 'Too slow', 0],
      ['A5', 'ed@eps.example', 10, 'Great', 0],
    ]);
    expect(await runRecipe()).toMatchObject({ status: 0 });
    expect(posts).toHaveLength(2);
    const second = (JSON.parse(posts[1]?.body ?? '') as { text: string }).text.split('\n');
    expect(second.slice(1).map((line) => /from (\S+):/.exec(line)?.[1])).toEqual(['cy@gamma.example', 'di@delta.example']);

    // Nothing new: no post.
    expect(await runRecipe()).toMatchObject({ status: 0 });
    expect(posts).toHaveLength(2);
    const ledger = await readFile(join(dir, 'followup.csv'), 'utf8');
    expect(ledger.split('\r\n').filter((line) => /^A\d,/.test(line))).toHaveLength(5);
    // Three runs of the built binary, each a process of its own.
  }, 120_000);

  it('fails when the webhook refuses the post, and when the ledger breaks its rules', async () => {
    answer = 500;
    await exportOf([['A6', 'fay@zeta.example', 1, 'Billing wrong again', 0]]);
    const refused = await runRecipe();
    answer = 200;
    expect(refused.status).toBe(22);
    expect(refused.stderr).toContain('500');
    // The case is in the ledger, new: on Monday's list, not posted again by the next run.
    const ledger = await readFile(join(dir, 'followup.csv'), 'utf8');
    expect(ledger.split('\r\n').find((line) => line.startsWith('A6,'))).toMatch(/,new,/);
    const before = posts.length;
    expect(await runRecipe()).toMatchObject({ status: 0 });
    expect(posts).toHaveLength(before);

    await writeFile(join(dir, 'followup.csv'), ledger.replace(/,new,/, ',done,'));
    const broken = await runRecipe();
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/status "done" of case "A\d" is not one of new, contacted, resolved, closed/);
    expect(posts).toHaveLength(before);
  }, 120_000);
});
