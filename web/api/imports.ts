import type { ImportOutcome, ImportRun, RetireOutcome } from '../../schema/imports.ts';
import type { EstateImportSummary } from '../../schema/estate.ts';
import type { PlanProposal } from '../../schema/proposals.ts';
import { apiUrl, requestJson } from './client.ts';

/** Import runs, newest first (GET /api/v1/imports). */
export function listImportRuns(limit: number, signal?: AbortSignal): Promise<{ items: ImportRun[] }> {
  return requestJson(apiUrl('/imports', { limit }), { signal: signal ?? null });
}

/** Proposals read from plans, newest first (GET /api/v1/proposals). */
export function listProposals(limit: number, signal?: AbortSignal): Promise<{ items: PlanProposal[] }> {
  return requestJson(apiUrl('/proposals', { limit }), { signal: signal ?? null });
}

/** A file to import, as the person chose it. */
export interface ImportUpload {
  name: string;
  text: string;
  dryRun: boolean;
  /** Cluster name for Kubernetes manifests. */
  cluster?: string;
}

/** What POST /api/v1/imports answers: a run with its diff, or a proposal for a plan. */
export type ImportAnswer = ImportOutcome | PlanProposal;

/** Runs an import of a file's text (POST /api/v1/imports); YAML goes as application/yaml. */
export function runImportUpload(upload: ImportUpload): Promise<ImportAnswer> {
  const looksJson = /^\s*[[{]/.test(upload.text);
  const url = apiUrl('/imports', { name: safeFileName(upload.name), dryRun: upload.dryRun, cluster: upload.cluster });
  return requestJson<ImportAnswer>(url, { method: 'POST', body: upload.text, headers: { 'content-type': looksJson ? 'application/json' : 'application/yaml' } });
}

/** The API takes file names of letters, digits, ".", "_" and "-": anything else becomes "_". */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'upload';
}

/** True when an import answer is a plan read into a proposal. */
export function isProposal(answer: ImportAnswer): answer is PlanProposal {
  return 'changes' in answer;
}

/** Retires what no source has asserted for longer than the grace period (POST /api/v1/imports/retire-stale). */
export function retireStaleCIs(dryRun: boolean): Promise<RetireOutcome> {
  return requestJson<RetireOutcome>(apiUrl('/imports/retire-stale', { dryRun }), { method: 'POST' });
}

/** Imports an estate file whole, all or nothing (POST /api/v1/estate); estate files have no dry run. */
export function applyEstateFile(text: string): Promise<EstateImportSummary> {
  const looksJson = /^\s*[[{]/.test(text);
  return requestJson<EstateImportSummary>(apiUrl('/estate'), { method: 'POST', body: text, headers: { 'content-type': looksJson ? 'application/json' : 'application/yaml' } });
}
