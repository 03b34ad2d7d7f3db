import { basename } from 'node:path';
import type { Snapshot } from '../../schema/imports.ts';
import { InvalidError } from '../../server/errors.ts';
import { parseJsonDocument } from '../shared/parseJsonDocument.ts';
import { readStateInstances } from './readStateInstances.ts';
import { stateToSnapshot } from './stateToSnapshot.ts';

/**
 * A Terraform state file (format 3 or 4) as a snapshot. The scope is the state's
 * lineage, which survives renames and moves of the file; a state without one is
 * scoped by its file name. Refuses, naming the file and place, what is not a
 * state: invalid or truncated JSON, an unknown version, prototype-reaching keys.
 */
export function parseTerraformState(text: string, file: string, parsed?: unknown): Snapshot {
  const state = parseJsonDocument(text, file, 'a Terraform state', parsed);
  let reading;
  try {
    reading = readStateInstances(state, file);
  } catch (error) {
    throw new InvalidError([{ file, message: (error as Error).message.replace(`${file}: `, '') }]);
  }
  const scopeName = reading.lineage ?? `file:${basename(file).replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  const snapshot = stateToSnapshot(reading.instances, scopeName, file);
  snapshot.warnings.unshift(...reading.problems.map((p) => ({ code: 'malformed' as const, file, place: p.entry, message: p.message })));
  return snapshot;
}
