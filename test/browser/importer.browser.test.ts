import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();
const state = fileURLToPath(new URL('../corpus/tfstate/driftctl__aws_lb_listener-terraform.tfstate', import.meta.url));

describe.skipIf(!explorer.available)('the importer', () => {
  it('uploads a Terraform state, reviews the dry-run diff, applies it, then finds a new CI and its source', async () => {
    const { page, errors } = await explorer.get().open('/imports');
    await page.getByLabel(/^File/).setInputFiles(state);
    await page.getByRole('button', { name: 'Review changes (dry run)' }).click();
    await page.getByText(/^Dry run of driftctl__aws_lb_listener-terraform.tfstate/).waitFor();
    const created = (await page.locator('h3:text-matches("^Created [(]") + ul li').allTextContents()).length;
    expect(await page.getByRole('heading', { name: /^Relationships created \(\d+\)$/ }).isVisible()).toBe(true);
    expect(created).toBeGreaterThan(0);
    expect(await explorer.get().server.store.countAll()).toMatchObject({ cis: 261 }); // a dry run writes nothing
    await screenshot(page, 'importer-1-dry-run');

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Applied: driftctl__aws_lb_listener-terraform.tfstate/).waitFor();
    expect((await explorer.get().server.store.countAll()).cis).toBe(261 + created);
    const newId = (await page.getByRole('link', { name: /^arn:|^tf:/ }).first().textContent())!;
    expect(await page.getByRole('table').first().textContent()).toContain('driftctl__aws_lb_listener-terraform.tfstate');

    await page.locator('#global-search').fill(newId);
    await page.getByRole('option').first().waitFor();
    await page.locator('#global-search').press('Enter');
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/ci/${newId}`);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    expect(await page.getByRole('cell', { name: /^terraform:/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'importer-2-new-ci');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
