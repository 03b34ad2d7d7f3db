import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../../schema/attributes.ts';
import type { Snapshot, SourceKind } from '../../schema/imports.ts';
import { runImport } from '../../server/imports/runImport.ts';
import type { Precedence } from '../../server/reconcile/precedence.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

/**
 * Re-imports leave settled subjects alone without reading them. Whatever
 * happens in between (other sources, gap runs, a person's edits, another
 * precedence), the result must be the full plan's: the same steps on a store
 * whose scope marks are hidden (so it always plans in full) must give the same
 * counts, diffs, warnings, graph and assertions.
 */

const keys = ['k8s:lab/shop/Deployment/a', 'k8s:lab/shop/Deployment/b', 'k8s:lab/shop/Deployment/c', 'k8s:lab/shop/Deployment/d'];
const scopesOf: Record<'terraform' | 'aws', string[]> = {
  terraform: ['terraform:one', 'terraform:two'],
  aws: ['aws:111122223333/eu-west-1/ec2'],
};

type Step =
  | { kind: 'import'; source: 'terraform' | 'aws'; covered: boolean[]; items: { key: number; scope: number; value: number }[]; relationships: { from: number; to: number; scope: number; soft: boolean }[]; precedence: boolean }
  | { kind: 'edit'; key: number; value: number }
  | { kind: 'create'; key: number }
  | { kind: 'unlink'; from: number; to: number };

/** What a source says at most: an item per key and some relationships, each in one of its scopes. */
const sourceView = fc.record({
  items: fc.array(fc.record({ scope: fc.nat(1), value: fc.nat(2) }), { minLength: 4, maxLength: 4 }),
  relationships: fc.uniqueArray(fc.record({ from: fc.nat(3), to: fc.nat(3), scope: fc.nat(1), soft: fc.boolean() }), { maxLength: 5, selector: (r) => `${r.from} ${r.to}` }),
});
/** One reading of a source: which scopes it covered, and which parts of its view it saw (a changed value at most). */
const reading = fc.record({
  source: fc.constantFrom('terraform' as const, 'aws' as const),
  covered: fc.array(fc.nat(5).map((n) => n > 0), { minLength: 2, maxLength: 2 }),
  items: fc.array(fc.nat(3).map((n) => n > 0), { minLength: 4, maxLength: 4 }),
  relationships: fc.array(fc.nat(3).map((n) => n > 0), { minLength: 5, maxLength: 5 }),
  bump: fc.option(fc.nat(3)),
});
const otherStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), key: fc.nat(3), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('create' as const), key: fc.nat(3) }),
  fc.record({ kind: fc.constant('unlink' as const), from: fc.nat(3), to: fc.nat(3) }),
);
/**
 * A few readings of two sources that mostly agree with each other from one run
 * to the next (the shortcut only applies to what a source said before), run
 * again and again, interleaved with a person's edits and the odd precedence change.
 */
const steps: fc.Arbitrary<Step[]> = fc.tuple(
  fc.record({ terraform: sourceView, aws: sourceView }),
  fc.array(reading, { minLength: 1, maxLength: 4 }),
  fc.array(fc.oneof(
    { weight: 6, arbitrary: fc.record({ run: fc.nat(3), precedence: fc.nat(5).map((n) => n === 0) }) },
    { weight: 2, arbitrary: otherStep },
  ), { minLength: 2, maxLength: 12 }),
).map(([views, readings, order]) => order.map((o): Step => {
  if (!('run' in o)) return o;
  const r = readings[o.run % readings.length]!;
  const view = views[r.source];
  return {
    kind: 'import', source: r.source, covered: r.covered, precedence: o.precedence,
    items: view.items.flatMap((item, key) => (r.items[key] ? [{ key, scope: item.scope, value: item.value + (r.bump === key ? 1 : 0) }] : [])),
    relationships: view.relationships.filter((_, i) => r.relationships[i]),
  };
}));

/** The snapshot of an import step: scopes not covered are gaps, and may still carry items. */
function snapshotOf(s: Extract<Step, { kind: 'import' }>): Snapshot {
  const scopes = scopesOf[s.source];
  const covered = scopes.filter((_, i) => s.covered[i]);
  const gaps = scopes.filter((_, i) => !s.covered[i]).map((scope) => ({ scope, reason: 'AccessDenied' }));
  const scopeAt = (i: number) => scopes[i % scopes.length]!;
  return {
    source: s.source as SourceKind,
    scopes: covered,
    gaps,
    items: s.items.map((i) => ({ scope: scopeAt(i.scope), keys: [keys[i.key]!], type: 'Component' as const, name: `ci-${i.key}`, attributes: { v: i.value, [`from.${s.source}`]: true } })),
    relationships: s.relationships.filter((r) => r.from !== r.to).map((r) => ({
      scope: scopeAt(r.scope), from: keys[r.from]!, type: 'DEPENDS_ON' as const, to: keys[r.to]!, ...(r.soft ? { strength: 'soft' as const } : {}),
    })),
    warnings: [],
  };
}

// The default puts the live source first for a live attribute such as `v`: this turns it round.
const terraformFirst: Precedence = { v: ['terraform', 'aws'] };

/** The store as it would be if scope marks were never found: every run plans in full. */
function alwaysPlanningInFull(store: EmbeddedGraphStore): GraphStore {
  const readScopeMarks = store.readScopeMarks.bind(store);
  return Object.assign(Object.create(store) as GraphStore, {
    readScopeMarks: async (scopes: readonly string[]) => {
      const { version, seq } = await readScopeMarks(scopes);
      return { marks: new Map(), version, seq };
    },
  });
}

/** What can be compared across two stores: staleness as a flag, not a time. */
function withoutTimes(attributes: Attributes | undefined): Attributes {
  const { 'trellis.staleSince': since, ...rest } = attributes ?? {};
  return { ...rest, stale: since !== undefined };
}

async function contents(store: GraphStore): Promise<unknown> {
  const cis = (await store.scanCIs(undefined, 1000)).map((ci) => ({ ...ci, attributes: withoutTimes(ci.attributes) }));
  const relationships = (await store.scanRelationships(undefined, 1000)).map((r) => ({ ...r, attributes: withoutTimes(r.attributes) }));
  const assertions = (await store.readAssertions({ scopes: [...scopesOf.terraform, ...scopesOf.aws] })).assertions.map((a) => [a.scope, a.subject, a.bodyText]);
  return { cis, relationships, assertions };
}

async function apply(store: GraphStore, s: Step): Promise<unknown> {
  const context = { actor: 'ops', source: 'api' };
  if (s.kind === 'import') {
    const { run, diff } = await runImport(store, { snapshot: snapshotOf(s), actor: 'test', input: 'test', precedence: s.precedence ? terraformFirst : undefined });
    // Stale-since times differ between the two stores by a few milliseconds.
    const timeless = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? 'time' : v)));
    return { counts: run.counts, warnings: run.warnings, diff: timeless(diff) };
  }
  if (s.kind === 'edit') {
    const ci = await store.findCI(keys[s.key]!);
    if (ci) await store.applyBatch({ upsertCIs: [{ id: ci.id, type: ci.type, name: ci.name, attributes: { ...ci.attributes, v: 10 + s.value } }] }, context);
    return 'edit';
  }
  if (s.kind === 'create') {
    if (!(await store.findCI(keys[s.key]!))) await store.applyBatch({ upsertCIs: [{ id: keys[s.key]!, type: 'Component', name: 'by hand', attributes: {} }] }, context);
    return 'create';
  }
  if (s.from !== s.to) await store.applyBatch({ deleteRelationships: [{ from: keys[s.from]!, type: 'DEPENDS_ON', to: keys[s.to]! }] }, context);
  return 'unlink';
}

/** Sequences that once broke the shortcut. */
const regressions = {
  /**
   * An AWS run under another precedence left the CI as its own merge, writing no
   * history; Terraform's next run under the default precedence must merge again.
   */
  otherSettingsBetween: [
    { kind: 'import', source: 'aws', covered: [false, false], precedence: true, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
    { kind: 'import', source: 'terraform', covered: [true, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
    { kind: 'import', source: 'aws', covered: [false, false], precedence: true, items: [{ key: 2, scope: 0, value: 1 }], relationships: [] },
    { kind: 'import', source: 'terraform', covered: [true, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
  ] satisfies Step[],
  /**
   * The same with the settings back by the time Terraform runs again: an AWS
   * run under the default settings that wrote no history came in between.
   */
  settingsBackSince: [
    { kind: 'import', source: 'terraform', covered: [true, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
    { kind: 'import', source: 'aws', covered: [false, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
    { kind: 'import', source: 'terraform', covered: [true, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
    { kind: 'import', source: 'aws', covered: [false, false], precedence: true, items: [{ key: 2, scope: 0, value: 1 }], relationships: [] },
    { kind: 'import', source: 'aws', covered: [false, false], precedence: false, items: [], relationships: [] },
    { kind: 'import', source: 'terraform', covered: [true, false], precedence: false, items: [{ key: 2, scope: 0, value: 2 }], relationships: [] },
  ] satisfies Step[],
};

/**
 * The property on a store that takes the shortcut (`open` gives an empty one),
 * against an embedded store that never does.
 */
export function describeSettledShortcut(name: string, open: () => Promise<GraphStore>, numRuns: number): void {
  describe(`re-imports that leave settled subjects alone: ${name}`, () => {
    it('end exactly where planning everything in full ends, step by step', async () => {
      await fc.assert(fc.asyncProperty(steps, async (sequence) => {
        const dir = mkdtempSync(join(tmpdir(), 'trellis-full-'));
        const shortcut = await open();
        const fullStore = new EmbeddedGraphStore({ dataDir: dir });
        const full = alwaysPlanningInFull(fullStore);
        try {
          for (const s of sequence) {
            expect(await apply(shortcut, s)).toEqual(await apply(full, s));
            expect(await contents(shortcut)).toEqual(await contents(full));
          }
        } finally {
          await shortcut.close();
          await fullStore.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }), { numRuns, examples: [[regressions.otherSettingsBetween], [regressions.settingsBackSince]] });
    }, 300_000);
  });
}
