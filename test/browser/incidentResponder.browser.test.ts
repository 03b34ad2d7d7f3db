import { describe, expect, it } from 'vitest';
import { mapReady, screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

describe.skipIf(!explorer.available)('the incident responder', () => {
  it('picks two failing services and sees a dependency they share ranked first, with its reason', async () => {
    const { page, errors } = await explorer.get().open('/upstream');
    const picker = page.locator('#add-failing');
    for (const id of ['svc-checkout', 'svc-storefront-web']) {
      await picker.fill(id);
      await page.getByRole('option', { name: new RegExp(id) }).waitFor();
      await picker.press('Enter');
    }
    await page.waitForURL(/\/upstream\?s=svc-checkout&s=svc-storefront-web$/);
    await mapReady(page);
    const first = page.getByRole('complementary', { name: 'Candidate causes' }).locator('ol > li').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('relied on by 2 of 2 symptomatic CIs (svc-checkout, svc-storefront-web)');
    await first.getByRole('button').click();
    await page.waitForURL(/sel=/);
    await screenshot(page, 'incident-responder-upstream');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
