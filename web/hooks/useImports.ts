import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applyEstateFile, listImportRuns, listProposals, retireStaleCIs, runImportUpload, type ImportUpload } from '../api/imports.ts';

/** The latest import runs. */
export function useImportRuns(limit = 50) {
  return useQuery({ queryKey: ['imports', limit], queryFn: ({ signal }) => listImportRuns(limit, signal) });
}

/** The latest proposals read from plans. */
export function useProposals(limit = 20) {
  return useQuery({ queryKey: ['proposals', limit], queryFn: ({ signal }) => listProposals(limit, signal) });
}

/** Runs an import (dry or for real); a real one refreshes everything the graph feeds. */
export function useRunImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: ImportUpload) => runImportUpload(upload),
    onSuccess: (_answer, upload) => {
      if (!upload.dryRun) void client.invalidateQueries();
    },
  });
}

/** Retires stale CIs (dry to review first); a real run refreshes everything. */
export function useRetireStale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) => retireStaleCIs(dryRun),
    onSuccess: (_outcome, dryRun) => {
      if (!dryRun) void client.invalidateQueries();
    },
  });
}

/** Applies an estate file (whole, no dry run) and refreshes everything the graph feeds. */
export function useApplyEstateFile() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (text: string) => applyEstateFile(text), onSuccess: () => void client.invalidateQueries() });
}
