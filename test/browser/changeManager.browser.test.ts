import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapReady, screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

describe.skipIf(!explorer.available)('the change manager', () => {
  it('selects the shared database cluster, sees the tier-1 services down with the chain that explains each, and exports them as CSV', async () => {
    const { page, errors } = await explorer.get().open('/impact');
    await page.getByText('Choose the CIs a change takes down or degrades').waitFor();
    const picker = page.locator('#add-targets');
    await picker.fill('grp-pg-main');
    await page.getByRole('option', { name: /Central PostgreSQL cluster/ }).waitFor();
    await picker.press('Enter');
    await page.waitForURL(/\/impact\?t=grp-pg-main$/);
    const map = await mapReady(page);
    expect(map.nodes).toBeGreaterThan(50);

    const services = page.getByRole('tabpanel');
    const checkout = services.getByRole('row', { name: /^Checkout/ });
    await expect.poll(() => checkout.textContent()).toContain('Down');
    expect(await checkout.textContent()).toContain('Tier 1');
    await checkout.getByRole('button', { name: 'Checkout' }).click();
    await page.waitForURL(/sel=svc-checkout/);
    const why = page.getByRole('heading', { name: 'Why Checkout is down' });
    await why.waitFor();
    const chain = await page.locator('#summary-title ~ div ol li').allTextContents();
    expect(chain[0]).toContain('Central PostgreSQL cluster');
    expect(chain.at(-1)).toContain('Checkout');
    await screenshot(page, 'change-manager-impact');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export services as CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,name,state,criticality,depth,explanation');
    expect(csv).toMatch(/\r\nsvc-checkout,Checkout,down,1,\d+,grp-pg-main > [^\r]* > svc-checkout\r\n/);

    // The analysis is in the URL: a reload shows the same selection and chain.
    await page.reload();
    await why.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
