import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the explorer (web/) into dist/web with Vite. `--if-stale` builds only
 * when a source (web/, schema/, the lockfile) is newer than the last build, so
 * `npm start` costs nothing after the first time and never serves an old build.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = join(root, 'dist', 'web');
const stamp = join(outDir, '.built');

/** Newest modification time under the given paths, skipping node_modules. */
function newestChange(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules') visit(join(path, name));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return newest;
}

/** True when dist/web is missing or older than its sources. */
export function explorerIsStale(): boolean {
  if (!existsSync(stamp)) return true;
  return newestChange(['web', 'schema', 'package-lock.json'].map((p) => join(root, p))) > statSync(stamp).mtimeMs;
}

/** Runs the Vite build and marks it done. */
export async function buildExplorer(): Promise<void> {
  const { build } = await import('vite');
  // A test runner sets NODE_ENV=test, which would give React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !explorerIsStale()) process.exit(0);
  console.error('trellis: building the explorer (web/ into dist/web)…');
  const started = Date.now();
  buildExplorer().then(
    () => console.error(`trellis: explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: Error) => {
      console.error(`trellis: the explorer did not build: ${error.message}`);
      process.exit(1);
    },
  );
}
