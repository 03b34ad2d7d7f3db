import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';
import { terraformState } from '../../bench/syntheticSources.ts';

const canary = 'CANARY-7f3a9c-do-not-store';

/** A state that carries the canary everywhere a secret hides in Terraform. */
const stateWithSecrets = JSON.stringify({
  version: 4,
  terraform_version: '1.6.0',
  lineage: 'canary-lineage',
  outputs: { db_password: { value: canary, type: 'string', sensitive: true } },
  resources: [
    {
      mode: 'managed', type: 'aws_db_instance', name: 'main', provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{
        attributes: {
          arn: 'arn:aws:rds:eu-west-1:111122223333:db:main', id: 'main', engine: 'postgres', password: canary, master_password: canary,
          tags: { Name: 'main-db', api_token: canary }, endpoint: 'main.example.internal:5432', user_data: canary,
        },
        sensitive_attributes: [[{ type: 'get_attr', value: 'password' }], [{ type: 'get_attr', value: 'endpoint' }]],
      }],
    },
    {
      mode: 'managed', type: 'aws_secretsmanager_secret_version', name: 'v', provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ attributes: { arn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf', id: 'db|v1', secret_string: canary, secret_binary: canary } }],
    },
  ],
});

describe('trellis import terraform on the embedded store', () => {
  it('imports every corpus state, and a second import of the same files changes nothing', async () => {
    const env = { TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-tf-')) };
    const first = await runCli(['import', 'terraform', join(corpusDir, 'tfstate'), '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const runs = parseAll(first.stdout);
    expect(runs).toHaveLength(readdirSync(join(corpusDir, 'tfstate')).length);
    const bucket = await runCli(['get', 'arn:aws:s3:::bucket-martin-test-drift2', '--json'], env);
    expect(JSON.parse(bucket.stdout)).toMatchObject({
      ci: { type: 'Component', attributes: { kind: 'storage', 'terraform.address': 'aws_s3_bucket.bucket2', 'trellis.sources': ['terraform:b4b284a7-9835-6ae1-b6c5-21100080f61e'] } },
      incoming: expect.arrayContaining([expect.objectContaining({ type: 'DEPENDS_ON', from: expect.stringContaining('inventory-cls-test2bucket2') })]),
    });
    // The azurerm file has the same lineage as the load balancer's file and comes after it:
    // as the newer reading of that state, it withdraws the load balancer, which stays, flagged stale.
    const lb = await runCli(['get', 'arn:aws:elasticloadbalancing:us-east-1:533948124879:loadbalancer/app/test-lb-tf/168f3e312968e275', '--json'], env);
    expect(JSON.parse(lb.stdout).ci.attributes).toMatchObject({ kind: 'load_balancer', 'trellis.staleSince': expect.any(String) });
  });

  it('importing the same states again changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-tf-'));
    const env = { TRELLIS_DATA: join(dir, 'data') };
    // Files that share a lineage are successive readings of one state; leave those out here.
    const files = readdirSync(join(corpusDir, 'tfstate')).filter((name) => !sharedLineage(name)).map((name) => join(corpusDir, 'tfstate', name));
    for (const file of files) expect((await runCli(['import', 'terraform', file], env)).code).toBe(0);
    const exported = await runCli(['export'], env);
    const history = await runCli(['imports', '--json', '--limit', '1000'], env);
    for (const file of files) {
      const again = await runCli(['import', 'terraform', file, '--json'], env);
      expect(JSON.parse(again.stdout).run.counts, file).toMatchObject({ created: 0, updated: 0, withdrawn: 0, stale: 0 });
    }
    expect((await runCli(['export'], env)).stdout).toBe(exported.stdout);
    expect(JSON.parse(history.stdout).length).toBe(files.length);
    const listed = await runCli(['imports', '--limit', '100'], env);
    expect(listed.stdout).toContain('driftctl__aws_s3_full-terraform.tfstate');
  });

  it('a dry run prints the diff and writes nothing', async () => {
    const env = { TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-tf-')) };
    const file = join(corpusDir, 'tfstate', 'driftctl__v4-valid.tfstate');
    const dry = await runCli(['import', 'terraform', file, '--dry-run'], env);
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('Dry run (nothing written)') });
    expect(dry.stdout).toContain('+ arn:aws:ec2:eu-west-3:929327065333:instance/i-07dbbae1c3fc4c194');
    expect((await runCli(['search', '--json'], env)).stdout).toContain('"total": 0');
    expect((await runCli(['imports'], env)).stdout).toContain('No import runs yet.');
  });

  it('an unreadable state fails naming the file, writes nothing and is recorded as a failed run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-tf-'));
    const env = { TRELLIS_DATA: join(dir, 'data') };
    const file = join(dir, 'broken.tfstate');
    writeFileSync(file, readFileSync(join(corpusDir, 'tfstate', 'driftctl__aws_s3_full-terraform.tfstate'), 'utf8').slice(0, 5000));
    const result = await runCli(['import', 'terraform', file], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.tfstate: not a Terraform state: invalid JSON/);
    expect((await runCli(['search', '--json'], env)).stdout).toContain('"total": 0');
    expect((await runCli(['imports'], env)).stdout).toMatch(/terraform .*broken\.tfstate .*FAILED: .*invalid JSON/);
  });

  it('a state too large for the heap is refused up front, naming the file and what to do, instead of running out of memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-tf-'));
    const env = { TRELLIS_DATA: join(dir, 'data'), NODE_OPTIONS: '--max-old-space-size=150' };
    const file = join(dir, 'large.tfstate');
    // About 20 MB: more than a ninth of a 150 MiB old space (342 MiB heap limit).
    writeFileSync(file, terraformState(45_000, 1));
    const result = await runCli(['import', 'terraform', file], env);
    expect(result.code).toBe(2);
    // The file is named once, then its size, the bound and what to do.
    expect(result.stderr).toMatch(/large\.tfstate: \d+ bytes, over the limit of \d+ bytes: this process's V8 heap limit \(\d+ MiB\) holds terraform files up to \d+ bytes; .*about 9x the file/);
    expect(result.stderr.split('large.tfstate')).toHaveLength(2);
    expect(result.stderr).toContain('--max-old-space-size');
    expect((await runCli(['search', '--json'], env)).stdout).toContain('"total": 0');
  });

  it('a directory with one unreadable state imports the others, names the bad one and fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-tf-'));
    const states = join(dir, 'states');
    mkdirSync(states);
    writeFileSync(join(states, 'a-broken.tfstate'), '{"version": 4, "resources": [');
    writeFileSync(join(states, 'b-good.tfstate'), readFileSync(join(corpusDir, 'tfstate', 'driftctl__v4-valid.tfstate')));
    const result = await runCli(['import', 'terraform', states], { TRELLIS_DATA: join(dir, 'data') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a-broken\.tfstate: not a Terraform state: invalid JSON/);
    expect(result.stderr).toContain('some files were not imported');
    expect(result.stdout).toContain('Imported');
    const listed = (await runCli(['imports'], { TRELLIS_DATA: join(dir, 'data') })).stdout;
    expect(listed).toMatch(/a-broken\.tfstate .*FAILED: .*invalid JSON/);
    expect(listed).toMatch(/b-good\.tfstate .*1 created/);
  });

  it('never lets a secret into the store, the API, the CLI output or the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-tf-'));
    const dataDir = join(dir, 'data');
    const file = join(dir, 'secrets.tfstate');
    writeFileSync(file, stateWithSecrets);
    const imported = await runCli(['import', 'terraform', file, '--json'], { TRELLIS_DATA: dataDir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout + imported.stderr).not.toContain(canary);
    const shown = await runCli(['get', 'arn:aws:rds:eu-west-1:111122223333:db:main', '--json'], { TRELLIS_DATA: dataDir });
    expect(JSON.parse(shown.stdout).ci.attributes).toMatchObject({ engine: 'postgres', tags: { Name: 'main-db' } });
    expect(shown.stdout).not.toContain(canary);
    // Every byte the store wrote (database, WAL), and everything the API serves.
    for (const name of readdirSync(dataDir)) expect(readFileSync(join(dataDir, name)).includes(canary), name).toBe(false);
    const logs: string[] = [];
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _encoding, done) => done(void logs.push(String(chunk))) }));
    const config = loadConfig({ TRELLIS_DATA: dataDir, HOST: '127.0.0.1' });
    const server = await startServer({ ...config, http: { ...config.http, port: 0 } }, logger);
    try {
      for (const path of ['/api/v1/cis', '/api/v1/estate?format=json', '/api/v1/imports', `/api/v1/cis/${encodeURIComponent('arn:aws:rds:eu-west-1:111122223333:db:main')}`]) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        expect(await response.text(), path).not.toContain(canary);
      }
    } finally {
      await server.stop();
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(canary);
  });
});

/** `--json` prints one pretty JSON value per imported file. */
function parseAll(stdout: string): { run: { input: string; counts: Record<string, number> } }[] {
  return stdout.split(/\n(?=\{)/).filter((part) => part.trim()).map((part) => JSON.parse(part));
}

/** Corpus files that reuse another file's lineage: each import of one withdraws the other's resources. */
function sharedLineage(input: string): boolean {
  return /azurerm_network_security_group|aws_lb_listener|inframap__empty|version_3_state|v3-simple|v4-legacy-modules/.test(input);
}
