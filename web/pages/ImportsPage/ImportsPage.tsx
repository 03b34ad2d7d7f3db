import { QueryState } from '../../components/QueryState.tsx';
import { RunsTable } from '../../components/RunsTable.tsx';
import { useImportRuns } from '../../hooks/useImports.ts';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { StalePanel } from './StalePanel.tsx';
import { UploadPanel } from './UploadPanel.tsx';

/** Import runs, an upload with a dry-run review before applying, plan proposals, and stale CIs to retire. */
export function ImportsPage() {
  const runs = useImportRuns(50);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Imports</h1>
          <p className="subtitle">Keep the graph true: Terraform states and plans, AWS recordings, Kubernetes manifests and Backstage catalogs, reconciled without losing or duplicating anything.</p>
        </div>
      </div>
      <UploadPanel />
      <section className="panel" aria-labelledby="runs-title">
        <header><h2 id="runs-title">Runs</h2><span className="muted">newest first</span></header>
        <div className="body flush"><QueryState query={runs} what="import runs">{(data) => <RunsTable runs={data.items} />}</QueryState></div>
      </section>
      <div className="grid-2">
        <ProposalsPanel />
        <StalePanel />
      </div>
    </div>
  );
}
