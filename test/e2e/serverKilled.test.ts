import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { freePort } from '../setup/localTools.ts';
import { cliEnv } from '../support/runCli.ts';

const cli = fileURLToPath(new URL('../../bin/trellis.mjs', import.meta.url));
const size = 30_000;

/** A Terraform state of `size` security groups, every one tagged with the run. */
function state(tag: string): string {
  const resource = (i: number) => ({
    mode: 'managed', type: 'aws_security_group', name: `sg${i}`,
    instances: [{ attributes: { arn: `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${String(i).padStart(8, '0')}`, id: `sg-${i}`, vpc_id: 'vpc-1', tags: { run: tag } } }],
  });
  return JSON.stringify({ version: 4, lineage: 'killed-server', resources: Array.from({ length: size }, (_, i) => resource(i)) });
}

async function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { env: cliEnv({ TRELLIS_DATA: dataDir, TRELLIS_RATE_LIMIT: '0' }), stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  // Until it answers or dies, with no deadline of its own: a busy machine may take long to start it.
  let exited = false;
  child.once('exit', () => (exited = true));
  while ((await fetch(`${url}/readyz`).catch(() => undefined))?.status !== 200) {
    if (exited) throw new Error('trellis serve exited before it answered');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url };
}

/**
 * The embedded server killed (SIGKILL) while an import it runs writes, five
 * times over one store: each time the store holds the whole import or none of
 * it, and every write the server acknowledged before the kill survives.
 */
describe('the embedded server killed during a large import', () => {
  it('keeps all or nothing of the import and every acknowledged write, five times', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'trellis-killed-server-')), 'data');
    const acknowledged: string[] = [];
    const outcomes: string[] = [];
    /** The run whose import the store holds whole, if any. */
    let held: string | undefined;
    for (let round = 1; round <= 5; round += 1) {
      const { child, url } = await serve(dataDir);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const walSize = () => statSync(join(dataDir, 'trellis.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0;
      const walBefore = walSize();
      let killed = false;
      const writer = (async () => {
        for (let n = 0; !killed; n += 1) {
          const id = `svc-ack-${round}-${n}`;
          const res = await fetch(`${url}/api/v1/cis`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, type: 'Service', name: id }) }).catch(() => undefined);
          if (res?.status === 201) acknowledged.push(id);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const importing = fetch(`${url}/api/v1/imports?kind=terraform&name=killed.tfstate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: state(`r${round}`) })
        .then((res) => (res.status === 200 ? 'answered' : `status ${res.status}`), () => 'cut off');
      // Kill once the import's transaction has put pages in the write-ahead log, or when it answered first.
      // No deadline of its own: on a busy machine reading and planning may take minutes; the test's timeout bounds it.
      let answered = false;
      void importing.finally(() => (answered = true));
      while (!answered && walSize() <= walBefore + 16 * 2 ** 20) await new Promise((resolve) => setTimeout(resolve, 5));
      killed = true;
      child.kill('SIGKILL');
      await exited;
      outcomes.push(`${await importing}`);
      await writer;

      const store = new EmbeddedGraphStore({ dataDir, lazyIndex: true });
      try {
        // The run of each security group, read from the store itself.
        const runs = new Map<string, number>();
        for (let after: string | undefined, page; (page = await store.scanCIs(after, 5000)).length; after = page.at(-1)!.id) {
          for (const ci of page) {
            const run = (ci.attributes.tags as { run?: string } | undefined)?.run;
            if (run) runs.set(run, (runs.get(run) ?? 0) + 1);
          }
        }
        const tagged = async (tag: string) => runs.get(tag) ?? 0;
        const groups = async () => [...runs.values()].reduce((a, b) => a + b, 0);
        const now = await tagged(`r${round}`);
        if (now === size) held = `r${round}`;
        // Whole or absent: this run's tag on every group, or on none and the store as the previous round left it.
        expect(now === size || now === 0, `round ${round}: ${now} groups of this run`).toBe(true);
        expect(held ? await tagged(held) : await groups(), `round ${round}: the store holds ${held ?? 'no run'} whole`).toBe(held ? size : 0);
        const found = new Set((await store.findCIs(acknowledged)).map((ci) => ci.id));
        expect(acknowledged.filter((id) => !found.has(id)), `round ${round}: acknowledged writes`).toEqual([]);
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    // The proof is the kill while the import writes: an import refused before it wrote (a 409) proves nothing.
    expect(outcomes.filter((outcome) => outcome === 'cut off').length, `outcomes: ${outcomes.join(', ')}`).toBeGreaterThan(0);
    console.info(`server killed 5 times during an import of ${size}: ${outcomes.join(', ')}; held after the last: ${held ?? 'none'}; ${acknowledged.length} acknowledged writes all kept`);
  }, 900_000);
});
