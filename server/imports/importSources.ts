import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Composer, Parser, type Document } from 'yaml';
import type { Snapshot } from '../../schema/imports.ts';
import { parseTerraformState } from '../../importers/terraform/parseTerraformState.ts';
import { awsReadingToSnapshot } from '../../importers/aws/awsReadingToSnapshot.ts';
import { neighboursOf, readRecordedResponse, recordingFacts, type RecordingFacts, type RecordingNeighbours } from '../../importers/aws/readRecordedResponses.ts';
import { readInputFile } from '../../importers/shared/readInputFile.ts';
import { sourceFileMaxBytes } from './sourceFileLimit.ts';
import { resourceRules } from '../../importers/shared/resourceRules.ts';
import { readManifests, type KubeObject } from '../../importers/kubernetes/readManifests.ts';
import { manifestsToSnapshot } from '../../importers/kubernetes/manifestsToSnapshot.ts';
import { catalogToSnapshot } from '../../importers/backstage/catalogToSnapshot.ts';
import { InvalidError } from '../errors.ts';

/**
 * The import kinds the CLI and API accept, how to recognise each from a file's
 * content, and how to turn a file into a snapshot. Estate files keep their own
 * path (importEstate): they are declarations, not readings of a source; plans
 * become proposals (importPlan) and never touch the graph.
 */
export const importKinds = ['estate', 'terraform', 'terraform-plan', 'aws', 'kubernetes', 'backstage'] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(text: string): text is ImportKind {
  return (importKinds as readonly string[]).includes(text);
}

/** A file's kind, and its content parsed as JSON when it is JSON (so it is parsed once). */
export interface DetectedImport {
  kind: ImportKind;
  json?: unknown;
}

/** The kind of a file from its content, or an InvalidError saying why it is not clear. `json` is the text already parsed, if it was. */
export function detectImport(text: string, file: string, json?: unknown): DetectedImport {
  const trimmed = text.trimStart();
  if (json !== undefined || trimmed.startsWith('{')) {
    let parsed = json;
    try {
      parsed ??= JSON.parse(trimmed);
    } catch (error) {
      throw new InvalidError([{ file, message: `cannot tell what this file is: invalid JSON (${(error as Error).message})` }]);
    }
    return { kind: kindOfDocument(parsed, file), json: parsed };
  }
  let parsed: unknown;
  try {
    // The first document says what a multi-document file (manifests, catalogs) is: compose no further.
    const first = firstYamlDocument(trimmed);
    if (first?.errors.length) throw first.errors[0];
    parsed = first?.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // A broken estate file is still recognisable; its own parser says precisely what is wrong.
    if (/^(version|cis|relationships|source)\s*:/m.test(trimmed)) return { kind: 'estate' };
    throw new InvalidError([{ file, message: `cannot tell what this file is: neither JSON nor YAML (${(error as Error).message.split('\n')[0]})` }]);
  }
  return { kind: kindOfDocument(parsed, file) };
}

/** The first non-empty document of a YAML text, composed lazily: the importer parses the whole file itself. */
function firstYamlDocument(text: string): Document.Parsed | undefined {
  for (const document of new Composer().compose(new Parser().parse(text), true)) {
    if (document.contents !== null || document.errors.length) return document as Document.Parsed;
  }
  return undefined;
}

function kindOfDocument(document: unknown, file: string): ImportKind {
  const kind = documentKind(document);
  if (!kind) throw new InvalidError([{ file, message: 'cannot tell what this file is; name the kind: trellis import <estate|terraform> <path>' }]);
  return kind;
}

/** The kind a parsed document is, or undefined when it says nothing recognisable. */
function documentKind(document: unknown): ImportKind | undefined {
  const d = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  if ((d.version === 3 || d.version === 4) && ('lineage' in d || 'resources' in d || 'modules' in d)) return 'terraform';
  if (Array.isArray(d.resource_changes) || ('format_version' in d && 'planned_values' in d)) return 'terraform-plan';
  if (looksLikeAwsResponse(d)) return 'aws';
  if (typeof d.apiVersion === 'string' && d.apiVersion.startsWith('backstage.io/')) return 'backstage';
  if (typeof d.apiVersion === 'string' && typeof d.kind === 'string') return 'kubernetes';
  if (Array.isArray(d.cis) || Array.isArray(d.relationships)) return 'estate';
  return undefined;
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
  const wanted = kind === 'terraform' ? ['.tfstate', '.json'] : kind === 'terraform-plan' || kind === 'aws' ? ['.json'] : kind === 'kubernetes' || kind === 'backstage' ? ['.yaml', '.yml', '.json'] : ['.yaml', '.yml', '.json', '.tfstate'];
  const names = (await readdir(path)).filter((name) => wanted.includes(extname(name)) && !name.startsWith('.')).sort();
  if (!names.length) throw new InvalidError([{ file: path, message: `no ${wanted.join(', ')} files in this directory` }]);
  return names.map((name) => join(path, name));
}

/** Options some kinds need when the file does not say (the account and region of an AWS recording). */
export interface SourceOptions {
  account?: string;
  region?: string;
  /** Kubernetes: the cluster the manifests are for (default `default`). */
  cluster?: string;
  /** Kubernetes: the objects of the other files read with this one, to resolve selectors across files. */
  manifests?: KubeObject[];
  /** The file's text already parsed as JSON (kind detection did), so it is not parsed again. */
  json?: unknown;
  /** AWS recordings of one directory: where a recording that does not say may take its account and region. */
  neighbours?: RecordingNeighbours;
}

/** A source file as a snapshot. */
export function snapshotOf(kind: Exclude<ImportKind, 'estate' | 'terraform-plan'>, text: string, file: string, options: SourceOptions = {}): Snapshot {
  switch (kind) {
    case 'terraform':
      return parseTerraformState(text, basename(file), options.json);
    case 'aws':
      return awsReadingToSnapshot(readRecordedResponse(text, basename(file), options, options.neighbours, options.json));
    case 'kubernetes': {
      const { objects, warnings } = readManifests(text, basename(file));
      const cluster = options.cluster ?? 'default';
      return manifestsToSnapshot(objects, { cluster, scope: `kubernetes:file:${cluster}/${scopeName(file)}`, file: basename(file) }, warnings, options.manifests);
    }
    case 'backstage': {
      const { objects, warnings } = readManifests(text, basename(file), 'Backstage catalog file');
      return catalogToSnapshot(objects, `backstage:file:${scopeName(file)}`, basename(file), warnings);
    }
  }
}

/** A file's name as part of a scope. */
function scopeName(file: string): string {
  return basename(file).replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** A recorded AWS response: placebo's wrapper, or a top-level list the AWS rule table reads. */
function looksLikeAwsResponse(d: Record<string, unknown>): boolean {
  const data = typeof d.status_code === 'number' && typeof d.data === 'object' && d.data !== null ? (d.data as Record<string, unknown>) : d;
  return Object.values(resourceRules).some((rule) => rule.api && Array.isArray(data[rule.api.list.split('.')[0]!]));
}

/**
 * What the files of one directory tell each other, read once ahead of
 * importing them one by one, for the kinds whose files refer to each other:
 * AWS recordings borrow account and region from recordings beside them
 * (`neighbours`), Kubernetes manifests resolve selectors across files
 * (`manifests`). Files are read one at a time within the source-file bound;
 * an unreadable or oversized file is skipped here and reported when imported.
 */
export async function readAhead(files: string[], wanted: { aws: boolean; kubernetes: boolean }): Promise<Pick<SourceOptions, 'neighbours' | 'manifests'>> {
  const facts: RecordingFacts[] = [];
  const manifests: KubeObject[] = [];
  const maxBytes = sourceFileMaxBytes();
  for (const file of files) {
    let text: string;
    try {
      text = await readInputFile(file, maxBytes);
    } catch {
      continue;
    }
    const name = basename(file);
    const json = parsedJson(text);
    // Terraform states and plans are neither recordings nor manifests: not worth scanning (they can be the largest files).
    const kind = json === undefined ? undefined : documentKind(json);
    if (kind === 'terraform' || kind === 'terraform-plan') continue;
    if (wanted.aws && json !== undefined) facts.push(recordingFacts(name, json));
    if (wanted.kubernetes && (json === undefined || typeof (json as { apiVersion?: unknown }).apiVersion === 'string')) {
      try {
        manifests.push(...readManifests(text, name).objects);
      } catch {
        // Reported when the file is imported.
      }
    }
  }
  return { neighbours: wanted.aws ? neighboursOf(facts) : undefined, manifests: wanted.kubernetes ? manifests : undefined };
}

/** The text as JSON, or undefined when it is not JSON (YAML, or broken). */
function parsedJson(text: string): unknown {
  if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
