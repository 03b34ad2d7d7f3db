// `npm run bench:import [-- 100000]`: import throughput of a synthetic Terraform state
// and AWS recording into both stores, first import and unchanged re-import, with peak
// memory; writes the figures into BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection } from './benchmarksFile.ts';
import { wipeNeo4jDatabase } from '../test/support/neo4jTestStore.ts';
import { benchNeo4j, peakRssOfPid } from './benchNeo4j.ts';

const count = Number(process.argv[2] ?? 100_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Case {
  storeKind: string;
  /** Why the case did not finish, when it did not. */
  failed?: string;
  kind: string;
  bytes: number;
  first: { seconds: number; parseSeconds: number; itemsPerSecond: number; created: number };
  again: { seconds: number; itemsPerSecond: number; unchanged: number };
  peakRssMiB: number;
}

function runCase(storeKind: 'embedded' | 'neo4j', kind: 'terraform' | 'aws', where: string): Case {
  const child = spawnSync(process.execPath, [join(root, 'bench/importWorker.ts'), storeKind, kind, String(count), where], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    // A case that fails is a figure too (Neo4j can run out of transaction memory): report it, go on.
    const reason = /code: '([^']+)'/.exec(child.stderr)?.[1] ?? child.stderr.trim().split('\n').find((line) => /Error/.test(line)) ?? `exit ${child.status}`;
    log(`  ${storeKind} ${kind}: FAILED ${reason}`);
    return { storeKind, kind, failed: reason } as Case;
  }
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Case;
  log(`  ${storeKind} ${kind}: ${JSON.stringify(result)}`);
  return result;
}

// A whole import is one transaction: 8 GiB of heap hold a 100k-resource run (4 GiB do not).
const neo4j = benchNeo4j(root, { heap: '8g', pageCacheMiB: '2048' });
const results: Case[] = [];
try {
  // Embedded cases first: after a large Neo4j import the server keeps a core busy for a while (checkpoints), which slowed the next case.
  for (const kind of ['terraform', 'aws'] as const) {
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-import-bench-'));
    try {
      results.push(runCase('embedded', kind, dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  for (const kind of ['terraform', 'aws'] as const) {
    await wipeNeo4jDatabase(neo4j.uri);
    results.push(runCase('neo4j', kind, neo4j.uri));
  }
} finally {
  const jvm = neo4j.pidFile ? peakRssOfPid(readFileSync(neo4j.pidFile, 'utf8').trim()) : 0;
  log(`JVM peak RSS ${jvm} MiB`);
  neo4j.stop();
}

const lines = [
  '| input | store | first import s (parse s) | first: resources/s | re-import s | re-import: resources/s | speed-up | peak RSS MiB (importer) |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const input = `${r.kind === 'terraform' ? 'Terraform state' : 'AWS recording'} ${count.toLocaleString('en')} resources`;
    if (r.failed) return `| ${input} | ${r.storeKind} | failed: ${r.failed} | | | | | |`;
    return `| ${input} (${(r.bytes / 2 ** 20).toFixed(0)} MB) | ${r.storeKind} | ${r.first.seconds.toFixed(1)} (${r.first.parseSeconds.toFixed(1)}) | ${r.first.itemsPerSecond.toLocaleString('en')} | ${r.again.seconds.toFixed(1)} | ${r.again.itemsPerSecond.toLocaleString('en')} | ${(r.first.seconds / r.again.seconds).toFixed(1)}x | ${r.peakRssMiB} |`;
  }),
];
const table = lines.join('\n');
console.log(table);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Neo4j Community 5.26 (${neo4j.settings})`;
writeBenchmarkSection(join(root, 'BENCHMARKS.md'), 'import', `Machine: ${machine}.\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:import -- ${count}\`.\n\n${table}`);
