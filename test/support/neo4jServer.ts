import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../setup/localTools.ts';

/**
 * A test Neo4j of one's own, run by test/neo4j/start and test/neo4j/stop (see
 * test/neo4j/README.md): for the global setup's shared server and for fault
 * tests that stop, kill, pause and restart a server of their own on a free port.
 */

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../neo4j/', import.meta.url));

export interface TestNeo4jOptions {
  /** Bolt port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Data directory; the scripts' default, `${TMPDIR:-/tmp}/trellis-neo4j-<port>`, when absent. */
  dataDir?: string;
  /** Start on the existing data directory an earlier start created, without wiping it (start --keep-data). */
  keepData?: boolean;
  /** Extra environment for the scripts (NEO4J_HEAP, NEO4J_PAGECACHE_MB, NEO4J_START_TIMEOUT, ...). */
  env?: Record<string, string>;
}

export interface TestNeo4j {
  /** bolt://127.0.0.1:<port>; the same across restarts. */
  readonly uri: string;
  readonly port: number;
  /** Absolute data directory (store, logs, neo4j.pid). */
  readonly dataDir: string;
  /** The JVM's pid (from neo4j.pid), or undefined when the server is not running. */
  readonly pid: number | undefined;
  /** Clean shutdown (SIGTERM; a paused server is continued first); the data is kept. */
  stop(): Promise<void>;
  /** SIGKILL, as in a crash; the data is kept, and the next start recovers from the transaction log. */
  kill(): Promise<void>;
  /** Starts again on the same port and data (start --keep-data), stopping cleanly first if still running. */
  restart(): Promise<void>;
  /** SIGSTOP to the JVM; resolves once every thread of it has stopped. */
  pause(): Promise<void>;
  /** SIGCONT to the JVM; resolves once it runs again. */
  resume(): Promise<void>;
  /** Clean stop if running, then deletes the data directory (stop --remove). */
  remove(): Promise<void>;
}

/** Starts a test Neo4j (building the launcher if needed) and resolves once it accepts Bolt connections. */
export async function startTestNeo4j(options: TestNeo4jOptions = {}): Promise<TestNeo4j> {
  const port = options.port ?? (await freePort());
  const dataDir = resolve(options.dataDir ?? join(process.env.TMPDIR || '/tmp', `trellis-neo4j-${port}`));
  const env = { ...process.env, ...options.env };
  const where = ['--port', String(port), '--data', dataDir];
  const pidFile = join(dataDir, 'neo4j.pid');

  const script = async (name: 'start' | 'stop', args: string[]): Promise<string> => {
    try {
      const { stdout } = await run(join(scripts, name), [...where, ...args], { env, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
      return stdout;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`test/neo4j/${name} ${[...where, ...args].join(' ')} failed: ${(error as Error).message}\n${stderr ?? ''}${stdout ?? ''}`, { cause: error });
    }
  };
  const start = async (keepData: boolean): Promise<string> => {
    const stdout = await script('start', keepData ? ['--keep-data'] : []);
    const uri = /NEO4J_URI=(\S+)/.exec(stdout)?.[1];
    if (!uri) throw new Error(`test/neo4j/start printed no NEO4J_URI:\n${stdout}`);
    return uri;
  };
  const currentPid = (): number | undefined => {
    let pid: number;
    try {
      pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
    } catch {
      return undefined;
    }
    const state = Number.isInteger(pid) && pid > 0 ? processState(pid) : undefined;
    return state !== undefined && state !== 'Z' && state !== 'X' ? pid : undefined;
  };
  const runningPid = (what: string): number => {
    const pid = currentPid();
    if (pid === undefined) throw new Error(`cannot ${what} the test Neo4j on port ${port}: it is not running`);
    return pid;
  };

  const uri = await start(options.keepData ?? false);
  running.add(currentPid);
  return {
    uri,
    port,
    dataDir,
    get pid() {
      return currentPid();
    },
    stop: async () => {
      await script('stop', []);
    },
    kill: async () => {
      await script('stop', ['--kill']);
    },
    restart: async () => {
      await script('stop', []);
      await start(true);
    },
    pause: async () => {
      const pid = runningPid('pause');
      process.kill(pid, 'SIGSTOP');
      await until(`pid ${pid} stopped`, () => allThreadsStopped(pid));
    },
    resume: async () => {
      const pid = runningPid('resume');
      process.kill(pid, 'SIGCONT');
      await until(`pid ${pid} continued`, () => processState(pid) !== 'T');
    },
    remove: async () => {
      await script('stop', ['--remove']);
      running.delete(currentPid);
    },
  };
}

/**
 * Servers run in their own session and outlive the process that started them;
 * if this process exits without stopping one (a crashed worker), it is killed.
 */
const running = new Set<() => number | undefined>();
process.once('exit', () => {
  for (const pidOf of running) {
    const pid = pidOf();
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** The one-letter state of a process (or one of its threads) from /proc (R, S, T, Z, ...), or undefined when it does not exist. */
function processState(pid: number, thread?: string): string | undefined {
  try {
    return /^State:\s+(\S)/m.exec(readFileSync(thread ? `/proc/${pid}/task/${thread}/status` : `/proc/${pid}/status`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** True when every thread of the process is stopped (SIGSTOP reaches the threads one by one). */
function allThreadsStopped(pid: number): boolean {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  // A thread that exited meanwhile has no state: it cannot run either.
  return threads.every((thread) => ['T', undefined].includes(processState(pid, thread)));
}

/** Polls `done` every 20 ms; fails after a minute (a bound for a broken system, never for a slow one). */
async function until(what: string, done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 60_000; !done(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}
