import { useState } from 'react';
import { Link } from 'react-router';
import { isProposal, type ImportAnswer } from '../../api/imports.ts';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { looksLikeEstateFile } from '../../../schema/estate.ts';
import { useApplyEstateFile, useRunImport } from '../../hooks/useImports.ts';
import { ciPath } from '../../paths.ts';
import { DiffView } from './DiffView.tsx';

/** Largest file read in the browser; the server bounds what it accepts too. */
const maxFileBytes = 50 * 1024 * 1024;

/** Choose a file, review what it would change (a dry run), then apply it; `disabledBy` names the note saying why it cannot. */
export function UploadPanel({ disabledBy }: { disabledBy?: string }) {
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [cluster, setCluster] = useState('');
  const [readError, setReadError] = useState<string>();
  const dry = useRunImport();
  const apply = useRunImport();
  const estate = useApplyEstateFile();
  const isEstate = file !== undefined && looksLikeEstateFile(file.text);
  const choose = async (chosen: File | undefined) => {
    dry.reset();
    apply.reset();
    estate.reset();
    setReadError(undefined);
    setFile(undefined);
    if (!chosen) return;
    if (chosen.size > maxFileBytes) return setReadError(`${chosen.name} is ${(chosen.size / 1048576).toFixed(0)} MB; the explorer uploads files up to ${maxFileBytes / 1048576} MB (use \`trellis import\` for larger ones).`);
    setFile({ name: chosen.name, text: await chosen.text() });
  };
  const upload = (dryRun: boolean) => file && (dryRun ? dry : apply).mutate({ name: file.name, text: file.text, dryRun, ...(cluster.trim() ? { cluster: cluster.trim() } : {}) });
  return (
    <section className="panel" aria-labelledby="upload-title">
      <header><h2 id="upload-title">Import a file</h2></header>
      <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        <fieldset className="button-row plain" style={{ alignItems: 'flex-end' }} disabled={Boolean(disabledBy)} aria-describedby={disabledBy}>
          <legend className="visually-hidden">File to import</legend>
          <label className="field">File (Terraform state or plan, AWS recording, Kubernetes manifests, Backstage catalog)
            <input type="file" accept=".tfstate,.json,.yaml,.yml" onChange={(e) => void choose(e.target.files?.[0])} />
          </label>
          <label className="field">Cluster name (Kubernetes manifests)
            <input type="text" value={cluster} onChange={(e) => setCluster(e.target.value)} placeholder="default" style={{ width: 160 }} />
          </label>
          {isEstate ? (
            <button type="button" className="primary" disabled={estate.isPending || Boolean(estate.data)} onClick={() => estate.mutate(file.text)}>{estate.isPending ? 'Applying…' : 'Apply the estate file'}</button>
          ) : <>
            <button type="button" disabled={!file || dry.isPending} onClick={() => upload(true)}>{dry.isPending ? 'Reviewing…' : 'Review changes (dry run)'}</button>
            <button type="button" className="primary" disabled={!file || !dry.data || apply.isPending || Boolean(apply.data)} onClick={() => upload(false)} title={dry.data ? '' : 'review the changes first'}>{apply.isPending ? 'Applying…' : 'Apply'}</button>
          </>}
        </fieldset>
        {isEstate && !estate.data && <div className="message warn" role="status">An estate file: it is applied whole, all or nothing, and every CI and relationship in it is written as given (there is no dry run; any problem rejects the whole file and names the entry).</div>}
        {estate.isError && <ErrorPanel error={estate.error} title={`${file?.name ?? 'The file'} was not applied`} />}
        {estate.data && <div className="message" role="status"><div><p className="title">Applied: {file?.name}</p><p>{estate.data.cis} CIs and {estate.data.relationships} relationships from source {estate.data.source}: {estate.data.created} created, {estate.data.changed} changed, {estate.data.unchanged} unchanged.</p></div></div>}
        {readError && <div className="message error" role="alert">{readError}</div>}
        {dry.isError && <ErrorPanel error={dry.error} title={`${file?.name ?? 'The file'} was not imported`} />}
        {apply.isError && <ErrorPanel error={apply.error} title={`${file?.name ?? 'The file'} was not applied`} />}
        {apply.data ? <Result answer={apply.data} applied /> : dry.data && <Result answer={dry.data} />}
      </div>
    </section>
  );
}

function Result({ answer, applied = false }: { answer: ImportAnswer; applied?: boolean }) {
  if (isProposal(answer)) {
    return <div className="message" role="status"><div><p className="title">A plan: kept as proposal {answer.id}, never applied to the graph</p><p>{answer.changes.length} planned changes; see the proposals below.</p></div></div>;
  }
  const { run, diff } = answer;
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className={`message ${applied ? '' : 'warn'}`}>
        <div>
          <p className="title">{applied ? `Applied: ${run.input}` : `Dry run of ${run.input}: nothing is written until you apply`}</p>
          <p>{run.counts.created} created, {run.counts.updated} updated, {run.counts.withdrawn} withdrawn, {run.counts.stale} newly stale, {run.counts.unchanged} unchanged; {run.warnings.length} warnings, {run.gaps.length} gaps. Scopes: {run.scopes.join(', ')}.</p>
          {applied && diff.created[0] && <p>Open a new CI: <Link to={ciPath(diff.created[0])}>{diff.created[0]}</Link></p>}
        </div>
      </div>
      <DiffView diff={diff} warnings={run.warnings} gaps={run.gaps} applied={applied} />
    </div>
  );
}
