import { describe, expect, it } from 'vitest';
import type { ChangeAssessment, ChangeRecord } from '../../schema/changes.ts';
import { missingApprovals, recordDecision } from '../../server/changes/approvalRules.ts';
import { ConflictError, ForbiddenError } from '../../server/errors.ts';
import { buildChange } from '../builders.ts';

const at = '2026-12-02T10:00:00.000Z';
/** An assessed change whose impact reaches tier-1 checkout (owned by team-payments) and tier-2 search (team-search). */
function assessed(overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  const assessment: ChangeAssessment = {
    at, historySeq: 1, impact: { services: [], notify: [], contracts: [], suppliers: [], counts: { impacted: 0, down: 0, degraded: 0, at_risk: 0, services: 0 }, truncated: false },
    impactedIds: [], conflicts: [], collisions: [], risk: { score: 40, class: 'medium', factors: [] },
    approvers: [{ team: 'team-payments', name: 'Payments', services: ['svc-checkout'] }, { team: 'team-search', name: 'Search', services: ['svc-search'] }],
  };
  return buildChange({ state: 'assessed', requester: 'oidc:alice', assessment, ...overrides });
}
const payments = { actor: 'oidc:pat', teams: ['team-payments'], mayApprove: false };
const search = { actor: 'oidc:sam', teams: ['team-search'], mayApprove: false };
const manager = { actor: 'oidc:carol', teams: [], mayApprove: true };
const approve = (team?: string, comment = 'fine') => ({ decision: 'approved' as const, override: false, comment, ...(team ? { team } : {}) });

describe('the CAB of a normal change', () => {
  it('approves once every approver team and a change manager have approved, in any order', () => {
    let change = assessed();
    expect(missingApprovals(change)).toEqual(['team team-payments', 'team team-search', 'a change manager']);
    change = recordDecision(change, approve(), manager, at);
    change = recordDecision(change, approve('team-search'), search, at);
    expect(change.state).toBe('assessed');
    expect(missingApprovals(change)).toEqual(['team team-payments']);
    change = recordDecision(change, approve('team-payments'), payments, at);
    expect(change.state).toBe('approved');
    expect(change.transitions.at(-1)).toMatchObject({ to: 'approved', by: 'oidc:pat', comment: 'every approval given' });
    expect(change.approvals?.map((a) => `${a.team ?? 'change manager'} ${a.by}`)).toEqual(['change manager oidc:carol', 'team-search oidc:sam', 'team-payments oidc:pat']);
  });

  it('is rejected by any one rejection, and approved at once by a change manager\'s override with its reason', () => {
    expect(recordDecision(assessed(), { ...approve('team-search', 'the index rebuild overlaps'), decision: 'rejected' }, search, at).state).toBe('rejected');
    const overridden = recordDecision(assessed(), { ...approve(undefined, 'payments on leave; risk accepted'), override: true }, manager, at);
    expect(overridden.state).toBe('approved');
    expect(overridden.transitions.at(-1)?.comment).toBe('override: payments on leave; risk accepted');
  });

  it('refuses the requester, outsiders, teams not asked, decisions given twice, and overrides by a team', () => {
    expect(() => recordDecision(assessed(), approve(), { ...manager, actor: 'oidc:alice' }, at)).toThrow(ForbiddenError);
    expect(() => recordDecision(assessed(), approve('team-payments'), search, at)).toThrow('you do not belong to team team-payments');
    expect(() => recordDecision(assessed(), approve(), search, at)).toThrow('takes the approve permission');
    expect(() => recordDecision(assessed(), approve('team-ops'), { ...search, teams: ['team-ops'] }, at)).toThrow("does not need team team-ops's approval");
    const once = recordDecision(assessed(), approve('team-search'), search, at);
    expect(() => recordDecision(once, approve('team-search'), { ...search, actor: 'oidc:sue' }, at)).toThrow(ConflictError);
    expect(() => recordDecision(assessed(), { ...approve('team-search'), override: true }, search, at)).toThrow('an override is a change manager');
    expect(() => recordDecision(assessed({ state: 'submitted' }), approve(), manager, at)).toThrow('decisions are made on an assessed change');
  });
});

describe('an emergency change', () => {
  it('needs one change manager\'s approval, not the teams\'', () => {
    const emergency = assessed({ type: 'emergency' });
    expect(missingApprovals(emergency)).toEqual(['a change manager']);
    expect(recordDecision(emergency, approve(undefined, 'restore checkout now'), manager, at).state).toBe('approved');
  });

  it('lets a second change manager reject after one approved, and refuses whoever revised the plan', () => {
    const approvedOnce = recordDecision(assessed(), approve(), manager, at);
    expect(recordDecision(approvedOnce, { ...approve(undefined, 'the window is in the sales peak'), decision: 'rejected' }, { ...manager, actor: 'oidc:dan' }, at).state).toBe('rejected');
    expect(() => recordDecision(assessed({ revisedBy: ['oidc:carol'] }), approve(), manager, at)).toThrow('nobody decides on their own change: CHG-1 was revised by oidc:carol');
  });
});

describe('open mode', () => {
  it('lets anonymous decide on a change anonymous requested: on loopback without sign-in, authorship cannot be told apart', () => {
    const open = { actor: 'anonymous', teams: [], mayApprove: true, openMode: true };
    expect(recordDecision(assessed({ requester: 'anonymous', type: 'emergency' }), approve(undefined, 'restore now'), open, at).state).toBe('approved');
  });
});
