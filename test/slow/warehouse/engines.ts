import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { EXPORT_HEADER } from './export.js';

/**
 * The three warehouses the tests run the emitted SQL on, each loading an export as a
 * table of text columns (a staging table, as an export lands in a warehouse) and
 * answering a query as its own command-line client saves a result: CSV with a header.
 */

/** A table name that needs quoting everywhere: a space, double quotes, a dot and a letter past ASCII. */
export const TABLE_NAME = 'réponses "2026" v1.0';
/** The same as `nps sql --table` takes it: a name with dots is written in double quotes. */
export const TABLE_OPTION = `"${TABLE_NAME.replaceAll('"', '""')}"`;
const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export interface Engine {
  name: string;
  /** The result of a query, as CSV with a header row. */
  query(sql: string): Promise<string>;
  /** Runs statements whose result is not wanted. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** DuckDB, through its npm package: the export read with every column as text. */
export async function duckdb(csv: string): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE ${quoted(TABLE_NAME)} AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`);
  let count = 0;
  return {
    name: 'DuckDB',
    async query(sql) {
      count += 1;
      const out = join(csv, '..', `duckdb-${count}.csv`);
      await connection.run(`COPY (${sql.replace(/;\s*$/, '')}) TO '${out.replaceAll("'", "''")}' (HEADER, DELIMITER ',')`);
      return readFile(out, 'utf8');
    },
    async exec(sql) {
      await connection.run(sql);
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
      return Promise.resolve();
    },
  };
}

/** Whether a command runs here. */
export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** SQLite, through Debian's sqlite3 shell: `.import` makes every column TEXT. */
export function sqlite(csv: string, folder: string): Promise<Engine> {
  const database = join(folder, 'survey.sqlite');
  const load = `.import --csv ${csv} staging\nCREATE TABLE ${quoted(TABLE_NAME)} AS SELECT * FROM staging;\n`;
  const loaded = spawnSync('sqlite3', [database], { input: load, encoding: 'utf8' });
  if (loaded.status !== 0) return Promise.reject(new Error(loaded.stderr));
  return Promise.resolve({
    name: 'SQLite',
    query(sql) {
      const result = spawnSync('sqlite3', ['-csv', '-header', database], { input: sql, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (result.status !== 0 || result.stderr !== '') return Promise.reject(new Error(result.stderr));
      return Promise.resolve(result.stdout);
    },
    async exec(sql) {
      await this.query(sql);
    },
    close: () => Promise.resolve(),
  });
}

/** The folder of PostgreSQL's server programs: Debian's, whichever version is installed. */
async function postgresBin(): Promise<string | undefined> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL, started for the tests in a folder of their own on a loopback port, and
 * stopped after: initdb, then pg_ctl. The server refuses to run as root, so under root
 * (as CI runs) it runs as the `postgres` user Debian's package creates. Returns why
 * not when it cannot start. Its folder is one of its own in the system's temporary
 * folder (the server's user must reach it), removed when it stops.
 */
export async function postgres(csv: string): Promise<Engine | string> {
  const bin = await postgresBin();
  if (bin === undefined || !has('psql')) return 'PostgreSQL is not installed (apt-get install postgresql)';
  const folder = await mkdtemp(join(tmpdir(), 'nps-postgres-'));
  const data = join(folder, 'pgdata');
  const socket = join(folder, 'pgsocket');
  await mkdir(data);
  await mkdir(socket);
  const root = process.getuid?.() === 0;
  const as = (command: string, args: readonly string[]): [string, string[]] => (root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]]);
  if (root) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const groups = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) return 'running as root, and there is no postgres user to run the server as';
    for (const path of [folder, data, socket]) await chown(path, Number(ids.stdout), Number(groups.stdout));
    await chmod(folder, 0o755);
  }
  const port = await freePort();
  const init = spawnSync(...as(join(bin, 'initdb'), ['-D', data, '-U', 'nps', '-A', 'trust', '-E', 'UTF8', '--locale', 'C.UTF-8']), { encoding: 'utf8' });
  if (init.status !== 0) {
    await rm(folder, { recursive: true, force: true });
    return `initdb failed: ${init.stderr.trim().split('\n').at(-1) ?? ''}`;
  }
  const options = `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = spawnSync(...as(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(folder, 'postgres.log'), '-w', 'start']), { encoding: 'utf8' });
  if (start.status !== 0) {
    await rm(folder, { recursive: true, force: true });
    return `pg_ctl start failed: ${start.stderr.trim()}`;
  }
  const stop = async (): Promise<void> => {
    spawnSync(...as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']));
    await rm(folder, { recursive: true, force: true });
  };
  const psql = (input: string, args: readonly string[] = []): { status: number | null; stdout: string; stderr: string } =>
    spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'nps', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-X', '-q', ...args], {
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, PGTZ: 'UTC', PGCLIENTENCODING: 'UTF8' },
    });
  const columns = EXPORT_HEADER.map((name) => `${quoted(name)} text`).join(', ');
  const loaded = psql(`CREATE TABLE staging (${columns});\n\\copy staging FROM '${csv}' WITH (FORMAT csv, HEADER true)\nCREATE TABLE ${quoted(TABLE_NAME)} AS SELECT * FROM staging;\n`);
  if (loaded.status !== 0) {
    await stop();
    return `loading the export failed: ${loaded.stderr.trim()}`;
  }
  const query = (sql: string): Promise<string> => {
    const result = psql(sql, ['--csv']);
    return result.status === 0 ? Promise.resolve(result.stdout) : Promise.reject(new Error(result.stderr));
  };
  const engine: Engine = {
    name: 'PostgreSQL',
    query,
    async exec(sql) {
      await query(sql);
    },
    close: stop,
  };
  return engine;
}

