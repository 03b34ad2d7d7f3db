import { QueryState } from '../../components/QueryState.tsx';
import { RunsTable } from '../../components/RunsTable.tsx';
import { useImportRuns } from '../../hooks/useImports.ts';
import { useAccess, useSignInHref } from '../../hooks/useSession.ts';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { StalePanel } from './StalePanel.tsx';
import { UploadPanel } from './UploadPanel.tsx';

/** The id of the note saying why importing is unavailable, which the disabled controls point to. */
const unavailableNoteId = 'import-unavailable';

/**
 * Import runs, an upload with a dry-run review before applying, plan proposals,
 * and stale CIs to retire. Uploading, applying and retiring need the `import`
 * permission: without it they are disabled and the page says why.
 */
export function ImportsPage() {
  const runs = useImportRuns(50);
  const access = useAccess();
  const unavailable = access.whyNot('import');
  const disabledBy = unavailable ? unavailableNoteId : undefined;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Imports</h1>
          <p className="subtitle">Keep the graph true: Terraform states and plans, AWS recordings, Kubernetes manifests and Backstage catalogs, reconciled without losing or duplicating anything.</p>
        </div>
      </div>
      {unavailable && <ImportUnavailable reason={unavailable} offerSignIn={access.status.kind === 'signed-out'} />}
      <UploadPanel disabledBy={disabledBy} />
      <section className="panel" aria-labelledby="runs-title">
        <header><h2 id="runs-title">Runs</h2><span className="muted">newest first</span></header>
        <div className="body flush"><QueryState query={runs} what="import runs">{(data) => <RunsTable runs={data.items} whereToUpload="with the form above" />}</QueryState></div>
      </section>
      <div className="grid-2">
        <ProposalsPanel />
        <StalePanel disabledBy={disabledBy} />
      </div>
    </div>
  );
}

/** Why the upload and retire actions are disabled, in one sentence, with "Sign in" when that is the way. */
function ImportUnavailable({ reason, offerSignIn }: { reason: string; offerSignIn: boolean }) {
  const signInHref = useSignInHref();
  return (
    <div className="message" id={unavailableNoteId} role="note">
      <div>
        <p className="title">Uploading, applying and retiring are unavailable</p>
        <p>{reason}{offerSignIn && signInHref && <> <a href={signInHref}>Sign in</a></>}</p>
      </div>
    </div>
  );
}
