import type { ChangeRecord } from '../schema/changes.ts';
import type { ConfigItem } from '../schema/configItem.ts';
import type { CIType } from '../schema/ciTypes.ts';
import type { Relationship, RelationshipType } from '../schema/relationships.ts';
import type { Batch } from '../server/store/GraphStore.ts';

/** Builds a CI with sensible defaults; override what the test is about. */
export function buildCI(id: string, overrides: Partial<ConfigItem> = {}): ConfigItem {
  return { id, type: 'Component' as CIType, name: `Name of ${id}`, attributes: {}, ...overrides };
}

/** Builds a relationship `from TYPE to`. */
export function rel(from: string, type: RelationshipType, to: string, extra: Partial<Relationship> = {}): Relationship {
  return { from, type, to, ...extra };
}

/**
 * Named topologies for graph tests, as batches. Each has its sketch; arrows point
 * from the CI that relies to the CI relied on.
 */
export const topologies = {
  /**
   *  web ──► api ──► db
   *   └────► cache ◄─┘ (soft from api)
   */
  diamond: (): Batch => ({
    upsertCIs: [
      buildCI('web', { type: 'Service', attributes: { criticality: 1 } }),
      buildCI('api', { type: 'Service', attributes: { criticality: 2 } }),
      buildCI('db', { attributes: { kind: 'database' } }),
      buildCI('cache', { attributes: { kind: 'cache' } }),
    ],
    upsertRelationships: [
      rel('web', 'DEPENDS_ON', 'api'),
      rel('web', 'DEPENDS_ON', 'cache'),
      rel('api', 'DEPENDS_ON', 'db'),
      rel('api', 'DEPENDS_ON', 'cache', { strength: 'soft' }),
    ],
  }),
  /**
   *  svc ──► pool ══► node-1, node-2, node-3 (HAS_MEMBER) ; pool ──► k8s (RUNS_ON)
   *  svc ─ ─► team (OWNED_BY, informational)
   */
  pool: (): Batch => ({
    upsertCIs: [
      buildCI('svc', { type: 'Service', attributes: { criticality: 1 } }),
      buildCI('pool', { type: 'RedundancyGroup', attributes: { minHealthy: 2 } }),
      buildCI('node-1'), buildCI('node-2'), buildCI('node-3'), buildCI('k8s', { attributes: { kind: 'cluster' } }),
      buildCI('team', { type: 'Team' }),
    ],
    upsertRelationships: [
      rel('svc', 'DEPENDS_ON', 'pool'),
      rel('pool', 'HAS_MEMBER', 'node-1'), rel('pool', 'HAS_MEMBER', 'node-2'), rel('pool', 'HAS_MEMBER', 'node-3'),
      rel('pool', 'RUNS_ON', 'k8s'),
      rel('svc', 'OWNED_BY', 'team'),
    ],
  }),
  /** A chain c0 ──► c1 ──► ... ──► c(n-1). */
  chain: (length: number): Batch => ({
    upsertCIs: Array.from({ length }, (_, i) => buildCI(`c${i}`)),
    upsertRelationships: Array.from({ length: length - 1 }, (_, i) => rel(`c${i}`, 'DEPENDS_ON', `c${i + 1}`)),
  }),
};

/** The write context tests use. */
export const testWriter = { actor: 'test', source: 'test-suite' };

/** Builds a change record in `state`, a normal change taking `db` down for an hour; override what the test is about. */
export function buildChange(overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    id: 'CHG-1', state: 'draft', requester: 'token:alice:0123456789abcdef', createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z',
    transitions: [], title: 'Patch the database', description: '', type: 'normal',
    targets: [{ id: 'db', effect: 'down' }], window: { start: '2026-12-10T22:00:00.000Z', end: '2026-12-10T23:00:00.000Z', timeZone: 'Europe/Paris' },
    implementationPlan: 'apply the patch', rollbackPlan: 'restore the snapshot', testEvidence: '', rollbackTested: false,
    ...overrides,
  };
}
