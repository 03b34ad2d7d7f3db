import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { freePort, isInstalled } from './localTools.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the AWS API emulator (moto) the AWS tests use, or '' when none could be had (never when CI=true). */
    motoEndpoint: string;
  }
}

/**
 * Gives the AWS importer tests a real AWS API emulator: MOTO_ENDPOINT when set;
 * otherwise `moto_server` (pip install 'moto[server]') started on 127.0.0.1.
 * Without it, a loud warning, and under CI=true a failed run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.MOTO_ENDPOINT) {
    project.provide('motoEndpoint', process.env.MOTO_ENDPOINT);
    return undefined;
  }
  if (!isInstalled('moto_server')) {
    const message = "AWS importer tests NOT RUN: no MOTO_ENDPOINT and no moto_server (pip install 'moto[server]')";
    if (process.env.CI === 'true') throw new Error(`${message} (CI=true requires it)`);
    console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n${'!'.repeat(78)}\n`);
    project.provide('motoEndpoint', '');
    return undefined;
  }
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not start on ${endpoint}:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.info(`moto ready at ${endpoint} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('motoEndpoint', endpoint);
  return async () => {
    child.kill('SIGTERM');
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/moto-api/`)).status < 500;
  } catch {
    return false;
  }
}
