/**
 * Cytoscape element definitions as plain data, so that the shaping functions
 * need no cytoscape import: cytoscape accepts these objects as they are.
 */

/** A node definition: `data.id` is its id, `data.parent` its compound parent if any. */
export interface NodeDefinition<D extends { id: string }> {
  group: 'nodes';
  data: D;
  /** Space-separated classes the stylesheet selects on. */
  classes: string;
}

/** An edge definition: `data.source` and `data.target` must be node ids of the same element list. */
export interface EdgeDefinition<D extends { id: string; source: string; target: string }> {
  group: 'edges';
  data: D;
  classes: string;
}

/** The class list of an element: the names whose flag is set, in order. */
export function classesOf(flags: Record<string, boolean>): string {
  return Object.keys(flags).filter((name) => flags[name]).join(' ');
}

/** Characters of a name a map label shows: about the 120 px the layouts leave for a label at 12 px. */
export const labelCharacters = 22;

/** A name cut to `max` characters with an ellipsis, whole characters only (never half an emoji). */
export function shortLabel(name: string, max = 32): string {
  const characters = Array.from(name);
  return characters.length <= max ? name : `${characters.slice(0, max - 1).join('').trimEnd()}…`;
}
