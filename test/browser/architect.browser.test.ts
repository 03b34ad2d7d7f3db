import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapReady, screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

describe.skipIf(!explorer.available)('the architect', () => {
  it('finds checkout on the service map, then maps it, filters, changes layout, rolls up, exports, and a shared link reproduces the view', async () => {
    const { page, errors } = await explorer.get().open('/services');
    const serviceMap = await mapReady(page);
    expect(serviceMap.nodes).toBeGreaterThan(54); // 54 services and the team boxes around them
    await page.getByLabel('Find a service').fill('svc-checkout');
    await expect.poll(() => page.getByRole('heading', { name: 'Checkout', exact: true }).isVisible()).toBe(true);
    expect(page.url()).toContain('sel=svc-checkout');
    await screenshot(page, 'architect-1-service-map');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The global search: `/` focuses it, Enter opens the highlighted result.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await page.keyboard.type('svc-checkout');
    await page.getByRole('option', { name: /Checkout/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ci\/svc-checkout$/);
    await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Open its map' }).click();
    await page.waitForURL(/\/map\?ci=svc-checkout$/);
    const first = await mapReady(page);
    expect(await page.getByLabel('Depth').inputValue()).toBe('2');
    expect(first.engine).toBe('ELK layered');

    // The map's checkboxes show the view in the URL: a click is checked once the URL says so (check() would
    // look at the box before the navigation it starts has re-rendered it, which on a busy machine it may not have).
    const production = page.getByRole('checkbox', { name: /^production/ });
    await production.click();
    await page.waitForURL(/env=production/);
    await expect.poll(() => production.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Force' }).click();
    await page.waitForURL(/layout=force/);
    expect((await mapReady(page)).engine).toBe('fcose');

    const collapse = page.getByRole('checkbox', { name: /Collapse API gateway nodes/ });
    await collapse.click();
    await page.waitForURL(/collapse=group:grp-api-gateway/);
    await expect.poll(() => collapse.isChecked()).toBe(true);
    const rolledUp = await mapReady(page);
    expect(rolledUp.nodes).toBeLessThan(first.nodes);
    await screenshot(page, 'architect-2-neighbourhood-rolled-up');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('trellis-map-svc-checkout.png');
    expect(readFileSync((await download.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const shared = page.url();
    const again = await explorer.get().open(new URL(shared).pathname + new URL(shared).search);
    const reloaded = await mapReady(again.page);
    expect(reloaded).toEqual(rolledUp);
    expect(await again.page.getByRole('checkbox', { name: /^production/ }).isChecked()).toBe(true);
    expect(await again.page.getByRole('checkbox', { name: /Collapse API gateway nodes/ }).isChecked()).toBe(true);
    expect(await again.page.getByRole('button', { name: 'Force' }).getAttribute('aria-pressed')).toBe('true');
    expect(await seriousAccessibilityViolations(again.page)).toEqual([]);
    expect([...errors, ...again.errors]).toEqual([]);
  });
});
