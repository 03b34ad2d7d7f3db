import { randomUUID } from 'node:crypto';
import type { PlanProposal } from '../../schema/proposals.ts';
import { parseTerraformPlan } from '../../importers/terraform/parseTerraformPlan.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';
import { resolvePlannedCIs } from './resolvePlannedCIs.ts';

/**
 * Reads a Terraform plan into a proposal and keeps it; the live graph is not
 * touched. Each change names the CI it would touch when Trellis knows it
 * (resolvePlannedCIs).
 */
export async function importPlan(store: GraphStore, request: { text: string; file: string; actor: string; origin?: RequestOrigin }): Promise<PlanProposal> {
  const parsed = parseTerraformPlan(request.text, request.file);
  const changes = await resolvePlannedCIs(store, parsed.changes);
  const proposal: PlanProposal = { id: randomUUID(), createdAt: new Date().toISOString(), actor: request.actor, ...parsed, changes };
  await store.saveProposal(proposal);
  const audit = auditDraft(request.actor, request.origin, 'import.run', request.file);
  if (audit) await store.appendAudit({ ...audit, summary: `plan kept as proposal ${proposal.id}` });
  return proposal;
}
