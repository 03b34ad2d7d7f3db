import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { impactReportSchema, upstreamReportSchema } from '../../schema/api/analysisResponses.ts';
import {
  ciDetailSchema,
  ciPageSchema,
  ciSearchPageSchema,
  historyEntrySchema,
  historyListSchema,
  relationshipListSchema,
  storedCISchema,
} from '../../schema/api/catalogResponses.ts';
import { livenessSchema, readinessSchema } from '../../schema/api/healthResponses.ts';
import {
  estateExportSchema,
  estateImportResultSchema,
  importAnswerSchema,
  importOutcomeSchema,
  importRunListSchema,
  planProposalListSchema,
  planProposalSchema,
  retireOutcomeSchema,
} from '../../schema/api/importResponses.ts';
import { neighbourhoodSchema, serviceMapSchema } from '../../schema/api/mapResponses.ts';
import { estateOverviewSchema } from '../../schema/api/overviewResponses.ts';
import { problemDocumentSchema } from '../../schema/api/problemResponse.ts';
import type { StoredCI } from '../../schema/configItem.ts';
import { neighbourhoodRequestSchema, type CIPage } from '../../schema/explorer.ts';
import type { ImpactRequest, UpstreamRequest } from '../../schema/impact.ts';
import type { ImportOutcome } from '../../schema/imports.ts';
import { limits } from '../../schema/limits.ts';
import type { PlanProposal } from '../../schema/proposals.ts';
import { getCI } from '../../server/catalog/getCI.ts';
import { getCIPage } from '../../server/catalog/getCIPage.ts';
import { ConflictError, InvalidError } from '../../server/errors.ts';
import { exportEstateText } from '../../server/estate/exportEstate.ts';
import { importEstate, type ImportEstateResult } from '../../server/estate/importEstate.ts';
import { summarizeEstate } from '../../server/estate/summarizeEstate.ts';
import { problemJson, sendProblem } from '../../server/http/problemJson.ts';
import { assessImpact } from '../../server/impact/assessImpact.ts';
import { traceUpstream } from '../../server/impact/traceUpstream.ts';
import { importText, type TextImport } from '../../server/imports/importText.ts';
import { retireStale } from '../../server/imports/retireStale.ts';
import { getNeighbourhood } from '../../server/maps/getNeighbourhood.ts';
import { getServiceMap } from '../../server/maps/getServiceMap.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { corpusDir } from '../support/corpus.ts';
import { demoEstateText } from '../support/demoEstate.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

/**
 * The response schemas of schema/api/ (from which the OpenAPI document is
 * generated) against what the use cases behind the routes really answer, on the
 * demo estate and corpus imports. A value must parse as it goes over the wire
 * (through JSON) and lose nothing in parsing: the document renders a response
 * object with `additionalProperties: false`, so a property the schema does not
 * list would fail a client that checks answers against it.
 */
function expectAnswer(schema: z.ZodType, value: unknown): void {
  const sent: unknown = JSON.parse(JSON.stringify(value));
  expect(schema.parse(sent)).toStrictEqual(sent);
}

/** What POST /api/v1/imports sends for an import (server/http/routes/importRoutes.ts). */
function answerOf(done: TextImport): unknown {
  return 'proposal' in done ? done.proposal : 'outcome' in done ? done.outcome : done.result;
}

function outcomeOf(done: TextImport): ImportOutcome {
  if (!('outcome' in done)) throw new Error(`expected a source import, got ${done.kind}`);
  return done.outcome;
}

/** The status, media type and body a problem handler sends, caught from a stand-in for express's Response (headers it sets are dropped). */
function sentProblem(send: (res: Response) => void): { status: number; type: string; body: unknown } {
  const sent = { status: 0, type: '', body: undefined as unknown };
  const res = {
    headersSent: false,
    set() {
      return this;
    },
    status(status: number) {
      sent.status = status;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  send(res as unknown as Response);
  return sent;
}

const corpusText = (path: string) => readFileSync(join(corpusDir, path), 'utf8');

describe('API response schemas against the use cases behind the routes', () => {
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-api-responses-')) }));
  const settings = { maxCIs: limits.subgraphCIsMax };
  const actor = 'schema-test';
  let store: GraphStore;
  let demoImports: ImportEstateResult[];
  let sourceImports: { name: string; done: TextImport }[];
  let planImports: { name: string; done: TextImport }[];

  beforeAll(async () => {
    store = await open();
    // The demo twice: the first import writes history (firstSeq, lastSeq), the second finds everything unchanged.
    demoImports = [];
    for (let i = 0; i < 2; i += 1) demoImports.push(await importEstate(store, { text: demoEstateText(), file: 'estate.yaml', actor }));

    const tf = (name: string, options: { dryRun?: boolean; text?: string } = {}) =>
      importText(store, { text: options.text ?? corpusText(`tfstate/${name}`), file: name, kind: 'terraform', actor, dryRun: options.dryRun }).then((done) => ({ name, done }));
    const lb = 'driftctl__aws_lb_listener-terraform.tfstate';
    const s3 = 'driftctl__aws_s3_full-terraform.tfstate';
    const changedS3 = JSON.parse(corpusText(`tfstate/${s3}`)) as { serial: number; resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
    changedS3.serial += 1;
    changedS3.resources.find((r) => r.type === 'aws_s3_bucket')!.instances[0]!.attributes.tags = { team: 'payments' };
    sourceImports = [
      await tf(lb, { dryRun: true }),
      await tf(lb),
      // The same lineage as the load balancer's state, read later: it withdraws what that state had, flagged stale.
      await tf('driftctl__azurerm_network_security_group-terraform.tfstate'),
      await tf(s3),
      // A later serial of the same state with one bucket's tags changed: an update with its attribute changes.
      await tf(s3, { text: JSON.stringify(changedS3) }),
    ];
    // A file that is no state at all leaves a failed run on record.
    await expect(tf('broken.tfstate', { text: 'this is not a Terraform state' })).rejects.toThrow();

    planImports = [];
    for (const name of readdirSync(join(corpusDir, 'tfplan'))) {
      const done = await importText(store, { text: corpusText(`tfplan/${name}`), file: name, kind: 'terraform-plan', actor }).catch(() => undefined);
      if (done) planImports.push({ name, done });
    }
  });

  describe('catalog', () => {
    it('CI search pages (GET /cis)', async () => {
      const all = await store.searchCIs({ limit: limits.pageSizeMax });
      expect(all.items.length).toBeGreaterThan(250);
      expectAnswer(ciSearchPageSchema, all);
      const capped = await store.searchCIs({ countUpTo: 1, limit: 2 });
      expect(capped.totalCapped).toBe(true);
      expectAnswer(ciSearchPageSchema, capped);
      for (const query of [{ type: 'Service' as const }, { stale: true }, { text: 'checkout' }, { attributes: { criticality: 1 } }, { text: 'nothing-matches-this' }]) {
        expectAnswer(ciSearchPageSchema, await store.searchCIs(query));
      }
    });

    it('every CI, its relationships, history and page (GET /cis/{id}, /cis/{id}/page, /cis/{id}/history, /relationships?ci=)', async () => {
      const { items } = await store.searchCIs({ limit: limits.pageSizeMax });
      const pages: CIPage[] = [];
      for (const { id } of items) {
        expectAnswer(storedCISchema, (await getCI(store, id)).ci);
        expectAnswer(ciDetailSchema, await getCI(store, id));
        expectAnswer(relationshipListSchema, { items: await store.listRelationshipsOf(id) });
        expectAnswer(historyListSchema, { items: await store.listHistory({ ciId: id, limit: 1000 }) });
        const page = await getCIPage(store, id);
        expectAnswer(ciPageSchema, page);
        pages.push(page);
      }
      // The optional parts were there to check, not only the required ones.
      expect(pages.some((p) => p.teams.some((t) => t.relationship === 'SUPPORTED_BY'))).toBe(true);
      expect(pages.some((p) => p.contracts.some((c) => c.supplier))).toBe(true);
      expect(pages.some((p) => p.sources.some((s) => s.confirmedAt))).toBe(true);
      expect(pages.some((p) => p.related.some((r) => r.stale))).toBe(true);
      expect(pages.some((p) => p.outgoing.some((r) => r.strength === 'soft'))).toBe(true);
      const history = pages.flatMap((p) => p.history);
      expect(new Set(history.map((h) => `${h.entity} ${h.operation}`))).toEqual(new Set(['ci created', 'ci changed', 'relationship created', 'relationship changed']));
    });

    it('the whole history, both kinds of entry', async () => {
      const entries = await store.listHistory({ limit: 100_000 });
      for (const entry of entries) expectAnswer(historyEntrySchema, entry);
      expectAnswer(historyListSchema, { items: entries });
    });
  });

  describe('analysis', () => {
    const scenarios = readdirSync(new URL('../scenarios/demo/', import.meta.url))
      .map((name) => parse(readFileSync(new URL(`../scenarios/demo/${name}`, import.meta.url), 'utf8')) as { impact?: ImpactRequest; upstream?: UpstreamRequest });

    it('impact reports (POST /impact) of the demo scenarios, and a truncated one', async () => {
      const requests: ImpactRequest[] = [
        ...scenarios.flatMap((s) => s.impact ?? []),
        { targets: [{ id: 'svc-checkout', effect: 'degraded' }] },
        { targets: [{ id: 'host-ad-01-a' }], maxCIs: 2, onLimit: 'truncate' },
      ];
      expect(requests.length).toBeGreaterThan(4);
      const reports = [];
      for (const request of requests) {
        const report = await assessImpact(store, request, settings);
        expectAnswer(impactReportSchema, report);
        reports.push(report);
      }
      expect(reports.some((r) => r.truncated)).toBe(true);
      expect(reports.some((r) => r.notify.some((t) => t.onCall !== undefined))).toBe(true);
      expect(reports.some((r) => r.contracts.some((c) => c.kind && c.end))).toBe(true);
      expect(reports.some((r) => r.services.some((s) => s.criticality))).toBe(true);
    });

    it('upstream reports (POST /upstream) of the demo scenarios and of every service', async () => {
      const { items: services } = await store.searchCIs({ type: 'Service', limit: limits.pageSizeMax });
      const requests: UpstreamRequest[] = [...scenarios.flatMap((s) => s.upstream ?? []), ...services.map((s) => ({ symptoms: [s.id], since: '7d' }))];
      for (const request of requests) expectAnswer(upstreamReportSchema, await traceUpstream(store, request, settings));
    });
  });

  describe('maps', () => {
    it('neighbourhoods (GET /maps/neighbourhood)', async () => {
      for (const [roots, direction, depth] of [
        [['svc-checkout'], 'both', 2],
        [['grp-pg-main'], 'downstream', 1],
        [['svc-checkout', 'svc-mobile-api'], 'upstream', 10],
        [['host-ad-01-a'], 'downstream', 3],
      ] as const) {
        const neighbourhood = await getNeighbourhood(store, neighbourhoodRequestSchema.parse({ roots, direction, depth }));
        expect(neighbourhood.nodes.length).toBeGreaterThan(1);
        expectAnswer(neighbourhoodSchema, neighbourhood);
      }
      const cut = await getNeighbourhood(store, neighbourhoodRequestSchema.parse({ roots: ['svc-checkout'], maxCIs: 3 }));
      expect(cut.truncated).toBe(true);
      expectAnswer(neighbourhoodSchema, cut);
    });

    it('the service map (GET /maps/services)', async () => {
      const map = await getServiceMap(store);
      expect(map.edges.some((e) => e.via.length > 0 && e.strength === 'soft')).toBe(true);
      expect(map.services.some((s) => s.owner && s.criticality)).toBe(true);
      expectAnswer(serviceMapSchema, map);
    });
  });

  it('the overview (GET /overview)', async () => {
    const overview = await summarizeEstate(store);
    expect(overview.stale.items.length).toBeGreaterThan(0);
    expect(overview.lastImports.some((run) => run.status === 'failed')).toBe(true);
    expectAnswer(estateOverviewSchema, overview);
  });

  describe('imports', () => {
    it('source imports, dry and applied (POST /imports)', () => {
      const outcomes = sourceImports.map(({ done }) => outcomeOf(done));
      for (const { done } of sourceImports) {
        expectAnswer(importAnswerSchema, answerOf(done));
        expectAnswer(importOutcomeSchema, answerOf(done));
      }
      expect(outcomes.map((o) => o.run.status)).toContain('dry-run');
      expect(outcomes.some((o) => o.diff.stale.length && o.diff.withdrawn.length)).toBe(true);
      const changes = outcomes.flatMap((o) => o.diff.updated.flatMap((u) => u.changes));
      expect(changes.some((c) => c.before === undefined && typeof c.after === 'object')).toBe(true);
      expect(changes.some((c) => c.after === undefined)).toBe(true);
      expect(outcomes.some((o) => o.run.warnings.length)).toBe(true);
    });

    it('plans read into proposals (POST /imports, GET /proposals, GET /proposals/{id})', async () => {
      expect(planImports.length).toBeGreaterThan(10);
      const proposals: PlanProposal[] = [];
      for (const { done } of planImports) {
        expect(done.kind).toBe('terraform-plan');
        expectAnswer(importAnswerSchema, answerOf(done));
        expectAnswer(planProposalSchema, answerOf(done));
        proposals.push(answerOf(done) as PlanProposal);
      }
      const changes = proposals.flatMap((p) => p.changes);
      for (const field of ['previousAddress', 'reason', 'replaceOrder', 'changedAttributes'] as const) expect(changes.some((c) => c[field] !== undefined), field).toBe(true);
      expect(proposals.some((p) => p.drift > 0)).toBe(true);
      expectAnswer(planProposalListSchema, { items: await store.listProposals({ limit: 50 }) });
      expectAnswer(planProposalSchema, await store.findProposal(proposals[0]!.id));
    });

    it('import runs (GET /imports), a failed one among them', async () => {
      const runs = await store.listImportRuns({ limit: 50 });
      expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['applied', 'failed']));
      expect(runs.find((r) => r.status === 'failed')!.errors.length).toBeGreaterThan(0);
      expectAnswer(importRunListSchema, { items: runs });
    });

    it('retiring stale CIs, dry (POST /imports/retire-stale)', async () => {
      const retired = await retireStale(store, { graceDays: 0, dryRun: true, actor });
      expect(retired.cis.length).toBeGreaterThan(0);
      expect(retired.relationships.length).toBeGreaterThan(0);
      expectAnswer(retireOutcomeSchema, retired);
      expectAnswer(retireOutcomeSchema, await retireStale(store, { graceDays: 1.5, dryRun: true, actor }));
    });

    it('estate imports (POST /estate) and the estate exported as JSON (GET /estate?format=json)', async () => {
      const [first, again] = demoImports;
      expect(first!.firstSeq).toBeDefined();
      expect(again!.firstSeq).toBeUndefined();
      for (const result of demoImports) expectAnswer(estateImportResultSchema, result);
      const exported = JSON.parse(await exportEstateText(store, 'json')) as { cis: unknown[]; relationships: unknown[] };
      expect(exported.cis.length).toBeGreaterThan(250);
      expectAnswer(estateExportSchema, exported);
    });
  });

  it('health (GET /healthz, GET /readyz) as healthRoutes.ts builds them', async () => {
    expectAnswer(livenessSchema, { status: 'ok' });
    expectAnswer(readinessSchema, { status: 'ready', store: store.kind, ...(await store.countAll()) });
  });

  it('problem documents, as problemJson.ts sends them for errors of the use cases', async () => {
    const handler = problemJson(pino({ level: 'silent' }));
    const problemOf = (error: unknown) => sentProblem((res) => handler(error, {} as Request, res, () => {}));
    const errors = await Promise.all([
      getCI(store, 'no-such-ci').catch((error: unknown) => error),
      assessImpact(store, { targets: [] }, settings).catch((error: unknown) => error),
      assessImpact(store, { targets: [{ id: 'host-ad-01-a' }], maxCIs: 2 }, settings).catch((error: unknown) => error),
      importText(store, { text: '{}', file: 'plan.json', kind: 'terraform-plan', actor, dryRun: true }).catch((error: unknown) => error),
    ]);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['not_found', 'invalid', 'limit_exceeded', 'invalid']);
    const documents = [...errors, new ConflictError('written meanwhile'), new InvalidError([{ file: 'estate.yaml', entry: 'cis[3] (x)', field: 'name', message: 'required' }]), new Error('a bug')].map(problemOf);
    documents.push(sentProblem((res) => sendProblem(res, 404, 'no_route', 'no API route GET /api/v1/nothing')));
    for (const { type, body } of documents) {
      expect(type).toBe('application/problem+json');
      expectAnswer(problemDocumentSchema, body);
    }
    const bodies = documents.map((d) => d.body as Record<string, unknown>);
    for (const extra of ['problems', 'ids', 'limit']) expect(bodies.some((b) => b[extra] !== undefined), extra).toBe(true);
  });

  describe('the schemas refuse what the API does not send', () => {
    let ci: StoredCI;
    beforeAll(async () => {
      ci = (await getCI(store, 'svc-checkout')).ci;
    });

    it('a StoredCI without meta, with a time not in UTC, with an unknown type or a value that is not JSON', () => {
      expect(storedCISchema.safeParse(ci).success).toBe(true);
      const { meta: _meta, ...withoutMeta } = ci;
      expect(storedCISchema.safeParse(withoutMeta).success).toBe(false);
      expect(storedCISchema.safeParse({ ...ci, meta: { ...ci.meta, updatedAt: '2024-05-01T10:00:00+02:00' } }).success).toBe(false);
      expect(storedCISchema.safeParse({ ...ci, type: 'Server' }).success).toBe(false);
      expect(storedCISchema.safeParse({ ...ci, attributes: { ...ci.attributes, when: new Date() } }).success).toBe(false);
    });

    it('a property the schema does not list (the check on every answer above)', () => {
      expect(() => expectAnswer(storedCISchema, { ...ci, etag: '"abc"' })).toThrow();
      expect(() => expectAnswer(storedCISchema, ci)).not.toThrow();
    });

    it('a fractional sequence number, an estate result as an import answer, a problem without its code', async () => {
      const [entry] = await store.listHistory({ ciId: 'svc-checkout', limit: 1 });
      expect(historyEntrySchema.safeParse({ ...entry, seq: 1.5 }).success).toBe(false);
      expect(importAnswerSchema.safeParse(demoImports[0]).success).toBe(false);
      const { body } = sentProblem((res) => sendProblem(res, 404, 'not_found', 'gone'));
      const { code: _code, ...withoutCode } = body as Record<string, unknown>;
      expect(problemDocumentSchema.safeParse(withoutCode).success).toBe(false);
    });
  });
});
