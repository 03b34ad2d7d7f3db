// `npm run bench:api [-- --runs 3] [--seconds 5] [--stores embedded,neo4j] [--only floor,driverfloor,get,search,impact,token,import]`:
// the HTTP API under load. A real Trellis server (startServer) on each store with
// the 100k-CI synthetic estate of bench:impact, driven over loopback at
// concurrency 32 by a load generator in a worker thread: the floors (a bare
// node:http server, GET /healthz, on Neo4j the get-CI query by neo4j-driver alone),
// get-CI, search and impact, get-CI with an API token, and get-CI while a 100k-resource
// Terraform import runs through the API. Prints the figures and writes them into
// BENCHMARKS.md. A benchmark, not a test: nothing fails when a goal is missed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { createApiToken } from '../server/auth/apiTokens.ts';
import { loadConfig } from '../server/config.ts';
import { startServer, type RunningServer } from '../server/main.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';
import { wipeNeo4jDatabase } from '../test/support/neo4jTestStore.ts';
import type { ImportTiming, LoadRequest, LoadSamples, LoadWork, LoadWorkerData } from './apiLoadWorker.ts';
import { writeBenchmarkSection } from './benchmarksFile.ts';
import { benchNeo4j } from './benchNeo4j.ts';
import { loadEstate } from './loadEstate.ts';
import { driverFloorName } from './neo4jFloorWorker.ts';
import { round } from './measure.ts';
import { ciId, random, tierSizes } from './syntheticEstate.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const runs = Number(option('--runs', '3'));
const seconds = Number(option('--seconds', '5'));
const warmupSeconds = Number(option('--warmup', '2'));
const stores = option('--stores', 'embedded,neo4j').split(',') as ('embedded' | 'neo4j')[];
/** Which measurements to make (all by default). */
const scenarioNames = option('--only', 'floor,driverfloor,get,search,impact,token,import').split(',');
const only = (name: string) => scenarioNames.includes(name);
const concurrency = 32;
/** A timed window holds at least this many answers when it can (slow routes get a longer window, up to `windowCapSeconds`). */
const windowAnswers = 50;
const windowCapSeconds = 12;
/** A scenario slower than this many answers per run is run once: more runs would not fit the benchmark's time. */
const slowRunAnswers = 100;
const total = 100_000;
const importResources = 100_000;
const seed = 20261124;
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const twoPlaces = (value: number) => Math.round(value * 100) / 100;
const threePlaces = (value: number) => Math.round(value * 1000) / 1000;

/** Figures of one timed window of load: the requests answered within it. */
interface RunFigures {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Answers by status (0: no answer). */
  statuses: Record<string, number>;
  /** Requests and errors of the whole run, warm-up included. */
  requestsWholeRun: number;
  errorsWholeRun: number;
  /** The server's thread (this one): the event loop's longest delay and busy share, and the CPU the thread itself used, in cores. */
  loopDelayMaxMs: number;
  serverBusy: number;
  serverCpu: number;
  /** The share of the time the server's thread was ready to run but waited for a core. */
  serverWaitShare: number;
  /** The load generator's busy share, and the CPU the Neo4j server used, in cores. */
  generatorBusy: number;
  neo4jCpu?: number;
}
type Figure = Exclude<keyof RunFigures, 'statuses' | 'neo4jCpu' | 'requestsWholeRun' | 'errorsWholeRun'>;

/** A scenario over several runs: the median of each figure, and the runs. */
interface Scenario {
  store: string;
  name: string;
  auth: 'open' | 'API token';
  runs: RunFigures[];
  median: Omit<RunFigures, 'statuses'>;
  errorSamples: string[];
}

/** Percentile by nearest rank of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The next message of a worker, or its error. Listen before the worker can post it: a message nobody listens to is lost. */
function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function loadWorker(data: LoadWorkerData): Worker {
  return new Worker(new URL('./apiLoadWorker.ts', import.meta.url), { workerData: data });
}

/** CPU seconds (user and system) of a thread or process, from /proc; undefined where there is none. */
function cpuSeconds(statPath: string): number | undefined {
  try {
    const fields = readFileSync(statPath, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
const serverThreadStat = `/proc/self/task/${process.pid}/stat`;
/** Seconds the server's thread has waited on the run queue for a core, from /proc (schedstat); NaN where there is none. */
function serverThreadWaitSeconds(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}
/** The Neo4j server's process, when this benchmark started it (its CPU is reported). */
let neo4jStat: string | undefined;

/** Figures of the requests answered within [from, to). */
function figuresOf(samples: LoadSamples, from: number, to: number): Pick<RunFigures, 'requests' | 'seconds' | 'rps' | 'p50' | 'p95' | 'p99' | 'max' | 'errors' | 'statuses'> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (let i = 0; i < samples.count; i += 1) {
    const end = samples.starts[i]! + samples.latencies[i]!;
    if (end < from || end >= to) continue;
    latencies.push(samples.latencies[i]!);
    const status = samples.statuses[i]!;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status < 200 || status >= 300) errors += 1;
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: sorted.length, seconds: round((to - from) / 1000), rps: Math.round(sorted.length / ((to - from) / 1000)),
    p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? NaN),
    errors, statuses,
  };
}

/** Watches the server's thread (this one), the load generator and Neo4j while a window is timed. */
function watch(generator: Worker) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const server = performance.eventLoopUtilization();
  const generatorStart = generator.performance.eventLoopUtilization();
  const serverCpu = cpuSeconds(serverThreadStat) ?? NaN;
  const serverWait = serverThreadWaitSeconds();
  const neo4jCpu = neo4jStat ? cpuSeconds(neo4jStat) : undefined;
  return () => {
    delay.disable();
    const elapsed = (performance.now() - started) / 1000;
    const neo4jNow = neo4jStat ? cpuSeconds(neo4jStat) : undefined;
    return {
      loopDelayMaxMs: round(delay.max / 1e6),
      serverBusy: twoPlaces(performance.eventLoopUtilization(server).utilization),
      serverCpu: threePlaces(((cpuSeconds(serverThreadStat) ?? NaN) - serverCpu) / elapsed),
      serverWaitShare: twoPlaces((serverThreadWaitSeconds() - serverWait) / elapsed),
      generatorBusy: twoPlaces(generator.performance.eventLoopUtilization(generatorStart).utilization),
      ...(neo4jCpu !== undefined && neo4jNow !== undefined ? { neo4jCpu: threePlaces((neo4jNow - neo4jCpu) / elapsed) } : {}),
    };
  };
}

/** Waits until `done` holds or `capSeconds` pass, checking every 50 ms. */
async function waitFor(done: () => boolean, capSeconds: number): Promise<void> {
  const giveUpAt = performance.now() + capSeconds * 1000;
  while (!done() && performance.now() < giveUpAt) await sleep(50);
}

/**
 * One run: warm up (at least `warmupSeconds`, and until each caller has had an
 * answer), then time a window of `seconds` (longer, up to windowCapSeconds, until
 * it holds windowAnswers answers), then stop.
 */
async function loadRun(work: LoadWork): Promise<RunFigures & { errorSamples: string[] }> {
  const answered = new SharedArrayBuffer(4);
  const count = new Int32Array(answered);
  const worker = loadWorker({ ...work, concurrency, answered });
  try {
    await nextMessage(worker);
    await sleep(warmupSeconds * 1000);
    await waitFor(() => Atomics.load(count, 0) >= concurrency, windowCapSeconds - warmupSeconds);
    const watched = watch(worker);
    const from = now();
    const before = Atomics.load(count, 0);
    await sleep(seconds * 1000);
    await waitFor(() => Atomics.load(count, 0) - before >= windowAnswers, windowCapSeconds - seconds);
    const to = now();
    const loop = watched();
    const stopped = nextMessage<LoadSamples>(worker);
    worker.postMessage('stop');
    const samples = await stopped;
    let errorsWholeRun = 0;
    for (let i = 0; i < samples.count; i += 1) if (samples.statuses[i]! < 200 || samples.statuses[i]! >= 300) errorsWholeRun += 1;
    return { ...figuresOf(samples, from, to), ...loop, requestsWholeRun: samples.count, errorsWholeRun, errorSamples: samples.errors };
  } finally {
    await worker.terminate();
  }
}

function describeRun(run: RunFigures): string {
  return `${run.rps} req/s (${run.requests} in ${run.seconds} s), p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} / max ${run.max} ms, ${run.errors} errors ${JSON.stringify(run.statuses)}, `
    + `event-loop delay max ${run.loopDelayMaxMs} ms, server loop busy ${run.serverBusy} and thread CPU ${run.serverCpu} cores (waited for a core ${run.serverWaitShare} of the time), generator busy ${run.generatorBusy}`
    + `${run.neo4jCpu === undefined ? '' : `, Neo4j CPU ${run.neo4jCpu} cores`} (load ${load()})`;
}

async function scenario(store: string, name: string, work: LoadWork): Promise<Scenario> {
  const figures: RunFigures[] = [];
  const errorSamples: string[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { errorSamples: samples, ...run } = await loadRun(work);
    log(`  ${store} ${name} run ${i + 1}: ${describeRun(run)}; whole run with warm-up: ${run.errorsWholeRun} errors of ${run.requestsWholeRun}`);
    errorSamples.push(...samples);
    for (const sample of samples.slice(0, 2)) log(`    ${sample}`);
    figures.push(run);
    if (run.requests < slowRunAnswers) break;
  }
  const pick = (key: Figure) => threePlaces(median(figures.map((f) => f[key])));
  const neo4jCpu = figures.map((f) => f.neo4jCpu).filter((cpu) => cpu !== undefined);
  return {
    store, name, auth: work.token ? 'API token' : 'open', runs: figures, errorSamples,
    median: {
      requests: figures.reduce((sum, f) => sum + f.requests, 0), seconds: pick('seconds'), rps: Math.round(median(figures.map((f) => f.rps))),
      p50: pick('p50'), p95: pick('p95'), p99: pick('p99'), max: pick('max'), errors: figures.reduce((sum, f) => sum + f.errors, 0),
      requestsWholeRun: figures.reduce((sum, f) => sum + f.requestsWholeRun, 0), errorsWholeRun: figures.reduce((sum, f) => sum + f.errorsWholeRun, 0),
      loopDelayMaxMs: pick('loopDelayMaxMs'), serverBusy: pick('serverBusy'), serverCpu: pick('serverCpu'), serverWaitShare: pick('serverWaitShare'), generatorBusy: pick('generatorBusy'),
      ...(neo4jCpu.length ? { neo4jCpu: threePlaces(median(neo4jCpu)) } : {}),
    },
  };
}

/** get-CI: 20,000 ids drawn at random over the estate's tiers, in proportion to their sizes. */
function getCIIds(): string[] {
  const sizes = tierSizes(total);
  const tiers = Object.entries(sizes) as [Parameters<typeof ciId>[0], number][];
  const rnd = random(seed ^ 0xa91);
  return Array.from({ length: 20_000 }, () => {
    let at = Math.floor(rnd() * total);
    const [tier, size] = tiers.find(([, n]) => (at -= n) < 0)!;
    return ciId(tier, Math.floor(rnd() * size));
  });
}
const getCIRequests = (): LoadRequest[] => getCIIds().map((id) => ({ method: 'GET', path: `/api/v1/cis/${id}` }));
/** Substrings people type, prefixes of ids and names: selective ones (0 to 3,411 matches) and broad ones (25,500 to 32,300 matches). */
const selectiveTexts = ['mid 42', 'apps 12', 'hosts-00001', 'business 3', 'platforms', 'noise-0001', 'groups 7', 'teams-000', 'hosts 99', 'networks', 'apps-0003', 'mid-00001', 'zones', '00042', 'groups-0000', 'business', 'apps 3'];
const broadTexts = ['app', 'host', 'noise'];
const searchRequests = (texts: string[]): LoadRequest[] => texts.map((q) => ({ method: 'GET', path: `/api/v1/cis?q=${encodeURIComponent(q)}&limit=50` }));
const impactRequests = (id: string): LoadRequest[] => [{ method: 'POST', path: '/api/v1/impact', body: JSON.stringify({ targets: [{ id }] }) }];

/** A platform or network whose impact is mid-sized: the one nearest 1,000 impacted CIs (the hub, platforms-0000000, has about 33,000). */
async function pickImpactTarget(url: string): Promise<{ id: string; impacted: number }> {
  const sizes = tierSizes(total);
  const candidates = [
    ...Array.from({ length: sizes.platforms }, (_, i) => ciId('platforms', i)),
    ...Array.from({ length: sizes.networks }, (_, i) => ciId('networks', i)),
  ];
  let best = { id: candidates[0]!, impacted: 0 };
  for (const id of candidates) {
    const answer = await fetch(`${url}/api/v1/impact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ targets: [{ id }] }) });
    const impacted = ((await answer.json()) as { counts: { impacted: number } }).counts.impacted;
    if (Math.abs(Math.log(impacted / 1000)) < Math.abs(Math.log(best.impacted / 1000 || 1e-9))) best = { id, impacted };
  }
  return best;
}

/** The server's warnings and errors (the open-mode notice aside), counted by message with its numbers blanked. */
const serverWarnings = new Map<string, number>();
const warningCollector = {
  write(line: string) {
    const message = /"msg":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line;
    if (message.startsWith('OPEN MODE')) return;
    const key = message.replace(/\d+(\.\d+)?/g, 'N').slice(0, 400);
    serverWarnings.set(key, (serverWarnings.get(key) ?? 0) + 1);
  },
};

/** Trellis as `trellis serve` runs it, with the rate limit off and request logs at info written to /dev/null (warnings counted too). */
async function serve(storeEnv: Record<string, string>, auth: 'open' | 'required'): Promise<RunningServer> {
  const config = loadConfig({ ...storeEnv, TRELLIS_RATE_LIMIT: '0', TRELLIS_AUTH: auth, LOG_LEVEL: 'info' });
  const logger = pino({ level: 'info' }, pino.multistream([
    { level: 'info', stream: pino.destination({ dest: '/dev/null', sync: true }) },
    { level: 'warn', stream: warningCollector },
  ]));
  return startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, logger);
}

/** The floor of HTTP on Node: a bare node:http server in this thread answering what /healthz answers. */
async function nodeFloor(): Promise<Scenario> {
  const body = JSON.stringify({ status: 'ok' });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await scenario('', 'floor: a bare node:http server answering what /healthz answers', { mode: 'load', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: [{ method: 'GET', path: '/healthz' }] });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** get-CI while a Terraform import of 100k resources runs through the API: the get-CI requests answered between the import's request and its answer. */
interface ImportFigures {
  store: string;
  name: string;
  importSeconds: number;
  importStatus: number;
  importAnswer: string;
  bytes: number;
  during: ReturnType<typeof figuresOf>;
  loop: ReturnType<ReturnType<typeof watch>>;
  /** The slowest get-CI answer of each of the worst moments: seconds after the import was sent, and how long it took. */
  slowest: { atSecond: number; ms: number }[];
  /** Event-loop stalls over 200 ms of the server's thread: when they ended (seconds after the import was sent) and how long. */
  stalls: { atSecond: number; ms: number }[];
  errorSamples: string[];
}

/** Notes the server thread's stalls: a timer every 20 ms that fires late by more than `overMs`. */
function stallLog(overMs: number) {
  const stalls: { at: number; ms: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const at = performance.now();
    if (at - last - 20 > overMs) stalls.push({ at: performance.timeOrigin + at, ms: round(at - last - 20) });
    last = at;
  }, 20);
  return () => {
    clearInterval(timer);
    return stalls;
  };
}

async function getCIUnderImport(store: string, name: string, url: string, fileName: string): Promise<ImportFigures> {
  const importer = loadWorker({ mode: 'import', url, resources: importResources, seed, name: fileName, concurrency: 1 });
  let generator: Worker | undefined;
  try {
    await nextMessage(importer);
    // Started once the Terraform state is built, so that building it does not compete with the timed requests.
    generator = loadWorker({ mode: 'load', url, requests: getCIRequests(), concurrency });
    await nextMessage(generator);
    await sleep(warmupSeconds * 1000);
    const watched = watch(generator);
    const stalls = stallLog(200);
    const answered = nextMessage<ImportTiming>(importer);
    importer.postMessage('go');
    const sent = performance.now();
    const progress = setInterval(() => log(`    ${name}: ${Math.round((performance.now() - sent) / 1000)} s and no answer yet (load ${load()})`), 30_000);
    const timing = await answered.finally(() => clearInterval(progress));
    const loop = watched();
    const stalled = stalls();
    await sleep(1000);
    const stopped = nextMessage<LoadSamples>(generator);
    generator.postMessage('stop');
    const samples = await stopped;
    const worstBySecond = new Map<number, number>();
    for (let i = 0; i < samples.count; i += 1) {
      const end = samples.starts[i]! + samples.latencies[i]!;
      if (end < timing.sentAt || end >= timing.answeredAt) continue;
      const second = Math.floor((samples.starts[i]! - timing.sentAt) / 1000);
      worstBySecond.set(second, Math.max(worstBySecond.get(second) ?? 0, samples.latencies[i]!));
    }
    const slowest = [...worstBySecond].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([second, ms]) => ({ atSecond: second, ms: round(ms) }));
    const figures: ImportFigures = {
      store, name, importSeconds: round((timing.answeredAt - timing.sentAt) / 1000), importStatus: timing.status, importAnswer: summarizeAnswer(timing.answer), bytes: timing.bytes,
      during: figuresOf(samples, timing.sentAt, timing.answeredAt), loop, slowest, errorSamples: samples.errors,
      stalls: stalled.map((s) => ({ atSecond: round((s.at - timing.sentAt) / 1000), ms: s.ms })),
    };
    const d = figures.during;
    log(`  ${store} get-CI during ${name}: import ${figures.importStatus} in ${figures.importSeconds} s (${figures.importAnswer}); get-CI ${d.rps} req/s (${d.requests}), p50 ${d.p50} / p95 ${d.p95} / p99 ${d.p99} / max ${d.max} ms, ${d.errors} errors ${JSON.stringify(d.statuses)}; `
      + `server loop busy ${loop.serverBusy}, thread CPU ${loop.serverCpu} cores (waited for a core ${loop.serverWaitShare} of the time)${loop.neo4jCpu === undefined ? '' : `, Neo4j CPU ${loop.neo4jCpu} cores`}; worst seconds ${JSON.stringify(slowest)}; stalls ${JSON.stringify(figures.stalls)} (load ${load()})`);
    for (const sample of figures.errorSamples) log(`    ${sample}`);
    return figures;
  } finally {
    await importer.terminate();
    await generator?.terminate();
  }
}

function summarizeAnswer(answer: string): string {
  const counts = /"counts":\{([^}]*)\}/.exec(answer)?.[1];
  return counts ? counts.replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ' ') : answer.slice(0, 600);
}

/** Every figure of one store. */
async function measureStore(store: 'embedded' | 'neo4j', storeEnv: Record<string, string>, impactTarget?: { id: string; impacted: number }) {
  const scenarios: Scenario[] = [];
  const loadBefore = load();
  serverWarnings.clear();
  let target = impactTarget;
  let server = await serve(storeEnv, 'open');
  const http = (requests: LoadRequest[], token?: string): LoadWork => ({ mode: 'load', url: server.url, requests, token });
  try {
    if (only('floor')) scenarios.push(await scenario(store, 'floor: GET /healthz', http([{ method: 'GET', path: '/healthz' }])));
    if (only('driverfloor') && store === 'neo4j') scenarios.push(await scenario(store, driverFloorName, { mode: 'driver', url: storeEnv.NEO4J_URI!, ids: getCIIds() }));
    if (only('get')) scenarios.push(await scenario(store, 'get-CI: GET /api/v1/cis/{id}, 20,000 random ids', http(getCIRequests())));
    if (only('search')) {
      scenarios.push(await scenario(store, `search: GET /api/v1/cis?q=...&limit=50, ${selectiveTexts.length} selective texts (0-3,411 matches)`, http(searchRequests(selectiveTexts))));
      scenarios.push(await scenario(store, `search: the same with broad texts ${broadTexts.map((t) => `"${t}"`).join(', ')} (25,500-32,300 matches)`, http(searchRequests(broadTexts))));
    }
    if (only('impact')) {
      target ??= await pickImpactTarget(server.url);
      scenarios.push(await scenario(store, `impact: POST /api/v1/impact, one target, ${target.id} (${target.impacted.toLocaleString('en')} impacted)`, http(impactRequests(target.id))));
    }
  } finally {
    await server.stop();
  }
  if (only('token')) {
    server = await serve(storeEnv, 'required');
    try {
      const { secret } = await createApiToken(server.store, { name: 'bench-api', role: 'viewer' }, { actor: 'bench', clientAddress: '127.0.0.1', requestId: 'bench-api' });
      scenarios.push(await scenario(store, 'get-CI with an API token (TRELLIS_AUTH=required)', http(getCIRequests(), secret)));
    } finally {
      await server.stop();
    }
  }
  const imports: ImportFigures[] = [];
  if (only('import')) {
    server = await serve(storeEnv, 'open');
    try {
      imports.push(await getCIUnderImport(store, 'first import', server.url, 'bench-api.tfstate'));
      imports.push(await getCIUnderImport(store, 'unchanged re-import', server.url, 'bench-api.tfstate'));
    } finally {
      await server.stop();
    }
  }
  const warnings = [...serverWarnings].map(([message, count]) => `${count} × ${message}`);
  for (const warning of warnings) log(`  server warning: ${warning}`);
  return { store, scenarios, imports, target, warnings, load: `${loadBefore} before, ${load()} after` };
}

async function embeddedFigures() {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-api-bench-'));
  try {
    const store = await createGraphStore({ kind: 'embedded', dataDir });
    const loaded = await loadEstate(store, { total, seed }, () => undefined);
    await store.close();
    log(`== embedded: loaded ${loaded.cis} CIs and ${loaded.relationships} relationships in ${round(loaded.seconds)} s`);
    return await measureStore('embedded', { TRELLIS_DATA: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function neo4jFigures(impactTarget?: { id: string; impacted: number }) {
  // A 100k-resource import is one transaction: it needs the 8 GiB heap of bench:import.
  const neo4j = benchNeo4j(root, { heap: '8g', pageCacheMiB: '2048' });
  try {
    if (neo4j.pidFile) neo4jStat = `/proc/${readFileSync(neo4j.pidFile, 'utf8').trim()}/stat`;
    await wipeNeo4jDatabase(neo4j.uri);
    const store = await createGraphStore({ kind: 'neo4j', uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j' });
    const loaded = await loadEstate(store, { total, seed }, () => undefined);
    await store.close();
    log(`== neo4j: loaded ${loaded.cis} CIs and ${loaded.relationships} relationships in ${round(loaded.seconds)} s`);
    return { ...(await measureStore('neo4j', { NEO4J_URI: neo4j.uri }, impactTarget)), settings: neo4j.settings };
  } finally {
    neo4jStat = undefined;
    neo4j.stop();
  }
}

const started = performance.now();
const loadAtStart = load();
log(`load average at start ${loadAtStart} (${cpus().length} cores); ${runs} runs of ${seconds} s after ${warmupSeconds} s of warm-up, concurrency ${concurrency}; rate limit OFF (TRELLIS_RATE_LIMIT=0)`);
const floor = only('floor') ? [await nodeFloor()] : [];
const results: Awaited<ReturnType<typeof measureStore>>[] = [];
let neo4jSettings = '';
if (stores.includes('embedded')) results.push(await embeddedFigures());
if (stores.includes('neo4j')) {
  const figures = await neo4jFigures(results[0]?.target);
  neo4jSettings = figures.settings;
  results.push(figures);
}
const minutes = round((performance.now() - started) / 60_000);

const goalOf = (store: string, name: string): number | undefined => (name.startsWith('get-CI: ') ? (store === 'embedded' ? 20 : 50) : undefined);
/** A store's floors whose p99 is itself at or over a goal, named shortly ("/healthz", "neo4j-driver alone"). */
const floorsBeyond = (store: string, goal: number) => (results.find((r) => r.store === store)?.scenarios ?? [])
  .filter((s) => s.name.startsWith('floor') && s.median.p99 >= goal).map((s) => `${s.name.replace(/^floor: (GET )?|, .*$/g, '')} p99 ${s.median.p99} ms`);
const cpuCell = (f: { serverBusy: number; serverCpu: number; serverWaitShare: number; neo4jCpu?: number }) =>
  `${twoPlaces(f.serverBusy)} / ${twoPlaces(f.serverCpu)} / ${twoPlaces(f.serverWaitShare)}${f.neo4jCpu === undefined ? '' : ` / ${twoPlaces(f.neo4jCpu)}`}`;
/** CPU per answer in microseconds (median over the runs): of the server's thread when it worked for the answers (over 0.1 cores), and of Neo4j. */
function cpuPerRequest(s: Scenario): string {
  const server = median(s.runs.map((r) => (r.serverCpu / r.rps) * 1e6));
  const neo4j = s.runs.every((r) => r.neo4jCpu !== undefined) ? ` / ${Math.round(median(s.runs.map((r) => (r.neo4jCpu! / r.rps) * 1e6))).toLocaleString('en')}` : '';
  return `${s.median.serverCpu >= 0.1 ? Math.round(server).toLocaleString('en') : '-'}${neo4j}`;
}
const rows = [...floor, ...results.flatMap((r) => r.scenarios)].map((s) => {
  const goal = goalOf(s.store, s.name);
  const p99s = s.runs.map((r) => r.p99);
  const beyond = goal === undefined ? [] : floorsBeyond(s.store, goal);
  const verdict = goal === undefined
    ? ''
    : `p99 < ${goal} ms: ${s.median.p99 < goal ? 'met' : 'not met'}${beyond.length ? ` (beyond the floor: ${beyond.join('; ')})` : ''}`;
  const range = s.runs.length > 1 ? ` (${Math.min(...p99s)}-${Math.max(...p99s)})` : ' (1 run)';
  return `| ${s.store} | ${s.name} | ${s.auth} | ${s.median.rps.toLocaleString('en')} | ${s.median.p50} | ${s.median.p95} | ${s.median.p99}${range} | ${s.median.max} | ${s.median.errors} of ${s.median.requests.toLocaleString('en')} (with warm-up: ${s.median.errorsWholeRun} of ${s.median.requestsWholeRun.toLocaleString('en')}) | ${s.median.loopDelayMaxMs} | ${cpuCell(s.median)} | ${cpuPerRequest(s)} | ${s.median.generatorBusy} | ${verdict} |`;
});
const importRows = results.flatMap((r) => r.imports).map((i) => {
  const goal = i.store === 'embedded' ? `p99 < 250 ms: ${i.during.p99 < 250 ? 'met' : 'not met'}` : '';
  const longest = [...i.stalls].sort((a, b) => b.ms - a.ms).slice(0, 4);
  const stalls = i.stalls.length ? `${i.stalls.length}; longest ${longest.map((s) => `${s.ms} ms at ${s.atSecond} s`).join(', ')}` : 'none';
  return `| ${i.store} | ${i.name} (${(i.bytes / 2 ** 20).toFixed(0)} MB): ${i.importStatus} in ${i.importSeconds} s; ${i.importAnswer} | ${i.during.rps.toLocaleString('en')} | ${i.during.p50} | ${i.during.p95} | ${i.during.p99} | ${i.during.max} | ${i.during.errors} of ${i.during.requests.toLocaleString('en')}${i.during.errors ? ` (${Object.entries(i.during.statuses).filter(([status]) => status !== '200').map(([status, n]) => `${n} × ${status}`).join(', ')})` : ''} | ${cpuCell(i.loop)} | ${stalls} | ${i.slowest.slice(0, 3).map((s) => `${s.ms} ms at ${s.atSecond} s`).join(', ')} | ${goal} |`;
});
const errorNotes = [...floor, ...results.flatMap((r) => r.scenarios), ...results.flatMap((r) => r.imports)]
  .flatMap((s) => [...new Map(s.errorSamples.map((e) => [e.split(' ')[0], e])).values()].map((e) => `- ${s.store} ${s.name}: ${e.replace(/\s+/g, ' ').slice(0, 300)}`));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}${neo4jSettings ? `, Neo4j Community 5.26 (${neo4jSettings})` : ''}`;
const body = [
  `Machine: ${machine}; shared with other work. Load average (1 / 5 / 15 min): ${loadAtStart} at the start; ${results.map((r) => `${r.store}: ${r.load}`).join('; ')} (the benchmark's own server, load generator and Neo4j count in it too).`,
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:api -- --runs ${runs} --seconds ${seconds}\` (${minutes} min): the 100k-CI synthetic estate of bench:impact (seed ${seed}); \`startServer\` in the benchmark's process, **rate limit off** (TRELLIS_RATE_LIMIT=0), request logs at info written to /dev/null; a load generator in a worker thread (node:http, keep-alive, ${concurrency} connections, each sending its next request as soon as its last answer is read). Each row: up to ${runs} runs, each ${warmupSeconds} s of warm-up then a window of ${seconds} s (longer, up to ${windowCapSeconds} s, until it holds ${windowAnswers} answers); the figures are of the answers within the window, each the median over the runs (p99: median and the runs' range; requests and errors: all runs together, in the windows and, in brackets, with the warm-ups). A route with fewer than ${slowRunAnswers} answers in its first run is run once.`,
  'Server: "loop busy" is the event-loop utilization of the server\'s thread, "thread CPU" the CPU that thread used (cores), "waited for a core" the share of the time it was ready to run but had no core (the machine\'s other work, Neo4j and the import competing for 2 cores), "Neo4j" the CPU of the Neo4j server (cores); "CPU per request" is CPU over answers, which depends least on what else runs on the machine (the server thread\'s only where it used over 0.1 cores); "event-loop delay" is how late a 5 ms timer fired at worst, which for a saturated loop is the queue of requests ahead of it, not one blocking call.',
  '',
  '| store | requests | auth | req/s | p50 ms | p95 ms | p99 ms (range) | max ms | errors (non-2xx or no answer) in the windows | event-loop delay max ms | server: loop busy / thread CPU / waited for a core (/ Neo4j CPU) | CPU per request µs: server thread (/ Neo4j) | load generator busy | goal |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  `get-CI (concurrency ${concurrency}, open mode) while a Terraform state of ${importResources.toLocaleString('en')} resources is imported through \`POST /api/v1/imports?kind=terraform\` sent from another worker thread: the get-CI answers between the import's request and its answer; one run each (the first import creates the CIs, the second sends the same file again). Stalls: the server thread's timer fired late by more than 200 ms.`,
  '',
  '| store | import | get-CI req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server: loop busy / thread CPU / waited for a core (/ Neo4j CPU) | stalls over 200 ms: how many; the longest (seconds after the import was sent) | slowest get-CI (seconds after the import was sent) | goal |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...importRows,
  ...(errorNotes.length ? ['', 'Errors, the first of each status (0: no answer), warm-ups included:', '', ...errorNotes] : []),
  ...results.filter((r) => r.warnings.length).flatMap((r) => ['', `Server warnings on ${r.store} (counted by message, numbers blanked):`, '', ...r.warnings.map((w) => `- ${w.slice(0, 400)}`)]),
].join('\n');
console.log(body);
console.log(JSON.stringify({ floor, results }, null, 2));
writeBenchmarkSection(join(root, 'BENCHMARKS.md'), 'api', body);
