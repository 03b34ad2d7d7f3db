import { describe, expect, it } from 'vitest';
import { screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

/** With no authentication configured, the header says so, nobody signs in, and every action is offered. */
describe.skipIf(!explorer.available)('open mode', () => {
  it('says there is no sign-in, offers neither sign-in nor sign-out, and leaves importing available', async () => {
    const { page, errors } = await explorer.get().open('/imports');
    const header = page.getByRole('banner');
    await header.getByText('Open mode: no sign-in configured').waitFor();
    expect(await header.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    expect(await header.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Import a file' }).waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    expect(await page.getByLabel(/^File/).isDisabled()).toBe(false);
    expect(await page.getByRole('button', { name: 'Review what would retire' }).isDisabled()).toBe(false);
    await screenshot(page, 'open-mode-header');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
