import type { TestProject } from 'vitest/node';
import { buildExplorer, explorerIsStale } from '../../scripts/buildExplorer.ts';
import { chromiumPath } from '../../scripts/launchBrowser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium the explorer's browser tests drive, or '' when none was found (never when CI=true). */
    chromium: string;
  }
}

/**
 * Gives the explorer's browser tests a built explorer (built here when its
 * sources changed) and Debian's Chromium. Without Chromium, a loud warning, and
 * under CI=true a failed run.
 */
export default async function setup(project: TestProject): Promise<void> {
  const chromium = chromiumPath();
  if (!chromium) {
    const message = "explorer browser tests NOT RUN: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)";
    if (process.env.CI === 'true') throw new Error(`${message} (CI=true requires it)`);
    console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n${'!'.repeat(78)}\n`);
    project.provide('chromium', '');
    return;
  }
  if (explorerIsStale()) {
    const started = Date.now();
    await buildExplorer();
    console.info(`explorer built for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  project.provide('chromium', chromium);
}
