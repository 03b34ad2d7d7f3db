import type { ImpactReport, ImpactRequest, UpstreamReport, UpstreamRequest } from '../../schema/impact.ts';
import { apiUrl, sendJson } from './client.ts';

/** What breaks if these CIs go down or degrade (POST /api/v1/impact). */
export function runImpact(request: ImpactRequest, signal?: AbortSignal): Promise<ImpactReport> {
  return sendJson<ImpactReport>(apiUrl('/impact'), 'POST', request, signal);
}

/** What failing CIs rely on, with candidate causes ranked (POST /api/v1/upstream). */
export function runUpstream(request: UpstreamRequest, signal?: AbortSignal): Promise<UpstreamReport> {
  return sendJson<UpstreamReport>(apiUrl('/upstream'), 'POST', request, signal);
}
