import { parseDocument } from 'yaml';
import type { EstateFile } from '../../schema/estate.ts';
import { estateFileSchema } from '../../schema/estate.ts';
import { findHostileKey } from '../../schema/identifiers.ts';
import type { Problem } from '../../schema/problems.ts';
import { relationshipKeyText } from '../../schema/relationships.ts';

/** A relationship end that names a CI the file does not define: the store must have it. */
export interface ExternalReference {
  id: string;
  /** The relationship entry, e.g. `relationships[4] (a DEPENDS_ON b)`. */
  entry: string;
  field: 'from' | 'to';
  /** True when the reference is the start of a HAS_MEMBER (it must be a RedundancyGroup). */
  mustBeGroup: boolean;
}

/** The outcome of reading an estate file: a validated estate, or every problem found. */
export type EstateParseResult =
  | { ok: true; estate: EstateFile & { source: string }; externalReferences: ExternalReference[] }
  | { ok: false; problems: Problem[] };

/**
 * Reads an estate file (estate-format.md): YAML or JSON text, validated entry by
 * entry. Every problem names the file, the entry (index and id) and the field.
 */
export function parseEstateFile(text: string, file: string): EstateParseResult {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        entry: position(error.linePos?.[0]),
        message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library refuses alias bombs (billion laughs) here.
    return { ok: false, problems: [{ file, message: (error as Error).message }] };
  }
  const hostile = findHostileKey(raw);
  if (hostile) return { ok: false, problems: [{ file, ...locate(raw, hostile), message: `key "${hostile.at(-1)}" is not allowed` }] };
  const parsed = estateFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ file, ...locate(raw, issue.path), message: issue.message })) };
  }
  const estate = { ...parsed.data, source: parsed.data.source ?? file };
  const problems: Problem[] = [];
  const typeOf = new Map<string, string>();
  for (const [index, ci] of estate.cis.entries()) {
    if (typeOf.has(ci.id)) problems.push({ file, entry: `cis[${index}] (${ci.id})`, field: 'id', message: 'duplicate id in this file' });
    typeOf.set(ci.id, ci.type);
  }
  const seen = new Set<string>();
  const externalReferences: ExternalReference[] = [];
  for (const [index, relationship] of estate.relationships.entries()) {
    const key = relationshipKeyText(relationship);
    const entry = `relationships[${index}] (${key})`;
    if (seen.has(key)) problems.push({ file, entry, message: 'duplicate relationship in this file' });
    seen.add(key);
    const mustBeGroup = relationship.type === 'HAS_MEMBER';
    const fromType = typeOf.get(relationship.from);
    if (mustBeGroup && fromType && fromType !== 'RedundancyGroup') {
      problems.push({ file, entry, field: 'from', message: `HAS_MEMBER must start at a RedundancyGroup, not a ${fromType}` });
    }
    if (!fromType) externalReferences.push({ id: relationship.from, entry, field: 'from', mustBeGroup });
    if (!typeOf.has(relationship.to)) externalReferences.push({ id: relationship.to, entry, field: 'to', mustBeGroup: false });
  }
  return problems.length ? { ok: false, problems } : { ok: true, estate, externalReferences };
}

/** Names the entry and field of a path into the raw document: `cis[3] (svc-x)` and `sla.availabilityPercent`. */
function locate(raw: unknown, path: ReadonlyArray<PropertyKey>): { entry?: string; field?: string } {
  const [section, index, ...rest] = path.map((part) => (typeof part === 'symbol' ? part.toString() : part));
  if ((section === 'cis' || section === 'relationships') && typeof index === 'number') {
    const item = (raw as Record<string, unknown[]>)[section]?.[index] as Record<string, unknown> | undefined;
    const label = section === 'cis' ? item?.id : item && `${item.from} ${item.type} ${item.to}`;
    return { entry: `${section}[${index}]${typeof label === 'string' ? ` (${label})` : ''}`, field: rest.length ? rest.join('.') : undefined };
  }
  return { field: path.length ? path.map(String).join('.') : undefined };
}

function position(linePos: { line: number; col: number } | undefined): string | undefined {
  return linePos ? `line ${linePos.line}, column ${linePos.col}` : undefined;
}
