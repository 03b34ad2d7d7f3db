import type { CIType } from '../../schema/ciTypes.ts';
import type { StoredCI } from '../../schema/configItem.ts';
import type { CIPage } from '../../schema/explorer.ts';
import { apiUrl, requestJson } from './client.ts';

/** One page of a CI search, as GET /api/v1/cis answers. */
export interface CISearchPage {
  items: StoredCI[];
  total: number;
  /** True when the server stopped counting at countUpTo: there are at least `total`. */
  totalCapped?: true;
}

/** What the search box and lists ask for. */
export interface CISearch {
  text?: string;
  type?: CIType;
  stale?: boolean;
  attributes?: Record<string, string>;
  limit?: number;
  offset?: number;
  /** Count matches only up to this many (cheap at a million CIs). */
  countUpTo?: number;
}

/** Searches CIs by id, name, type and attribute values (GET /api/v1/cis). */
export function searchCIs(search: CISearch, signal?: AbortSignal): Promise<CISearchPage> {
  const attributes = Object.fromEntries(Object.entries(search.attributes ?? {}).map(([name, value]) => [`attr.${name}`, value]));
  const url = apiUrl('/cis', { q: search.text?.trim(), type: search.type, stale: search.stale, limit: search.limit, offset: search.offset, countUpTo: search.countUpTo, ...attributes });
  return requestJson<CISearchPage>(url, { signal: signal ?? null });
}

/** Everything the CI page shows (GET /api/v1/cis/{id}/page). */
export function fetchCIPage(id: string, signal?: AbortSignal): Promise<CIPage> {
  return requestJson<CIPage>(apiUrl(`/cis/${encodeURIComponent(id)}/page`), { signal: signal ?? null });
}
