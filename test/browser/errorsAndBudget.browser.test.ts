import { describe, expect, it } from 'vitest';
import { mapReady, screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

describe.skipIf(!explorer.available)('errors and the node budget', () => {
  it('says clearly that an unknown CI does not exist, and offers a search', async () => {
    const { page } = await explorer.get().open('/ci/no-such-ci');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('No CI has the id "no-such-ci"');
    expect(await alert.textContent()).toContain('CI "no-such-ci" does not exist');
    expect(await page.getByRole('link', { name: 'Search for it' }).getAttribute('href')).toBe('/search?q=no-such-ci');
    await screenshot(page, 'errors-1-unknown-ci');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows the API problem of a failing request, never a blank page', async () => {
    const { page } = await explorer.get().open('/upstream?s=svc-checkout&s=no-such-ci');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/The upstream analysis failed \(HTTP 404, not_found\).*no-such-ci/);
    const map = await explorer.get().open('/map?ci=svc-checkout&depth=99');
    await map.page.getByText(/depth=99 is outside 0\.\.10; using 10/).waitFor();
  });

  it('cuts a large map to its budget, says so, and shows what a node hides on request', async () => {
    const { page, errors } = await explorer.get().open('/map?ci=svc-checkout&depth=4&budget=20');
    const cut = await mapReady(page);
    expect(cut.nodes).toBe(20);
    const notice = await page.getByRole('status').filter({ hasText: 'Showing 20 of' }).textContent();
    const total = Number(notice!.match(/Showing 20 of (\d+) CIs/)![1]);
    expect(total).toBeGreaterThan(20);
    await screenshot(page, 'errors-2-budget');

    // Keyboard route to a node that hides neighbours: the list of drawn nodes says which do.
    const picker = page.getByLabel('Select a node on the map');
    const hiding = await picker.locator('option', { hasText: 'more not drawn' }).first();
    const value = (await hiding.getAttribute('value'))!;
    const hidden = Number((await hiding.textContent())!.match(/: (\d+) more not drawn/)![1]);
    await picker.selectOption(value);
    await page.getByRole('button', { name: `Show ${hidden} more` }).click();
    await page.waitForURL(/more=/);
    const more = await mapReady(page);
    expect(more.nodes).toBe(20 + hidden);
    expect(errors).toEqual([]);
  });
});
