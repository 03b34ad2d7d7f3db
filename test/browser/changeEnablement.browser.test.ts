import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousAccessibilityViolations, useExplorer } from './explorerHarness.ts';

const explorer = useExplorer();

/** The change page's title line (title, state, risk), once it says `text`. */
async function headingSays(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 }).toContain(text);
}

/** Makes a move from the change page's buttons and waits for the state it leads to. */
async function move(page: Page, button: string, state: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await headingSays(page, state);
}

/** Sends a JSON request from the page (open mode: no sign-in), failing on any refusal; answers the body. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, path, body }) => {
    const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'if-match': '*' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }, { method, path, body }) as Promise<T>;
}

/** Requests a change through the API and submits it (assessed at once); answers its id. */
async function submittedChange(page: Page, title: string, target: string, start: string, end: string): Promise<string> {
  const { id } = await api<{ id: string }>(page, 'POST', '/api/v1/changes', { title, type: 'normal', targets: [{ id: target, effect: 'down' }], window: { start, end } });
  await api(page, 'POST', `/api/v1/changes/${id}/transitions`, { to: 'submitted', comment: '' });
  return id;
}

describe.skipIf(!explorer.available)('change enablement in open mode', () => {
  it('an emergency change is approved by a change manager, implemented, suspected by an incident, and closes only once reviewed', async () => {
    const { page, errors } = await explorer.get().open('/changes');
    await page.getByRole('link', { name: 'New change' }).click();
    const form = page.getByRole('form', { name: 'New change' });
    await form.getByLabel('Title').fill('Restart the VPN concentrators');
    await form.getByLabel('Type', { exact: true }).selectOption('emergency');
    await form.getByText('to restore service: one change manager approves; reviewed afterwards').waitFor();
    const picker = form.locator('#add-targets');
    await picker.fill('svc-vpn');
    await page.getByRole('option', { name: /svc-vpn/ }).first().waitFor();
    await picker.press('Enter');
    await form.getByRole('combobox', { name: 'Effect on svc-vpn' }).selectOption('down');
    await form.getByLabel('Window start (UTC)').fill('2037-04-14T02:00');
    await form.getByLabel('Window end (UTC)').fill('2037-04-14T03:00');
    await form.getByRole('button', { name: 'Request the change' }).click();
    await page.waitForURL(/\/changes\/CHG-\d+$/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    await move(page, 'Submit for assessment', 'Assessed');
    await page.getByText('one is enough for an emergency').waitFor();
    await page.getByLabel(/^Comment/).fill('Users cannot connect: restart now.');
    await page.getByRole('button', { name: 'Approve as change manager' }).click();
    await headingSays(page, 'Approved');

    // Somebody else schedules it from another tab: this page's "Schedule" is refused, says why, and shows the change as it is now.
    const other = await explorer.get().open(new URL(page.url()).pathname);
    await move(other.page, 'Schedule', 'Scheduled');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Trellis refused it' }).getByText(/is scheduled: it can move to/).waitFor();
    await page.getByRole('button', { name: 'Show it as it is now' }).click();
    await headingSays(page, 'Scheduled');
    expect(await page.getByRole('alert').count()).toBe(0);
    await move(page, 'Start the work', 'In progress');
    await move(page, 'Mark implemented', 'Implemented');

    // An emergency closes only once reviewed: Close waits, and says why.
    const close = page.getByRole('button', { name: 'Close', exact: true });
    expect(await close.isDisabled()).toBe(true);
    await page.getByText('Closing waits for the post-implementation review below.').waitFor();

    // An incident opened on what it touched, soon after, suspects it; the change lists it.
    const incident = await api<{ id: string; suspectedChanges: { change: string }[] }>(page, 'POST', '/api/v1/incidents', { title: 'VPN drops after restart', affected: ['svc-vpn'], urgency: 2 });
    expect(incident.suspectedChanges.map((s) => s.change)).toContain(id);
    await page.reload();
    await page.getByRole('region', { name: 'Incidents' }).getByText('suspects it').waitFor();

    await page.getByLabel('Findings: what happened and why').fill('The concentrators held stale sessions after a certificate rotation.');
    await page.getByLabel('Follow-up: what stops it happening again').fill('Rotate certificates with a session drain.');
    await page.getByRole('button', { name: 'Write the review' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => close.isDisabled(), { timeout: 60_000 }).toBe(false);
    await screenshot(page, 'change-emergency-reviewed');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await move(page, 'Close', 'Closed');
    await page.getByRole('region', { name: 'History' }).getByText('Implemented → Closed').waitFor();

    // The incident's page links the change it suspects.
    await page.getByRole('region', { name: 'Incidents' }).getByRole('link', { name: incident.id }).click();
    await page.waitForURL(new RegExp(`/incidents/${incident.id}$`));
    await page.getByRole('region', { name: 'Suspected changes' }).getByRole('link', { name: id }).waitFor();
    await screenshot(page, 'change-emergency-incident');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Change enablement' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('row', { name: /VPN drops after restart/ }).getByRole('link', { name: id }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Change enablement' }).getByRole('link', { name: 'Measures' }).click();
    await page.getByRole('heading', { name: 'Change measures' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Overall' }).textContent(), { timeout: 60_000 }).toContain('Emergency share');
    expect(await page.getByRole('img', { name: /^Outcomes: / }).count()).toBeGreaterThan(0);
    await screenshot(page, 'change-measures');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The browser logs the refused move (409); nothing else went wrong.
    const refused = (e: string) => e.includes('status of 409');
    expect(errors.filter(refused)).toHaveLength(1);
    expect(errors.filter((e) => !refused(e))).toEqual([]);
    expect(other.errors).toEqual([]);
  });

  it('the calendar marks two changes that collide, and explains the collision', async () => {
    const { page, errors } = await explorer.get().open('/changes/calendar?from=2037-03-09');
    await page.getByRole('heading', { name: 'Change calendar' }).waitFor();
    // Two members of the three-member PostgreSQL cluster (two needed) down in overlapping windows: either alone leaves it at risk, both take it down.
    // The first is assessed before the second exists, so only the second's assessment names the collision: the calendar marks both.
    const first = await submittedChange(page, 'Patch the kernel of db-pg-main-01-a', 'db-pg-main-01-a', '2037-03-11T22:00:00Z', '2037-03-11T23:30:00Z');
    const second = await submittedChange(page, 'Replace a disk of db-pg-main-02-b', 'db-pg-main-02-b', '2037-03-11T23:00:00Z', '2037-03-12T01:00:00Z');
    await page.reload();

    const wednesday = page.getByRole('listitem', { name: 'Wed 2037-03-11' });
    const firstCard = wednesday.getByRole('listitem').filter({ hasText: first });
    await firstCard.getByText(`✸ Collision: ${second}`).waitFor();
    await wednesday.getByRole('listitem').filter({ hasText: second }).getByText(`✸ Collision: ${first}`).waitFor();
    const explained = page.getByRole('region', { name: /collisions? in these weeks/ });
    expect(await explained.getByRole('listitem').filter({ hasText: 'Collision' }).textContent()).toContain('make a service worse than either does alone');
    await screenshot(page, 'change-calendar-collision');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Keyboard: the mark's change opens from its card.
    await wednesday.getByRole('link', { name: new RegExp(`^${first} `) }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/changes/${first}$`));
    // Its own assessment predates the second change: it says so, and assessed again it names the collision.
    const assessment = page.getByRole('region', { name: 'Assessment' });
    await assessment.getByText('Out of date').waitFor();
    expect(await assessment.getByRole('listitem').filter({ hasText: second }).count()).toBe(1);
    await assessment.getByRole('button', { name: 'Assess again' }).click();
    await assessment.getByText('✓ Current').waitFor();
    await assessment.getByText('Collisions', { exact: true }).waitFor();
    expect(await assessment.getByRole('link', { name: second }).count()).toBeGreaterThan(0);
    expect(await assessment.getByRole('row', { name: /Conflicts and collisions/ }).textContent()).toContain(`collides with ${second}`);
    await screenshot(page, 'change-collision-reassessed');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
