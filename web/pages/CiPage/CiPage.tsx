import { Link, useParams } from 'react-router';
import type { CIPage as CIPageData } from '../../../schema/explorer.ts';
import { provenanceAttributes } from '../../../schema/imports.ts';
import { CriticalityBadge, StaleBadge, TypeBadge } from '../../components/Badges.tsx';
import { ErrorPanel, Loading } from '../../components/QueryState.tsx';
import { ApiError } from '../../api/client.ts';
import { useCIPage } from '../../hooks/useCIs.ts';
import { impactPath, mapPath, upstreamPath } from '../../paths.ts';
import { AttributesPanel } from './AttributesPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { RelationshipsPanel } from './RelationshipsPanel.tsx';
import { ContractsPanel, TeamsPanel } from './PartiesPanels.tsx';

/** One CI: what it is, who supplied each fact, what it touches, who answers for it, what happened to it. */
export function CiPage() {
  const id = useParams().id ?? '';
  const page = useCIPage(id);
  if (page.isError) {
    const notFound = page.error instanceof ApiError && page.error.status === 404;
    return (
      <div className="page">
        <ErrorPanel error={page.error} title={notFound ? `No CI has the id "${id}"` : 'Could not load this CI'} action={<Link to={`/search?q=${encodeURIComponent(id)}`}>Search for it</Link>} />
      </div>
    );
  }
  if (page.isPending) return <div className="page"><Loading what={`CI ${id}`} /></div>;
  return <CiView page={page.data} />;
}

function CiView({ page }: { page: CIPageData }) {
  const { ci } = page;
  const staleSince = ci.attributes[provenanceAttributes.staleSince];
  const criticality = ci.attributes.criticality;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <div className="ci-title">
            <h1>{ci.name}</h1>
            <TypeBadge type={ci.type} />
            <CriticalityBadge criticality={typeof criticality === 'number' ? criticality : undefined} />
            <StaleBadge since={typeof staleSince === 'string' ? staleSince : undefined} />
          </div>
          <div className="ci-id">{ci.id}</div>
        </div>
        <div className="button-row">
          <Link className="button" to={mapPath([ci.id])}>Open its map</Link>
          <Link className="button" to={impactPath([ci.id])}>Impact if it goes down</Link>
          <Link className="button" to={upstreamPath([ci.id])}>What it relies on</Link>
        </div>
      </div>
      <div className="grid-2">
        <AttributesPanel page={page} />
        <RelationshipsPanel page={page} />
      </div>
      <div className="grid-2">
        <TeamsPanel teams={page.teams} />
        <ContractsPanel contracts={page.contracts} />
      </div>
      <HistoryPanel history={page.history} />
    </div>
  );
}
