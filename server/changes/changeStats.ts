import type { ChangeState } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import type { ChangeMeasures, MeasuresQuery } from '../../schema/measures.ts';
import { InvalidError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { changeConcerns, incidentConcerns, measureChanges } from './changeMeasures.ts';

/** The measures over a period: for the scope asked (or overall), and for the services and teams with the most changes. */
export interface ChangeStats {
  from: string;
  to: string;
  service?: string;
  team?: string;
  measures: ChangeMeasures;
  byService: { id: string; measures: ChangeMeasures }[];
  byTeam: { id: string; measures: ChangeMeasures }[];
  /** True when more changes or incidents fell in the period than one reading takes (limits.pageSizeMax each). */
  truncated: boolean;
}

/** Longest period measured at once. */
const periodDaysMax = 366;
/** Services and teams listed in the breakdowns, those with most changes first. */
const breakdownMax = 20;
const carriedOut: ChangeState[] = ['implemented', 'failed', 'rolled_back', 'closed'];

/** The change and incident measures of a period, overall or for one service or team, with breakdowns. */
export async function changeStats(store: GraphStore, query: MeasuresQuery): Promise<ChangeStats> {
  const from = new Date(query.from).toISOString();
  const to = new Date(query.to).toISOString();
  if (!(from < to)) throw new InvalidError([{ entry: 'query', field: 'to', message: 'must be after from' }]);
  if (Date.parse(to) - Date.parse(from) > periodDaysMax * 86_400_000) throw new InvalidError([{ entry: 'query', field: 'to', message: `a period lasts at most ${periodDaysMax} days` }]);
  // A change that ended in the period may have been planned for a window up to changeWindowDaysMax before it.
  const windowsFrom = new Date(Date.parse(from) - limits.changeWindowDaysMax * 86_400_000).toISOString();
  // No upper bound on windows: a change may be carried out before its planned window.
  const changes = (await store.listChanges({ states: carriedOut, from: windowsFrom, limit: limits.pageSizeMax + 1 })).map((s) => s.change);
  const incidents = (await store.listIncidents({ openedUntil: to, limit: limits.pageSizeMax + 1 })).map((s) => s.incident);
  const truncated = changes.length > limits.pageSizeMax || incidents.length > limits.pageSizeMax;
  const period = { from, to };
  const scope = { service: query.service, team: query.team };
  const scoped = changes.slice(0, limits.pageSizeMax).filter((c) => changeConcerns(c, scope));
  const scopedIncidents = incidents.slice(0, limits.pageSizeMax).filter((i) => incidentConcerns(i, scope));
  const breakdown = (ids: string[], key: 'service' | 'team') => ids.map((id) => ({
    id, measures: measureChanges(scoped.filter((c) => changeConcerns(c, { [key]: id })), scopedIncidents.filter((i) => incidentConcerns(i, { [key]: id })), period),
  })).filter((row) => row.measures.changes + row.measures.incidentsOpened > 0)
    .sort((a, b) => b.measures.changes - a.measures.changes || b.measures.incidentsOpened - a.measures.incidentsOpened || a.id.localeCompare(b.id))
    .slice(0, breakdownMax);
  const services = [...new Set([...scoped.flatMap((c) => c.assessment?.impact.services.map((s) => s.id) ?? []), ...scopedIncidents.flatMap((i) => i.services)])];
  const teams = [...new Set([...scoped.flatMap((c) => c.assessment?.impact.notify.map((t) => t.id) ?? []), ...scopedIncidents.flatMap((i) => i.teams)])];
  return {
    from, to, ...(query.service ? { service: query.service } : {}), ...(query.team ? { team: query.team } : {}),
    measures: measureChanges(scoped, scopedIncidents, period), byService: breakdown(services, 'service'), byTeam: breakdown(teams, 'team'), truncated,
  };
}
