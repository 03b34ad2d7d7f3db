import { useQuery } from '@tanstack/react-query';
import type { ImpactRequest, UpstreamRequest } from '../../schema/impact.ts';
import { runImpact, runUpstream } from '../api/analysis.ts';

/** The impact of the view's targets; the analysis is a read, so it is cached like one. */
export function useImpact(request: ImpactRequest | undefined) {
  return useQuery({
    queryKey: ['impact', request],
    queryFn: ({ signal }) => runImpact(request!, signal),
    enabled: Boolean(request && request.targets.length),
  });
}

/** The upstream analysis of the view's symptoms. */
export function useUpstream(request: UpstreamRequest | undefined) {
  return useQuery({
    queryKey: ['upstream', request],
    queryFn: ({ signal }) => runUpstream(request!, signal),
    enabled: Boolean(request && request.symptoms.length),
  });
}
