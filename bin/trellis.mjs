#!/usr/bin/env node
// The `trellis` command: starts the CLI (TypeScript, no build step) on a Node
// recent enough to run it; see scripts/withNode.mjs.
import { fileURLToPath } from 'node:url';
import { runWithNode } from '../scripts/withNode.mjs';

try {
  runWithNode(fileURLToPath(new URL('../server/cli/main.ts', import.meta.url)), process.argv.slice(2));
} catch (error) {
  console.error(`trellis: ${error.message}`);
  process.exit(1);
}
