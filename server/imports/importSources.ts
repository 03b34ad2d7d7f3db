import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Snapshot } from '../../schema/imports.ts';
import { parseTerraformState } from '../../importers/terraform/parseTerraformState.ts';
import { InvalidError } from '../errors.ts';

/**
 * The import kinds the CLI and API accept, how to recognise each from a file's
 * content, and how to turn a file into a snapshot. Estate files keep their own
 * path (importEstate): they are declarations, not readings of a source; plans
 * become proposals (importPlan) and never touch the graph.
 */
export const importKinds = ['estate', 'terraform', 'terraform-plan'] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(text: string): text is ImportKind {
  return (importKinds as readonly string[]).includes(text);
}

/** The kind of a file from its content, or an InvalidError saying why it is not clear. */
export function detectImportKind(text: string, file: string): ImportKind {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new InvalidError([{ file, message: `cannot tell what this file is: invalid JSON (${(error as Error).message})` }]);
    }
    return kindOfDocument(parsed, file);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(trimmed, { maxAliasCount: 100 });
  } catch (error) {
    // A broken estate file is still recognisable; its own parser says precisely what is wrong.
    if (/^(version|cis|relationships|source)\s*:/m.test(trimmed)) return 'estate';
    throw new InvalidError([{ file, message: `cannot tell what this file is: neither JSON nor YAML (${(error as Error).message.split('\n')[0]})` }]);
  }
  return kindOfDocument(parsed, file);
}

function kindOfDocument(document: unknown, file: string): ImportKind {
  const d = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  if ((d.version === 3 || d.version === 4) && ('lineage' in d || 'resources' in d || 'modules' in d)) return 'terraform';
  if (Array.isArray(d.resource_changes) || ('format_version' in d && 'planned_values' in d)) return 'terraform-plan';
  if (Array.isArray(d.cis) || Array.isArray(d.relationships)) return 'estate';
  throw new InvalidError([{ file, message: 'cannot tell what this file is; name the kind: trellis import <estate|terraform> <path>' }]);
}

/** The files to import for a path: the path itself, or the matching files of a directory (sorted). */
export async function inputFiles(path: string, kind: ImportKind | undefined): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InvalidError([{ file: path, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message }]);
  }
  if (!info.isDirectory()) return [path];
  const wanted = kind === 'terraform' ? ['.tfstate', '.json'] : kind === 'terraform-plan' ? ['.json'] : ['.yaml', '.yml', '.json', '.tfstate'];
  const names = (await readdir(path)).filter((name) => wanted.includes(extname(name)) && !name.startsWith('.')).sort();
  if (!names.length) throw new InvalidError([{ file: path, message: `no ${wanted.join(', ')} files in this directory` }]);
  return names.map((name) => join(path, name));
}

/** A source file as a snapshot. */
export function snapshotOf(kind: Exclude<ImportKind, 'estate' | 'terraform-plan'>, text: string, file: string): Snapshot {
  switch (kind) {
    case 'terraform':
      return parseTerraformState(text, basename(file));
  }
}
