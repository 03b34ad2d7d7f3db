import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImpactedService } from '../../schema/impact.ts';
import { impactThresholdSchema } from '../../schema/planGate.ts';
import type { PlannedChange } from '../../schema/proposals.ts';
import { coversPlan } from '../../server/changes/coveringChange.ts';
import { planChangeRequest, planWindowOf } from '../../server/changes/planChangeRequest.ts';
import { effectOfAction, servicesReaching, targetsOfPlan } from '../../server/changes/planTargets.ts';
import { InvalidError } from '../../server/errors.ts';
import { resolvePlannedCIs } from '../../server/imports/resolvePlannedCIs.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { parseOrThrow } from '../../server/validation.ts';
import { buildChange, buildCI, testWriter } from '../builders.ts';

const planned = (address: string, action: PlannedChange['action'], extra: Partial<PlannedChange> = {}): PlannedChange => ({ address, type: 'aws_instance', mode: 'managed', action, ...extra });
const service = (id: string, state: ImpactedService['state'], criticality?: number): ImpactedService => ({ id, type: 'Service', name: id, state, depth: 1, path: ['x', id], ...(criticality ? { criticality } : {}) });
const threshold = (text: string) => parseOrThrow(impactThresholdSchema, text, '--fail-on');

describe('a plan\'s resource changes as change targets', () => {
  it('deletions and replacements take a CI down, updates degrade it; creations, no-ops, reads and moves do nothing', () => {
    expect(effectOfAction).toEqual({ delete: 'down', replace: 'down', update: 'degraded', create: undefined, 'no-op': undefined, read: undefined, move: undefined });
    const plan = targetsOfPlan([
      planned('a.del', 'delete', { ciId: 'a' }), planned('b.rep', 'replace', { ciId: 'b' }), planned('c.upd', 'update', { ciId: 'c' }),
      planned('d.new', 'create'), planned('e.same', 'no-op', { ciId: 'e' }), planned('data.f', 'read', { mode: 'data', ciId: 'f' }),
      planned('g.to', 'move', { previousAddress: 'g.from', ciId: 'g' }),
    ]);
    expect(plan.targets).toEqual([{ id: 'a', effect: 'down' }, { id: 'b', effect: 'down' }, { id: 'c', effect: 'degraded' }]);
    expect(plan.changes.map((c) => c.address)).toEqual(['a.del', 'b.rep', 'c.upd']);
  });

  it('targets each CI once with its worst effect, and lists changes on resources that are no CI', () => {
    const plan = targetsOfPlan([planned('x.upd', 'update', { ciId: 'x' }), planned('x.del', 'delete', { ciId: 'x' }), planned('x.again', 'update', { ciId: 'x' }), planned('y.del', 'delete')]);
    expect(plan.targets).toEqual([{ id: 'x', effect: 'down' }]);
    expect(plan.unknown).toEqual(['y.del']);
  });

  it('finds the CI of a moved resource at its previous address, by identity key first', async () => {
    // The graph last saw web at its old address; the plan moves it and updates it.
    const store = new EmbeddedGraphStore({ dataDir: join(mkdtempSync(join(tmpdir(), 'trellis-resolve-')), 'data') });
    try {
      await store.applyBatch({ upsertCIs: [buildCI('web', { attributes: { 'terraform.address': 'aws_instance.old' } }), buildCI('arn:aws:ec2:eu-west-1:111122223333:instance/i-1')] }, testWriter);
      const resolved = await resolvePlannedCIs(store, [
        planned('aws_instance.new', 'update', { previousAddress: 'aws_instance.old' }),
        planned('aws_instance.keyed', 'delete', { ciKey: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', ciId: 'stale' }),
        planned('aws_instance.web2', 'create'),
      ]);
      expect(resolved.map((c) => c.ciId)).toEqual(['web', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', undefined]);
    } finally {
      await store.close();
    }
  });
});

describe('--fail-on state:criticality', () => {
  it('reads a state with an optional criticality', () => {
    expect(threshold('down:2')).toEqual({ state: 'down', criticality: 2 });
    expect(threshold('at_risk')).toEqual({ state: 'at_risk' });
  });

  it('names what is wrong', () => {
    const problem = (text: string) => {
      try {
        threshold(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidError);
        return (error as InvalidError).message;
      }
      throw new Error(`${text} was accepted`);
    };
    expect(problem('sideways:9')).toContain('"sideways" is not an impact state: use state:criticality with a state of down, degraded, at_risk, e.g. down:2');
    expect(problem('down:9')).toContain('"9" is not a criticality: use 1 (most critical) to 4');
    expect(problem('down:1:2')).toContain('"1:2" is not a criticality');
    expect(problem('ok')).toContain('"ok" is not an impact state');
  });

  it('is reached by services at least that bad and at least that critical; without a criticality, by any', () => {
    const services = [service('a', 'down', 3), service('b', 'degraded', 1), service('c', 'at_risk', 1), service('d', 'down')];
    expect(servicesReaching(services, threshold('down:2')).map((s) => s.id)).toEqual([]);
    expect(servicesReaching(services, threshold('degraded:2')).map((s) => s.id)).toEqual(['b']);
    expect(servicesReaching(services, threshold('at_risk:1')).map((s) => s.id)).toEqual(['b', 'c']);
    expect(servicesReaching(services, threshold('down')).map((s) => s.id)).toEqual(['a', 'd']);
  });
});

describe('a change that covers a plan', () => {
  const at = new Date('2026-12-10T22:30:00Z');
  const approved = buildChange({ state: 'approved', targets: [{ id: 'db', effect: 'down' }, { id: 'web', effect: 'degraded' }] });

  it('is authorized, holds the instant in its window, and targets every CI at least as severely', () => {
    expect(coversPlan(approved, [{ id: 'db', effect: 'degraded' }, { id: 'web', effect: 'degraded' }], at)).toBe(true);
    expect(coversPlan({ ...approved, state: 'in_progress' }, [{ id: 'db', effect: 'down' }], at)).toBe(true);
    expect(coversPlan(approved, [{ id: 'web', effect: 'down' }], at)).toBe(false);
    expect(coversPlan(approved, [{ id: 'db', effect: 'down' }, { id: 'cache', effect: 'degraded' }], at)).toBe(false);
    for (const state of ['draft', 'assessed', 'rejected', 'implemented', 'cancelled'] as const) expect(coversPlan({ ...approved, state }, [{ id: 'db', effect: 'down' }], at), state).toBe(false);
  });

  it('covers from the start of its window up to, not including, its end', () => {
    expect(coversPlan(approved, [{ id: 'db', effect: 'down' }], new Date('2026-12-10T22:00:00Z'))).toBe(true);
    expect(coversPlan(approved, [{ id: 'db', effect: 'down' }], new Date('2026-12-10T23:00:00Z'))).toBe(false);
  });
});

describe('the change requested from a plan', () => {
  const now = new Date('2026-12-10T21:17:42Z');

  it('is carried out in the window given, or from the next whole hour for an hour', () => {
    expect(planWindowOf({}, now)).toEqual({ start: '2026-12-10T22:00:00.000Z', end: '2026-12-10T23:00:00.000Z', timeZone: 'UTC' });
    expect(planWindowOf({ start: '2026-12-11T08:00:00Z' }, now)).toEqual({ start: '2026-12-11T08:00:00Z', end: '2026-12-11T09:00:00.000Z', timeZone: 'UTC' });
    expect(planWindowOf({ start: '2026-12-11T08:00:00Z', end: '2026-12-11T08:30:00Z' }, now).end).toBe('2026-12-11T08:30:00Z');
  });

  it('is a normal change on the plan\'s targets that lists its resource changes, within the text limit', () => {
    const changes = Array.from({ length: 2000 }, (_, i) => ({ address: `aws_instance.web[${i}]`, action: 'delete' as const, effect: 'down' as const, ciId: `web-${i}` }));
    const request = planChangeRequest({ file: 'plan.json', changes, targets: [{ id: 'web-0', effect: 'down' }] }, { window: {}, now });
    expect(request).toMatchObject({ type: 'normal', title: 'Apply Terraform plan plan.json', targets: [{ id: 'web-0', effect: 'down' }] });
    expect(request.description!.length).toBeLessThanOrEqual(20_000);
    expect(request.description).toMatch(/^Terraform plan plan\.json: 2000 resource change\(s\)[^]*- aws_instance\.web\[0\]: delete \(down\) on web-0\n[^]*\(and \d+ more\)$/);
  });
});
