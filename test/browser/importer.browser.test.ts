import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('applies an estate file whole, saying there is no dry run, and names the bad entry of a broken one', async () => {
    const { page, errors } = await explorer.get().open('/imports');
    const dir = mkdtempSync(join(tmpdir(), 'trellis-estate-upload-'));
    const good = join(dir, 'team.yaml');
    writeFileSync(good, 'version: 1\nsource: browser-test\ncis:\n  - { id: team-browser, type: Team, name: Browser Team }\n');
    await page.getByLabel(/^File/).setInputFiles(good);
    await page.getByText(/applied whole, all or nothing/).waitFor();
    await page.getByRole('button', { name: 'Apply the estate file' }).click();
    await page.getByText('Applied: team.yaml').waitFor();
    expect(await explorer.get().server.store.findCI('team-browser')).toMatchObject({ name: 'Browser Team' });

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\ncis:\n  - { id: x, type: Spaceship, name: X }\n');
    await page.getByLabel(/^File/).setInputFiles(bad);
    await page.getByRole('button', { name: 'Apply the estate file' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/bad\.yaml was not applied.*cis\[0\]/);
    expect(await explorer.get().server.store.findCI('x')).toBeUndefined();
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
