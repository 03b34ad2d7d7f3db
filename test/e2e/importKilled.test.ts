import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

const cli = fileURLToPath(new URL('../../bin/trellis.mjs', import.meta.url));

/** A Terraform state of `count` security groups in one VPC, big enough that writing takes a while. */
function bigState(count: number, tag: string): string {
  const resource = (i: number) => ({
    mode: 'managed', type: 'aws_security_group', name: `sg${i}`,
    instances: [{ attributes: { arn: `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${String(i).padStart(8, '0')}`, id: `sg-${i}`, vpc_id: 'vpc-1', tags: { run: tag } } }],
  });
  return JSON.stringify({ version: 4, lineage: 'killed-run', resources: Array.from({ length: count }, (_, i) => resource(i)) });
}

const size = 120_000;

describe('an import killed while it writes', () => {
  it('leaves the store exactly as before: no CI, no assertion, no run record of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-kill-'));
    const env = { TRELLIS_DATA: join(dir, 'data') };
    writeFileSync(join(dir, 'first.tfstate'), bigState(200, 'first'));
    expect((await runCli(['import', join(dir, 'first.tfstate')], env)).code).toBe(0);
    const before = (await runCli(['export'], env)).stdout;

    writeFileSync(join(dir, 'big.tfstate'), bigState(size, 'second'));
    const child = spawn(process.execPath, [cli, 'import', join(dir, 'big.tfstate')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (chunk) => (printed += chunk));
    // Progress lines on stderr say when the run starts writing; kill it shortly after,
    // well inside the write of this many CIs (it takes seconds).
    for await (const line of createInterface({ input: child.stderr })) {
      if (line.includes('writing:')) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        child.kill('SIGKILL');
        break;
      }
    }
    await new Promise((resolve) => child.once('close', resolve));
    // Killed before it could report: the run had not finished.
    expect(printed).toBe('');

    expect((await runCli(['export'], env)).stdout).toBe(before);
    const runs = JSON.parse((await runCli(['imports', '--json'], env)).stdout);
    expect(runs).toHaveLength(1);
    // The next run starts from the state before the killed one and completes.
    const again = await runCli(['import', join(dir, 'big.tfstate'), '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).run.counts).toMatchObject({ created: size - 200, updated: 200 });
  }, 120_000);
});
