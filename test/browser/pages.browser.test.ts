import { describe, expect, it } from 'vitest';
import { screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

describe.skipIf(!explorer.available)('every page, by keyboard and for accessibility', () => {
  it('home: the estate at a glance, and the type-ahead driven from the keyboard alone', async () => {
    const { page, errors } = await explorer.get().open('/');
    await page.getByRole('heading', { name: 'Tier-1 services' }).waitFor();
    expect(await page.getByText('CIs (embedded store)').isVisible()).toBe(true);
    // Home opens with its search focused: type at once.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('home-search');
    await page.keyboard.type('check');
    const options = page.getByRole('option');
    await options.first().waitFor();
    const names = await options.allTextContents();
    const index = names.findIndex((text) => text.startsWith('Checkout'));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
    expect(await page.locator('[role=option][aria-selected=true]').textContent()).toMatch(/^Checkout/);
    await screenshot(page, 'pages-1-home-type-ahead');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ci\/svc-checkout$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('search, imports and an unknown path pass axe with no serious or critical violation', async () => {
    for (const [path, ready] of [['/search?q=svc', 'Search'], ['/imports', 'Imports'], ['/no/such/page', 'There is no page here']] as const) {
      const { page, errors } = await explorer.get().open(path);
      await page.getByText(ready, { exact: true }).first().waitFor();
      // From the top of a page, the first Tab reaches the skip link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await seriousAccessibilityViolations(page) }).toEqual({ path, violations: [] });
      expect(errors).toEqual([]);
    }
  });
});
