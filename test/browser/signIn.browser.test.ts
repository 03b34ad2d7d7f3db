import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { launchBrowser } from '../../scripts/launchBrowser.ts';
import { freePort } from '../setup/localTools.ts';
import { startOidcProvider, type StartedProvider, type TestUser } from '../support/oidcProvider.ts';
import { screenshot, seriousAccessibilityViolations } from './explorerHarness.ts';

const available = inject('chromium') !== '';
const state = fileURLToPath(new URL('../corpus/tfstate/driftctl__aws_lb_listener-terraform.tfstate', import.meta.url));
const users: TestUser[] = [
  { sub: 'vic', name: 'Vic Viewer', groups: [] },
  { sub: 'ida', name: 'Ida Importer', groups: ['cmdb-importers'] },
];


/**
 * Signing in to the explorer against a real OpenID Connect provider started
 * here: the person clicks "Sign in", logs in at the provider's own form, comes
 * back signed in with the role their groups map to, sees what that role may
 * not do, imports when it may (writes carrying the session's CSRF token), and
 * signs out.
 */
describe.skipIf(!available)('signing in to the explorer', () => {
  let issuer: StartedProvider;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    issuer = await startOidcProvider({ users });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const { clientId, clientSecret } = await issuer.registerClient({ redirectUris: [`${publicUrl}/auth/callback`] });
    const config = loadConfig({
      TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-sign-in-')), TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0', LOG_LEVEL: 'silent',
      TRELLIS_OIDC_ISSUER: issuer.issuer, TRELLIS_OIDC_AUDIENCE: 'urn:trellis:api', TRELLIS_OIDC_CLIENT_ID: clientId, TRELLIS_OIDC_CLIENT_SECRET: clientSecret,
      TRELLIS_PUBLIC_URL: publicUrl, TRELLIS_OIDC_ROLE_MAP: '{"cmdb-importers":"importer"}',
    });
    server = await startServer({ ...config, http: { host: '127.0.0.1', port } }, pino({ level: 'silent' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await issuer?.stop();
  });

  /** A fresh browser (its own cookies, at the provider too) at 1280x720 on `path`, recording console errors. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} at ${message.location().url}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}${path}`);
    return { page, errors };
  }

  /** Clicks "Sign in" in the header and logs in at the provider's form; back on the page it came from. */
  async function signIn(page: Page, login: string): Promise<void> {
    const cameFrom = new URL(page.url());
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === issuer.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === server.url && url.pathname === cameFrom.pathname);
    expect(new URL(page.url()).search).toBe(cameFrom.search);
  }

  /**
   * What the browser's console may say: the 401s the explorer's pages answer
   * with "Sign in" while signed out, and the provider's missing favicon.
   */
  const expectedError = (message: string) => /status of 401/.test(message) || message.endsWith(` at ${issuer.issuer}/favicon.ico`);

  /** What GET /api/v1/session says to this page's browser. */
  const sessionOf = (page: Page) => page.evaluate(async () => (await fetch('/api/v1/session')).json());

  it('a viewer sees "Sign in", signs in at the provider, is told the role may not import, and signs out', async () => {
    const { page, errors } = await open('/');
    const header = page.getByRole('banner');
    const signInLink = header.getByRole('link', { name: 'Sign in' });
    await signInLink.waitFor();
    // Every page's data needs sign-in: the page says so once, with a link back here, instead of a broken page.
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Sign in to see the graph' }).waitFor();
    expect(await main.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/auth/login?returnTo=%2F');
    expect(await header.getByText('Open mode').count()).toBe(0);
    await screenshot(page, 'sign-in-1-signed-out');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await header.getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL(`${server.url}/imports`);
    expect(await signInLink.getAttribute('href')).toBe('/auth/login?returnTo=%2Fimports');
    await signIn(page, 'vic');

    await header.getByText('Vic Viewer').waitFor();
    expect(await header.locator('.roles').textContent()).toBe('viewer');
    expect(await header.locator('.who').textContent()).toBe('Signed in as Vic Viewer, role: viewer');
    const note = page.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Your role (viewer) may read but not import: that needs the importer or admin role.');
    expect(await page.getByLabel(/^File/).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Review changes (dry run)' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Review what would retire' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Review what would retire' }).getAttribute('aria-describedby')).toBe('import-unavailable');
    // Reading still works: every panel loads, none asks to sign in.
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await expect.poll(() => page.locator('main .loading').count()).toBe(0);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);
    await page.getByRole('heading', { name: 'Stale CIs' }).waitFor();
    await screenshot(page, 'sign-in-2-signed-in-viewer');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await sessionOf(page)).toMatchObject({ signedIn: true, via: 'session', user: { actor: 'oidc:vic', roles: ['viewer'] }, permissions: ['read'] });

    await header.getByRole('button', { name: 'Sign out' }).click();
    await signInLink.waitFor();
    expect(await header.getByText('Vic Viewer').count()).toBe(0);
    expect(await sessionOf(page)).toMatchObject({ authRequired: true, signedIn: false, permissions: [] });
    expect(await page.evaluate(async () => (await fetch('/api/v1/overview')).status)).toBe(401);
    expect(errors.filter((e) => !expectedError(e))).toEqual([]);
  });

  it('an importer signs in, reviews a Terraform state\'s dry run and applies it as themselves; when the session ends, the explorer asks to sign in again', async () => {
    const { page, errors } = await open('/imports');
    await signIn(page, 'ida');
    const header = page.getByRole('banner');
    await header.getByText('Ida Importer').waitFor();
    expect(await header.locator('.roles').textContent()).toBe('importer');
    expect(await page.getByRole('note').count()).toBe(0);
    const before = (await server.store.countAll()).cis;

    await page.getByLabel(/^File/).setInputFiles(state);
    await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
    await page.getByText(/^Dry run of driftctl__aws_lb_listener-terraform.tfstate/).waitFor();
    expect((await server.store.countAll()).cis).toBe(before); // a dry run writes nothing
    await screenshot(page, 'sign-in-3-importer-dry-run');

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Applied: driftctl__aws_lb_listener-terraform.tfstate/).waitFor();
    expect((await server.store.countAll()).cis).toBeGreaterThan(before);
    await page.getByRole('cell', { name: 'oidc:ida' }).first().waitFor(); // the run is recorded as the person who signed in

    // The session ends (here: its cookie is gone): the next page's requests answer 401, and the explorer asks to sign in again.
    await page.context().clearCookies();
    await header.getByRole('link', { name: 'Service map' }).click();
    await page.getByRole('main').getByRole('heading', { name: 'Sign in to see the graph' }).waitFor();
    expect(await header.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/auth/login?returnTo=%2Fservices');
    expect(await header.getByText('Ida Importer').count()).toBe(0);
    expect(errors.filter((e) => !expectedError(e))).toEqual([]);
  });
});
