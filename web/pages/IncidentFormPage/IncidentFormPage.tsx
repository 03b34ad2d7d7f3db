import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { blankIncident } from '../../incidents/incidentForm.ts';
import { useAccess } from '../../hooks/useSession.ts';
import { IncidentForm } from './IncidentForm.tsx';

/** Opens an incident (`/incidents/new?affected=id&affected=id`, the affected CIs from the upstream view's symptoms). */
export function IncidentFormPage() {
  const [params] = useSearchParams();
  const affected = useMemo(() => params.getAll('affected').filter(Boolean), [params]);
  const whyNot = useAccess().whyNot('change');
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>New incident</h1>
          <p className="subtitle">Trellis works out the services it hits, its priority, and the changes implemented shortly before on what it affects.</p>
        </div>
      </div>
      {whyNot && <div className="message" role="note" id="incident-unavailable"><div><p className="title">Opening incidents is unavailable</p><p>It needs the permission to request changes. {whyNot}</p></div></div>}
      <IncidentForm initial={blankIncident(affected)} fromUpstream={affected.length > 0} disabled={Boolean(whyNot)} />
    </div>
  );
}
