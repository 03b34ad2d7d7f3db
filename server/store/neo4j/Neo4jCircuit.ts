import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Neo4jTimeouts } from '../../config.ts';
import { OutcomeUnknownError, UnavailableError } from '../../errors.ts';
import { asDomainError, failureKind, outcomeUnknownMessage } from './neo4jErrors.ts';

/** How one unit of work runs. */
export interface UnitOptions {
  mode: 'READ' | 'WRITE';
  /** Server-side timeout of its transaction, in milliseconds. */
  timeoutMs: number;
  /** Run it again after a transient failure, within the retry time (false for imports). */
  retry: boolean;
  /** Rows it writes, for the error of a write over Neo4j's transaction memory. */
  entries?: number;
  /**
   * An import's write, which may keep a busy Neo4j working for minutes: it
   * never sets off a reachability check, and an open circuit does not abandon
   * it (a busy Neo4j cannot be told from a paused one by a probe, and the
   * import would be lost for nothing). It waits for its transaction's answer
   * until `timeoutMs` and the connection timeout have passed.
   */
  long?: boolean;
}

/** Where the circuit says it opened and closed (pino's logger will do). */
export interface CircuitLog {
  warn(message: string): void;
  info(message: string): void;
}

/** What the circuit needs besides a driver. */
export interface CircuitSettings {
  database: string;
  timeouts: Neo4jTimeouts;
  bookmarks: BookmarkManager;
  log?: CircuitLog;
}

/** A unit of work in flight: what it is doing, and how to give up on it. */
interface InFlight {
  mode: UnitOptions['mode'];
  long: boolean;
  /** The driver it runs on. */
  driver: Driver;
  committing: boolean;
  abandoned?: Error;
  abandon: (error: Error) => void;
  gaveUp: Promise<never>;
  /** The stall check of an ordinary unit; the bound of a long one. */
  timer: NodeJS.Timeout;
}

/**
 * The Neo4j driver behind a circuit breaker, and the one place units of work
 * run. Closed: work runs in an explicit transaction with a server-side
 * timeout; transient failures are tried again for a bounded time; a lost
 * connection, or work still waiting after `stallCheckMs`, makes it check on
 * a fresh connection that Neo4j answers. If it does not, the circuit opens:
 * work in flight is abandoned (a write whose COMMIT was sent as
 * OutcomeUnknownError, any other as UnavailableError, and no abandoned write
 * is ever committed; an import's long write waits for its own answer instead,
 * within its bound), every call fails at once with UnavailableError, and a
 * probe on a fresh driver runs every `probeIntervalMs`; the first that
 * succeeds closes the circuit and its driver, with a pool of live
 * connections only, serves from then on (the old pool may hold connections
 * stuck on a paused server).
 */
export class Neo4jCircuit {
  private driver: Driver;
  private openedAt: number | undefined;
  private reason = '';
  private checking: Promise<boolean> | undefined;
  private lastHealthyAt = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private probesInFlight = 0;
  private closed = false;
  private readonly inFlight = new Set<InFlight>();
  /** Drivers replaced by a trip that long units still run on: closed when the last of them ends. */
  private readonly retiring = new Set<Driver>();
  private readonly connect: () => Driver;
  private readonly settings: CircuitSettings;

  /** `connect` makes a new driver (with no connection yet); `driver` is the one that has just been checked. */
  constructor(connect: () => Driver, driver: Driver, settings: CircuitSettings) {
    this.connect = connect;
    this.driver = driver;
    this.settings = settings;
  }

  /** Seconds after which a refused call makes sense again (sent as Retry-After). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.settings.timeouts.probeIntervalMs / 1000));
  }

  /** Throws UnavailableError at once while the circuit is open. */
  refuseWhileOpen(mode?: UnitOptions['mode']): void {
    if (this.openedAt === undefined) return;
    const seconds = ((Date.now() - this.openedAt) / 1000).toFixed(1);
    const refused = mode === 'WRITE' ? 'this write was refused, so nothing was written' : mode === 'READ' ? 'this read was refused' : 'Neo4j is not ready';
    throw new UnavailableError(
      `Neo4j has not been reachable for ${seconds} s (${this.reason}): ${refused}; Trellis checks every ` +
        `${this.settings.timeouts.probeIntervalMs} ms whether it is back`,
      { retryAfterSeconds: this.retryAfterSeconds },
    );
  }

  /**
   * Resolves when Neo4j answers on the serving driver; UnavailableError at
   * once while open. A check that fails or is slow answers not ready, and has
   * a fresh connection tell whether Neo4j is gone (then the circuit opens) or
   * only busy (a cold start, a heavy import: then it stays closed).
   */
  async checkReady(): Promise<void> {
    this.refuseWhileOpen();
    try {
      await withTimeout(this.driver.verifyConnectivity({ database: this.settings.database }), this.settings.timeouts.acquisitionMs, 'Neo4j did not answer');
    } catch (error) {
      if (error instanceof StallError || failureKind(error) === 'unreachable') await this.confirmReachable(`the readiness check failed: ${(error as Error).message}`);
      this.refuseWhileOpen();
      throw new UnavailableError(`Neo4j is not ready: ${(error as Error).message}`, { cause: error, retryAfterSeconds: this.retryAfterSeconds });
    }
  }

  /** Runs a unit of work in a transaction of its own, as the class comment says; failures come out as domain errors. */
  async run<T>(options: UnitOptions, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const started = Date.now();
    const { maxRetryMs } = this.settings.timeouts;
    for (let delayMs = 50; ; delayMs *= 2) {
      this.refuseWhileOpen(options.mode);
      const unit = this.begin(options);
      try {
        return await this.attempt(unit, options, work);
      } catch (error) {
        if (error === unit.abandoned) throw error;
        const kind = failureKind(error);
        const context = { committing: unit.committing, retryAfterSeconds: this.retryAfterSeconds };
        const retryable = options.retry && Date.now() - started + delayMs <= maxRetryMs;
        if (kind === 'unreachable') {
          // One broken pooled connection, or Neo4j gone? A fresh connection tells, and opens the circuit if gone.
          const reachable = await this.confirmReachable((error as Error).message);
          if (reachable && retryable && !unit.committing) continue;
        } else if (kind === 'transient' && retryable && !unit.committing) {
          await sleep(delayMs * (0.8 + Math.random() * 0.4));
          continue;
        }
        throw asDomainError(error, options.entries, context);
      } finally {
        this.end(unit);
      }
    }
  }

  /** Stops probing and closes the serving driver. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probeTimer);
    for (const unit of this.inFlight) clearTimeout(unit.timer);
    await Promise.all([this.driver, ...this.retiring].map((driver) => driver.close().catch(() => undefined)));
  }

  private begin({ mode, long = false, timeoutMs }: UnitOptions): InFlight {
    let abandon!: (error: Error) => void;
    const gaveUp = new Promise<never>((_, reject) => {
      abandon = reject;
    });
    gaveUp.catch(() => undefined);
    const { stallCheckMs, connectionMs } = this.settings.timeouts;
    const unit: InFlight = {
      mode, long, driver: this.driver, committing: false, gaveUp, abandon: (error) => {
        unit.abandoned = error;
        abandon(error);
      },
      timer: long
        // Neo4j ends the transaction at timeoutMs: no answer a connection timeout later means it is not answering at all.
        ? setTimeout(() => unit.abandon(this.abandonedError(unit, `no answer ${connectionMs} ms after the transaction's timeout of ${timeoutMs} ms`)), timeoutMs + connectionMs)
        // Every stallCheckMs while it waits, unless Neo4j answered a check that recently.
        : setInterval(() => {
          if (Date.now() - this.lastHealthyAt > stallCheckMs) void this.confirmReachable(`a unit of work waited over ${stallCheckMs} ms`);
        }, stallCheckMs),
    };
    unit.timer.unref();
    this.inFlight.add(unit);
    return unit;
  }

  private end(unit: InFlight): void {
    clearTimeout(unit.timer);
    this.inFlight.delete(unit);
    if (this.retiring.has(unit.driver) && ![...this.inFlight].some((other) => other.driver === unit.driver)) {
      this.retiring.delete(unit.driver);
      unit.driver.close().catch(() => undefined);
    }
  }

  /** Why a unit was given up: a write whose COMMIT was sent may be in; anything else was not written. */
  private abandonedError(unit: InFlight, reason: string): Error {
    return unit.committing
      ? new OutcomeUnknownError(`${outcomeUnknownMessage} (Neo4j stopped answering: ${reason})`)
      : new UnavailableError(`Neo4j stopped answering (${reason}): this ${unit.mode === 'WRITE' ? 'write was abandoned before its commit, so nothing was written' : 'read was abandoned'}`, {
          retryAfterSeconds: this.retryAfterSeconds,
        });
  }

  private async attempt<T>(unit: InFlight, options: UnitOptions, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    // Reads collect whole results anyway; fetching them in one go saves a round
    // trip per thousand records (about 200 ms on a 190k-CI impact).
    const fetchSize = options.mode === 'READ' ? -1 : undefined;
    // One bookmark manager for the store: in a cluster, each read sees every write and read this process made before it.
    const session = this.driver.session({
      database: this.settings.database, defaultAccessMode: options.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      fetchSize, bookmarkManager: this.settings.bookmarks,
    });
    const running = (async () => {
      const tx = await session.beginTransaction({ timeout: options.timeoutMs });
      try {
        const result = await work(tx as unknown as ManagedTransaction);
        // Abandoned (Neo4j stopped answering meanwhile, then came back): its caller has been told nothing was written.
        if (unit.abandoned) throw unit.abandoned;
        unit.committing = options.mode === 'WRITE';
        await tx.commit();
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw error;
      }
    })();
    try {
      return await Promise.race([running, unit.gaveUp]);
    } finally {
      running.catch(() => undefined);
      // A session on a connection stuck on a paused server never closes: once abandoned, stop waiting for it.
      await Promise.race([session.close(), unit.gaveUp]).catch(() => undefined);
    }
  }

  /**
   * Checks on a fresh connection that Neo4j answers (one check at a time;
   * callers meanwhile share it); opens the circuit when it does not.
   */
  private confirmReachable(reason: string): Promise<boolean> {
    if (this.openedAt !== undefined || this.closed) return Promise.resolve(false);
    this.checking ??= this.probe().then(async (driver) => {
      this.checking = undefined;
      if (!driver) {
        this.trip(reason);
        return false;
      }
      this.lastHealthyAt = Date.now();
      await driver.close().catch(() => undefined);
      return true;
    });
    return this.checking;
  }

  /**
   * A new driver that has just run a query, or undefined (and that driver
   * closed) when Neo4j did not answer in time. The handshake has the
   * connection timeout (a paused server accepts TCP but never answers); the
   * query has a transaction's (the first one after a restart takes seconds).
   */
  private async probe(): Promise<Driver | undefined> {
    const driver = this.connect();
    const session = driver.session({ database: this.settings.database, defaultAccessMode: neo4j.session.READ });
    const { connectionMs, transactionMs } = this.settings.timeouts;
    try {
      await withTimeout(driver.verifyConnectivity({ database: this.settings.database }), connectionMs, 'no handshake');
      await withTimeout(session.run('RETURN 1'), transactionMs, 'no answer to the probe');
      await session.close();
      return driver;
    } catch {
      session.close().catch(() => undefined);
      driver.close().catch(() => undefined);
      return undefined;
    }
  }

  /** Opens the circuit: gives up on the work in flight, drops the serving driver's pool, starts probing. */
  private trip(reason: string): void {
    if (this.openedAt !== undefined || this.closed) return;
    this.openedAt = Date.now();
    this.reason = reason;
    const abandoned = [...this.inFlight].filter((unit) => !unit.long);
    const long = this.inFlight.size - abandoned.length;
    this.settings.log?.warn(
      `Neo4j is unreachable (${reason}): the store's circuit is open, every call fails at once with 503, ` +
        `${abandoned.length} in flight were abandoned${long ? ` (${long} import writes wait for their own answer)` : ''}, ` +
        `and a probe checks every ${this.settings.timeouts.probeIntervalMs} ms whether Neo4j is back`,
    );
    for (const unit of abandoned) unit.abandon(this.abandonedError(unit, reason));
    if (long) this.retiring.add(this.driver);
    else this.driver.close().catch(() => undefined);
    this.scheduleProbe();
  }

  /**
   * Probes every probeIntervalMs while the circuit is open, without waiting
   * for the last probe: a restarting Neo4j accepts connections before it
   * answers them, and a probe that connected then waits its whole connection
   * timeout, while one sent a moment later is answered. At most
   * `maxProbesInFlight` wait at once.
   */
  private scheduleProbe(): void {
    if (this.closed || this.openedAt === undefined) return;
    this.probeTimer = setTimeout(() => {
      this.scheduleProbe();
      if (this.probesInFlight >= maxProbesInFlight) return;
      this.probesInFlight++;
      void this.probe().then((driver) => {
        this.probesInFlight--;
        if (driver) this.closeCircuit(driver);
      });
    }, this.settings.timeouts.probeIntervalMs);
    this.probeTimer.unref();
  }

  /** Serves from `driver`, which has just answered a probe; closes it instead if another probe was first or the store is closed. */
  private closeCircuit(driver: Driver): void {
    if (this.closed || this.openedAt === undefined) {
      driver.close().catch(() => undefined);
      return;
    }
    clearTimeout(this.probeTimer);
    this.settings.log?.info(`Neo4j answers again after ${((Date.now() - this.openedAt) / 1000).toFixed(1)} s: the store's circuit is closed`);
    this.driver = driver;
    this.openedAt = undefined;
    this.lastHealthyAt = Date.now();
  }
}

/** Probes that may wait at once while the circuit is open (each for up to a connection and a transaction timeout). */
const maxProbesInFlight = 8;

/** Our own timeout, told apart from the driver's failures. */
class StallError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StallError(`${what} within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
