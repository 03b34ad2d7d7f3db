import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { FileTooLargeError, readInputFile } from '../../importers/shared/readInputFile.ts';
import { limits } from '../../schema/limits.ts';
import { parseFilterValue } from '../../schema/queries.ts';
import { getCI } from '../catalog/getCI.ts';
import { loadConfig, type Config } from '../config.ts';
import { exportEstate } from '../estate/exportEstate.ts';
import { InvalidError, TrellisError } from '../errors.ts';
import { serveUntilSignalled } from '../main.ts';
import { createGraphStore } from '../store/createGraphStore.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { assessImpact } from '../impact/assessImpact.ts';
import { traceUpstream } from '../impact/traceUpstream.ts';
import { formatImpactReport, formatUpstreamReport } from './formatAnalysis.ts';
import { formatCIDetail, formatError, formatImportOutcome, formatImportResult, formatImportRuns, formatProposal, formatRetireOutcome, formatSearchPage } from './formatText.ts';
import { createProgress, importPhases } from './progress.ts';
import { cliActor, cliOrigin, registerAccessCommands } from './accessCommands.ts';
import { registerChangeCommands } from './changeCommands.ts';
import { registerIncidentCommands } from './incidentCommands.ts';
import { registerCalendarCommands } from './calendarCommands.ts';
import { registerPlanImpactCommand } from './planImpactCommand.ts';
import { importKinds, inputFiles, isImportKind, readAhead, type ImportKind, type SourceOptions } from '../imports/importSources.ts';
import { runImport } from '../imports/runImport.ts';
import { importText, type TextImport } from '../imports/importText.ts';
import { sourceFileMaxBytes, sourceFileTooLargeHint } from '../imports/sourceFileLimit.ts';
import { retireStale } from '../imports/retireStale.ts';
import { awsReadingToSnapshot } from '../../importers/aws/awsReadingToSnapshot.ts';
import { kubernetesReadingToSnapshot } from '../../importers/kubernetes/manifestsToSnapshot.ts';
import type { ImportOutcome, Snapshot } from '../../schema/imports.ts';

/** Exit codes, stable for scripts: see README "CLI". */
const exitCodes: Record<string, number> = { invalid: 2, limit_exceeded: 2, not_found: 3, conflict: 4, already_exists: 4, unavailable: 5 };

const program = new Command('trellis')
  .description('Trellis: a graph-native CMDB. The store is the embedded one in $TRELLIS_DATA, or Neo4j when $NEO4J_URI is set.')
  .showHelpAfterError();

program.command('import')
  .description('import files: an estate file (applied whole or not at all), or a source reconciled into the graph; `import aws --region r` reads a live account')
  .argument('<kind-or-path>', `${importKinds.join(' | ')}, followed by a file or directory; or just a path, and the kind is detected`)
  .argument('[path]', 'file or directory, when the kind is named')
  .option('--dry-run', 'print what would change and write nothing (source imports)')
  .option('--region <region>', 'aws: the region to read (live), or of a recording that does not say')
  .option('--account <id>', 'aws: the account of a recording that does not say')
  .option('--profile <name>', 'aws: a named profile instead of the standard credential chain')
  .option('--endpoint <url>', 'aws: another endpoint for every service (an emulator, a VPC endpoint)')
  .option('--cluster <name>', 'kubernetes: the cluster name in identity keys (files: default `default`; live: the context\'s cluster)')
  .option('--context <name>', 'kubernetes: read this kubeconfig context\'s live cluster instead of files')
  .option('--kubeconfig <file>', 'kubernetes: the kubeconfig to use (default: $KUBECONFIG or ~/.kube/config)')
  .option('--namespace <names>', 'kubernetes: only these namespaces, comma-separated (default: all the API lists)')
  .option('--actor <name>', 'who is importing, recorded in history', process.env.USER ?? 'cli')
  .option('--json', 'print the result as JSON')
  .action(async (first: string, second: string | undefined, options: ImportOptions) => {
    const named = second !== undefined && isImportKind(first) ? first : undefined;
    if (second !== undefined && !named) throw new InvalidError([{ field: 'kind', message: `"${first}" is not an import kind (${importKinds.join(', ')})` }]);
    const show = (done: TextImport) => print(options.json ? ('result' in done ? done.result : 'proposal' in done ? done.proposal : done.outcome) : formatTextImport(done));
    await withStore(async (store) => {
      if (first === 'aws' && second === undefined) {
        show({ kind: 'aws', outcome: await importLiveAws(store, options) });
        return;
      }
      if (first === 'kubernetes' && second === undefined) {
        show({ kind: 'kubernetes', outcome: await importLiveKubernetes(store, options) });
        return;
      }
      const files = await inputFiles(second ?? first, named);
      const together = files.length > 1;
      // Files of a directory that refer to each other: only read ahead for the kinds that need it. Each file is read
      // again when imported: keeping them all from the read-ahead would hold the whole directory in memory.
      const wanted = { aws: together && (named === 'aws' || named === undefined), kubernetes: together && (named === 'kubernetes' || named === undefined) };
      const { neighbours, manifests } = wanted.aws || wanted.kubernetes ? await readAhead(files, wanted) : {};
      // One bad file in a directory does not stop the others; the command still fails at the end.
      let failed: unknown;
      for (const file of files) {
        try {
          show(await importOneFile(store, file, named, { ...options, neighbours, manifests }));
        } catch (error) {
          if (files.length === 1 || !(error instanceof TrellisError)) throw error;
          console.error(formatError(error));
          failed ??= error;
        }
      }
      if (failed) throw new InvalidError([{ file: second ?? first, message: 'some files were not imported (see above); the others were' }]);
    });
  });

program.command('retire-stale')
  .description('remove CIs and relationships no source has asserted for longer than the grace period ($TRELLIS_STALE_GRACE_DAYS, default 30)')
  .option('--older-than <days>', 'grace period in days instead of the configured one')
  .option('--dry-run', 'list what would be removed and remove nothing')
  .option('--actor <name>', 'who is retiring, recorded in history', process.env.USER ?? 'cli')
  .option('--json', 'print as JSON')
  .action(async (options: { olderThan?: string; dryRun?: boolean; actor: string; json?: boolean }) => {
    const graceDays = options.olderThan === undefined ? loadConfig().staleGraceDays : Number(options.olderThan);
    if (!Number.isFinite(graceDays) || graceDays < 0) throw new InvalidError([{ field: '--older-than', message: `"${options.olderThan}" is not a number of days` }]);
    const outcome = await withStore((store) => retireStale(store, { graceDays, dryRun: options.dryRun, actor: cliActor(options.actor), origin: cliOrigin() }));
    print(options.json ? outcome : formatRetireOutcome(outcome));
  });

program.command('imports')
  .description('list import runs, newest first: who, when, what, counts, warnings')
  .option('--limit <n>', 'how many', '20')
  .option('--json', 'print as JSON')
  .action(async (options: { limit: string; json?: boolean }) => {
    const runs = await withStore((store) => store.listImportRuns({ limit: Number(options.limit) }));
    print(options.json ? runs : formatImportRuns(runs));
  });

interface ImportOptions {
  actor: string;
  json?: boolean;
  dryRun?: boolean;
  region?: string;
  account?: string;
  profile?: string;
  endpoint?: string;
  cluster?: string;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  neighbours?: SourceOptions['neighbours'];
  manifests?: SourceOptions['manifests'];
}

/** Reads a live AWS account and reconciles it; a refused service becomes a gap, not an empty reading. */
async function importLiveAws(store: GraphStore, options: ImportOptions): Promise<ImportOutcome> {
  const { region } = options;
  if (!region) throw new InvalidError([{ field: '--region', message: 'reading AWS needs a region: trellis import aws --region eu-west-1' }]);
  return importLive(store, options, `aws ${region}`, async (onProgress) => {
    // Loaded here: the AWS SDK is large, and only this command needs it.
    const { readAwsApi } = await import('../../importers/aws/readAwsApi.ts');
    const reading = await readAwsApi({ region, profile: options.profile, endpoint: options.endpoint, onProgress });
    return { snapshot: awsReadingToSnapshot(reading), input: `aws ${reading.account} ${region}${options.endpoint ? ` via ${options.endpoint}` : ''}` };
  });
}

/** Reads a live Kubernetes cluster and reconciles it; a refused kind or namespace becomes a gap. */
async function importLiveKubernetes(store: GraphStore, options: ImportOptions): Promise<ImportOutcome> {
  if (!options.context && !options.kubeconfig) {
    throw new InvalidError([{ field: 'path', message: 'name manifest files or a directory, or a live cluster with --context (and --kubeconfig)' }]);
  }
  const namespaces = options.namespace?.split(',').map((n) => n.trim()).filter(Boolean);
  return importLive(store, options, `kubernetes ${options.context ?? ''}`.trim(), async (onProgress) => {
    const { readKubernetesApi } = await import('../../importers/kubernetes/readKubernetesApi.ts');
    const reading = await readKubernetesApi({ context: options.context, kubeconfig: options.kubeconfig, namespaces, cluster: options.cluster, onProgress });
    return { snapshot: kubernetesReadingToSnapshot(reading), input: `kubernetes ${reading.cluster} at ${reading.server}` };
  });
}

/** Reads a live source with a progress bar, then reconciles what it read. */
async function importLive(store: GraphStore, options: ImportOptions, label: string, read: (onProgress: (detail: string, fraction: { done: number; total: number }) => void) => Promise<{ snapshot: Snapshot; input: string }>): Promise<ImportOutcome> {
  const progress = createProgress();
  try {
    const { snapshot, input } = await read((detail, fraction) => progress.step(`${label} reading`, detail, fraction));
    return await runImport(store, { snapshot, input, actor: cliActor(options.actor), origin: cliOrigin(), dryRun: options.dryRun, precedence: loadConfig().precedence, onProgress: (step, detail, rows) => progress.step(`${label} ${step}`, detail, rows ?? importPhases[step]) });
  } finally {
    progress.done();
  }
}

/** Imports one file, showing progress while a source is reconciled. */
async function importOneFile(store: GraphStore, file: string, named: ImportKind | undefined, options: ImportOptions): Promise<TextImport> {
  const maxBytes = sourceFileMaxBytes(named);
  const text = await readFileOrInvalid(file, maxBytes, sourceFileTooLargeHint(maxBytes, named));
  const progress = createProgress();
  try {
    return await importText(store, {
      text, file, kind: named, actor: cliActor(options.actor), origin: cliOrigin(), dryRun: options.dryRun, precedence: loadConfig().precedence,
      source: { account: options.account, region: options.region, cluster: options.cluster, neighbours: options.neighbours, manifests: options.manifests },
      onProgress: (step, detail, rows) => progress.step(`${basename(file)} ${step}`, detail, rows ?? importPhases[step]),
    });
  } finally {
    progress.done();
  }
}

/** A file's import for a person. */
function formatTextImport(done: TextImport): string {
  if (done.kind === 'estate') return formatImportResult(done.result);
  if (done.kind === 'terraform-plan') return formatProposal(done.proposal);
  return formatImportOutcome(done.outcome);
}

program.command('get')
  .description('show one CI with its relationships')
  .argument('<id>', 'CI id')
  .option('--json', 'print as JSON')
  .action(async (id: string, options: { json?: boolean }) => {
    const detail = await withStore((store) => getCI(store, id));
    print(options.json ? detail : formatCIDetail(detail));
  });

program.command('search')
  .description('find CIs whose id or name contains the text (case-insensitive)')
  .argument('[text]', 'text to look for (omit to list all)')
  .addOption(new Option('--type <type>', 'only CIs of this type'))
  .option('--attr <name=value...>', 'only CIs whose attribute equals the value (numbers and true/false are typed; quote to force a string)')
  .option('--limit <n>', 'page size', String(limits.pageSizeDefault))
  .option('--offset <n>', 'skip this many matches', '0')
  .option('--json', 'print as JSON')
  .action(async (text: string | undefined, options: { type?: string; attr?: string[]; limit: string; offset: string; json?: boolean }) => {
    const attributes = Object.fromEntries((options.attr ?? []).map(parseAttributeOption));
    const query = { text, type: options.type, attributes: options.attr ? attributes : undefined, limit: Number(options.limit), offset: Number(options.offset) };
    const page = await withStore((store) => store.searchCIs(query as Parameters<GraphStore['searchCIs']>[0]));
    print(options.json ? page : formatSearchPage(page, Number(options.offset)));
  });

program.command('impact')
  .description('what breaks if these CIs go down (or degrade), how badly, and who must know')
  .argument('<targets...>', 'CI ids, each optionally with =down (default) or =degraded')
  .option('--max-cis <n>', 'stop at this many CIs')
  .option('--truncate', 'at the limit, answer partially instead of failing')
  .option('--json', 'print as JSON')
  .action(async (targets: string[], options: { maxCis?: string; truncate?: boolean; json?: boolean }) => {
    const request = {
      targets: targets.map(parseTarget),
      ...(options.maxCis ? { maxCIs: Number(options.maxCis) } : {}),
      ...(options.truncate ? { onLimit: 'truncate' as const } : {}),
    };
    const report = await withStore((store) => assessImpact(store, request, loadConfig().analysis));
    print(options.json ? report : formatImpactReport(report));
  });

program.command('upstream')
  .description('what these failing CIs rely on, with likely causes ranked')
  .argument('<symptoms...>', 'ids of the failing (symptomatic) CIs')
  .option('--since <window>', 'look-back window for recent changes: 24h, 90m, 7d or an ISO time', `${limits.lookBackHoursDefault}h`)
  .option('--candidates <n>', 'how many ranked causes to show', String(limits.upstreamCandidatesDefault))
  .option('--json', 'print as JSON')
  .action(async (symptoms: string[], options: { since: string; candidates: string; json?: boolean }) => {
    const request = { symptoms, since: options.since, candidates: Number(options.candidates) };
    const report = await withStore((store) => traceUpstream(store, request, loadConfig().analysis));
    print(options.json ? report : formatUpstreamReport(report));
  });

program.command('export')
  .description('write the whole estate as an estate file (importing it into an empty store gives the same graph)')
  .option('--out <file>', 'write to a file instead of standard output')
  .addOption(new Option('--format <format>', 'yaml or json').choices(['yaml', 'json']).default('yaml'))
  .action(async (options: { out?: string; format: 'yaml' | 'json' }) => {
    await withStore(async (store) => {
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      for await (const part of exportEstate(store, options.format)) if (!out.write(part)) await once(out, 'drain');
      if (options.out) await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
    });
    if (options.out) console.error(`wrote ${options.out}`);
  });

program.command('serve')
  .description('serve the HTTP API (and the explorer) until interrupted')
  .option('--port <port>', 'port to listen on (default $PORT or 8080)')
  .option('--host <host>', 'address to bind (default $HOST or 127.0.0.1)')
  .option('--demo', 'load the demo estate into an empty store first')
  .action(async (options: { port?: string; host?: string; demo?: boolean }) => {
    const config: Config = loadConfig({
      ...process.env,
      ...(options.port ? { PORT: options.port } : {}),
      ...(options.host ? { HOST: options.host } : {}),
      ...(options.demo ? { TRELLIS_DEMO: 'true' } : {}),
    });
    await serveUntilSignalled(config);
  });

/** Opens the configured store, runs `work`, and always closes it. */
async function withStore<T>(work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await createGraphStore(loadConfig().store);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function readFileOrInvalid(file: string, maxBytes = limits.estateFileMaxBytes, whenTooLarge?: string): Promise<string> {
  try {
    return await readInputFile(file, maxBytes);
  } catch (error) {
    const tooLarge = error instanceof FileTooLargeError && whenTooLarge ? `: ${whenTooLarge}` : '';
    throw new InvalidError([{ file, message: `${(error as Error).message}${tooLarge}` }]);
  }
}

function parseAttributeOption(option: string): [string, string | number | boolean] {
  const at = option.indexOf('=');
  if (at < 1) throw new InvalidError([{ field: '--attr', message: `"${option}" is not name=value` }]);
  return [option.slice(0, at), parseFilterValue(option.slice(at + 1))];
}

/** `id`, `id=down` or `id=degraded`; an unknown effect is left for the request schema to name. */
function parseTarget(text: string): { id: string; effect: 'down' | 'degraded' } {
  const at = text.lastIndexOf('=');
  if (at < 0) return { id: text, effect: 'down' };
  return { id: text.slice(0, at), effect: text.slice(at + 1) as 'down' | 'degraded' };
}

function print(value: unknown): void {
  console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

registerAccessCommands(program, withStore, print);
registerChangeCommands(program, withStore, print);
registerIncidentCommands(program, withStore, print);
registerCalendarCommands(program, withStore, print);
registerPlanImpactCommand(program, withStore, print);

program.parseAsync().catch((error: unknown) => {
  console.error(formatError(error));
  process.exitCode = error instanceof TrellisError ? (exitCodes[error.code] ?? 1) : 1;
});
