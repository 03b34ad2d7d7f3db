/**
 * Limits shared by the server, the CLI and the explorer, so that every boundary
 * enforces the same numbers. Change them here and nowhere else.
 */
export const limits = {
  /** Longest CI id accepted (estate-format.md: 1-200 characters). */
  ciIdMaxLength: 200,
  /** Longest CI name accepted. */
  nameMaxLength: 500,
  /** Largest serialized attribute object of one CI or relationship, in bytes. */
  attributesMaxBytes: 64 * 1024,
  /** Deepest nesting accepted inside attributes. */
  attributesMaxDepth: 8,
  /** Default and maximum page size for searches and listings. */
  pageSizeDefault: 50,
  pageSizeMax: 1000,
  /** Subgraph extraction: default and hard maximum depth (reliance hops). */
  subgraphDepthDefault: 12,
  subgraphDepthMax: 50,
  /** Subgraph extraction: default and hard maximum number of CIs returned. */
  subgraphCIsDefault: 100_000,
  subgraphCIsMax: 2_000_000,
  /** Largest `countUpTo` a search may ask for. */
  searchCountMax: 1_000_000,
  /** Maps (explorer): most roots, deepest walk, most CIs one request returns. */
  mapRootsMax: 100,
  mapDepthDefault: 2,
  mapDepthMax: 10,
  mapCIsDefault: 10_000,
  mapCIsMax: 50_000,
  /** Maps: how many nodes the explorer draws before it cuts (a setting in the explorer, bounded here). */
  mapNodeBudgetDefault: 1500,
  mapNodeBudgetMax: 20_000,
  /** Most history entries one CI page carries. */
  ciPageHistoryMax: 50,
  /** Most teams and most contracts one CI page carries. */
  ciPagePartiesMax: 50,
  /** Most items of a list on the overview (tier-1 services, stale CIs, import runs). */
  overviewListMax: 20,
  /** Most targets of one impact analysis, and most symptomatic CIs of one upstream analysis. */
  impactTargetsMax: 1000,
  upstreamSymptomsMax: 100,
  /** Longest description, plan or evidence of a change record, and longest comment on one of its moves. */
  changeTextMaxLength: 20_000,
  changeCommentMaxLength: 4_000,
  /** Longest window of one change. */
  changeWindowDaysMax: 31,
  /** Most impacted CI ids a change's assessment keeps to find conflicts (beyond, it says it kept only these). */
  changeImpactIdsMax: 50_000,
  /** Default number of ranked candidate causes returned by the upstream analysis. */
  upstreamCandidatesDefault: 20,
  /** Default and longest look-back window for "recently changed". */
  lookBackHoursDefault: 24,
  lookBackDaysMax: 3660,
  /** Deepest nesting of a JSON request body (objects and arrays), checked before parsing. */
  jsonDepthMax: 64,
  /** Longest path (with its query) the sign-in returns to. */
  returnToMaxLength: 2000,
  /** Longest query string of one request, in characters. */
  queryMaxLength: 8 * 1024,
  /** Largest HTTP JSON body (an estate file posted to the API). */
  httpBodyMaxBytes: 50 * 1024 * 1024,
  /** Largest estate file read from disk. */
  estateFileMaxBytes: 200 * 1024 * 1024,
  /** Source files (Terraform states...) are read whole for now; bounded until they are streamed. */
  importFileMaxBytes: 512 * 1024 * 1024,
} as const;

/** A requested page size clamped to 1..pageSizeMax (default pageSizeDefault). */
export function pageLimit(requested: number | undefined): number {
  return Math.min(Math.max(1, Math.trunc(requested ?? limits.pageSizeDefault) || 1), limits.pageSizeMax);
}
