import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { limits } from '../schema/limits.ts';
import { sourceKinds, type SourceKind } from '../schema/imports.ts';

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
  /** HTTP port of `trellis serve` / `npm start`. */
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Address the HTTP server binds to. */
  HOST: z.string().default('127.0.0.1'),
  /** Load the demo estate into an empty store on start (`npm start` sets it). */
  TRELLIS_DEMO: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Largest number of CIs one impact or upstream analysis may traverse (protects memory). */
  TRELLIS_ANALYSIS_MAX_CIS: z.coerce.number().int().min(1).max(limits.subgraphCIsMax).default(limits.subgraphCIsMax),
  /** Days a CI or relationship stays flagged stale (no source asserts it) before `trellis retire-stale` removes it. */
  TRELLIS_STALE_GRACE_DAYS: z.coerce.number().min(0).max(3650).default(30),
  /**
   * Which source wins which attribute, as JSON: `{"owner": ["backstage", "terraform"], "region": ["aws"]}`.
   * Attributes not named keep the defaults (cloud APIs win live attributes, declared sources win intent).
   */
  TRELLIS_PRECEDENCE: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/), z.array(z.enum(sourceKinds)).min(1))),
  /** Directory of the built explorer that `trellis serve` serves at `/` (default: dist/web of this checkout). */
  TRELLIS_EXPLORER_DIR: z.string().min(1).default(fileURLToPath(new URL('../dist/web', import.meta.url))),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Which store to use and how to reach it. */
export type StoreConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'neo4j'; uri: string; user: string; password: string; database: string };

/** Checked configuration of a Trellis process. */
export interface Config {
  store: StoreConfig;
  http: { port: number; host: string };
  /** Where the built explorer is. */
  explorerDir: string;
  loadDemo: boolean;
  analysis: { maxCIs: number };
  /** How long stale CIs and relationships are kept before they may be retired. */
  staleGraceDays: number;
  /** Per-attribute source precedence overriding the defaults of server/reconcile/precedence.ts. */
  precedence: Partial<Record<string, SourceKind[]>>;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
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
    ? { kind: 'neo4j', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
    : { kind: 'embedded', dataDir: e.TRELLIS_DATA };
  return {
    store,
    http: { port: e.PORT, host: e.HOST },
    explorerDir: e.TRELLIS_EXPLORER_DIR,
    loadDemo: e.TRELLIS_DEMO,
    analysis: { maxCIs: e.TRELLIS_ANALYSIS_MAX_CIS },
    staleGraceDays: e.TRELLIS_STALE_GRACE_DAYS,
    precedence: e.TRELLIS_PRECEDENCE,
    logLevel: e.LOG_LEVEL,
  };
}

/** A one-line description of the store for logs, without credentials. */
export function describeStore(store: StoreConfig): string {
  return store.kind === 'embedded' ? `embedded store in ${store.dataDir}` : `Neo4j at ${store.uri} (database ${store.database})`;
}
