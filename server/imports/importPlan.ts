import { randomUUID } from 'node:crypto';
import type { PlanProposal } from '../../schema/proposals.ts';
import { parseTerraformPlan } from '../../importers/terraform/parseTerraformPlan.ts';
import { ciIdOfKey } from '../reconcile/identity.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';

/**
 * Reads a Terraform plan into a proposal and keeps it; the live graph is not
 * touched. Each change names the CI it would touch when Trellis knows it: by
 * the resource's identity key, or else by a unique Terraform address.
 */
export async function importPlan(store: GraphStore, request: { text: string; file: string; actor: string; origin?: RequestOrigin }): Promise<PlanProposal> {
  const parsed = parseTerraformPlan(request.text, request.file);
  const byKey = new Map(parsed.changes.filter((c) => c.ciKey).map((c) => [ciIdOfKey(c.ciKey!), c]));
  const known = new Set((await store.findCIs([...byKey.keys()])).map((ci) => ci.id));
  for (const [id, change] of byKey) if (known.has(id)) change.ciId = id;
  for (const change of parsed.changes) {
    if (change.ciId || change.action === 'create' || change.mode === 'data') continue;
    const address = change.previousAddress ?? change.address;
    const found = await store.searchCIs({ attributes: { 'terraform.address': address }, limit: 2 });
    if (found.total === 1) change.ciId = found.items[0]!.id;
  }
  const proposal: PlanProposal = { id: randomUUID(), createdAt: new Date().toISOString(), actor: request.actor, ...parsed };
  await store.saveProposal(proposal);
  const audit = auditDraft(request.actor, request.origin, 'import.run', request.file);
  if (audit) await store.appendAudit({ ...audit, summary: `plan kept as proposal ${proposal.id}` });
  return proposal;
}
