import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImpactReportSchema } from '../../schema/api/planResponses.ts';
import type { Role } from '../../schema/roles.ts';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { ciIdOfKey } from '../../server/reconcile/identity.ts';
import { corpusDir } from '../support/corpus.ts';

const planText = (name: string) => readFileSync(join(corpusDir, 'tfplan', name), 'utf8');
const stateText = (name: string) => readFileSync(new URL(`../fixtures/tfstate/${name}`, import.meta.url), 'utf8');
const plan522 = 'tfcompliance__test_issue_522-plan.out.json';
const updatedTarget = ciIdOfKey('tf:tfcompliance-522:aws_cloudwatch_event_target.metric_event_target');
// Far ahead, so that no verdict depends on today's date.
const window = { start: '2031-01-15T22:00:00Z', end: '2031-01-15T23:00:00Z', inside: '2031-01-15T22:30:00Z' };

/**
 * The plan gate through the API on one store, with authentication on: states
 * built from three corpus plans' prior states are imported, a service of
 * criticality 1 relies on a resource the 522 plan updates:
 *   svc-metrics (crit 1) ──► event target [updated: degraded]
 * A pipeline token (importer) asks for the change, a change manager approves it.
 */
export function describePlanGate(name: string, env: () => Record<string, string>, prepare: () => Promise<void> = async () => {}): void {
  describe(`the plan gate through the API on the ${name} store`, { timeout: 300_000 }, () => {
    let server: RunningServer;
    const tokens = new Map<string, string>();
    const call = async (who: string, method: string, path: string, body?: string) => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json', 'if-match': '*' }, body });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    };
    /** The gate's answer, which must be what the OpenAPI document says, to the property. */
    const gate = async (who: string, query: string, plan = planText(plan522)) => {
      const answer = await call(who, 'POST', `/api/v1/plan-impact?${query}`, plan);
      if (answer.status === 200) expect(planImpactReportSchema.parse(answer.json)).toStrictEqual(answer.json);
      return answer;
    };
    const changeIds = async () => (await call('viewer', 'GET', '/api/v1/changes')).json.items.map((c: { id: string }) => c.id);

    beforeAll(async () => {
      await prepare();
      const config = loadConfig({ ...env(), TRELLIS_AUTH: 'required', TRELLIS_RATE_LIMIT: '0' });
      server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' }));
      const by = { actor: 'cli:test', clientAddress: 'local', requestId: 'test' };
      const people: [string, Role][] = [['admin', 'admin'], ['pipeline', 'importer'], ['carol', 'change-manager'], ['viewer', 'viewer']];
      for (const [who, role] of people) tokens.set(who, (await createApiToken(server.store, { name: who, role }, by)).secret);
      for (const state of ['tfcompliance__test_issue_522-prior.tfstate', 'terraform-json__action_reason-prior.tfstate', 'terraform-json__moved_block-prior.tfstate']) {
        expect((await call('pipeline', 'POST', `/api/v1/imports?name=${state}`, stateText(state))).status).toBe(200);
      }
      expect((await call('admin', 'POST', '/api/v1/cis', JSON.stringify({ id: 'svc-metrics', type: 'Service', name: 'Metrics', criticality: 1 }))).status).toBe(201);
      expect((await call('admin', 'POST', '/api/v1/relationships', JSON.stringify({ from: 'svc-metrics', type: 'DEPENDS_ON', to: updatedTarget }))).status).toBe(201);
    });
    afterAll(async () => server?.stop());

    it('reports a plan to a viewer, blocked when a service reaches failOn, and writes nothing', async () => {
      const answer = await gate('viewer', `failOn=degraded:1&at=${window.inside}`);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        file: 'plan.json', verdict: 'blocked', threshold: { state: 'degraded', criticality: 1 },
        actions: { create: 5, update: 1, delete: 2, 'no-op': 7 }, reached: [expect.objectContaining({ id: 'svc-metrics', state: 'degraded' })], unknown: [],
      });
      expect(answer.json.changes.map((c: { action: string; effect: string }) => `${c.action} ${c.effect}`)).toEqual(['delete down', 'delete down', 'update degraded']);
      expect((await gate('viewer', 'failOn=down:1')).json.verdict).toBe('clear');
      expect(await changeIds()).toEqual([]);
    });

    it('refuses createChange without the change permission (403), and a body that is not a plan (400 naming the rule), writing nothing', async () => {
      expect(await gate('viewer', 'createChange=true')).toMatchObject({ status: 403, json: { code: 'forbidden' } });
      const notPlan = await gate('pipeline', 'name=state.json&createChange=true', stateText('terraform-json__moved_block-prior.tfstate'));
      expect(notPlan).toMatchObject({ status: 400, json: { code: 'invalid', problems: [expect.objectContaining({ file: 'state.json', message: expect.stringContaining('not a Terraform plan: no resource_changes') })] } });
      expect((await gate('viewer', 'failOn=sideways:9')).json).toMatchObject({ code: 'invalid', problems: [expect.objectContaining({ field: 'failOn', message: expect.stringContaining('"sideways" is not an impact state') })] });
      expect(await changeIds()).toEqual([]);
    });

    it('requests a draft change for a pipeline; once a change manager approves it, the plan is covered in its window', async () => {
      const asked = await gate('pipeline', `name=${plan522}&failOn=degraded:1&at=${window.inside}&createChange=true&windowStart=${window.start}&windowEnd=${window.end}`);
      expect(asked.json).toMatchObject({ verdict: 'blocked', change: { state: 'draft', type: 'normal', window: { start: window.start, end: window.end }, requester: expect.stringMatching(/^token:pipeline:/) } });
      const id = asked.json.change.id;
      expect((await call('pipeline', 'POST', `/api/v1/changes/${id}/transitions`, JSON.stringify({ to: 'submitted' }))).status).toBe(200);
      const approved = await call('carol', 'POST', `/api/v1/changes/${id}/approvals`, JSON.stringify({ decision: 'approved', override: true, comment: 'planned maintenance' }));
      expect(approved.json.state).toBe('approved');
      expect((await gate('viewer', `failOn=degraded:1&at=${window.inside}`)).json).toMatchObject({ verdict: 'covered', coveredBy: id });
      expect((await gate('viewer', `failOn=degraded:1&at=${window.end}`)).json).toMatchObject({ verdict: 'blocked' });
      // Covered already: asking again requests no second change.
      expect((await gate('pipeline', `failOn=degraded:1&at=${window.inside}&createChange=true`)).json.change).toBeUndefined();
      expect(await changeIds()).toEqual([id]);
      const audit = await call('admin', 'GET', `/api/v1/audit?target=${id}`);
      expect(audit.json.items.map((a: { action: string }) => a.action)).toContain('change.create');
    });

    it('gives a proposal already read from a plan the same assessment', async () => {
      const proposal = (await call('pipeline', 'POST', `/api/v1/imports?name=${plan522}`, planText(plan522))).json;
      const assessed = await call('viewer', 'GET', `/api/v1/proposals/${proposal.id}/impact?failOn=degraded:1&at=${window.inside}`);
      const direct = await gate('viewer', `name=${plan522}&failOn=degraded:1&at=${window.inside}`);
      expect(assessed.json).toMatchObject({ proposal: proposal.id, verdict: 'covered' });
      const { proposal: _id, ...same } = assessed.json;
      expect(same).toEqual(direct.json);
      expect((await call('viewer', 'GET', '/api/v1/proposals/nowhere/impact')).status).toBe(404);
    });

    it('takes a replaced resource down, and follows a moved one to the CI it was', async () => {
      const replaced = await gate('viewer', 'failOn=down', planText('terraform-json__action_reason-plan.json'));
      expect(replaced.json).toMatchObject({ verdict: 'clear', targets: [{ id: 'tf:terraform-json-action-reason:null_resource.example', effect: 'down' }], changes: [expect.objectContaining({ action: 'replace', effect: 'down' })] });
      const moved = await gate('viewer', 'failOn=down', planText('terraform-json__moved_block-plan.json'));
      expect(moved.json).toMatchObject({ verdict: 'clear', actions: { move: 1 }, changes: [], targets: [] });
      const unreadable = await gate('viewer', 'failOn=down', JSON.stringify({ resource_changes: [{ address: 'aws_instance.web' }] }));
      expect(unreadable.json).toMatchObject({ verdict: 'clear', warnings: [{ code: 'malformed', place: 'resource_changes[0]' }] });
      const proposal = (await call('pipeline', 'POST', '/api/v1/imports?name=moved.json', planText('terraform-json__moved_block-plan.json'))).json;
      expect(proposal.changes).toEqual([expect.objectContaining({ address: 'random_id.test2', previousAddress: 'random_id.test', ciId: 'tf:terraform-json-moved-block:random_id.test' })]);
    });
  });
}
