import { lookBackStart, upstreamRequestSchema, type UpstreamReport, type UpstreamRequest } from '../../schema/impact.ts';
import { limits } from '../../schema/limits.ts';
import { buildAdjacency } from '../analysis/adjacency.ts';
import { computeUpstream, explainCandidate, type RankingEvidence } from '../analysis/computeUpstream.ts';
import type { ChangeState } from '../../schema/changes.ts';
import { implementedAtOf } from '../incidents/correlateIncident.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { nodesOf, type AnalysisSettings } from './assessImpact.ts';


/**
 * The incident view: from symptomatic CIs to everything they rely on, with
 * ranked candidate causes. "Recently changed" is a change record in progress
 * or implemented since the look-back start, or a configuration change in the
 * history; open incidents rank next. The report says which signals it used.
 */
export async function traceUpstream(store: GraphStore, input: UpstreamRequest, settings: AnalysisSettings, now = new Date()): Promise<UpstreamReport> {
  const request = parseOrThrow(upstreamRequestSchema, input, 'upstream request');
  const graph = await store.extractRelianceGraph({
    roots: request.symptoms,
    direction: 'upstream',
    maxDepth: limits.subgraphDepthMax,
    maxCIs: Math.min(request.maxCIs ?? settings.maxCIs, settings.maxCIs),
    onLimit: request.onLimit,
  });
  const symptoms = [...new Set(request.symptoms)];
  const nodeOf = nodesOf(graph.ids, new Set(symptoms));
  const since = lookBackStart(request.since, now);
  const changedAt = await store.findChangedSince(graph.ids.filter((id) => !symptoms.includes(id)), since);
  const evidence = { changedAt, ...(await recordsSince(store, since)) };
  const { dependencies, ranked } = computeUpstream(graph, buildAdjacency(graph), symptoms.map((id) => nodeOf.get(id)!), evidence);
  return {
    symptoms,
    dependencies,
    candidates: ranked.slice(0, request.candidates).map((d, i) => explainCandidate(d, i + 1, symptoms.length, evidence)),
    signals: ['shared_by_symptoms', 'change_record', 'recent_configuration_change', 'open_incident', 'distance'],
    unavailableSignals: [],
    since,
    truncated: graph.truncated,
  };
}

/** States of changes whose work has started: in progress, or ended (and maybe closed since). */
const started: ChangeState[] = ['in_progress', 'implemented', 'failed', 'rolled_back', 'closed'];

/**
 * The change records in progress or implemented since `since` and the open
 * incidents, each by the CIs they touch. Both lists are read up to
 * limits.pageSizeMax records, newest first.
 */
async function recordsSince(store: GraphStore, since: string): Promise<Pick<RankingEvidence, 'changes' | 'incidents'>> {
  // A change implemented after `since` may have been planned for a window up to changeWindowDaysMax earlier.
  const windowsFrom = new Date(Date.parse(since) - limits.changeWindowDaysMax * 86_400_000).toISOString();
  const changes = new Map<string, string[]>();
  for (const { change } of await store.listChanges({ states: started, from: windowsFrom, limit: limits.pageSizeMax })) {
    const implementedAt = implementedAtOf(change);
    if (change.state !== 'in_progress' && !(implementedAt && implementedAt >= since)) continue;
    for (const target of change.targets) changes.set(target.id, [...(changes.get(target.id) ?? []), change.id]);
  }
  const incidents = new Map<string, string[]>();
  for (const { incident } of await store.listIncidents({ states: ['open'], limit: limits.pageSizeMax })) {
    for (const id of incident.affected) incidents.set(id, [...(incidents.get(id) ?? []), incident.id]);
  }
  return { changes, incidents };
}
