import { Link } from 'react-router';
import type { PlanProposal } from '../../../schema/proposals.ts';
import { Empty, QueryState } from '../../components/QueryState.tsx';
import { formatTime } from '../../components/RunsTable.tsx';
import { useProposals } from '../../hooks/useImports.ts';
import { ciPath, impactPath } from '../../paths.ts';

/** Plans read into proposals: what each would do, and the CIs it touches. */
export function ProposalsPanel() {
  const proposals = useProposals(20);
  return (
    <section className="panel" aria-labelledby="proposals-title">
      <header><h2 id="proposals-title">Proposals from plans</h2><span className="muted">never applied to the graph</span></header>
      <div className="body">
        <QueryState query={proposals} what="proposals">
          {(data) => data.items.length === 0 ? <Empty>No plan has been read. Upload the output of <code>terraform show -json</code>.</Empty> : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
              {data.items.map((p) => <Proposal key={p.id} proposal={p} />)}
            </ul>
          )}
        </QueryState>
      </div>
    </section>
  );
}

function Proposal({ proposal }: { proposal: PlanProposal }) {
  const byAction = new Map<string, number>();
  for (const change of proposal.changes) if (change.action !== 'no-op') byAction.set(change.action, (byAction.get(change.action) ?? 0) + 1);
  const touched = [...new Set(proposal.changes.filter((c) => c.ciId && c.action !== 'no-op' && c.action !== 'read').map((c) => c.ciId!))];
  return (
    <li>
      <div><strong className="mono">{proposal.file}</strong> <span className="muted">{formatTime(proposal.createdAt)} by {proposal.actor}</span></div>
      <div className="muted">{[...byAction].map(([action, n]) => `${n} ${action}`).join(', ') || 'no changes'}{proposal.drift ? `; ${proposal.drift} drifted outside Terraform` : ''}</div>
      {touched.length > 0 && (
        <div>Touches {touched.slice(0, 8).map((id, i) => <span key={id}>{i > 0 && ', '}<Link to={ciPath(id)}>{id}</Link></span>)}{touched.length > 8 && ` and ${touched.length - 8} more`}
          {' '}<Link className="button small" to={impactPath(touched.slice(0, 100))}>Impact of these</Link></div>
      )}
    </li>
  );
}
