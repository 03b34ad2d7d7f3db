import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { changeStats } from '../../server/changes/changeStats.ts';
import { seedDemoChangeHistory } from '../../server/estate/demoChangeHistory.ts';
import { importEstate } from '../../server/estate/importEstate.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { loadConfig } from '../../server/config.ts';
import { demoEstatePath, startServer, type RunningServer } from '../../server/main.ts';

// The demo's change history, recorded through the real use cases when the demo estate loads:
// every page of change enablement has something real to show, and none of it failed to record.
describe('the demo change history on the embedded store', () => {
  let server: RunningServer;
  const warnings: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-demo-history-')), TRELLIS_DEMO: 'true' });
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, logger);
  }, 120_000);
  afterAll(async () => server?.stop());

  it('records templates, a calendar, changes in every part of their life, and incidents, without a warning', async () => {
    // Open mode's warning is about listening, not about the history.
    expect(warnings.filter((line) => !line.includes('OPEN MODE'))).toEqual([]);
    const { store } = server;
    expect((await store.listChangeTemplates()).map((t) => t.id)).toEqual(['cache-node-restart', 'certificate-rotation', 'pg-member-restart']);
    expect((await store.listCalendarEntries()).map((e) => e.kind).sort()).toEqual(['freeze', 'freeze', 'maintenance', 'maintenance', 'maintenance']);
    const changes = (await store.listChanges({ limit: 100 })).map((s) => s.change);
    expect(new Set(changes.map((c) => c.state))).toEqual(new Set(['closed', 'assessed', 'scheduled', 'draft']));
    const outcomes = changes.map((c) => c.transitions.find((t) => t.from === 'in_progress')?.to).filter(Boolean);
    expect(new Set(outcomes)).toEqual(new Set(['implemented', 'failed', 'rolled_back']));
    expect(changes.filter((c) => c.type === 'standard' && c.approvals?.[0]?.template)).toHaveLength(2);
    expect(changes.find((c) => c.type === 'emergency')).toMatchObject({ state: 'closed', review: { findings: expect.any(String) } });
    // Two coming changes each take down a member of the central PostgreSQL cluster at the same time.
    const colliding = changes.filter((c) => (c.assessment?.collisions.length ?? 0) > 0).map((c) => [c.id, c.assessment!.collisions]);
    expect(colliding).toHaveLength(2);
    expect(colliding[0]![1]).toEqual([colliding[1]![0]]);
  });

  it('lays incidents at the door of the failed and rolled-back changes before them, and measures it all', async () => {
    const incidents = (await server.store.listIncidents({ limit: 100 })).map((s) => s.incident);
    const failedIds = (await server.store.listChanges({ limit: 100 })).map((s) => s.change).filter((c) => c.transitions.some((t) => t.to === 'failed' || t.to === 'rolled_back')).map((c) => c.id);
    expect(incidents.flatMap((i) => i.suspectedChanges.map((s) => s.change)).sort()).toEqual(failedIds.sort());
    expect(incidents.some((i) => i.state === 'open')).toBe(true);
    const now = new Date();
    const stats = await changeStats(server.store, { from: new Date(now.getTime() - 90 * 86_400_000).toISOString(), to: now.toISOString() });
    expect(stats.measures).toMatchObject({ changes: 8, failed: 2, rolledBack: 1, emergency: 1, incidentsOpened: 4 });
    expect(stats.measures.meanTimeToRestoreHours).toBeGreaterThan(0);
  });

  it.each(['2026-12-07T00:30:00Z', '2026-12-07T23:30:00Z'])('records the same history whatever the time of day (now %s)', async (now) => {
    const store = new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-demo-history-')) });
    try {
      await importEstate(store, { text: readFileSync(demoEstatePath, 'utf8'), file: 'demo/estate.yaml', actor: 'demo' });
      const logged: string[] = [];
      await seedDemoChangeHistory(store, { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights, correlationHours: 24 }, pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) }), new Date(now));
      expect(logged).toEqual([]);
      const states = (await store.listChanges({ limit: 100 })).map((s) => s.change.state);
      expect(states.filter((state) => state === 'closed')).toHaveLength(8);
      expect(states.filter((state) => state !== 'closed').sort()).toEqual(['assessed', 'assessed', 'assessed', 'draft', 'scheduled']);
    } finally {
      await store.close();
    }
  });
});
