import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces one generated section of BENCHMARKS.md (between `<!-- bench:NAME -->`
 * markers), leaving the hand-written text around it alone.
 */
export function writeBenchmarkSection(path: string, name: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const section = `${start}\n${body}\n${end}`;
  const at = text.indexOf(start);
  const next = at >= 0 ? text.slice(0, at) + section + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
