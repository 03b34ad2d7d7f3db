import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { launchBrowser } from '../../scripts/launchBrowser.ts';
import { freePort } from '../setup/localTools.ts';
import { startOidcProvider, type StartedProvider, type TestUser } from '../support/oidcProvider.ts';

/** A Trellis that requires sign-in, with the demo estate, a real OpenID Connect provider and a browser, for one test file. */
export interface SignedInExplorer {
  url: string;
  server: RunningServer;
  /** A fresh browser context (its own cookies) at 1280x720 on `path`, recording console errors. */
  open: (path: string) => Promise<{ page: Page; errors: string[] }>;
  /** Clicks "Sign in" in the header and logs in at the provider's form as `login`; back on the same page and query. */
  signIn: (page: Page, login: string) => Promise<void>;
  /** Console errors a signed-out page expects (its 401s, the provider's missing favicon). */
  expectedError: (message: string) => boolean;
}

/**
 * Starts a local OpenID Connect provider with `users`, and Trellis on a fresh
 * embedded store with the demo estate and sign-in through that provider (groups
 * mapped to roles by `roleMap`; other groups are Team CI ids), and Chromium;
 * stops them all afterwards. `available` is false without Chromium (outside CI).
 */
export function useSignedInExplorer(users: TestUser[], roleMap: Record<string, string>): { available: boolean; get: () => SignedInExplorer } {
  const available = inject('chromium') !== '';
  let issuer: StartedProvider | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let explorer: SignedInExplorer | undefined;
  beforeAll(async () => {
    if (!available) return;
    issuer = await startOidcProvider({ users });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const { clientId, clientSecret } = await issuer.registerClient({ redirectUris: [`${publicUrl}/auth/callback`] });
    const config = loadConfig({
      TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-signed-in-')), TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0', LOG_LEVEL: 'silent',
      TRELLIS_OIDC_ISSUER: issuer.issuer, TRELLIS_OIDC_AUDIENCE: 'urn:trellis:api', TRELLIS_OIDC_CLIENT_ID: clientId, TRELLIS_OIDC_CLIENT_SECRET: clientSecret,
      TRELLIS_PUBLIC_URL: publicUrl, TRELLIS_OIDC_ROLE_MAP: JSON.stringify(roleMap),
    });
    const running = await startServer({ ...config, http: { host: '127.0.0.1', port } }, pino({ level: 'silent' }));
    server = running;
    const chromium = await launchBrowser();
    browser = chromium;
    const provider = issuer;
    const open = async (path: string) => {
      const context = await chromium.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} at ${message.location().url}`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${running.url}${path}`);
      return { page, errors };
    };
    const signIn = async (page: Page, login: string) => {
      const cameFrom = new URL(page.url());
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin === provider.issuer);
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin === running.url && url.pathname === cameFrom.pathname);
      expect(new URL(page.url()).search).toBe(cameFrom.search);
    };
    const expectedError = (message: string) => /status of 401/.test(message) || message.endsWith(` at ${provider.issuer}/favicon.ico`);
    explorer = { url: running.url, server: running, open, signIn, expectedError };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await issuer?.stop();
  });
  return { available, get: () => explorer! };
}
