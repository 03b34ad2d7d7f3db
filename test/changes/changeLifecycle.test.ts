import { describe, expect, it } from 'vitest';
import { changeMoves, changeRequestSchema, changeStates, type ChangeRequest, type ChangeState } from '../../schema/changes.ts';
import { editChange, moveChange, needsReview } from '../../server/changes/changeLifecycle.ts';
import { ConflictError } from '../../server/errors.ts';
import { buildChange } from '../builders.ts';

const bob = { by: 'oidc:bob', at: '2026-12-02T10:00:00.000Z', comment: 'looks fine' };

/** The request part of a built change, as a requester would send it again. */
function requestOf(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  const { id: _id, state: _state, requester: _requester, createdAt: _created, updatedAt: _updated, transitions: _transitions, ...request } = buildChange();
  return { ...request, ...overrides };
}

describe('the change lifecycle', () => {
  it('takes a change that goes well from draft to closed, recording every move', () => {
    const path: ChangeState[] = ['submitted', 'assessed', 'approved', 'scheduled', 'in_progress', 'implemented', 'closed'];
    const closed = path.reduce((change, to, n) => moveChange(change, to, { ...bob, at: `2026-12-02T10:0${n}:00.000Z` }), buildChange());
    expect(closed.state).toBe('closed');
    expect(closed.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['draft>submitted', 'submitted>assessed', 'assessed>approved', 'approved>scheduled', 'scheduled>in_progress', 'in_progress>implemented', 'implemented>closed']);
    expect(closed.transitions[6]).toEqual({ from: 'implemented', to: 'closed', by: 'oidc:bob', at: '2026-12-02T10:06:00.000Z', comment: 'looks fine' });
    expect(closed.updatedAt).toBe('2026-12-02T10:06:00.000Z');
  });

  it('refuses every move the lifecycle does not list, naming the state and the moves it allows', () => {
    for (const from of changeStates) {
      for (const to of changeStates) {
        const change = buildChange({ id: 'CHG-7', state: from });
        if (changeMoves[from].includes(to)) {
          expect(moveChange(change, to, bob).state).toBe(to);
          continue;
        }
        expect(() => moveChange(change, to, bob)).toThrow(ConflictError);
      }
    }
    expect(() => moveChange(buildChange({ id: 'CHG-7', state: 'approved' }), 'closed', bob)).toThrow('CHG-7 is approved: it can move to scheduled or cancelled, not to closed');
    expect(() => moveChange(buildChange({ id: 'CHG-7', state: 'closed' }), 'draft', bob)).toThrow('CHG-7 is closed, which is final: it cannot move to draft');
  });

  it('drops the decisions of a change sent back to draft, and its assessment too', () => {
    const decided = buildChange({ state: 'rejected', approvals: [{ decision: 'rejected', team: 'team-search', by: 'oidc:sam', at: bob.at, comment: 'no' }] });
    const draft = moveChange(decided, 'draft', bob);
    expect(draft.approvals).toBeUndefined();
    expect(draft.assessment).toBeUndefined();
  });

  it('cancels a change from any state before its work starts, and from none after', () => {
    const cancellable = changeStates.filter((state) => changeMoves[state].includes('cancelled'));
    expect(cancellable).toEqual(['draft', 'submitted', 'assessed', 'approved', 'scheduled']);
  });

  it('sends an edited approved or scheduled change back to assessment, saying so in its moves', () => {
    for (const state of ['assessed', 'approved', 'scheduled'] as const) {
      const edited = editChange(buildChange({ state }), requestOf({ title: 'Patch the database twice' }), { ...bob, comment: '' });
      expect(edited).toMatchObject({ state: 'submitted', title: 'Patch the database twice', updatedAt: bob.at });
      expect(edited.transitions.at(-1)).toEqual({ from: state, to: 'submitted', by: 'oidc:bob', at: bob.at, comment: 'edited: back to assessment' });
    }
    const draft = editChange(buildChange(), requestOf({ title: 'Still a draft' }), bob);
    expect(draft).toMatchObject({ state: 'draft', title: 'Still a draft', transitions: [] });
  });

  it('keeps who asked and when, names who else revised it, and drops what the edit leaves out', () => {
    const change = buildChange({ template: 'os-patch' });
    const edited = editChange(change, requestOf({ template: undefined }), bob);
    expect(edited).toMatchObject({ id: change.id, requester: change.requester, createdAt: change.createdAt, revisedBy: ['oidc:bob'] });
    expect(edited.template).toBeUndefined();
  });

  it('refuses to edit a change whose work has started or that is over', () => {
    for (const state of ['in_progress', 'implemented', 'failed', 'rolled_back', 'closed', 'cancelled'] as const) {
      expect(() => editChange(buildChange({ state }), requestOf(), bob)).toThrow(`CHG-1 is ${state}: its plan can no longer be edited`);
    }
  });
});

describe('the post-implementation review', () => {
  const ended = (outcome: 'implemented' | 'failed' | 'rolled_back', type: 'normal' | 'emergency' = 'normal') =>
    buildChange({ state: outcome, type, transitions: [{ from: 'in_progress', to: outcome, by: 'oidc:alice', at: '2026-12-10T23:00:00.000Z', comment: 'done' }] });
  const review = { findings: 'the replica lagged', followUp: 'PRB-7', by: 'oidc:carol', at: '2026-12-11T09:00:00.000Z' };

  it('is required before a failed, rolled-back or emergency change closes, and not for a normal one that worked', () => {
    expect(() => moveChange(ended('failed'), 'closed', bob)).toThrow('CHG-1 failed: write its post-implementation review (findings, follow-up) before closing it');
    expect(() => moveChange(ended('rolled_back'), 'closed', bob)).toThrow('CHG-1 was rolled back: write');
    expect(() => moveChange(ended('implemented', 'emergency'), 'closed', bob)).toThrow('CHG-1 was an emergency change: write');
    expect(moveChange({ ...ended('failed'), review }, 'closed', bob).state).toBe('closed');
    expect(moveChange(ended('implemented'), 'closed', bob).state).toBe('closed');
    expect([ended('failed'), ended('implemented')].map(needsReview)).toEqual([true, false]);
  });
});

describe('a change request', () => {
  const valid = { title: ' Patch ', type: 'normal', targets: [{ id: 'db', effect: 'down' }], window: { start: '2026-12-10T23:00:00+01:00', end: '2026-12-11T00:00:00+01:00', timeZone: 'Europe/Paris' } };

  it('is read with its defaults and its title trimmed', () => {
    expect(changeRequestSchema.parse(valid)).toMatchObject({ title: 'Patch', description: '', rollbackPlan: '', rollbackTested: false, window: { timeZone: 'Europe/Paris' } });
  });

  it('names what is wrong: a window that ends before it starts, an unknown time zone, no target, a lone surrogate', () => {
    const problems = (input: object) => changeRequestSchema.safeParse({ ...valid, ...input }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({ window: { start: '2026-12-11T00:00:00Z', end: '2026-12-10T23:00:00Z' } })).toEqual(['window.end: the window must end after it starts']);
    expect(problems({ window: { ...valid.window, timeZone: 'Mars/Olympus' } })).toEqual(['window.timeZone: an IANA time zone such as Europe/Paris or UTC']);
    expect(problems({ targets: [] })?.[0]).toMatch(/^targets: /);
    expect(problems({ title: '   ' })).toEqual(['title: a title is required']);
    expect(problems({ rollbackPlan: 'undo \uD800' })?.[0]).toMatch(/^rollbackPlan: contains a lone UTF-16 surrogate/);
    expect(problems({ window: { start: '2026-12-01T00:00:00Z', end: '2027-01-15T00:00:00Z' } })).toEqual(['window.end: a change window lasts at most 31 days: split a longer piece of work into changes']);
    const templateRule = 'template: a standard change names the pre-approved template it follows, and only a standard change names one';
    expect(problems({ type: 'standard' })).toEqual([templateRule]);
    expect(problems({ type: 'normal', template: 'restart-web' })).toEqual([templateRule]);
    expect(problems({ type: 'standard', template: 'restart-web' })).toBeUndefined();
  });
});
