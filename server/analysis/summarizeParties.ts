import type { ConfigItem } from '../../schema/configItem.ts';
import type { InvolvedContract, InvolvedSupplier, TeamToNotify } from '../../schema/impact.ts';
import { compareText } from '../../schema/ordering.ts';
import type { RelationshipKey } from '../../schema/relationships.ts';

/** The people and agreements around an impact: who to tell, which contracts and suppliers. */
export interface PartiesSummary {
  notify: TeamToNotify[];
  contracts: InvolvedContract[];
  suppliers: InvolvedSupplier[];
}

/**
 * Summarizes informational relationships (impact-semantics.md, "Aggregates"):
 * teams owning or supporting a target or an impacted service; contracts covering
 * a target or any impacted CI, with the suppliers they are agreed with; and
 * suppliers supporting a target or an impacted service directly.
 */
export function summarizeParties(input: {
  /** Targets and impacted services: their owners and supporters are told. */
  notifyFor: ReadonlySet<string>;
  /** OWNED_BY, SUPPORTED_BY, COVERED_BY from targets and impacted CIs; AGREED_WITH from their contracts. */
  links: readonly RelationshipKey[];
  /** The teams, suppliers and contracts the links point at. */
  parties: ReadonlyMap<string, ConfigItem>;
}): PartiesSummary {
  const notify = new Map<string, TeamToNotify>();
  const contracts = new Map<string, InvolvedContract>();
  const suppliers = new Map<string, InvolvedSupplier>();
  const supplierEntry = (party: ConfigItem) => {
    let entry = suppliers.get(party.id);
    if (!entry) suppliers.set(party.id, (entry = { id: party.id, name: party.name, contracts: [], supports: [] }));
    return entry;
  };
  const sorted = [...input.links].sort((a, b) => order(a.type) - order(b.type));
  for (const link of sorted) {
    const party = input.parties.get(link.to);
    if (!party) continue;
    if ((link.type === 'OWNED_BY' || link.type === 'SUPPORTED_BY') && input.notifyFor.has(link.from)) {
      if (party.type === 'Team') {
        let entry = notify.get(party.id);
        if (!entry) {
          entry = { id: party.id, name: party.name, because: [] };
          if (party.attributes.onCall !== undefined) entry.onCall = party.attributes.onCall;
          notify.set(party.id, entry);
        }
        entry.because.push({ ci: link.from, relationship: link.type });
      } else if (party.type === 'Supplier') {
        supplierEntry(party).supports.push(link.from);
      }
    } else if (link.type === 'COVERED_BY' && party.type === 'Contract') {
      let entry = contracts.get(party.id);
      if (!entry) {
        entry = { id: party.id, name: party.name, covers: [], suppliers: [] };
        if (typeof party.attributes.kind === 'string') entry.kind = party.attributes.kind;
        if (typeof party.attributes.end === 'string') entry.end = party.attributes.end;
        contracts.set(party.id, entry);
      }
      entry.covers.push(link.from);
    } else if (link.type === 'AGREED_WITH' && contracts.has(link.from) && party.type === 'Supplier') {
      contracts.get(link.from)!.suppliers.push(party.id);
      supplierEntry(party).contracts.push(link.from);
    }
  }
  // Every list sorted, so the answer does not depend on the order the store returned links in.
  const byId = <T extends { id: string }>(map: Map<string, T>) => [...map.values()].sort((a, b) => compareText(a.id, b.id));
  for (const team of notify.values()) team.because.sort((a, b) => compareText(a.ci, b.ci) || compareText(a.relationship, b.relationship));
  for (const contract of contracts.values()) {
    contract.covers.sort(compareText);
    contract.suppliers.sort(compareText);
  }
  for (const supplier of suppliers.values()) {
    supplier.contracts.sort(compareText);
    supplier.supports.sort(compareText);
  }
  return { notify: byId(notify), contracts: byId(contracts), suppliers: byId(suppliers) };
}

/** Contracts must be known before their AGREED_WITH links are read. */
function order(type: RelationshipKey['type']): number {
  return type === 'AGREED_WITH' ? 1 : 0;
}
