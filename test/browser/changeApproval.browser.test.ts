import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../support/oidcProvider.ts';
import { screenshot, seriousAccessibilityViolations } from './explorerHarness.ts';
import { useSignedInExplorer } from './signedInExplorer.ts';

// Rita requests changes (editor); Cora is a change manager who also belongs to team-payments, the owner of Checkout.
const users: TestUser[] = [
  { sub: 'rita', name: 'Rita Requester', groups: ['cmdb-editors'] },
  { sub: 'cora', name: 'Cora Manager', groups: ['cmdb-change-managers', 'team-payments'] },
];
const explorer = useSignedInExplorer(users, { 'cmdb-editors': 'editor', 'cmdb-change-managers': 'change-manager' });

/** The change page's title line (title, state, risk), once it says `text`. */
async function headingSays(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 }).toContain(text);
}

/** Makes a move from the change page's buttons and waits for the state it leads to. */
async function move(page: Page, button: string, state: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await headingSays(page, state);
}

/**
 * A normal change from request to close, by two people signed in through a
 * real OpenID Connect provider: the requester creates it from an impact and
 * submits it; she may not decide on it; a change manager who belongs to the
 * owning team approves for the team and as change manager; the requester
 * schedules, implements and closes it.
 */
describe.skipIf(!explorer.available)('a normal change, requested and approved by two people', () => {
  it('is created from an impact, approved by a second person, scheduled, implemented and closed', async () => {
    const { open, signIn, expectedError } = explorer.get();
    const rita = await open('/impact?t=svc-checkout~degraded');
    await signIn(rita.page, 'rita');
    await rita.page.getByRole('banner').getByText('Rita Requester').waitFor();
    await rita.page.getByRole('link', { name: 'New change from this impact' }).click();
    await rita.page.waitForURL(/\/changes\/new\?t=svc-checkout~degraded$/);
    const form = rita.page.getByRole('form', { name: 'New change' });
    expect(await form.getByRole('combobox', { name: 'Effect on svc-checkout' }).inputValue()).toBe('degraded');

    // Sent without a title, it is refused, and the field says why.
    await form.getByLabel('Window start (UTC)').fill('2037-03-10T22:00');
    await form.getByLabel('Window end (UTC)').fill('2037-03-10T23:00');
    await form.getByRole('button', { name: 'Request the change' }).click();
    await form.getByText('a title is required').waitFor();
    expect(await form.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await screenshot(rita.page, 'change-approval-1-field-error');
    expect(await seriousAccessibilityViolations(rita.page)).toEqual([]);

    await form.getByLabel('Title').fill('Resize the checkout pods');
    await form.getByLabel('Rollback plan').fill('Scale back to the previous replica count.');
    await form.getByRole('button', { name: 'Request the change' }).click();
    await rita.page.waitForURL(/\/changes\/CHG-\d+$/);
    const changePath = new URL(rita.page.url()).pathname;
    await headingSays(rita.page, 'Draft');
    await move(rita.page, 'Submit for assessment', 'Assessed');
    const factors = rita.page.getByRole('table').filter({ hasText: 'Worst service impact' });
    expect(await factors.getByRole('row', { name: /Worst service impact/ }).textContent()).toContain('Checkout (criticality 1) would be degraded');
    await rita.page.getByText('✓ Current').waitFor();
    await rita.page.getByText('You requested this change: somebody else decides on it.').waitFor();
    expect(await rita.page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await screenshot(rita.page, 'change-approval-2-assessed');
    expect(await seriousAccessibilityViolations(rita.page)).toEqual([]);

    // The second person: a decision needs a comment; she approves for her team, then as change manager.
    const cora = await open(changePath);
    await signIn(cora.page, 'cora');
    const forTeam = cora.page.getByRole('button', { name: 'Approve for Payments & Finance Systems' });
    await forTeam.click();
    await cora.page.getByText('Say why: every approval and rejection carries a comment.').waitFor();
    const comment = cora.page.getByLabel(/^Comment/);
    await comment.fill('Payments is fine with a degraded hour at night.');
    await forTeam.click();
    await cora.page.getByText(/✓ Approved by oidc:cora/).waitFor();
    await comment.fill('Low traffic window, rollback written.');
    await cora.page.getByRole('button', { name: 'Approve as change manager' }).click();
    await headingSays(cora.page, 'Approved');
    await screenshot(cora.page, 'change-approval-3-approved');
    expect(await seriousAccessibilityViolations(cora.page)).toEqual([]);

    // Back to the requester, who carries it out.
    await rita.page.reload();
    await headingSays(rita.page, 'Approved');
    await move(rita.page, 'Schedule', 'Scheduled');
    await move(rita.page, 'Start the work', 'In progress');
    await move(rita.page, 'Mark implemented', 'Implemented');
    await move(rita.page, 'Close', 'Closed');
    const history = rita.page.getByRole('region', { name: 'History' });
    for (const step of ['Draft → Submitted', 'Submitted → Assessed', 'Assessed → Approved', 'Approved → Scheduled', 'Scheduled → In progress', 'In progress → Implemented', 'Implemented → Closed']) {
      await history.getByText(step).waitFor();
    }
    await screenshot(rita.page, 'change-approval-4-closed');
    expect(await seriousAccessibilityViolations(rita.page)).toEqual([]);

    await rita.page.getByRole('navigation', { name: 'Change enablement' }).getByRole('link', { name: 'Changes' }).click();
    await rita.page.getByRole('row', { name: /Resize the checkout pods/ }).getByText('Closed').waitFor();
    await screenshot(rita.page, 'change-approval-5-list');
    expect(await seriousAccessibilityViolations(rita.page)).toEqual([]);
    // The browser logs the refused request (the 400 that named the missing title); nothing else went wrong.
    const refused = (e: string) => /status of 400 .* at http:\/\/[^/]+\/api\/v1\/changes$/.test(e);
    expect(rita.errors.filter(refused)).toHaveLength(1);
    expect(rita.errors.filter((e) => !expectedError(e) && !refused(e))).toEqual([]);
    expect(cora.errors.filter((e) => !expectedError(e))).toEqual([]);
  });
});
