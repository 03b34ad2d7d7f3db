import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../support/oidcProvider.ts';
import { screenshot, seriousAccessibilityViolations } from './explorerHarness.ts';
import { useSignedInExplorer } from './signedInExplorer.ts';

// Rita requests changes (editor); Cora is a change manager who also belongs to team-payments, the owner of Checkout; Vera only reads.
const users: TestUser[] = [
  { sub: 'rita', name: 'Rita Requester', groups: ['cmdb-editors'] },
  { sub: 'cora', name: 'Cora Manager', groups: ['cmdb-change-managers', 'team-payments'] },
  { sub: 'vera', name: 'Vera Viewer', groups: ['cmdb-viewers'] },
];
const explorer = useSignedInExplorer(users, { 'cmdb-editors': 'editor', 'cmdb-change-managers': 'change-manager', 'cmdb-viewers': 'viewer' });

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

describe.skipIf(!explorer.available)('the change calendar, kept by a change manager', () => {
  it('a change manager adds a freeze, sees its days hatched, and removes it; a requester sees the list read-only', async () => {
    const { open, signIn, expectedError } = explorer.get();
    const cora = await open('/changes/calendar?from=2037-06-01');
    await signIn(cora.page, 'cora');
    const page = cora.page;
    const entries = page.getByRole('region', { name: 'Maintenance windows and freezes' });
    await entries.getByRole('button', { name: 'Add a freeze' }).click();
    const form = entries.getByRole('form', { name: 'New freeze' });
    await form.getByLabel('Name', { exact: true }).fill('June release freeze');
    expect(await form.getByLabel('Id', { exact: true }).inputValue()).toBe('june-release-freeze');
    // Ending before it starts, it is refused, and the end says why.
    await form.getByLabel('Starts (UTC)').fill('2037-06-03T00:00');
    await form.getByLabel('Ends (UTC)').fill('2037-06-02T00:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('the freeze must end after it starts').waitFor();
    expect(await form.getByLabel('Ends (UTC)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'calendar-freeze-refused');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await form.getByLabel('Ends (UTC)').fill('2037-06-04T23:59');
    await form.getByRole('button', { name: 'Save' }).click();
    await entries.getByRole('status').filter({ hasText: 'Saved freeze “June release freeze”.' }).waitFor();
    const day = (name: string) => page.getByRole('listitem', { name });
    for (const frozen of ['Wed 2037-06-03', 'Thu 2037-06-04']) await day(frozen).getByText('❄ Freeze: June release freeze (everything)').waitFor();
    await expect.poll(() => day('Wed 2037-06-03').getAttribute('class')).toContain('frozen');
    expect(await day('Fri 2037-06-05').getAttribute('class')).not.toContain('frozen');
    expect(await entries.getByRole('row', { name: /June release freeze/ }).textContent()).toContain('2037-06-03 00:00 – 06-04 23:59 UTC');
    await screenshot(page, 'calendar-entries-list');
    await day('Mon 2037-06-01').scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-freeze-hatched');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A maintenance window, by keyboard alone: it opens on the calendar every Monday.
    await entries.getByRole('button', { name: 'Add a maintenance window' }).focus();
    await page.keyboard.press('Enter');
    const windowForm = entries.getByRole('form', { name: 'New maintenance window' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mw-name');
    await page.keyboard.type('Checkout Monday nights');
    await page.keyboard.press('Tab'); // the id, made from the name
    await page.keyboard.press('Tab'); // the service
    await page.keyboard.type('svc-checkout');
    await page.getByRole('option', { name: /svc-checkout/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await windowForm.getByRole('group', { name: 'Service' }).getByText('svc-checkout').waitFor();
    for (const d of ['Tue', 'Wed', 'Thu']) await windowForm.getByRole('checkbox', { name: d }).press('Space');
    await windowForm.getByLabel('Open for (minutes)').fill('60');
    await windowForm.getByLabel('Open for (minutes)').press('Enter');
    await entries.getByRole('status').filter({ hasText: 'Saved maintenance window “Checkout Monday nights”.' }).waitFor();
    expect(await entries.getByRole('row', { name: /Checkout Monday nights/ }).textContent()).toContain('Mon 22:00 for 1 h (UTC)');
    await day('Mon 2037-06-01').getByText('22:00–23:00 Checkout Monday nights', { exact: false }).waitFor({ state: 'attached' });
    // Edited, it keeps its id and opens later.
    await entries.getByRole('button', { name: 'Edit Checkout Monday nights' }).click();
    const editForm = entries.getByRole('form', { name: 'Edit maintenance window checkout-monday-nights' });
    expect(await editForm.getByLabel('Id', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await editForm.getByLabel('Opens at (local time)').fill('23:00');
    await editForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => entries.getByRole('row', { name: /Checkout Monday nights/ }).textContent()).toContain('Mon 23:00 for 1 h (UTC)');

    // The requester sees it, and why she may not keep it.
    const rita = await open('/changes/calendar?from=2037-06-01');
    await signIn(rita.page, 'rita');
    const hers = rita.page.getByRole('region', { name: 'Maintenance windows and freezes' });
    await hers.getByRole('row', { name: /June release freeze/ }).waitFor();
    await hers.getByText('may read, edit and request changes but not approve').waitFor();
    expect(await hers.getByRole('button').count()).toBe(0);
    expect(await seriousAccessibilityViolations(rita.page)).toEqual([]);

    // Removed, its days are no longer frozen.
    await entries.getByRole('button', { name: 'Remove June release freeze' }).click();
    const confirm = entries.getByRole('group', { name: 'Remove June release freeze?' });
    // Focus lands on the harmless answer; keeping it returns to Remove.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    await screenshot(page, 'calendar-freeze-remove-confirm');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove June release freeze');
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Remove it' }).click();
    await entries.getByRole('status').filter({ hasText: 'Removed freeze “June release freeze”.' }).waitFor();
    await expect.poll(() => day('Wed 2037-06-03').getAttribute('class')).not.toContain('frozen');
    expect(await entries.getByRole('row', { name: /June release freeze/ }).count()).toBe(0);
    // The browser logs the refused save (400); nothing else went wrong.
    const refused = (e: string) => /status of 400 .* at http:\/\/[^/]+\/api\/v1\/freezes\/june-release-freeze$/.test(e);
    expect(cora.errors.filter(refused)).toHaveLength(1);
    expect(cora.errors.filter((e) => !expectedError(e) && !refused(e))).toEqual([]);
    expect(rita.errors.filter((e) => !expectedError(e))).toEqual([]);
  });

  it('a viewer is told why she may not open an incident', async () => {
    const { open, signIn, expectedError } = explorer.get();
    const vera = await open('/incidents/new?affected=svc-checkout');
    await signIn(vera.page, 'vera');
    await vera.page.getByRole('note').getByText('Opening incidents is unavailable').waitFor();
    await vera.page.getByText('Your role (viewer) may read but not request changes').waitFor();
    const button = vera.page.getByRole('button', { name: 'Open the incident' });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-describedby')).toBe('incident-unavailable');
    await screenshot(vera.page, 'incident-form-viewer');
    expect(await seriousAccessibilityViolations(vera.page)).toEqual([]);
    expect(vera.errors.filter((e) => !expectedError(e))).toEqual([]);
  });
});
