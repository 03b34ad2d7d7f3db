import type { Page } from 'playwright-core';
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

/** Sends a JSON request from the page (open mode: no sign-in), failing on any refusal; answers the body. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, path, body }) => {
    const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'if-match': '*' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }, { method, path, body }) as Promise<T>;
}

/** An emergency change taking `target` down, carried through the API from request to implemented; answers its id. */
async function implementedChange(page: Page, title: string, target: string): Promise<string> {
  const { id } = await api<{ id: string }>(page, 'POST', '/api/v1/changes', { title, type: 'emergency', targets: [{ id: target, effect: 'down' }], window: { start: '2037-05-12T02:00:00Z', end: '2037-05-12T03:00:00Z' } });
  await api(page, 'POST', `/api/v1/changes/${id}/transitions`, { to: 'submitted', comment: '' });
  await api(page, 'POST', `/api/v1/changes/${id}/approvals`, { decision: 'approved', comment: 'Restore service now.' });
  for (const to of ['scheduled', 'in_progress', 'implemented']) await api(page, 'POST', `/api/v1/changes/${id}/transitions`, { to, comment: '' });
  return id;
}

describe.skipIf(!explorer.available)('the incident responder opens an incident', () => {
  it('from the upstream view, is told what is missing beside each field, and sees the change the incident suspects', async () => {
    const { page, errors } = await explorer.get().open('/upstream?s=svc-checkout');
    const change = await implementedChange(page, 'Rotate the checkout signing keys', 'svc-checkout');
    await page.getByRole('link', { name: 'Open an incident on these' }).click();
    await page.waitForURL(/\/incidents\/new\?affected=svc-checkout$/);
    const form = page.getByRole('form', { name: 'New incident' });
    await form.getByRole('group', { name: 'Affected' }).getByText('svc-checkout').waitFor();
    await form.getByText('Trellis takes it from the services the affected CIs take down').waitFor();

    // Sent with neither title nor urgency, it is refused: each field says why, and focus goes to the first.
    await form.getByRole('button', { name: 'Open the incident' }).click();
    await form.getByText('a title is required').waitFor();
    expect(await form.getByLabel('Urgency').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('incident-title');
    await screenshot(page, 'incident-form-refused');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The rest by keyboard: type the title, Tab past the affected CIs to the urgency, choose 1, send with Enter.
    await page.keyboard.type('Checkout returns 502 for every payment');
    const urgency = form.getByLabel('Urgency');
    await urgency.focus();
    await urgency.press('ArrowDown');
    expect(await urgency.inputValue()).toBe('1');
    await form.getByLabel(/^Title/).press('Enter');
    await page.waitForURL(/\/incidents\/INC-\d+$/);
    await page.getByRole('heading', { level: 1, name: /Checkout returns 502 for every payment/ }).waitFor();
    await page.getByRole('region', { name: 'Suspected changes' }).getByRole('link', { name: change }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('P1 critical');
    await screenshot(page, 'incident-opened-suspects');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Change enablement' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('row', { name: /Checkout returns 502/ }).getByRole('link', { name: change }).waitFor();
    await page.getByRole('link', { name: 'New incident' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The browser logs the refused request (400); nothing else went wrong.
    const refused = (e: string) => e.includes('status of 400');
    expect(errors.filter(refused)).toHaveLength(1);
    expect(errors.filter((e) => !refused(e))).toEqual([]);
  });
});
