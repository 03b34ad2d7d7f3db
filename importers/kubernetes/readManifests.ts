import { parseAllDocuments } from 'yaml';
import { findHostileKey } from '../../schema/identifiers.ts';
import type { ImportWarning } from '../../schema/imports.ts';
import { InvalidError } from '../../server/errors.ts';

/** One Kubernetes object as a manifest (or the API) describes it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  /** RBAC bindings keep these beside spec. */
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
  /** Where it is in the input, for messages. */
  place: string;
}

/**
 * The objects of a manifest file (Kubernetes, or Backstage descriptors, which
 * share the shape): YAML with one or many documents, or JSON, `List` kinds unwrapped. Documents that are not Kubernetes objects (no kind or
 * no name) are named in warnings and skipped; a file that is not YAML at all is refused.
 */
export function readManifests(text: string, file: string, what = 'Kubernetes manifest'): { objects: KubeObject[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  let documents: unknown[];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      documents = Array.isArray(parsed) ? parsed : [parsed];
    } catch (error) {
      throw new InvalidError([{ file, message: `not a ${what}: invalid JSON (${(error as Error).message})` }]);
    }
  } else {
    const parsed = parseAllDocuments(text);
    const docs = Array.isArray(parsed) ? parsed : [parsed];
    const broken = docs.find((d) => d.errors.length);
    if (broken) throw new InvalidError([{ file, message: `not a ${what}: ${broken.errors[0]!.message.split('\n')[0]}` }]);
    documents = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  }
  const objects: KubeObject[] = [];
  const visit = (value: unknown, place: string) => {
    if (value === null || value === undefined) return;
    const hostile = findHostileKey(value);
    if (hostile) throw new InvalidError([{ file, entry: place, field: hostile.join('.'), message: 'reserved key (prototype pollution attempt?)' }]);
    const o = value as Record<string, unknown>;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      o.items.forEach((item, i) => visit(item, `${place}.items[${i}]`));
      return;
    }
    const metadata = o.metadata as Record<string, unknown> | undefined;
    if (typeof o.kind !== 'string' || typeof metadata?.name !== 'string') {
      warnings.push({ code: 'malformed', file, place, message: `not a ${what} entry (needs kind and metadata.name); skipped` });
      return;
    }
    objects.push(toKubeObject(o, metadata as KubeObject['metadata'], `${place} ${o.kind}/${metadata.name}`));
  };
  documents.forEach((document, i) => visit(document, `documents[${i}]`));
  return { objects, warnings };
}

/** The parts of an object the graph needs: never `data` or `stringData` (ConfigMap and Secret values). */
export function toKubeObject(o: Record<string, unknown>, metadata: KubeObject['metadata'], place: string): KubeObject {
  return {
    apiVersion: String(o.apiVersion ?? ''),
    kind: String(o.kind),
    metadata,
    spec: typeof o.spec === 'object' && o.spec !== null ? (o.spec as Record<string, unknown>) : undefined,
    ...(typeof o.roleRef === 'object' && o.roleRef !== null ? { roleRef: o.roleRef as KubeObject['roleRef'] } : {}),
    ...(Array.isArray(o.subjects) ? { subjects: o.subjects as KubeObject['subjects'] } : {}),
    place,
  };
}
