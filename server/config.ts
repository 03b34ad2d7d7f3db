import { fileURLToPath } from 'node:url';
import { defaultRiskWeights, riskFactorNames, type RiskFactorName } from '../schema/changeRisk.ts';
import { z } from 'zod';
import { limits } from '../schema/limits.ts';
import { sourceKinds, type SourceKind } from '../schema/imports.ts';
import { roleSchema, type Role } from '../schema/roles.ts';

/**
 * The only reader of process.env. Every setting is parsed and checked here at
 * start-up, with its default; `.env.example` mirrors this list.
 */
const envSchema = z.object({
  /** Directory of the embedded store (used when NEO4J_URI is not set). */
  TRELLIS_DATA: z.string().min(1).default('./.trellis'),
  /** Bolt or neo4j:// URI; when set, Trellis stores the graph in Neo4j instead of the embedded store. */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/./, 'must be a bolt:// or neo4j:// URI')
    .refine((uri) => !/^[^/]*\/\/[^/]*@/.test(uri), 'must not contain credentials (use NEO4J_USER and NEO4J_PASSWORD)')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  /**
   * Milliseconds to open a connection to Neo4j (TCP, TLS and the Bolt handshake; a probe's handshake has as long).
   * Generous: a busy Neo4j must not read as a paused one and open the circuit; a paused one is still found within the request deadline.
   */
  NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Milliseconds a unit of work waits for a connection from the pool, opening one included; past it Neo4j counts as unavailable (503). */
  NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(6000),
  /**
   * Server-side timeout of a transaction in milliseconds; below TRELLIS_REQUEST_TIMEOUT_MS, whose 60 % it is
   * by default (6 s). An import's large batch (over 10,000 rows) has 80 % of TRELLIS_IMPORT_TIMEOUT_MS instead.
   */
  NEO4J_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(24 * 3_600_000).optional(),
  /** How long a unit of work that failed transiently (a deadlock, say) is tried again, in milliseconds; 0: never. */
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * A unit of work still waiting after this many milliseconds makes the store check, on a fresh connection,
   * that Neo4j answers; when it does not, the circuit opens (see NEO4J_PROBE_INTERVAL_MS).
   */
  NEO4J_STALL_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /**
   * While Neo4j is unreachable (the circuit is open), every call fails at once with 503 and this often, in
   * milliseconds, a probe checks whether it is back; the first probe that succeeds closes the circuit.
   */
  NEO4J_PROBE_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** HTTP port of `trellis serve` / `npm start`. */
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Address the HTTP server binds to. */
  HOST: z.string().default('127.0.0.1'),
  /** Load the demo estate into an empty store on start (`npm start` sets it). */
  TRELLIS_DEMO: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** With TRELLIS_DEMO: also record the demo's change history (templates, calendar, past and coming changes, incidents). */
  TRELLIS_DEMO_HISTORY: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Largest number of CIs one impact or upstream analysis may traverse (protects memory). */
  TRELLIS_ANALYSIS_MAX_CIS: z.coerce.number().int().min(1).max(limits.subgraphCIsMax).default(limits.subgraphCIsMax),
  /** Days a CI or relationship stays flagged stale (no source asserts it) before `trellis retire-stale` removes it. */
  TRELLIS_STALE_GRACE_DAYS: z.coerce.number().min(0).max(3650).default(30),
  /**
   * Which source wins which attribute, as JSON: `{"owner": ["backstage", "terraform"], "region": ["aws"]}`.
   * Attributes not named keep the defaults (cloud APIs win live attributes, declared sources win intent).
   */
  TRELLIS_PRECEDENCE: jsonSetting(z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/), z.array(z.enum(sourceKinds)).min(1))).default({}),
  /**
   * Weights of the change risk factors, as JSON: `{"rollback": 25, "leadTime": 5}`. Factors not named keep
   * their defaults (schema/changeRisk.ts; they sum to 100).
   */
  TRELLIS_RISK_WEIGHTS: jsonSetting(z.strictObject(Object.fromEntries(riskFactorNames.map((name) => [name, z.number().min(0).max(1000).optional()])))).default({}),
  /** Hours after a change is implemented in which an incident on its impact set is flagged as possibly caused by it. */
  TRELLIS_CORRELATION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Directory of the built explorer that `trellis serve` serves at `/` (default: dist/web of this checkout). */
  TRELLIS_EXPLORER_DIR: z.string().min(1).default(fileURLToPath(new URL('../dist/web', import.meta.url))),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `open`: no authentication, everyone may do everything, and the server listens on loopback only.
   * `required`: every API request needs an API token or an OpenID Connect token or session.
   * Setting TRELLIS_OIDC_ISSUER implies `required`.
   */
  TRELLIS_AUTH: z.enum(['open', 'required']).optional(),
  /** OpenID Connect issuer URL (discovery at <issuer>/.well-known/openid-configuration). */
  TRELLIS_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** The audience (aud) bearer JWTs must carry: this API's identifier at the issuer. */
  TRELLIS_OIDC_AUDIENCE: z.string().min(1).optional(),
  /** Client id and secret of the explorer's sign-in (authorization code flow with PKCE). */
  TRELLIS_OIDC_CLIENT_ID: z.string().min(1).optional(),
  TRELLIS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Signing algorithms accepted on JWTs, comma-separated. */
  TRELLIS_OIDC_ALGORITHMS: list(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])).default(['RS256', 'ES256']),
  /** The claim holding a user's groups, mapped to roles and teams. */
  TRELLIS_OIDC_GROUPS_CLAIM: z.string().regex(/^[A-Za-z0-9_:./-]{1,100}$/).default('groups'),
  /** Which group grants which role, as JSON: `{"cmdb-admins": "admin", "sre": "editor"}`. A user with no mapped group is a viewer. */
  TRELLIS_OIDC_ROLE_MAP: jsonSetting(z.record(z.string(), roleSchema)).default({}),
  /** Which group is which Team CI, as JSON: `{"sre": "team-sre"}`; groups not named are taken as Team CI ids themselves. */
  TRELLIS_OIDC_TEAM_MAP: jsonSetting(z.record(z.string(), z.string().min(1).max(200))).default({}),
  /** The URL people reach Trellis at (sign-in redirects, Secure cookies when https). */
  TRELLIS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Secret that signs session cookies (32+ characters); random at each start when absent, which signs everyone out on restart. */
  TRELLIS_SESSION_SECRET: z.string().min(32).optional(),
  /** Host names this server answers to, comma-separated (DNS rebinding protection); loopback names, HOST and the public URL's host always. */
  TRELLIS_ALLOWED_HOSTS: list(z.string().min(1).max(253)).default([]),
  /** Origins allowed to call the API from a browser (CORS), comma-separated; none by default. */
  TRELLIS_CORS_ORIGINS: list(z.url()).default([]),
  /** Deadline of a request in milliseconds (imports: TRELLIS_IMPORT_TIMEOUT_MS); past it, 503. */
  TRELLIS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  TRELLIS_IMPORT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(24 * 3_600_000).default(900_000),
  /** Most API requests in flight; past it, 503 with Retry-After. */
  TRELLIS_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(256),
  /** Requests per minute per token (or per client address without one); 0 turns the limit off. */
  TRELLIS_RATE_LIMIT: z.coerce.number().int().min(0).max(10_000_000).default(1200),
  /** How long a stopping server lets requests in flight finish, in milliseconds. */
  TRELLIS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Check every API response against its declared schema (tests, development). */
  TRELLIS_CHECK_RESPONSES: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

/** A comma-separated list setting. */
function list<T extends z.ZodType<unknown, string>>(item: T) {
  return z.string().transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean)).pipe(z.array(item));
}

/** A JSON setting checked by `schema`. */
function jsonSetting<T extends z.ZodType>(schema: T) {
  return z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  }).pipe(schema);
}

/** Which store to use and how to reach it. */
export type StoreConfig =
  | { kind: 'embedded'; dataDir: string; lazyIndex?: boolean }
  | { kind: 'neo4j'; uri: string; user: string; password: string; database: string; timeouts?: Neo4jTimeouts };

/** How long the Neo4j store waits for what, in milliseconds (NEO4J_*_MS above); absent in a StoreConfig: the defaults. */
export interface Neo4jTimeouts {
  connectionMs: number;
  acquisitionMs: number;
  /** Server-side timeout of an ordinary transaction, and of an import's large batch. */
  transactionMs: number;
  importTransactionMs: number;
  maxRetryMs: number;
  stallCheckMs: number;
  probeIntervalMs: number;
}

/** Checked configuration of a Trellis process. */
export interface Config {
  store: StoreConfig;
  http: { port: number; host: string };
  /** Where the built explorer is. */
  explorerDir: string;
  loadDemo: boolean;
  /** With loadDemo: record the demo change history too. */
  loadDemoHistory: boolean;
  analysis: { maxCIs: number };
  /** Weights of the change risk factors: the defaults with the configured ones over them. */
  riskWeights: Record<RiskFactorName, number>;
  /** Hours after a change is implemented in which incidents on its impact set are laid at its door. */
  correlationHours: number;
  /** How long stale CIs and relationships are kept before they may be retired. */
  staleGraceDays: number;
  /** Per-attribute source precedence overriding the defaults of server/reconcile/precedence.ts. */
  precedence: Partial<Record<string, SourceKind[]>>;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  auth: AuthConfig;
  /** Request deadlines, load bounds, origins and hosts of the HTTP API. */
  api: ApiConfig;
}

/** How callers prove who they are. */
export interface AuthConfig {
  /** False: open mode (loopback only, everyone is admin). */
  required: boolean;
  oidc?: {
    issuer: string;
    audience?: string;
    clientId?: string;
    clientSecret?: string;
    algorithms: string[];
    groupsClaim: string;
    roleMap: Record<string, Role>;
    teamMap: Record<string, string>;
  };
  publicUrl?: string;
  sessionSecret?: string;
}

/** Limits and protections of the HTTP API. */
export interface ApiConfig {
  allowedHosts: string[];
  corsOrigins: string[];
  deadlineMs: number;
  longDeadlineMs: number;
  maxInFlight: number;
  rateLimitPerMinute: number;
  shutdownGraceMs: number;
  checkResponses: boolean;
}

/** Reads the configuration from an environment; throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const store: StoreConfig = e.NEO4J_URI
    ? { kind: 'neo4j', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE, timeouts: neo4jTimeoutsOf(e) }
    : { kind: 'embedded', dataDir: e.TRELLIS_DATA };
  return {
    store,
    http: { port: e.PORT, host: e.HOST },
    explorerDir: e.TRELLIS_EXPLORER_DIR,
    loadDemo: e.TRELLIS_DEMO,
    loadDemoHistory: e.TRELLIS_DEMO_HISTORY,
    analysis: { maxCIs: e.TRELLIS_ANALYSIS_MAX_CIS },
    riskWeights: { ...defaultRiskWeights, ...(e.TRELLIS_RISK_WEIGHTS as Partial<Record<RiskFactorName, number>>) },
    correlationHours: e.TRELLIS_CORRELATION_HOURS,
    staleGraceDays: e.TRELLIS_STALE_GRACE_DAYS,
    precedence: e.TRELLIS_PRECEDENCE,
    logLevel: e.LOG_LEVEL,
    auth: authConfigOf(e),
    api: {
      allowedHosts: e.TRELLIS_ALLOWED_HOSTS,
      corsOrigins: e.TRELLIS_CORS_ORIGINS.map((origin: string) => new URL(origin).origin),
      deadlineMs: e.TRELLIS_REQUEST_TIMEOUT_MS,
      longDeadlineMs: e.TRELLIS_IMPORT_TIMEOUT_MS,
      maxInFlight: e.TRELLIS_MAX_IN_FLIGHT,
      rateLimitPerMinute: e.TRELLIS_RATE_LIMIT,
      shutdownGraceMs: e.TRELLIS_SHUTDOWN_GRACE_MS,
      checkResponses: e.TRELLIS_CHECK_RESPONSES,
    },
  };
}

function neo4jTimeoutsOf(e: z.infer<typeof envSchema>): Neo4jTimeouts {
  const transactionMs = e.NEO4J_TRANSACTION_TIMEOUT_MS ?? Math.round(e.TRELLIS_REQUEST_TIMEOUT_MS * 0.6);
  if (transactionMs >= e.TRELLIS_REQUEST_TIMEOUT_MS) {
    throw new Error('invalid configuration: NEO4J_TRANSACTION_TIMEOUT_MS must be below TRELLIS_REQUEST_TIMEOUT_MS, so Neo4j ends a transaction before its request gives up');
  }
  return {
    connectionMs: e.NEO4J_CONNECTION_TIMEOUT_MS, acquisitionMs: e.NEO4J_ACQUISITION_TIMEOUT_MS, transactionMs,
    importTransactionMs: Math.round(e.TRELLIS_IMPORT_TIMEOUT_MS * 0.8), maxRetryMs: e.NEO4J_MAX_RETRY_TIME_MS,
    stallCheckMs: e.NEO4J_STALL_CHECK_MS, probeIntervalMs: e.NEO4J_PROBE_INTERVAL_MS,
  };
}

/** The Neo4j timeouts of an environment that sets none: for stores made without loadConfig (tests, benchmarks). */
export const defaultNeo4jTimeouts: Neo4jTimeouts = neo4jTimeoutsOf(envSchema.parse({}));

function authConfigOf(e: z.infer<typeof envSchema>): AuthConfig {
  if (e.TRELLIS_AUTH === 'open' && e.TRELLIS_OIDC_ISSUER) throw new Error('invalid configuration: TRELLIS_AUTH=open and TRELLIS_OIDC_ISSUER contradict each other');
  if (e.TRELLIS_OIDC_CLIENT_ID && !e.TRELLIS_OIDC_CLIENT_SECRET) throw new Error('invalid configuration: TRELLIS_OIDC_CLIENT_ID needs TRELLIS_OIDC_CLIENT_SECRET');
  if (e.TRELLIS_OIDC_CLIENT_ID && !e.TRELLIS_PUBLIC_URL) throw new Error('invalid configuration: explorer sign-in (TRELLIS_OIDC_CLIENT_ID) needs TRELLIS_PUBLIC_URL for its redirect address');
  const oidc = e.TRELLIS_OIDC_ISSUER
    ? {
        issuer: e.TRELLIS_OIDC_ISSUER, audience: e.TRELLIS_OIDC_AUDIENCE, clientId: e.TRELLIS_OIDC_CLIENT_ID, clientSecret: e.TRELLIS_OIDC_CLIENT_SECRET,
        algorithms: e.TRELLIS_OIDC_ALGORITHMS, groupsClaim: e.TRELLIS_OIDC_GROUPS_CLAIM, roleMap: e.TRELLIS_OIDC_ROLE_MAP, teamMap: e.TRELLIS_OIDC_TEAM_MAP,
      }
    : undefined;
  return { required: e.TRELLIS_AUTH === 'required' || oidc !== undefined, oidc, publicUrl: e.TRELLIS_PUBLIC_URL, sessionSecret: e.TRELLIS_SESSION_SECRET };
}

/** A one-line description of the store for logs, without credentials. */
export function describeStore(store: StoreConfig): string {
  return store.kind === 'embedded' ? `embedded store in ${store.dataDir}` : `Neo4j at ${store.uri} (database ${store.database})`;
}
