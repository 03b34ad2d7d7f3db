import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../support/runCli.ts';

const cli = fileURLToPath(new URL('../../bin/trellis.mjs', import.meta.url));

/** A Terraform state of `count` security groups in one VPC, big enough that writing takes a while. */
function bigState(count: number, tag: string): string {
  const resource = (i: number) => ({
    mode: 'managed', type: 'aws_security_group', name: `sg${i}`,
    instances: [{ attributes: { arn: `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${String(i).padStart(8, '0')}`, id: `sg-${i}`, vpc_id: 'vpc-1', tags: { run: tag } } }],
  });
  return JSON.stringify({ version: 4, lineage: 'killed-run', resources: Array.from({ length: count }, (_, i) => resource(i)) });
}

/** How a store under test is set up, and how to tell that a run's transaction has written part of its batch. */
export interface KilledImportStore {
  /** Empties the store; returns the environment that points the CLI at it. */
  prepare(dir: string): Promise<Record<string, string>>;
  /** Resolves once the store holds uncommitted writes of the running import. */
  writesUnderWay(dir: string): Promise<void>;
  /** Resolves once the store has let go of the killed run (a server may take a moment). */
  released?(): Promise<void>;
}

/**
 * Runs `trellis import file` and kills it (SIGKILL) once `when` resolves; `when`
 * gets each stderr line (progress) and resolves from them or from the store.
 * Fails if the run ends before it is killed. Returns what the run printed.
 */
async function killImport(file: string, env: Record<string, string>, when: (lines: { on: (listener: (line: string) => void) => void }) => Promise<void>): Promise<string> {
  const child = spawn(process.execPath, [cli, 'import', file], { env: { ...cliEnv(env), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout.on('data', (chunk) => (printed += chunk));
  const closed = new Promise((resolve) => child.once('close', resolve));
  // stderr is read to the end: a closed pipe would stop the run by itself.
  let stderr = '';
  const reader = createInterface({ input: child.stderr });
  reader.on('line', (line) => (stderr += `${line}\n`));
  let killed = false;
  const ended = closed.then(() => {
    if (!killed) throw new Error(`the run ended before it could be killed:\n${stderr}`);
  });
  try {
    await Promise.race([when({ on: (listener) => reader.on('line', listener) }), ended]);
  } finally {
    killed = true;
    child.kill('SIGKILL');
    await closed;
  }
  return printed;
}

/** Resolves on the first progress line that contains `text`. */
function lineWith(text: string, lines: { on: (listener: (line: string) => void) => void }): Promise<void> {
  return new Promise((resolve) => lines.on((line) => line.includes(text) && resolve()));
}

/**
 * A run killed while its transaction holds part of its writes, and one killed
 * as it commits, on one store. `size` resources make that write take seconds there.
 */
export function describeImportKilled(name: string, size: number, store: KilledImportStore): void {
  describe(`an import killed while it writes: ${name}`, () => {
    /** A store holding a first run of 200 resources, its export, and the big state of the run to kill. */
    async function storeWithFirstRun(): Promise<{ env: Record<string, string>; dir: string; before: string; big: string }> {
      const dir = mkdtempSync(join(tmpdir(), 'trellis-kill-'));
      const env = await store.prepare(dir);
      writeFileSync(join(dir, 'first.tfstate'), bigState(200, 'first'));
      expect((await runCli(['import', join(dir, 'first.tfstate')], env)).code).toBe(0);
      const big = join(dir, 'big.tfstate');
      writeFileSync(big, bigState(size, 'second'));
      return { env, dir, before: (await runCli(['export'], env)).stdout, big };
    }

    it('leaves the store exactly as before: no CI, no assertion, no run record of it', async () => {
      const { env, dir, before, big } = await storeWithFirstRun();
      // The progress says when the run starts writing; then the store says when its transaction holds writes.
      const printed = await killImport(big, env, async (lines) => {
        await lineWith('writing:', lines);
        await store.writesUnderWay(dir);
      });
      // Killed before it could report: the run had not finished.
      expect(printed).toBe('');
      await store.released?.();

      expect((await runCli(['export'], env)).stdout).toBe(before);
      const runs = JSON.parse((await runCli(['imports', '--json'], env)).stdout);
      expect(runs).toHaveLength(1);
      // The next run starts from the state before the killed one and completes.
      const again = await runCli(['import', big, '--json'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).run.counts).toMatchObject({ created: size - 200, updated: 200 });
    }, 600_000);

    // All its rows are written when the run says it commits: a run split into several transactions would have
    // committed some of them by then, and a kill now would leave a graph changed without its assertions or record.
    it('killed as it commits, leaves all of the run or none of it', async () => {
      const { env, before, big } = await storeWithFirstRun();
      await killImport(big, env, (lines) => lineWith('writing: committing', lines));
      await store.released?.();

      const runs = JSON.parse((await runCli(['imports', '--json'], env)).stdout) as { input: string; status: string }[];
      const whole = runs.length === 2;
      if (whole) expect(runs[0]).toMatchObject({ input: big, status: 'applied' });
      else expect((await runCli(['export'], env)).stdout).toBe(before);
      expect(runs).toHaveLength(whole ? 2 : 1);
      // Graph, assertions and history agree: the same run again has the whole of it to do, or nothing.
      const again = await runCli(['import', big, '--json'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).run.counts).toMatchObject(whole ? { created: 0, updated: 0, withdrawn: 0, unchanged: size } : { created: size - 200, updated: 200 });
    }, 600_000);
  });
}

/** Resolves once `done` holds; after ten minutes (a bound against a hang, not a measure of speed) fails naming what never happened. */
export async function pollUntil(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
