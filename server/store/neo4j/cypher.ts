import { ciTypes, type CIType } from '../../../schema/ciTypes.ts';
import { linkTypes } from '../../../schema/relianceGraph.ts';
import { relationshipTypes, relianceTypes, type RelationshipType } from '../../../schema/relationships.ts';

/**
 * Every Cypher statement of the Neo4j adapter. Values always travel as
 * parameters; the only text spliced in is a CI type (label) or relationship type
 * checked against the schema's allowlist here, and a checked integer depth bound.
 */

/** A label from the allowlist, or a thrown error: never user text in a query. */
export function label(type: CIType): string {
  if (!ciTypes.includes(type)) throw new Error(`not an allowlisted CI type: ${type}`);
  return type;
}

/** `A|B|C` from allowlisted relationship types. */
export function relationshipTypeList(types: readonly RelationshipType[]): string {
  for (const type of types) if (!relationshipTypes.includes(type)) throw new Error(`not an allowlisted relationship type: ${type}`);
  return types.join('|');
}

/**
 * The layout of what Trellis keeps in Neo4j. Version 2: history keeps no values
 * after a write and relationship starts are found through keys; the indexes
 * version 1 used for them are dropped at start-up. A newer layout is refused
 * before anything in it is touched.
 */
export const schemaVersion = 2;
export const readSchemaVersion = `OPTIONAL MATCH (c:TrellisCounter {name: 'schema'}) RETURN c.version AS version`;
export const writeSchemaVersion = `MERGE (c:TrellisCounter {name: 'schema'}) SET c.version = $version`;

/** Constraints and indexes, created idempotently at start-up. */
export const schemaStatements = [
  'CREATE CONSTRAINT trellis_ci_id IF NOT EXISTS FOR (n:CI) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX trellis_ci_type IF NOT EXISTS FOR (n:CI) ON (n.type)',
  'CREATE TEXT INDEX trellis_ci_name IF NOT EXISTS FOR (n:CI) ON (n.nameFolded)',
  'CREATE CONSTRAINT trellis_counter_name IF NOT EXISTS FOR (c:TrellisCounter) REQUIRE c.name IS UNIQUE',
  'CREATE CONSTRAINT trellis_history_seq IF NOT EXISTS FOR (h:TrellisHistory) REQUIRE h.seq IS UNIQUE',
  'CREATE INDEX trellis_history_key IF NOT EXISTS FOR (h:TrellisHistory) ON (h.key)',
  // A relationship entry's key begins with its start: the key index finds it.
  'DROP INDEX trellis_history_from IF EXISTS',
  'CREATE INDEX trellis_history_to IF NOT EXISTS FOR (h:TrellisHistory) ON (h.toId)',
];

/** Takes the write lock that serializes batches and returns the last history seq. */
export const lockHistory = `
MERGE (c:TrellisCounter {name: 'history'}) ON CREATE SET c.seq = 0
SET c.lockedAt = timestamp()
RETURN c.seq AS seq`;

export const setHistorySeq = `MATCH (c:TrellisCounter {name: 'history'}) SET c.seq = $seq`;
export const readHistorySeq = `OPTIONAL MATCH (c:TrellisCounter {name: 'history'}) RETURN coalesce(c.seq, 0) AS seq`;

const ciFields = 'n.id AS id, n.type AS type, n.name AS name, n.attributes AS attributes';
const ciMetaFields = `${ciFields}, n.createdAt AS createdAt, n.updatedAt AS updatedAt, n.source AS source`;
const relationshipFields = 'a.id AS from, type(r) AS type, b.id AS to, r.strength AS strength, r.attributes AS attributes';

export const readCIsById = `UNWIND $ids AS id MATCH (n:CI {id: id}) RETURN ${ciMetaFields}`;

// NOTE: seek the start node (forced with a hint: with few relationships in the
// statistics the planner scans the index instead) and filter the far end, so a
// hub's 100k relationships are never expanded.
export const readRelationshipsByKey = `
UNWIND $keys AS k
MATCH (a:CI {id: k.from}) USING INDEX a:CI(id)
MATCH (a)-[r]->(b:CI) WHERE b.id = k.to AND type(r) = k.type
RETURN ${relationshipFields}`;

export const readRelationshipsTouching = `
UNWIND $ids AS id
MATCH (n:CI {id: id})-[r]-(:CI)
WITH DISTINCT r
MATCH (a:CI)-[r]->(b:CI)
RETURN ${relationshipFields}`;

export function deleteRelationships(type: RelationshipType): string {
  return `UNWIND $keys AS k MATCH (a:CI {id: k.from}) USING INDEX a:CI(id)
MATCH (a)-[r:${relationshipTypeList([type])}]->(b:CI) WHERE b.id = k.to DELETE r`;
}

export const deleteCIs = 'UNWIND $ids AS id MATCH (n:CI {id: id}) DETACH DELETE n';

/** Upserts CIs of one type: replaces properties and the type label, keeps createdAt. */
export function upsertCIs(type: CIType): string {
  const otherLabels = ciTypes.filter((t) => t !== type).map(label).join(':');
  return `
UNWIND $rows AS row
MERGE (n:CI {id: row.id})
WITH n, row, coalesce(n.createdAt, $at) AS createdAt
SET n = row.props, n.createdAt = createdAt, n.updatedAt = $at, n.source = $source
REMOVE n:${otherLabels}
SET n:${label(type)}`;
}

/** Creates CIs the plan knows to be new (the uniqueness constraint still guards the id). */
export function createCIs(type: CIType): string {
  return `
UNWIND $rows AS row
CREATE (n:CI:${label(type)})
SET n = row.props, n.createdAt = $at, n.updatedAt = $at, n.source = $source`;
}

/**
 * Creates relationships the plan knows to be new (CREATE, not MERGE: MERGE would scan
 * a hub's relationships for each row), or replaces the properties of existing ones.
 */
export function writeRelationships(type: RelationshipType, mode: 'create' | 'update'): string {
  const types = relationshipTypeList([type]);
  return mode === 'create'
    ? `UNWIND $rows AS row MATCH (a:CI {id: row.from}) MATCH (b:CI {id: row.to}) CREATE (a)-[r:${types}]->(b) SET r = row.props`
    : `UNWIND $rows AS row MATCH (a:CI {id: row.from}) USING INDEX a:CI(id)
MATCH (a)-[r:${types}]->(b:CI) WHERE b.id = row.to SET r = row.props`;
}

/** History nodes of one batch: what all its entries share comes once, as parameters. */
export const createHistory = `UNWIND $entries AS e CREATE (h:TrellisHistory)
SET h = e, h.at = $at, h.batchId = $batchId, h.actor = $actor, h.source = $source`;

export const findRelationshipsOf = `
MATCH (n:CI {id: $id})-[r]-(:CI)
WITH DISTINCT r
MATCH (a:CI)-[r]->(b:CI)
RETURN ${relationshipFields} ORDER BY from, type, to`;

export function searchCIs(part: 'count' | 'countUpTo' | 'page'): string {
  const match = `
MATCH (n:CI)
WHERE ($text IS NULL OR toLower(n.id) CONTAINS $text OR n.nameFolded CONTAINS $text)
  AND ($type IS NULL OR n.type = $type)
  AND all(k IN keys($attributes) WHERE n['a.' + k] = $attributes[k])
  AND ($stale IS NULL OR (n[$staleProperty] IS :: STRING NOT NULL) = $stale)`;
  if (part === 'count') return `${match} RETURN count(n) AS total`;
  if (part === 'countUpTo') return `${match} WITH n LIMIT $countUpTo RETURN count(n) AS total`;
  return `${match} RETURN ${ciMetaFields} ORDER BY n.id SKIP $offset LIMIT $limit`;
}

export const scanCIs = `MATCH (n:CI) WHERE n.id > $after RETURN ${ciFields} ORDER BY n.id LIMIT $limit`;

/** Outgoing relationships of the next CIs (by id) from `$from` on. */
export const scanRelationshipsFrom = `
MATCH (a:CI) WHERE a.id >= $from
WITH a ORDER BY a.id LIMIT $ciLimit
OPTIONAL MATCH (a)-[r]->(b:CI)
RETURN a.id AS ci, b.id AS to, type(r) AS type, r.strength AS strength, r.attributes AS attributes
ORDER BY ci, type, to`;

export const ciIdsExist = 'UNWIND $ids AS id MATCH (n:CI {id: id}) RETURN n.id AS id';

/** One level of a breadth-first expansion over allowlisted types. */
export function expandLevel(types: readonly RelationshipType[], forward: boolean): string {
  const pattern = forward ? `-[:${relationshipTypeList(types)}]->` : `<-[:${relationshipTypeList(types)}]-`;
  return `UNWIND $frontier AS id MATCH (:CI {id: id})${pattern}(m:CI) RETURN DISTINCT m.id AS id`;
}

export const readSubgraphCIs = `UNWIND $ids AS id MATCH (n:CI {id: id}) RETURN ${ciFields}`;

export function relationshipsAmong(types: readonly RelationshipType[]): string {
  return `
UNWIND $ids AS id
MATCH (a:CI {id: id})-[r:${relationshipTypeList(types)}]->(b:CI)
WHERE b.id IN $ids
RETURN ${relationshipFields}`;
}

/** History entries after a seq, oldest first or (`newestFirst`) newest first; Cypher takes no parameter for the order. */
export function listHistory(newestFirst: boolean): string {
  return `
MATCH (h:TrellisHistory)
WHERE h.seq > $afterSeq
  AND ($until IS NULL OR h.at <= $until)
  AND ($ciId IS NULL OR (h.entity = 'ci' AND h.key = $ciId) OR h.key STARTS WITH $ciId + ' ' OR h.toId = $ciId)
RETURN h ORDER BY h.seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT $limit`;
}

export const countAll = `
CALL () { MATCH (n:CI) RETURN count(n) AS cis }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN cis, relationships`;

/** Codes of a reliance edge in the closure query's `edges` lists (`neighbourKey * 4 + code`). */
export const closureEdgeCode = { hard: 0, soft: 1, member: 2 } as const;

/**
 * The whole reliance closure of the roots in one query: a distinct-end-node
 * variable-length pattern, which Neo4j runs as a pruning breadth-first expansion
 * (no path enumeration). Each row is one CI with its fields and the reliance
 * edges that lead to it along the walk, which by construction join CIs of the
 * closure. Measured at 1M CIs: most of the cost is per-value work on both sides
 * of Bolt, so neighbours come as internal node keys packed with the edge kind into
 * one integer (no property read, no string per edge), and only groups read their
 * member count and quorum, only services their criticality.
 * `maxDepth` is spliced in as a checked integer (Cypher takes no parameter there).
 */
export function relianceClosure(forward: boolean, maxDepth: number): string {
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 100) throw new Error(`bad maxDepth ${maxDepth}`);
  const types = relationshipTypeList(relianceTypes);
  const pattern = forward ? `-[:${types}*0..${maxDepth}]->` : `<-[:${types}*0..${maxDepth}]-`;
  const walked = forward ? `(x)-[r:${types}]->(w)` : `(x)<-[r:${types}]-(w)`;
  const { hard, soft, member } = closureEdgeCode;
  return `
MATCH (root:CI) WHERE root.id IN $roots
CALL (root) { MATCH (root)${pattern}(x:CI) RETURN DISTINCT x }
WITH DISTINCT x LIMIT $limit
RETURN id(x) AS key, x.id AS id, x.type AS type, x.name AS name,
  CASE WHEN x:RedundancyGroup THEN x['a.minHealthy'] END AS minHealthy,
  CASE WHEN x:RedundancyGroup THEN COUNT { (x)-[:HAS_MEMBER]->() } ELSE 0 END AS members,
  CASE WHEN x:Service THEN x['a.criticality'] END AS criticality,
  [${walked} | id(w) * 4 + CASE WHEN type(r) = 'HAS_MEMBER' THEN ${member} WHEN r.strength = 'soft' THEN ${soft} ELSE ${hard} END] AS edges,
  CASE WHEN x:Service OR x.id IN $linkRoots
    THEN [(x)-[l:${relationshipTypeList(linkTypes)}]->(z:CI) | [type(l), z.id]]
    ELSE [(x)-[l:COVERED_BY]->(z:CI) | [type(l), z.id]] END AS links`;
}

/** Reliance edges at a frontier: outgoing (upstream walk) or incoming (downstream walk), with both ends. */
export function relianceEdgesAt(forward: boolean): string {
  const types = relationshipTypeList(relianceTypes);
  return forward
    ? `UNWIND $frontier AS id MATCH (:CI {id: id})-[r:${types}]->(m:CI) RETURN id AS from, type(r) AS type, r.strength AS strength, m.id AS to`
    : `UNWIND $frontier AS id MATCH (:CI {id: id})<-[r:${types}]-(m:CI) RETURN m.id AS from, type(r) AS type, r.strength AS strength, id AS to`;
}

export const readRelationshipKeysFrom = `
UNWIND $ids AS id
MATCH (:CI {id: id})-[r]->(b:CI) WHERE type(r) IN $types
RETURN id AS from, type(r) AS type, b.id AS to`;

/** Per key, the `before` of its first history entry after a seq. */
export const nextHistoryBefore = `
UNWIND $after AS k
CALL (k) {
  MATCH (h:TrellisHistory {key: k.key}) USING INDEX h:TrellisHistory(key)
  WHERE h.seq > k.seq
  RETURN h.before AS before ORDER BY h.seq LIMIT 1
}
RETURN k.key AS key, before`;

export const findChangedSince = `
UNWIND $ids AS id
MATCH (h:TrellisHistory {key: id})
WHERE h.entity = 'ci' AND h.operation = 'changed' AND h.at >= $since
RETURN id, max(h.at) AS at`;
