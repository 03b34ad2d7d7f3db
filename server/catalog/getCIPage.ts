import type { StoredCI } from '../../schema/configItem.ts';
import type { CIPage, ContractOfCI, SourceViewOfCI, TeamOfCI } from '../../schema/explorer.ts';
import { ciIdSchema } from '../../schema/identifiers.ts';
import type { ImportRun } from '../../schema/imports.ts';
import { limits } from '../../schema/limits.ts';
import { compareText } from '../../schema/ordering.ts';
import type { Relationship } from '../../schema/relationships.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { getCI } from './getCI.ts';
import { toRelatedCI } from './toRelatedCI.ts';

/** How many recent import runs are read to date the sources of a CI. */
const runsRead = 200;

/**
 * Everything the explorer's page of a CI shows, in one answer: the CI and its
 * relationships, the CIs at their other ends, its teams (with how to reach
 * them), its contracts and their suppliers, what each source says of it, and its
 * latest history. Throws NotFoundError for an unknown id.
 */
export async function getCIPage(store: GraphStore, input: string): Promise<CIPage> {
  const id = parseOrThrow(ciIdSchema, input, 'CI id');
  const { ci, outgoing, incoming } = await getCI(store, id);
  const others = [...new Set([...outgoing.map((r) => r.to), ...incoming.map((r) => r.from)])];
  const byId = new Map((await store.findCIs(others)).map((other) => [other.id, other]));
  const [contracts, sources, history] = await Promise.all([
    contractsOf(store, outgoing, byId),
    sourcesOf(store, id),
    store.listHistory({ ciId: id, limit: limits.ciPageHistoryMax, newestFirst: true }),
  ]);
  return { ci, outgoing, incoming, related: [...byId.values()].map(toRelatedCI), teams: teamsOf(outgoing, byId), contracts, sources, history };
}

/** The Teams the CI is OWNED_BY or SUPPORTED_BY, owners first. */
function teamsOf(outgoing: Relationship[], byId: Map<string, StoredCI>): TeamOfCI[] {
  const teams: TeamOfCI[] = [];
  for (const relationship of ['OWNED_BY', 'SUPPORTED_BY'] as const) {
    for (const r of outgoing) {
      const team = byId.get(r.to);
      if (r.type === relationship && team?.type === 'Team') teams.push({ relationship, team });
    }
  }
  return teams.slice(0, limits.ciPagePartiesMax);
}

/** The Contracts the CI is COVERED_BY, each with the supplier it is AGREED_WITH (the smaller id when several). */
async function contractsOf(store: GraphStore, outgoing: Relationship[], byId: Map<string, StoredCI>): Promise<ContractOfCI[]> {
  const contracts = outgoing.filter((r) => r.type === 'COVERED_BY').flatMap((r) => byId.get(r.to) ?? []).filter((c) => c.type === 'Contract').slice(0, limits.ciPagePartiesMax);
  if (contracts.length === 0) return [];
  // Keys come sorted: the first agreement of a contract is the one with the smaller supplier id.
  const agreements = await store.listRelationshipKeysFrom(contracts.map((c) => c.id), ['AGREED_WITH']);
  const suppliers = new Map((await store.findCIs([...new Set(agreements.map((k) => k.to))])).filter((s) => s.type === 'Supplier').map((s) => [s.id, s]));
  return contracts.map((contract) => {
    const supplier = agreements.filter((k) => k.from === contract.id).map((k) => suppliers.get(k.to)).find((s) => s !== undefined);
    return supplier ? { contract, supplier: { id: supplier.id, name: supplier.name } } : { contract };
  });
}

/** What each scope asserts of the CI, dated by the latest applied run that covered the scope. */
async function sourcesOf(store: GraphStore, id: string): Promise<SourceViewOfCI[]> {
  const { assertions } = await store.readAssertions({ subjects: [id] });
  const views: SourceViewOfCI[] = [];
  for (const a of assertions) if (a.kind === 'ci' && a.subject === id) views.push({ scope: a.scope, name: a.body.name, attributes: a.body.attributes });
  if (views.length === 0) return views;
  const confirmed = confirmationTimes(await store.listImportRuns({ limit: runsRead }));
  for (const view of views) {
    const at = confirmed.get(view.scope);
    if (at) view.confirmedAt = at;
  }
  return views.sort((a, b) => compareText(a.scope, b.scope));
}

/** For each scope, the start of the newest applied run that covered it (runs come newest first). */
function confirmationTimes(runs: ImportRun[]): Map<string, string> {
  const times = new Map<string, string>();
  for (const run of runs) {
    if (run.status !== 'applied') continue;
    for (const scope of run.scopes) if (!times.has(scope)) times.set(scope, run.startedAt);
  }
  return times;
}
