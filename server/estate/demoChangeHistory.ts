import type { Logger } from 'pino';
import type { CalendarEntry } from '../../schema/calendar.ts';
import { changeTemplateSchema } from '../../schema/changeTemplates.ts';
import type { ChangeRecord, ChangeState } from '../../schema/changes.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import type { AssessmentSettings } from '../changes/assessChange.ts';
import { decideOnChange } from '../changes/decideOnChange.ts';
import { reassessChange } from '../changes/reassessChange.ts';
import { requestChange } from '../changes/requestChange.ts';
import { reviewChange } from '../changes/reviewChange.ts';
import { transitionChange } from '../changes/transitionChange.ts';
import { openIncident, type IncidentSettings } from '../incidents/openIncident.ts';
import { resolveIncident } from '../incidents/resolveIncident.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/**
 * The demo estate's change history, made through the same use cases as real
 * changes with their clocks set back: templates, a calendar, two months of
 * changes (some failed, one emergency), incidents (one laid at a failed
 * change's door), and what is coming: a change awaiting the CAB, a scheduled
 * one, and two that collide. Times are relative to `now`, so every page has
 * something current to show.
 */
export async function seedDemoChangeHistory(store: GraphStore, settings: AssessmentSettings & IncidentSettings, logger: Logger, now = new Date()): Promise<void> {
  const day = (offset: number, hourUtc = 0) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset, hourUtc));
  const cm = person('carol');
  for (const template of templates) await store.saveChangeTemplate(changeTemplateSchema.parse(template), { ...cm, action: 'template.save', target: `template:${template.id}`, summary: template.name });
  for (const entry of calendarOf(day)) await store.saveCalendarEntry(entry, { ...cm, action: 'calendar.save', target: `calendar:${entry.id}`, summary: entry.name });

  const ids: Record<string, string> = {};
  for (const plan of history) {
    try {
      ids[plan.key] = await carryOut(store, plan, day, settings, now);
    } catch (error) {
      logger.warn({ err: error }, `demo change "${plan.title}" could not be recorded`);
    }
  }
  // The first of the colliding pair was assessed before the second was requested: assess it again to see the collision.
  if (ids['pg-member-02']) await reassessChange(store, ids['pg-member-02'], undefined, person('carol'), settings, now).catch((error: unknown) => logger.warn({ err: error }, 'demo reassessment failed'));
  for (const incident of incidents) {
    try {
      const opened = day(incident.openedDay, incident.openedHour);
      const { incident: record } = await openIncident(store, { title: incident.title, affected: incident.affected, urgency: incident.urgency, openedAt: opened.toISOString() }, person('olga'), settings, later(opened, 0.1));
      if (incident.restoredAfterHours !== undefined) {
        const restored = later(opened, incident.restoredAfterHours);
        await resolveIncident(store, record.id, { resolution: incident.resolution, resolvedAt: restored.toISOString() }, 1, person('olga'), later(restored, 0.1));
      }
    } catch (error) {
      logger.warn({ err: error }, `demo incident "${incident.title}" could not be recorded`);
    }
  }
  logger.info(`recorded the demo change history: ${Object.keys(ids).length} changes, ${incidents.length} incidents`);
}

/** A demo person, as the audit trail names them. */
function person(name: string): AuditContext {
  return { actor: `demo:${name}`, clientAddress: 'demo', requestId: `demo-${name}` };
}

function later(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

/** One demo change: what it does, when (days from today, UTC hour), how far it gets and how it ends. */
interface DemoChange {
  key: string;
  title: string;
  type: 'normal' | 'emergency' | 'standard';
  template?: string;
  targets: { id: string; effect: 'down' | 'degraded' }[];
  startDay: number;
  startHour: number;
  hours: number;
  outcome?: 'implemented' | 'failed' | 'rolled_back';
  /** Stop once it reaches this state (for changes still to come, their window decides). */
  stopAt?: ChangeState;
  rollbackTested?: boolean;
  review?: { findings: string; followUp: string };
}

/**
 * Takes a change through its lifecycle as people would have: requested five
 * days before its window (two hours for an emergency), submitted, decided by
 * its approver teams and a change manager, scheduled, carried out in its
 * window, reviewed and closed the day after; it stops at the first step still
 * in the future.
 */
async function carryOut(store: GraphStore, plan: DemoChange, day: (offset: number, hour?: number) => Date, settings: AssessmentSettings, now: Date): Promise<string> {
  const start = day(plan.startDay, plan.startHour);
  const end = later(start, plan.hours);
  const emergency = plan.type === 'emergency';
  const requested = later(start, emergency ? -2 : -5 * 24);
  const request = {
    title: plan.title, description: reasons[plan.key] ?? '', type: plan.type, ...(plan.template ? { template: plan.template } : {}), targets: plan.targets,
    window: { start: start.toISOString(), end: end.toISOString(), timeZone: 'Europe/Paris' },
    implementationPlan: 'Follow the runbook linked in the service page; announce start and end in #changes.',
    rollbackPlan: 'Revert to the previous version with the runbook\'s rollback section.', rollbackTested: plan.rollbackTested ?? true,
    testEvidence: emergency ? '' : 'Rehearsed on staging the week before.',
  };
  const requester = person(emergency ? 'olga' : 'alice');
  const { change } = await requestChange(store, request, requester, requested);
  if (plan.stopAt === 'draft') return change.id;
  let stored = await transitionChange(store, change.id, { to: 'submitted', comment: 'ready for assessment' }, 1, requester, settings, later(requested, emergency ? 0.1 : 1));
  const steps: [ChangeState, Date, () => Promise<unknown>][] = [];
  const at = {
    approved: later(requested, emergency ? 0.5 : 48), scheduled: later(requested, emergency ? 0.6 : 49), in_progress: start, outcome: end,
    review: later(end, 24), closed: later(end, 25),
  };
  const move = (to: ChangeState, when: Date, comment: string, by = requester) => async () => {
    stored = await transitionChange(store, change.id, { to, comment }, stored.version, by, settings, when);
  };
  if (stored.change.state === 'assessed') steps.push(['approved', at.approved, () => approve(store, stored.change, at.approved).then((s) => (stored = s))]);
  steps.push(['scheduled', at.scheduled, move('scheduled', at.scheduled, 'in the change calendar')]);
  steps.push(['in_progress', at.in_progress, move('in_progress', at.in_progress, 'started', person('sam'))]);
  if (plan.outcome) {
    const outcome = plan.outcome;
    steps.push([outcome, at.outcome, move(outcome, at.outcome, outcome === 'implemented' ? 'done, checks green' : 'errors after the switch; see the review', person('sam'))]);
    if (plan.review) steps.push(['closed', at.review, async () => (stored = await reviewChange(store, change.id, plan.review, stored.version, person('carol'), at.review))]);
    steps.push(['closed', at.closed, move('closed', at.closed, 'post-implementation review done', person('carol'))]);
  }
  for (const [state, when, step] of steps) {
    if (when > now || stored.change.state === plan.stopAt) break;
    await step();
    if (state === plan.stopAt) break;
  }
  return change.id;
}

/** Every approval the change's assessment asks for: each approver team's lead, then a change manager. */
async function approve(store: GraphStore, change: ChangeRecord, when: Date) {
  let version: number | undefined;
  // An emergency change needs one change manager, not its approver teams.
  for (const approver of change.type === 'emergency' ? [] : change.assessment?.approvers ?? []) {
    const lead = { ...person(`lead-${approver.team}`), teams: [approver.team], mayApprove: false };
    version = (await decideOnChange(store, change.id, { decision: 'approved', team: approver.team, comment: `fine for ${approver.services.join(', ')}` }, version, lead, when)).version;
  }
  const carol = { ...person('carol'), teams: [], mayApprove: true };
  const comment = change.type === 'emergency' ? 'emergency: approved to restore service, review to follow' : 'approved at CAB';
  return decideOnChange(store, change.id, { decision: 'approved', comment }, version, carol, when);
}

const templates = [
  { id: 'pg-member-restart', name: 'Restart one PostgreSQL member', description: 'Patroni switches over first; the cluster keeps quorum.', targets: ['db-pg-main-01-a', 'db-pg-main-02-b', 'db-pg-main-03-c'], effects: ['down'], maxRisk: 'medium' },
  { id: 'cache-node-restart', name: 'Restart one Redis node', description: 'One node at a time; clients reconnect to the others.', ciTypes: ['Component'], kinds: ['cache'], effects: ['degraded', 'down'], maxRisk: 'medium' },
  { id: 'certificate-rotation', name: 'Rotate a TLS certificate', description: 'New certificate deployed beside the old one, then switched.', ciTypes: ['Component'], kinds: ['certificate'], effects: ['degraded'], maxRisk: 'low' },
];

function calendarOf(day: (offset: number, hour?: number) => Date): CalendarEntry[] {
  return [
    { kind: 'maintenance', id: 'postgres-sunday-night', name: 'PostgreSQL Sunday night', service: 'svc-postgres-platform', days: ['sun'], start: '02:00', durationMinutes: 180, timeZone: 'Europe/Paris' },
    { kind: 'maintenance', id: 'checkout-early-mornings', name: 'Checkout early mornings', service: 'svc-checkout', days: ['tue', 'thu'], start: '05:00', durationMinutes: 60, timeZone: 'Europe/Paris' },
    { kind: 'maintenance', id: 'cache-nightly', name: 'Cache platform nightly', service: 'svc-cache-platform', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '03:00', durationMinutes: 120, timeZone: 'UTC' },
    { kind: 'freeze', id: 'peak-season', name: 'Peak-season freeze', start: day(11).toISOString(), end: day(25).toISOString() },
    { kind: 'freeze', id: 'payments-audit', name: 'Payments audit', start: day(4).toISOString(), end: day(6).toISOString(), services: ['svc-payments', 'svc-checkout'] },
  ];
}

const pgReview = { findings: 'The new connection pool limit was lower than peak traffic needed; checkout saw timeouts for 40 minutes.', followUp: 'Problem PRB-12: size pools from measured peaks; add a load test to the change template.' };

const history: DemoChange[] = [
  { key: 'dns-ttl', title: 'Lower the TTL of the storefront DNS records', type: 'normal', targets: [{ id: 'svc-dns', effect: 'degraded' }], startDay: -52, startHour: 21, hours: 1, outcome: 'implemented' },
  { key: 'k8s-upgrade', title: 'Upgrade the Kubernetes control plane to 1.31', type: 'normal', targets: [{ id: 'svc-k8s-platform', effect: 'degraded' }], startDay: -45, startHour: 22, hours: 3, outcome: 'implemented' },
  { key: 'pgbouncer', title: 'Raise PgBouncer pool limits on the central cluster', type: 'normal', targets: [{ id: 'app-pgbouncer', effect: 'degraded' }], startDay: -38, startHour: 1, hours: 1, outcome: 'failed', rollbackTested: false, review: pgReview },
  { key: 'redis-restart', title: 'Restart Redis node 2 for the kernel patch', type: 'standard', template: 'cache-node-restart', targets: [{ id: 'cache-redis-02-b', effect: 'down' }], startDay: -30, startHour: 3, hours: 1, outcome: 'implemented' },
  { key: 'search-reindex', title: 'Reindex the product search cluster', type: 'normal', targets: [{ id: 'svc-search-platform', effect: 'degraded' }], startDay: -24, startHour: 23, hours: 4, outcome: 'rolled_back', review: { findings: 'The reindex doubled query latency; rolled back after 25 minutes.', followUp: 'Reindex into a new index and switch the alias instead.' } },
  { key: 'cert-www', title: 'Rotate the www certificate', type: 'standard', template: 'certificate-rotation', targets: [{ id: 'cert-www', effect: 'degraded' }], startDay: -17, startHour: 9, hours: 1, outcome: 'implemented' },
  { key: 'payments-hotfix', title: 'Hotfix: payments gateway timeouts', type: 'emergency', targets: [{ id: 'svc-payments', effect: 'degraded' }], startDay: -9, startHour: 14, hours: 1, outcome: 'implemented', review: { findings: 'A provider certificate change broke TLS to the gateway; the hotfix pinned the new chain.', followUp: 'Subscribe to the provider\'s certificate notices.' } },
  { key: 'gateway-release', title: 'Release API gateway 4.2', type: 'normal', targets: [{ id: 'svc-api-gateway', effect: 'degraded' }], startDay: -2, startHour: 6, hours: 1, outcome: 'failed', review: { findings: 'Rate limits in 4.2 default lower; mobile clients were throttled.', followUp: 'Set limits explicitly in the gateway configuration.' } },
  { key: 'orders-schema', title: 'Add an index to the orders database', type: 'normal', targets: [{ id: 'db-orders', effect: 'degraded' }], startDay: 2, startHour: 22, hours: 1, stopAt: 'assessed' },
  { key: 'pg-member-02', title: 'Patch PostgreSQL member 02-b', type: 'normal', targets: [{ id: 'db-pg-main-02-b', effect: 'down' }], startDay: 3, startHour: 1, hours: 2, stopAt: 'assessed' },
  { key: 'pg-member-03', title: 'Move PostgreSQL member 03-c to new storage', type: 'normal', targets: [{ id: 'db-pg-main-03-c', effect: 'down' }], startDay: 3, startHour: 2, hours: 2, stopAt: 'assessed' },
  { key: 'cdn-rules', title: 'New CDN caching rules for product images', type: 'normal', targets: [{ id: 'svc-cdn', effect: 'degraded' }], startDay: 1, startHour: 4, hours: 1 },
  { key: 'draft-vpn', title: 'Replace the VPN concentrator', type: 'normal', targets: [{ id: 'svc-vpn', effect: 'down' }], startDay: 30, startHour: 20, hours: 4, stopAt: 'draft' },
];

const incidents = [
  { title: 'Checkout timeouts', affected: ['svc-checkout'], urgency: 1, openedDay: -38, openedHour: 3, restoredAfterHours: 0.7, resolution: 'PgBouncer limits reverted.' },
  { title: 'Search results stale', affected: ['svc-search'], urgency: 2, openedDay: -23, openedHour: 6, restoredAfterHours: 1.5, resolution: 'Stale index segments dropped after the rollback.' },
  { title: 'Mobile app throttled', affected: ['svc-mobile-api'], urgency: 1, openedDay: -2, openedHour: 8, resolution: '' },
  { title: 'Warehouse scanners drop connections', affected: ['svc-warehouse-management'], urgency: 3, openedDay: -12, openedHour: 10, restoredAfterHours: 6, resolution: 'Wi-Fi access point replaced.' },
];

/** Why each demo change is asked for, as its requester would write it. */
const reasons: Record<string, string> = {
  'dns-ttl': 'Shorter TTLs let the storefront fail over between regions in minutes instead of an hour.',
  'k8s-upgrade': 'Version 1.29 leaves support next month; 1.31 brings the scheduler fixes the platform team waits for.',
  pgbouncer: 'Checkout queues for database connections at peak; larger pools should remove the waits.',
  'redis-restart': 'The monthly kernel patch needs a restart of each Redis node.',
  'search-reindex': 'The new analyser handles compound product names; existing documents need reindexing.',
  'cert-www': 'The www certificate expires in 21 days.',
  'payments-hotfix': 'Payments time out since the provider rotated its certificate chain; checkout loses orders.',
  'gateway-release': 'Gateway 4.2 brings request tracing and fixes the header size bug.',
  'orders-schema': 'Order history queries scan the whole table; an index on (customer_id, created_at) fixes it.',
  'pg-member-02': 'Security patch for PostgreSQL 16.4; members are patched one at a time.',
  'pg-member-03': 'The member\'s disks are at 85%; it moves to the new storage class.',
  'cdn-rules': 'Product images are fetched from the origin on every request; caching them for a day cuts origin load by half.',
  'draft-vpn': 'The VPN concentrator reaches end of support in March.',
};
