import { lookBackStart, upstreamRequestSchema, type RankingSignal, type UpstreamReport, type UpstreamRequest } from '../../schema/impact.ts';
import { limits } from '../../schema/limits.ts';
import { buildAdjacency } from '../analysis/adjacency.ts';
import { computeUpstream, explainCandidate } from '../analysis/computeUpstream.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { nodesOf, type AnalysisSettings } from './assessImpact.ts';

/** Signals the ranking would use once change and incident records exist. */
const notYetAvailable: RankingSignal[] = ['change_record', 'open_incident'];

/**
 * The incident view: from symptomatic CIs to everything they rely on, with
 * ranked candidate causes. "Recently changed" comes from the configuration
 * history until change records exist; the report says which signals it used.
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
  const evidence = { changedAt };
  const { dependencies, ranked } = computeUpstream(graph, buildAdjacency(graph), symptoms.map((id) => nodeOf.get(id)!), evidence);
  return {
    symptoms,
    dependencies,
    candidates: ranked.slice(0, request.candidates).map((d, i) => explainCandidate(d, i + 1, symptoms.length, evidence)),
    signals: ['shared_by_symptoms', 'recent_configuration_change', 'distance'],
    unavailableSignals: notYetAvailable,
    since,
    truncated: graph.truncated,
  };
}
