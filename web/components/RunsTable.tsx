import type { ReactNode } from 'react';
import type { ImportRun } from '../../schema/imports.ts';
import { Empty } from './QueryState.tsx';

/** Import runs with their counts, warnings, gaps and failures, newest first; `whereToUpload` ends the sentence shown when there are none. */
export function RunsTable({ runs, whereToUpload }: { runs: ImportRun[]; whereToUpload: ReactNode }) {
  if (runs.length === 0) return <Empty>No import has run yet. Upload a Terraform state, an AWS recording, Kubernetes manifests or a Backstage catalog {whereToUpload}.</Empty>;
  return (
    <table className="data">
      <thead>
        <tr>
          <th>When</th><th>Source</th><th>Input</th><th>By</th><th>Status</th>
          <th className="num">Created</th><th className="num">Updated</th><th className="num">Withdrawn</th><th className="num">Stale</th><th className="num">Warnings</th><th className="num">Gaps</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td title={run.startedAt}>{formatTime(run.startedAt)}</td>
            <td>{run.source}</td>
            <td className="mono" title={run.scopes.join('\n')}>{run.input}</td>
            <td>{run.actor}</td>
            <td>{run.status === 'failed' ? <span className="badge stale" title={run.errors.join('\n')}>failed</span> : run.status}</td>
            <td className="num">{run.counts.created}</td>
            <td className="num">{run.counts.updated}</td>
            <td className="num">{run.counts.withdrawn}</td>
            <td className="num">{run.counts.stale}</td>
            <td className="num" title={run.warnings.slice(0, 10).map((w) => w.message).join('\n')}>{run.warnings.length}</td>
            <td className="num" title={run.gaps.map((g) => `${g.scope}: ${g.reason}`).join('\n')}>{run.gaps.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A time as people read it in a table: date and minutes, local time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
