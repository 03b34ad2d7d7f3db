import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../bin/trellis.mjs', import.meta.url));

/** Result of one `trellis` run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a `trellis` run: this process's with the additions, and
 * never a NEO4J_URI the additions do not give (a developer's would take an
 * embedded-store test to their Neo4j).
 */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  if (!env.NEO4J_URI) delete childEnv.NEO4J_URI;
  return childEnv;
}

/** Runs the real `trellis` command (bin/trellis.mjs) with the given environment additions. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: cliEnv(env), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
