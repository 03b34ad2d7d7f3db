/** The one-line outcome an audit entry of a graph write carries: `created 2, changed 1, withdrawn 0, unchanged 5`. */
export function summaryOf(counts: { created: number; changed: number; withdrawn: number; unchanged: number }): string {
  return `created ${counts.created}, changed ${counts.changed}, withdrawn ${counts.withdrawn}, unchanged ${counts.unchanged}`;
}
