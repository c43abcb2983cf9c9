// A throwaway PostgreSQL cluster for tests: finds the server binaries, runs `initdb` into a fresh
// temporary folder, starts `postgres` on a free localhost port (its socket in that folder too),
// waits until it accepts connections, creates a database and hands back its URL. `stop()` shuts
// the server down and removes the folder. PostgreSQL refuses to run as root, so as root the
// cluster belongs to the `postgres` user and the binaries run with its uid/gid.
//
// Without PostgreSQL binaries the helper fails loudly (CI installs postgresql), unless
// SITREP_PG_OPTIONAL=1: then `skipPostgres` holds the reason, for `test(name, { skip }, …)`.
// SITREP_PG_BINDIR overrides where the binaries are looked for.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** URL of the database created at start (`sitrep`). */
  url: string;
  /** URL of the server's maintenance database, for creating more databases. */
  adminUrl: string;
  port: number;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb and postgres, or null. */
export function postgresBinDir(): string | null {
  // SITREP_PG_BINDIR names the folder outright (another layout, or a test of the missing case)
  const forced = process.env.SITREP_PG_BINDIR;
  if (forced !== undefined)
    return existsSync(join(forced, 'initdb')) && existsSync(join(forced, 'postgres')) ? forced : null;
  const candidates: string[] = [];
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.status === 0 && config.stdout.trim()) candidates.push(config.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, 'bin'));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) ?? null;
}

const binDir = postgresBinDir();

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const postgresMissing: string | null = binDir
  ? null
  : 'PostgreSQL server binaries (initdb, postgres) were not found: neither SITREP_PG_BINDIR, `pg_config --bindir` ' +
    'nor /usr/lib/postgresql/*/bin has them. Install PostgreSQL (Debian: apt-get install postgresql), or set ' +
    'SITREP_PG_OPTIONAL=1 to skip the PostgreSQL tests on this machine.';

/** A skip reason for node:test when PostgreSQL is missing and SITREP_PG_OPTIONAL=1; false otherwise. */
export const skipPostgres: string | false =
  postgresMissing && process.env.SITREP_PG_OPTIONAL === '1' ? postgresMissing : false;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid of the `postgres` user when we are root (PostgreSQL will not run as root). */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root, and there is no `postgres` user to run the test PostgreSQL server as');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startPostgres(options: { database?: string; timeoutMs?: number } = {}): Promise<PostgresServer> {
  if (!binDir) throw new Error(postgresMissing ?? 'PostgreSQL not found');
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-pg-'));
  const data = join(dir, 'data');
  const owner = user ? { uid: user.uid, gid: user.gid } : {};
  if (user) chownSync(dir, user.uid, user.gid);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  const init = spawnSync(
    join(binDir, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
    { encoding: 'utf8', cwd: dir, ...owner },
  );
  if (init.status !== 0) {
    removeDir();
    throw new Error(`initdb failed (${init.status ?? init.signal}): ${init.stderr || init.stdout}`);
  }

  const port = await freePort();
  const log: string[] = [];
  const child: ChildProcess = spawn(
    join(binDir, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'shared_buffers=64MB',
      '-c',
      'max_connections=100',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  );
  child.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? signal ?? 'exit';
      resolve();
    }),
  );
  // If the test process ends without stop(), do not leave a server running.
  const onExit = () => {
    if (exited === null) child.kill('SIGKILL');
    removeDir();
  };
  process.once('exit', onExit);

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited !== null) {
      process.removeListener('exit', onExit);
      removeDir();
      throw new Error(`postgres exited (${exited}) before accepting connections:\n${log.join('')}`);
    }
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        await exit;
        process.removeListener('exit', onExit);
        removeDir();
        throw new Error(`postgres did not accept connections on port ${port} in time:\n${log.join('')}`);
      }
      await sleep(100);
    }
  }

  let created = 0;
  const createDatabase = async (name = `sitrep_${process.pid}_${++created}`): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      // an identifier cannot be a bound parameter; the name is checked above
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };

  const url = await createDatabase(options.database ?? 'sitrep');
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (exited === null) {
        child.kill('SIGINT'); // fast shutdown: abort open transactions, exit cleanly
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      }
      process.removeListener('exit', onExit);
      removeDir();
    })();
    return stopped;
  };
  return { url, adminUrl, port, createDatabase, stop };
}
