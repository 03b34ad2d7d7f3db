import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Snapshot } from '../../schema/imports.ts';
import { parseTerraformState } from '../../importers/terraform/parseTerraformState.ts';
import { awsReadingToSnapshot } from '../../importers/aws/awsReadingToSnapshot.ts';
import { readRecordedResponse, recordingNeighbours } from '../../importers/aws/readRecordedResponses.ts';
import { resourceRules } from '../../importers/shared/resourceRules.ts';
import { InvalidError } from '../errors.ts';

/**
 * The import kinds the CLI and API accept, how to recognise each from a file's
 * content, and how to turn a file into a snapshot. Estate files keep their own
 * path (importEstate): they are declarations, not readings of a source; plans
 * become proposals (importPlan) and never touch the graph.
 */
export const importKinds = ['estate', 'terraform', 'terraform-plan', 'aws'] as const;
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
  if (looksLikeAwsResponse(d)) return 'aws';
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
  const wanted = kind === 'terraform' ? ['.tfstate', '.json'] : kind === 'terraform-plan' || kind === 'aws' ? ['.json'] : ['.yaml', '.yml', '.json', '.tfstate'];
  const names = (await readdir(path)).filter((name) => wanted.includes(extname(name)) && !name.startsWith('.')).sort();
  if (!names.length) throw new InvalidError([{ file: path, message: `no ${wanted.join(', ')} files in this directory` }]);
  return names.map((name) => join(path, name));
}

/** Options some kinds need when the file does not say (the account and region of an AWS recording). */
export interface SourceOptions {
  account?: string;
  region?: string;
  /** AWS recordings of one directory: where a recording that does not say may take its account and region. */
  neighbours?: ReturnType<typeof recordingNeighbours>;
}

/** A source file as a snapshot. */
export function snapshotOf(kind: Exclude<ImportKind, 'estate' | 'terraform-plan'>, text: string, file: string, options: SourceOptions = {}): Snapshot {
  switch (kind) {
    case 'terraform':
      return parseTerraformState(text, basename(file));
    case 'aws':
      return awsReadingToSnapshot(readRecordedResponse(text, basename(file), options, options.neighbours));
  }
}

/** A recorded AWS response: placebo's wrapper, or a top-level list the AWS rule table reads. */
function looksLikeAwsResponse(d: Record<string, unknown>): boolean {
  const data = typeof d.status_code === 'number' && typeof d.data === 'object' && d.data !== null ? (d.data as Record<string, unknown>) : d;
  return Object.values(resourceRules).some((rule) => rule.api && Array.isArray(data[rule.api.list.split('.')[0]!]));
}

/** For a directory of AWS recordings, how each may borrow account and region from the others. */
export async function awsNeighbours(files: string[]): Promise<SourceOptions['neighbours']> {
  const documents = await Promise.all(files.map(async (file) => ({ file: basename(file), text: await readFile(file, 'utf8').catch(() => '') })));
  return recordingNeighbours(documents);
}
