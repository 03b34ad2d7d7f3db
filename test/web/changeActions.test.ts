import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../schema/access.ts';
import type { ChangeRecord } from '../../schema/changes.ts';
import { permissionsOfRole, type Role } from '../../schema/roles.ts';
import { accessOf } from '../../web/access/accessOf.ts';
import { changeActionsFor, missingApprovals } from '../../web/changes/changeActions.ts';
import { calendarClashes, mutualClashes } from '../../web/changes/calendarGrid.ts';
import type { CalendarChange } from '../../web/api/changes.ts';
import { buildChange } from '../builders.ts';

/** A signed-in person with `roles` and `teams`. */
function session(actor: string, roles: Role[], teams: string[] = []): SessionInfo {
  return {
    authRequired: true, signedIn: true, signInUrl: '/auth/login', via: 'session', csrfToken: 'csrf',
    permissions: [...new Set(roles.flatMap((role) => permissionsOfRole[role]))], user: { actor, displayName: actor, roles, teams },
  };
}
const actionsOf = (change: ChangeRecord, who: SessionInfo) => changeActionsFor(change, accessOf(who), who);

// An assessed normal change requested by Rita; team-payments owns a critical service it impacts.
const assessed = buildChange({
  state: 'assessed', requester: 'oidc:rita',
  assessment: { approvers: [{ team: 'team-payments', name: 'Payments', services: ['svc-checkout'] }] } as unknown as ChangeRecord['assessment'],
});

describe('the change page offers what the person may do', () => {
  it('offers its requester moves but no decision, and says why', () => {
    const actions = actionsOf(assessed, session('oidc:rita', ['editor']));
    expect(actions.moves).toEqual(['cancelled']);
    expect(actions.decisions).toEqual([]);
    expect(actions.decisionsUnavailable).toBe('You requested this change: somebody else decides on it.');
  });

  it('offers a team member the decision for their team, and a change manager the decision as one, with the override', () => {
    expect(actionsOf(assessed, session('oidc:paul', ['editor'], ['team-payments'])).decisions).toEqual([{ team: 'team-payments', label: 'for Payments', mayOverride: false }]);
    expect(actionsOf(assessed, session('oidc:cora', ['change-manager'])).decisions).toEqual([{ label: 'as change manager', mayOverride: true }]);
    // A team that has decided is not offered again.
    const decided = { ...assessed, approvals: [{ decision: 'approved' as const, team: 'team-payments', by: 'oidc:paul', at: '2026-12-01T10:00:00Z', comment: 'ok' }] };
    expect(actionsOf(decided, session('oidc:paul', ['editor'], ['team-payments'])).decisions).toEqual([]);
    expect(missingApprovals(decided)).toEqual(['a change manager']);
  });

  it('offers an emergency change to change managers only, and a standard change to nobody', () => {
    const emergency = { ...assessed, type: 'emergency' as const };
    expect(actionsOf(emergency, session('oidc:paul', ['editor'], ['team-payments'])).decisions).toEqual([]);
    expect(actionsOf(emergency, session('oidc:cora', ['change-manager'])).decisions).toEqual([{ label: 'as change manager', mayOverride: false }]);
    expect(actionsOf({ ...assessed, type: 'standard', template: 't' }, session('oidc:cora', ['change-manager'])).decisionsUnavailable).toBe('A standard change is approved by its template, not by people.');
  });

  it('asks for the review before a failed change closes, and offers a viewer nothing but the reason', () => {
    const failed = buildChange({ state: 'failed', transitions: [{ from: 'in_progress', to: 'failed', by: 'ops', at: '2026-12-01T10:00:00Z', comment: '' }] });
    expect(actionsOf(failed, session('oidc:rita', ['editor']))).toMatchObject({ moves: ['closed'], reviewOpen: true, reviewNeeded: true });
    const viewer = actionsOf(failed, session('oidc:vic', ['viewer']));
    expect(viewer.moves).toEqual([]);
    expect(viewer.movesUnavailable).toMatch(/change/);
  });
});

describe('the calendar marks a clash on both changes', () => {
  const change = (id: string, collisions: string[] = []): CalendarChange => ({
    id, title: id, type: 'normal', state: 'assessed', window: { start: '2026-12-10T01:00:00Z', end: '2026-12-10T03:00:00Z', timeZone: 'UTC' }, conflicts: collisions, collisions,
  });

  it('makes a clash found by the later change mutual, and lists it once', () => {
    // CHG-1 was assessed before CHG-2 was requested: only CHG-2 names the clash.
    const both = mutualClashes([change('CHG-1'), change('CHG-2', ['CHG-1'])]);
    expect(both.map((c) => [c.id, c.collisions])).toEqual([['CHG-1', ['CHG-2']], ['CHG-2', ['CHG-1']]]);
    expect(calendarClashes(both).map((clash) => `${clash.kind} ${clash.a.id}-${clash.b}`)).toEqual(['conflict CHG-1-CHG-2', 'collision CHG-1-CHG-2']);
  });
});
