import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { launchBrowser } from '../../scripts/launchBrowser.ts';

/** Where the browser tests leave their screenshots, to be looked at after a run. */
export const screenshotDir = resolve(fileURLToPath(new URL('../../.artifacts/screenshots', import.meta.url)));

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A running Trellis with the demo estate and a browser on it, for one test file. */
export interface Explorer {
  url: string;
  server: RunningServer;
  browser: Browser;
  /** Opens a page at 1280x720 that records console errors and failed requests. */
  open: (path: string) => Promise<ExplorerPage>;
}

export interface ExplorerPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/**
 * Starts, for the calling test file, Trellis on a fresh embedded store with the
 * demo estate and a headless Chromium, and stops both afterwards. With no
 * Chromium (outside CI only, see explorerGlobalSetup) `available` is false and
 * the file's tests are skipped with the global setup's loud warning.
 */
export function useExplorer(): { available: boolean; get: () => Explorer } {
  const available = inject('chromium') !== '';
  let explorer: Explorer | undefined;
  beforeAll(async () => {
    if (!available) return;
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-browser-')), TRELLIS_DEMO: 'true', LOG_LEVEL: 'silent' });
    const server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
    const browser = await launchBrowser();
    const open = async (path: string) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}${path}`);
      return { page, errors };
    };
    explorer = { url: server.url, server, browser, open };
  });
  afterAll(async () => {
    await explorer?.browser.close();
    await explorer?.server.stop();
  });
  return { available, get: () => explorer! };
}

/** Saves a screenshot of the page as an artifact (`.artifacts/screenshots/<name>.png`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Waits until the map on the page has been laid out and drawn. */
export async function mapReady(page: Page): Promise<{ nodes: number; engine: string }> {
  const canvas = page.getByTestId('map-canvas');
  await expect.poll(async () => canvas.getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
  await expect.poll(async () => canvas.getAttribute('data-engine'), { timeout: 60_000 }).not.toBe('');
  return { nodes: Number(await canvas.getAttribute('data-nodes')), engine: (await canvas.getAttribute('data-engine')) ?? '' };
}

/** Runs axe-core on the page; returns the serious and critical violations, each as `rule: target`. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated by the test, not added as an inline <script>: the server's Content-Security-Policy (script-src 'self') rightly refuses those.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
