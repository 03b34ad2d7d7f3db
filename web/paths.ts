/** Links between pages, in one place: ids may hold `/` and `:` and are always encoded. */
export const ciPath = (id: string) => `/ci/${encodeURIComponent(id)}`;
export const mapPath = (ids: string[], depth = 2) => `/map?${ids.map((id) => `ci=${encodeURIComponent(id)}`).join('&')}&depth=${depth}`;
export const impactPath = (ids: string[]) => `/impact?${ids.map((id) => `t=${encodeURIComponent(id)}`).join('&')}`;
export const upstreamPath = (ids: string[]) => `/upstream?${ids.map((id) => `s=${encodeURIComponent(id)}`).join('&')}`;
