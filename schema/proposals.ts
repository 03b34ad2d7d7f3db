import type { ImportWarning } from './imports.ts';

/**
 * A proposed change read from a plan (Terraform first): what would happen to
 * each resource. Kept beside the graph, never applied to it; the change
 * enablement side turns it into an impact assessment.
 */
export interface PlannedChange {
  address: string;
  /** Where the resource was before a `moved` block. */
  previousAddress?: string;
  type: string;
  mode: 'managed' | 'data';
  action: 'create' | 'update' | 'delete' | 'replace' | 'no-op' | 'read' | 'move';
  /** For replacements: Terraform's order (create_before_destroy gives create-first). */
  replaceOrder?: 'delete-first' | 'create-first';
  /** Terraform's action_reason, e.g. replace_because_tainted. */
  reason?: string;
  /** Identity key of the resource as it is (ARN, Azure id...), when the plan shows it. */
  ciKey?: string;
  /** The CI in the graph this change touches, when Trellis knows it. */
  ciId?: string;
  /** Names (never values) of the top-level attributes an update changes. */
  changedAttributes?: string[];
}

export interface PlanProposal {
  id: string;
  file: string;
  createdAt: string;
  actor: string;
  terraformVersion?: string;
  formatVersion?: string;
  changes: PlannedChange[];
  /** How many resources the plan found changed outside Terraform (resource_drift). */
  drift: number;
  warnings: ImportWarning[];
}
