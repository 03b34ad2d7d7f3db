import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { decideOnChange } from '../../server/changes/decideOnChange.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import { ciIdOfKey } from '../../server/reconcile/identity.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';

const plan = join(corpusDir, 'tfplan', 'tfcompliance__test_issue_522-plan.out.json');
const state = new URL('../fixtures/tfstate/tfcompliance__test_issue_522-prior.tfstate', import.meta.url).pathname;
/** The CI the state import makes of a resource address. */
const ciOf = (address: string) => ciIdOfKey(`tf:tfcompliance-522:${address}`);
const deletedRule = ciOf('aws_cloudwatch_event_rule.Metricos_custom_alert_schedule_frequent[0]');
const updatedTarget = ciOf('aws_cloudwatch_event_target.metric_event_target');

// The plan deletes an event rule and updates an event target that two services rely on:
//   svc-alerts (crit 3) ──► event rule [deleted: down]
//   svc-metrics (crit 1) ──► event target [updated: degraded];  both OWNED_BY team-observability
const estate = {
  version: 1,
  source: 'plan-gate-test',
  cis: [
    { id: 'svc-alerts', type: 'Service', name: 'Metric alerts', criticality: 3 },
    { id: 'svc-metrics', type: 'Service', name: 'Metrics', criticality: 1 },
    { id: 'team-observability', type: 'Team', name: 'Observability' },
  ],
  relationships: [
    { from: 'svc-alerts', type: 'DEPENDS_ON', to: deletedRule },
    { from: 'svc-metrics', type: 'DEPENDS_ON', to: updatedTarget },
    { from: 'svc-alerts', type: 'OWNED_BY', to: 'team-observability' },
    { from: 'svc-metrics', type: 'OWNED_BY', to: 'team-observability' },
  ],
};
// Far ahead, so that no verdict depends on today's date.
const window = { start: '2031-01-15T22:00:00Z', end: '2031-01-15T23:00:00Z', inside: '2031-01-15T22:30:00Z' };

/**
 * `trellis plan-impact` end to end on one store: the state and the services
 * imported with the CLI, the change approved through the use cases (as a
 * change manager would through the API), every verdict by its exit code.
 */
export function describePlanGateCli(name: string, env: Record<string, string>, openStore: () => Promise<GraphStore>, prepare: () => Promise<void> = async () => {}): void {
  describe(`trellis plan-impact: the Terraform plan gate on the ${name} store`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-plan-gate-'));
    const gate = (...args: string[]) => runCli(['plan-impact', plan, ...args], env);

    beforeAll(async () => {
      await prepare();
      writeFileSync(join(dir, 'services.yaml'), stringify(estate));
      for (const file of [state, join(dir, 'services.yaml')]) {
        const imported = await runCli(['import', file], env);
        expect(imported.code, imported.stderr).toBe(0);
      }
    });

    it('exits 0 when nothing reaches --fail-on: a service of criticality 3 down, one of criticality 1 only degraded', async () => {
      const run = await gate('--fail-on', 'down:2');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('5 create, 1 update, 2 delete, 7 no-op');
      expect(run.stdout).toMatch(/delete +down +aws_cloudwatch_event_rule\.Metricos_custom_alert_schedule_frequent\[0\]/);
      expect(run.stdout).toMatch(/update +degraded +aws_cloudwatch_event_target\.metric_event_target/);
      expect(run.stdout).toMatch(/DOWN +crit 3 +svc-alerts/);
      expect(run.stdout).toContain('team-observability');
      expect(run.stdout).toContain('CLEAR: nothing reaches --fail-on down:2.');
    });

    it(`exits 6 when the impact reaches --fail-on without a covering change, and --create-change requests a draft`, async () => {
      const run = await gate('--fail-on', 'degraded:1', '--create-change', '--window', `${window.start}/${window.end}`, '--at', window.inside, '--actor', 'pipeline', '--json');
      expect(run.code, run.stderr).toBe(6);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ verdict: 'blocked', reached: [expect.objectContaining({ id: 'svc-metrics', state: 'degraded', criticality: 1 })] });
      expect(report.targets).toEqual([{ id: deletedRule, effect: 'down' }, expect.objectContaining({ effect: 'down' }), { id: updatedTarget, effect: 'degraded' }]);
      expect(report.change).toMatchObject({
        id: 'CHG-1', state: 'draft', type: 'normal', requester: 'cli:pipeline', targets: report.targets,
        window: { start: window.start, end: window.end, timeZone: 'UTC' }, title: 'Apply Terraform plan tfcompliance__test_issue_522-plan.out.json',
      });
    });

    it('exits 0 once an approved change covers every target at --at, and 6 again outside its window', async () => {
      const store = await openStore();
      try {
        const by = { actor: 'cli:pipeline', clientAddress: 'local', requestId: 'test' };
        const submitted = await transitionChange(store, 'CHG-1', { to: 'submitted', comment: '' }, 1, by, { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights });
        const approved = await decideOnChange(store, 'CHG-1', { decision: 'approved', override: true, comment: 'planned maintenance' }, submitted.version, { ...by, actor: 'cli:carol', teams: [], mayApprove: true });
        expect(approved.change.state).toBe('approved');
      } finally {
        await store.close();
      }
      const [covered, outside] = await Promise.all([gate('--fail-on', 'degraded:1', '--at', window.inside), gate('--fail-on', 'degraded:1', '--at', window.end)]);
      expect(covered.code, covered.stderr).toBe(0);
      expect(covered.stdout).toContain(`COVERED: --fail-on degraded:1 is reached by svc-metrics (degraded, crit 1), and approved change CHG-1 covers it at ${new Date(window.inside).toISOString()}.`);
      expect(outside.code).toBe(6);
    });

    it('exits 2 naming the field for a file that is not a plan or a threshold that is not one, and writes nothing', async () => {
      const [notPlan, sideways] = await Promise.all([
        runCli(['plan-impact', state, '--create-change'], env),
        gate('--fail-on', 'sideways:9', '--create-change'),
      ]);
      expect(notPlan.code).toBe(2);
      expect(notPlan.stderr).toContain('not a Terraform plan: no resource_changes');
      expect(sideways.code).toBe(2);
      expect(sideways.stderr).toContain('"sideways" is not an impact state');
      const changes = await runCli(['change', 'list', '--json'], env);
      expect(JSON.parse(changes.stdout).map((c: { id: string }) => c.id)).toEqual(['CHG-1']);
    });
  });
}
