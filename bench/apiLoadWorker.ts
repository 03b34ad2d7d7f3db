// Worker thread of the API benchmark (bench/apiBench.ts), so that sending
// requests never competes with the server for its event loop:
//   mode 'load': a closed loop of `concurrency` callers over keep-alive
//     connections, each sending the next request as soon as its previous answer
//     has been read whole; on 'stop' it posts every request's start time,
//     latency and status.
//   mode 'driver': the same closed loop over neo4j-driver alone, each request
//     the get-CI route's queries as the store runs them (neo4jFloorWorker.ts).
//   mode 'import': builds a synthetic Terraform state, says 'ready', and on
//     'go' sends it once to POST /api/v1/imports, posting when it was sent and
//     answered.
import { Agent, request as httpRequest } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { driverRequests } from './neo4jFloorWorker.ts';
import { terraformState } from './syntheticSources.ts';

/** One request of a scenario. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadWorkerData {
  mode: 'load' | 'import' | 'driver';
  /** The server's address; driver: Neo4j's. */
  url: string;
  /** Bearer credential sent on every request, when the server requires one. */
  token?: string;
  /** load: requests taken in turn (round robin over callers). */
  requests?: LoadRequest[];
  concurrency?: number;
  /** load: one Int32 the worker counts answered requests in, for the main thread to watch without messages. */
  answered?: SharedArrayBuffer;
  /** driver: the ids of the CIs read, taken in turn. */
  ids?: string[];
  /** import: resources and seed of the Terraform state, and the file name of the run. */
  resources?: number;
  seed?: number;
  name?: string;
}

/** What a scenario's load worker does, the worker's other settings aside. */
export type LoadWork = Omit<LoadWorkerData, 'concurrency' | 'answered'>;

/** What a load worker posts when stopped: per request, its start (epoch ms), latency (ms) and status (0: no answer). */
export interface LoadSamples {
  starts: Float64Array;
  latencies: Float64Array;
  statuses: Uint16Array;
  count: number;
  /** The first few transport errors and non-2xx answers, as text. */
  errors: string[];
}

/** What an import worker posts when its request is answered. */
export interface ImportTiming {
  bytes: number;
  sentAt: number;
  answeredAt: number;
  status: number;
  /** The start of the answer, for the report (counts of the run). */
  answer: string;
}

const data = workerData as LoadWorkerData;
const target = new URL(data.url);
const agent = new Agent({ keepAlive: true, maxSockets: data.concurrency ?? 1, maxFreeSockets: data.concurrency ?? 1 });
const now = () => performance.timeOrigin + performance.now();

/** Sends one request and reads its answer whole; keeps the answer's text when asked, and of any answer that is not a success. */
function send(req: LoadRequest, timeoutMs: number, keepText = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (data.token) headers.authorization = `Bearer ${data.token}`;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    const outgoing = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      const keep = keepText || (res.statusCode ?? 0) >= 300;
      res.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** A closed loop of callers making request `i` with `call(i)` (`what(i)` names it in errors); `close` when stopped. */
async function runLoad(what: (i: number) => string, call: (i: number) => Promise<{ status: number; text: string }>, close: () => Promise<void>): Promise<void> {
  const concurrency = data.concurrency!;
  let capacity = 1 << 16;
  let starts = new Float64Array(capacity);
  let latencies = new Float64Array(capacity);
  let statuses = new Uint16Array(capacity);
  let count = 0;
  let next = 0;
  let stopping = false;
  const errors: string[] = [];
  /** Keeps the first two errors of each status (0: no answer). */
  const noteError = (status: number, text: string) => {
    if (errors.filter((e) => e.startsWith(`${status} `)).length < 2) errors.push(`${status} ${text}`);
  };
  const answered = data.answered ? new Int32Array(data.answered) : undefined;
  const record = (start: number, status: number) => {
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Float64Array | Uint16Array>(old: T, make: (n: number) => T) => {
        const bigger = make(capacity);
        bigger.set(old);
        return bigger;
      };
      starts = grow(starts, (n) => new Float64Array(n));
      latencies = grow(latencies, (n) => new Float64Array(n));
      statuses = grow(statuses, (n) => new Uint16Array(n));
    }
    starts[count] = start;
    latencies[count] = now() - start;
    statuses[count] = status;
    count += 1;
    if (answered) Atomics.add(answered, 0, 1);
  };
  const caller = async () => {
    while (!stopping) {
      const i = next++;
      const start = now();
      try {
        const { status, text } = await call(i);
        record(start, status);
        if (status < 200 || status >= 300) noteError(status, `${what(i)}: ${text.slice(0, 300)}`);
      } catch (error) {
        record(start, 0);
        noteError(0, `${what(i)}: no answer: ${(error as Error).message}`);
      }
    }
  };
  const callers = Array.from({ length: concurrency }, caller);
  parentPort!.once('message', async () => {
    stopping = true;
    await Promise.all(callers);
    await close();
    const samples: LoadSamples = { starts: starts.slice(0, count), latencies: latencies.slice(0, count), statuses: statuses.slice(0, count), count, errors };
    parentPort!.postMessage(samples);
  });
  parentPort!.postMessage('started');
}

function runHttpLoad(): Promise<void> {
  const requests = data.requests!;
  const request = (i: number) => requests[i % requests.length]!;
  return runLoad((i) => `${request(i).method} ${request(i).path}`, (i) => send(request(i), 30_000), async () => agent.destroy());
}

async function runImportOnce(): Promise<void> {
  const body = terraformState(data.resources!, data.seed!);
  parentPort!.postMessage('ready');
  parentPort!.once('message', async () => {
    const sentAt = now();
    const { status, text } = await send({ method: 'POST', path: `/api/v1/imports?kind=terraform&name=${encodeURIComponent(data.name!)}`, body }, 30 * 60_000, true);
    const timing: ImportTiming = { bytes: Buffer.byteLength(body), sentAt, answeredAt: now(), status, answer: text.slice(0, 2000) };
    agent.destroy();
    parentPort!.postMessage(timing);
  });
}

if (data.mode === 'load') await runHttpLoad();
else if (data.mode === 'driver') {
  const { what, call, close } = driverRequests(data.url, data.ids!);
  await runLoad(what, call, close);
} else await runImportOnce();
