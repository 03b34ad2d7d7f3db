// `npm run bench:impact [-- 10000 100000 1000000]`: impact and upstream latency on
// seeded synthetic estates, embedded store and Neo4j side by side, with the naive
// Cypher path query as baseline; writes the figures into BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { Neo4jGraphStore } from '../server/store/neo4j/Neo4jGraphStore.ts';
import { loadEstate } from './loadEstate.ts';
import { round, type Latency } from './measure.ts';
import { queryEstate, type QueryFigures } from './queryEstate.ts';
import { writeBenchmarkSection } from './benchmarksFile.ts';
import { wipeNeo4jDatabase } from '../test/support/neo4jTestStore.ts';
import { benchNeo4j, peakRssOfPid } from './benchNeo4j.ts';
import { benchmarkPicks, tierSizes } from './syntheticEstate.ts';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const totals = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
const seed = 20261124;
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

interface SizeFigures {
  total: number;
  relationships: number;
  embedded: { loadSeconds: number; loadPeakRssMiB: number; openSeconds: number; queryPeakRssMiB: number; queries: QueryFigures };
  neo4j: { loadSeconds: number; queries: QueryFigures; naive: Record<'leaf' | 'mid' | 'hub', string>; jvmPeakRssMiB: number };
}

/** Runs the embedded half in child processes, so each phase's peak memory is measured alone. */
function runEmbedded(total: number): SizeFigures['embedded'] & { relationships: number } {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
  const worker = (mode: string) => {
    const child = spawnSync(process.execPath, [join(root, 'bench/embeddedWorker.ts'), mode, String(total), String(seed), dataDir], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26,
    });
    if (child.status !== 0) throw new Error(`embedded ${mode} worker failed (${child.status})`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  };
  try {
    const loaded = worker('load');
    const queried = worker('query');
    return {
      relationships: loaded.load.relationships,
      loadSeconds: round(loaded.load.seconds),
      loadPeakRssMiB: loaded.peakRssMiB,
      openSeconds: round(queried.openSeconds),
      queryPeakRssMiB: queried.peakRssMiB,
      queries: queried.queries,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The naive query: what relies on the target and how far, by enumerating the
 * variable-length paths to it (a path variable forces enumeration). Timed once, with a time limit.
 */
async function naiveQuery(driver: neo4j.Driver, id: string): Promise<string> {
  const session = driver.session({ database: 'neo4j' });
  const started = performance.now();
  try {
    await session.run(
      'MATCH p = (t:CI {id: $id})<-[:DEPENDS_ON|RUNS_ON|PROVIDED_BY|HAS_MEMBER*1..12]-(x:CI) RETURN x.id AS id, min(length(p)) AS depth',
      { id },
      { timeout: 120_000 },
    );
    return `${round(performance.now() - started)} ms`;
  } catch (error) {
    return `> 120 s (${(error as Error).message.split('\n')[0]!.slice(0, 60)})`;
  } finally {
    await session.close();
  }
}

async function runNeo4j(uri: string, total: number, pidFile: string | undefined): Promise<SizeFigures['neo4j']> {
  await wipeNeo4jDatabase(uri);
  const driver = neo4j.driver(uri);
  const store = await Neo4jGraphStore.connect({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' });
  try {
    let last = 0;
    const load = await loadEstate(store, { total, seed }, (message) => {
      if (performance.now() - last < 10_000) return;
      log(`  neo4j: ${message}`);
      last = performance.now();
    });
    const queries = await queryEstate(store, { total, seed });
    const picks = benchmarkPicks({ total, seed }, 1);
    const naive = { leaf: await naiveQuery(driver, picks.leaves[0]!), mid: await naiveQuery(driver, picks.mids[0]!), hub: await naiveQuery(driver, picks.hub) };
    const jvmPeakRssMiB = pidFile ? peakRssOfPid(readFileSync(pidFile, 'utf8').trim()) : 0;
    return { loadSeconds: round(load.seconds), queries, naive, jvmPeakRssMiB };
  } finally {
    await store.close();
    await driver.close();
  }
}

const cell = (l: Latency) => `${l.p50} / ${l.p95}`;

function markdown(results: SizeFigures[]): string {
  const lines = [
    '| CIs | relationships | store | load s | leaf p50 / p95 ms | mid-tier p50 / p95 ms | hub p50 / p95 ms (impacted) | upstream p50 / p95 ms (deps) | naive Cypher leaf / mid / hub | peak RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const e = r.embedded.queries;
    const n = r.neo4j.queries;
    lines.push(`| ${r.total.toLocaleString('en')} | ${r.relationships.toLocaleString('en')} | embedded | ${r.embedded.loadSeconds} (open ${r.embedded.openSeconds}) | ${cell(e.leaf)} | ${cell(e.mid)} | ${cell(e.hub)} (${e.hub.impacted}) | ${cell(e.upstream)} (${e.upstream.dependencies}) | n/a | load ${r.embedded.loadPeakRssMiB}, query ${r.embedded.queryPeakRssMiB} |`);
    lines.push(`| | | Neo4j | ${r.neo4j.loadSeconds} | ${cell(n.leaf)} | ${cell(n.mid)} | ${cell(n.hub)} (${n.hub.impacted}) | ${cell(n.upstream)} (${n.upstream.dependencies}) | ${r.neo4j.naive.leaf} / ${r.neo4j.naive.mid} / ${r.neo4j.naive.hub} | JVM ${r.neo4j.jvmPeakRssMiB} |`);
  }
  return lines.join('\n');
}

const server = benchNeo4j(root);
const { uri, pidFile } = server;

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Neo4j Community 5.26 (embedded launcher, ${server.settings})`;
}

const results: SizeFigures[] = [];
try {
  for (const total of totals) {
    log(`== ${total.toLocaleString('en')} CIs (tiers: ${JSON.stringify(tierSizes(total))})`);
    const embedded = runEmbedded(total);
    log(`  embedded: ${JSON.stringify(embedded.queries)}`);
    const neo4jFigures = await runNeo4j(uri, total, pidFile);
    log(`  neo4j: ${JSON.stringify(neo4jFigures.queries)} naive ${JSON.stringify(neo4jFigures.naive)}`);
    results.push({ total, relationships: embedded.relationships, embedded, neo4j: neo4jFigures });
  }
} finally {
  server.stop();
}
const table = markdown(results);
console.log(table);
writeBenchmarkSection(join(root, 'BENCHMARKS.md'), 'impact', `Machine: ${machine()}.\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:impact -- ${totals.join(' ')}\`, seed ${seed}.\n\n${table}`);
