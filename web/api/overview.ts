import type { EstateOverview } from '../../schema/explorer.ts';
import { apiUrl, requestJson } from './client.ts';

/** The estate at a glance (GET /api/v1/overview). */
export function fetchOverview(signal?: AbortSignal): Promise<EstateOverview> {
  return requestJson<EstateOverview>(apiUrl('/overview'), { signal: signal ?? null });
}
