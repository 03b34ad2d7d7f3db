import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Neo4j a benchmark measures: NEO4J_URI when set, otherwise a test Neo4j
 * (test/neo4j/start) with the benchmark's heap and page cache unless NEO4J_HEAP
 * and NEO4J_PAGECACHE_MB say otherwise. `stop` stops only one this started.
 */
export function benchNeo4j(root: string, defaults = { heap: '4g', pageCacheMiB: '4096' }): { uri: string; pidFile?: string; settings: string; stop: () => void } {
  const heap = process.env.NEO4J_HEAP ?? defaults.heap;
  const pageCache = process.env.NEO4J_PAGECACHE_MB ?? defaults.pageCacheMiB;
  const settings = `heap ${heap}, page cache ${pageCache} MiB`;
  if (process.env.NEO4J_URI) return { uri: process.env.NEO4J_URI, settings, stop: () => {} };
  const port = String(17_000 + Math.floor(Math.random() * 1000));
  const env = { ...process.env, NEO4J_HEAP: heap, NEO4J_PAGECACHE_MB: pageCache };
  const uri = /NEO4J_URI=(\S+)/.exec(execFileSync(join(root, 'test/neo4j/start'), ['--port', port], { env, encoding: 'utf8' }))![1]!;
  const pidFile = join(process.env.TMPDIR ?? tmpdir(), `trellis-neo4j-${port}`, 'neo4j.pid');
  return { uri, pidFile, settings, stop: () => execFileSync(join(root, 'test/neo4j/stop'), ['--port', port, '--remove'], { stdio: 'inherit' }) };
}

/** Peak resident memory of a process, from /proc. */
export function peakRssOfPid(pid: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
