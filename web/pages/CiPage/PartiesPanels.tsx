import { Link } from 'react-router';
import type { TeamAttributes } from '../../../schema/ciTypes.ts';
import type { ContractOfCI, TeamOfCI } from '../../../schema/explorer.ts';
import { ciPath } from '../../paths.ts';

type Contact = NonNullable<TeamAttributes['contacts']>[number];

/** Owners and supporters, with on-call and the escalation ladder: who to call at 3 a.m. */
export function TeamsPanel({ teams }: { teams: TeamOfCI[] }) {
  return (
    <section className="panel" aria-labelledby="teams-title">
      <header><h2 id="teams-title">Teams</h2></header>
      <div className="body">
        {teams.length === 0 && <p className="muted">No team owns or supports this CI. Add an <code>OWNED_BY</code> relationship to a Team so that someone is told when it changes.</p>}
        {teams.map(({ relationship, team }) => {
          const attributes = team.attributes as TeamAttributes;
          return (
            <div key={`${relationship}-${team.id}`} className="rel-group">
              <h3>{relationship === 'OWNED_BY' ? 'Owner' : 'Support'}</h3>
              <p><Link to={ciPath(team.id)}><strong>{team.name}</strong></Link></p>
              <dl className="facts" style={{ marginTop: 6 }}>
                {attributes.onCall?.contact && <><dt>On call</dt><dd><ContactLine contact={attributes.onCall.contact} />{attributes.onCall.schedule && <div className="muted">{attributes.onCall.schedule}</div>}</dd></>}
                {attributes.escalation?.length ? <><dt>Escalation</dt><dd><ol className="path-list">{attributes.escalation.map((step) => <li key={step.level}>after {step.afterMinutes} min: <ContactLine contact={step.contact} /></li>)}</ol></dd></> : null}
                {attributes.contacts?.length ? <><dt>Contacts</dt><dd>{attributes.contacts.map((c, i) => <div key={i}><ContactLine contact={c} /></div>)}</dd></> : null}
              </dl>
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** Contracts covering the CI, with supplier, targets and end date. */
export function ContractsPanel({ contracts }: { contracts: ContractOfCI[] }) {
  return (
    <section className="panel" aria-labelledby="contracts-title">
      <header><h2 id="contracts-title">Contracts</h2></header>
      <div className="body flush">
        {contracts.length === 0 ? <p className="empty">No contract covers this CI.</p> : (
          <table className="data">
            <thead><tr><th>Contract</th><th>Supplier</th><th className="num">Response</th><th className="num">Resolution</th><th>Ends</th></tr></thead>
            <tbody>
              {contracts.map(({ contract, supplier }) => {
                const a = contract.attributes as { responseTargetMinutes?: number; resolutionTargetMinutes?: number; end?: string; kind?: string };
                return (
                  <tr key={contract.id}>
                    <td><Link to={ciPath(contract.id)}>{contract.name}</Link>{a.kind && <div className="muted">{a.kind}</div>}</td>
                    <td>{supplier ? <Link to={ciPath(supplier.id)}>{supplier.name}</Link> : <span className="muted">not named</span>}</td>
                    <td className="num">{minutes(a.responseTargetMinutes)}</td>
                    <td className="num">{minutes(a.resolutionTargetMinutes)}</td>
                    <td>{a.end ?? <span className="muted">open-ended</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function ContactLine({ contact }: { contact: Contact }) {
  return (
    <span>
      {contact.name ?? contact.role ?? 'contact'}
      {contact.phone && <> · <a href={`tel:${contact.phone}`}>{contact.phone}</a></>}
      {contact.email && <> · <a href={`mailto:${contact.email}`}>{contact.email}</a></>}
      {contact.chat && <> · {contact.chat}</>}
    </span>
  );
}

function minutes(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 60 && value % 60 === 0 ? `${value / 60} h` : `${value} min`;
}
