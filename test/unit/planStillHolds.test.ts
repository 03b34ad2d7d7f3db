import { describe, expect, it } from 'vitest';
import { entriesLookedAtMost, planStillHolds } from '../../server/store/planStillHolds.ts';

// A plan made on version 10, having read after history seq 100, that reads or brings sg-1 and sg-2.
const basis = { readAfterSeq: 100, version: 10, keys: new Set(['sg-1', 'sg-2']) };
const edit = (key: string, batchId: string, source = 'api:oidc:erin') => ({ key, batchId, source });

describe('whether the writes since a plan leave it true', () => {
  it('holds through API edits of other CIs, one version each', () => {
    expect(planStillHolds(basis, [edit('svc-a', 'b1'), edit('svc-b', 'b2'), edit('svc-a svc-b DEPENDS_ON', 'b2')], 12)).toBe(true);
  });

  it('fails on an edit of what the plan reads or brings, or a write of any source but the API', () => {
    expect(planStillHolds(basis, [edit('sg-2', 'b1')], 11)).toBe(false);
    expect(planStillHolds(basis, [edit('svc-a', 'b1', 'terraform:other')], 11)).toBe(false);
  });

  it('fails when the version moved more than the edits seen explain, or there are too many to look through', () => {
    expect(planStillHolds(basis, [edit('svc-a', 'b1')], 12)).toBe(false);
    const many = Array.from({ length: entriesLookedAtMost + 1 }, (_, i) => edit(`svc-${i}`, `b${i}`));
    expect(planStillHolds(basis, many, 10 + many.length)).toBe(false);
  });
});
