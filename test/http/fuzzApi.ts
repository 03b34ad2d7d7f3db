import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { isInstalled } from '../setup/localTools.ts';

/**
 * Fuzzes the running API from its own OpenAPI document with schemathesis (every
 * check, every operation, authenticated as an admin): no 5xx, and no response,
 * status, content type or header the document does not declare, and no
 * schema-valid request refused or schema-violating one taken, beyond the few
 * rules JSON Schema cannot state (test/http/schemathesisHooks.py lists them,
 * test/http/schemathesis.toml the statuses that are right answers besides the
 * defaults). Shared by the embedded store (fuzz.test.ts) and Neo4j
 * (fuzz.neo4j.test.ts).
 *
 * Nothing is excluded. /auth/login and /auth/callback answer 404 here (no
 * OpenID Connect issuer is configured), so they never redirect off this machine;
 * POST /auth/logout only clears a cookie this client does not use. The fuzzer
 * is kept from revoking its own token (see the hooks).
 *
 * Bounded by examples per operation, never by time: a fixed seed (TRELLIS_FUZZ_SEED
 * to change it), no health check that measures time, generous request timeouts and
 * a server deadline far past them, so that the verdict is the same on a slow machine.
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const checkout = fileURLToPath(new URL('../..', import.meta.url));
const seed = process.env.TRELLIS_FUZZ_SEED ?? '20261207';

/** The schemathesis CLI: on PATH (CI puts .cache/python/bin there), or in the checkout's own venv. */
export function schemathesisCommand(): string | undefined {
  if (isInstalled('schemathesis')) return 'schemathesis';
  const local = join(checkout, '.cache/python/bin/schemathesis');
  return existsSync(local) ? local : undefined;
}

/** Skips (loudly) without schemathesis, except under CI=true, where its absence fails the run. */
export function requireSchemathesis(): string | undefined {
  const command = schemathesisCommand();
  if (command) return command;
  const message = "API fuzzing NOT RUN: no schemathesis on PATH or in .cache/python (pip install schemathesis into the venv .ci/run makes)";
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true requires it)`);
  console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n${'!'.repeat(78)}\n`);
  return undefined;
}

/** Runs schemathesis against a server; resolves with its exit code and its whole report. */
function runSchemathesis(command: string, server: RunningServer, token: { secret: string; id: string }, examplesPerOperation: number): Promise<{ code: number | null; output: string }> {
  const args = [
    '--config-file', join(here, 'schemathesis.toml'), '--no-color',
    'run', `${server.url}/api/v1/openapi.json`,
    '--header', `Authorization: Bearer ${token.secret}`,
    '--checks', 'all',
    '--max-examples', String(examplesPerOperation),
    '--seed', seed,
    '--generation-database', 'none',
    // Hypothesis health checks that time generation would make the verdict depend on the machine's speed.
    '--suppress-health-check', 'all',
    '--request-timeout', '300',
    // One worker: Python 3.11 before 3.11.9 raises "AST constructor recursion depth mismatch"
    // when two threads parse source at once, which Hypothesis does to describe strategies.
    '--workers', '1',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: checkout,
      env: { ...process.env, SCHEMATHESIS_HOOKS: join(here, 'schemathesisHooks.py'), TRELLIS_FUZZ_TOKEN_ID: token.id, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The report's summary lines, for the test log. */
/**
 * Schemathesis's summary, without its `=== 2 warnings in 39s ===` rules: CI log readers take a
 * line of that shape for pytest's closing line and would count a run of no test.
 */
function summaryOf(output: string): string {
  const at = output.lastIndexOf('SUMMARY');
  const summary = at < 0 ? output.slice(-3000) : output.slice(output.lastIndexOf('\n', at - 40) + 1);
  return summary.split('\n').filter((line) => !/^\s*=+.*=+\s*$/.test(line)).map((line) => `  | ${line}`).join('\n');
}

/**
 * Fuzzes a Trellis server on the store `storeEnv` names (TRELLIS_DATA or NEO4J_URI), with the demo
 * estate loaded, `defaultExamples` examples per operation (TRELLIS_FUZZ_EXAMPLES to change it).
 */
export function describeApiFuzzing(storeName: string, storeEnv: (() => Promise<Record<string, string>>) | undefined, defaultExamples: number): void {
  const examples = Number(process.env.TRELLIS_FUZZ_EXAMPLES ?? defaultExamples);
  const command = storeEnv === undefined ? undefined : requireSchemathesis();
  describe.skipIf(!command || !storeEnv)(`API fuzzing with schemathesis (${storeName})`, () => {
    let server: RunningServer;
    let token: { secret: string; id: string };
    let logged: string[] = [];

    beforeAll(async () => {
      const config = loadConfig({
        ...(await storeEnv!()),
        TRELLIS_AUTH: 'required', TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0', TRELLIS_CHECK_RESPONSES: 'true',
        // The verdict must not depend on the machine's speed: no request meets its deadline.
        TRELLIS_REQUEST_TIMEOUT_MS: '600000',
      });
      // Errors the server logs (an unhandled error is a 500 too) go with the report.
      const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
      server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, logger);
      const created = await createApiToken(server.store, { name: 'fuzzer', role: 'admin' }, { actor: 'cli:test', clientAddress: 'local', requestId: 'fuzz' });
      token = { secret: created.secret, id: created.token.id };
      logged = [];
    }, 300_000);
    afterAll(async () => server?.stop());

    it('answers every generated request as its document says: no 5xx, no undocumented answer', async () => {
      const { code, output } = await runSchemathesis(command!, server, token, examples);
      console.info(`schemathesis against the ${storeName} store:\n${summaryOf(output)}`);
      const serverErrors = logged.map((line) => JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } });
      const report = `${output}\n\nserver errors logged:\n${serverErrors.map((e) => `${e.msg}: ${e.err?.stack ?? e.err?.message ?? ''}`).join('\n')}`;
      expect(output, 'schemathesis did not report a run').toMatch(/API Operations:/);
      expect({ exitCode: code, serverErrors: serverErrors.length }, report).toEqual({ exitCode: 0, serverErrors: 0 });
      // The fuzzer kept its credential: the run tested the API, not a 401.
      expect((await fetch(`${server.url}/api/v1/overview`, { headers: { authorization: `Bearer ${token.secret}` } })).status).toBe(200);
    }, 1_800_000);
  });
}

/** A fresh directory for an embedded store. */
export function embeddedStoreEnv(): Promise<Record<string, string>> {
  return Promise.resolve({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-fuzz-')) });
}
