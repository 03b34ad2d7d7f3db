/**
 * A bounded HTTP load on a Trellis server over loopback, for fault tests: a
 * few clients, each reading a known CI and creating a CI of a unique id in
 * turn (waiting as Retry-After says after a 503, as a polite client does), recording every answer (status, problem code, when it was sent and
 * when it came back) so a test can check what was acknowledged against what
 * the store holds afterwards.
 */

/** One request and its answer. Times are performance.now() milliseconds. */
export interface LoadSample {
  kind: 'read' | 'write';
  /** The CI read, or the id of the CI the write creates. */
  id: string;
  sentAt: number;
  /** When the answer came (or the client gave up: status 0). */
  doneAt: number;
  status: number;
  /** The problem+json `code` of an error answer. */
  code?: string;
  /** Retry-After of the answer, in seconds. */
  retryAfter?: number;
  problemJson: boolean;
}

export interface LoadOptions {
  baseUrl: string;
  /** Concurrent clients. */
  clients: number;
  /** CIs the reads choose from. */
  readIds: readonly string[];
  /** Reads per write, per client. */
  readsPerWrite: number;
  /** Prefix of the ids the writes create (unique per run). */
  writePrefix: string;
  /** Pause of each client between two requests, in milliseconds. */
  pauseMs: number;
  /** After a 503, a client waits as its Retry-After says, but at most this long (milliseconds); 0: no wait. */
  maxRetryAfterMs: number;
  /** How long a client waits for an answer before recording status 0. */
  answerTimeoutMs: number;
}

export interface LoopbackLoad {
  /** Every request answered so far (a live array). */
  readonly samples: LoadSample[];
  /** Stops sending and resolves once every request sent has been answered. */
  stop(): Promise<void>;
}

/** Starts the clients; they run until `stop`. */
export function startLoopbackLoad(options: LoadOptions): LoopbackLoad {
  const samples: LoadSample[] = [];
  let stopping = false;
  let written = 0;
  const client = async (n: number) => {
    for (let turn = 0; !stopping; turn++) {
      const write = turn % (options.readsPerWrite + 1) === options.readsPerWrite;
      const id = write ? `${options.writePrefix}-${n}-${written++}` : options.readIds[(turn * 7 + n) % options.readIds.length]!;
      const sample = await send(options, write ? 'write' : 'read', id);
      samples.push(sample);
      const backoffMs = sample.status === 503 && sample.retryAfter ? Math.min(sample.retryAfter * 1000, options.maxRetryAfterMs) : 0;
      await new Promise((resolve) => setTimeout(resolve, Math.max(options.pauseMs, backoffMs)));
    }
  };
  const running = Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  return {
    samples,
    stop: async () => {
      stopping = true;
      await running;
    },
  };
}

async function send(options: LoadOptions, kind: LoadSample['kind'], id: string): Promise<LoadSample> {
  const sentAt = performance.now();
  const init: RequestInit = kind === 'read'
    ? { signal: AbortSignal.timeout(options.answerTimeoutMs) }
    : {
        method: 'POST', signal: AbortSignal.timeout(options.answerTimeoutMs), headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, type: 'Component', name: `load ${id}` }),
      };
  const url = kind === 'read' ? `${options.baseUrl}/api/v1/cis/${encodeURIComponent(id)}` : `${options.baseUrl}/api/v1/cis`;
  try {
    const res = await fetch(url, init);
    const problemJson = (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
    const body = await res.text();
    const code = problemJson ? (JSON.parse(body) as { code?: string }).code : undefined;
    const retryAfter = res.headers.has('retry-after') ? Number(res.headers.get('retry-after')) : undefined;
    return { kind, id, sentAt, doneAt: performance.now(), status: res.status, code, retryAfter, problemJson };
  } catch {
    return { kind, id, sentAt, doneAt: performance.now(), status: 0, problemJson: false };
  }
}

/** The p-th percentile (0-100) of some numbers, nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
