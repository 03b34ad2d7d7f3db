// `npm run bench:web [-- --runs 5] [--search-1m]`: the explorer in headless
// Chromium against trellis serve on the embedded store with the 100k-CI
// synthetic estate of bench:impact: navigation to a laid-out map of about
// 2,000 and 5,000 nodes, frames per second while panning and zooming, the
// longest main-thread task meanwhile, the search type-ahead round trip and the
// hub's impact view to first paint. Writes the figures into BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../server/config.ts';
import { startServer, type RunningServer } from '../server/main.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';
import { buildExplorer, explorerIsStale } from '../scripts/buildExplorer.ts';
import { launchBrowser } from '../scripts/launchBrowser.ts';
import { writeBenchmarkSection } from './benchmarksFile.ts';
import { loadEstate } from './loadEstate.ts';
import { round } from './measure.ts';
import { benchmarkPicks } from './syntheticEstate.ts';
import { measureFloor, measureInteraction, measureNavigation, pickMap, type MapCase, summarize } from './webMeasure.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const seed = 20261124;
const log = (message: string) => process.stderr.write(`${message}\n`);
const root = fileURLToPath(new URL('..', import.meta.url));
const cytoscapeSource = readFileSync(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'), 'utf8');

/** A fresh embedded store holding a synthetic estate of `total` CIs, served by Trellis. */
async function serveEstate(total: number): Promise<{ server: RunningServer; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `trellis-web-bench-${total}-`));
  const store = await createGraphStore({ kind: 'embedded', dataDir });
  const loaded = await loadEstate(store, { total, seed }, () => undefined);
  await store.close();
  log(`loaded ${loaded.cis} CIs and ${loaded.relationships} relationships in ${round(loaded.seconds)} s`);
  const config = loadConfig({ TRELLIS_DATA: dataDir, LOG_LEVEL: 'silent' });
  const server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
  return { server, dataDir };
}

async function mapFigures(browser: Browser, url: string, mapCase: MapCase) {
  const navigation = [];
  for (let i = 0; i < runs; i += 1) navigation.push(await measureNavigation(browser, `${url}${mapCase.path}`));
  const interaction = [];
  for (let i = 0; i < Math.min(runs, 3); i += 1) interaction.push(await measureInteraction(browser, `${url}${mapCase.path}`));
  const last = navigation.at(-1)!;
  const floor = await measureFloor(browser, cytoscapeSource, { nodes: last.nodes, edges: last.edges });
  return {
    floor,
    ...mapCase,
    drawn: { nodes: last.nodes, edges: last.edges, engine: last.engine },
    firstRenderMs: summarize(navigation.map((n) => n.drawnAtMs)),
    layoutMs: summarize(navigation.map((n) => n.layoutMs)),
    drawMs: summarize(navigation.map((n) => n.drawMs)),
    fps: summarize(interaction.map((n) => n.fps)),
    longestTaskMs: Math.max(...interaction.map((n) => n.longestTaskMs)),
  };
}

async function main() {
  if (explorerIsStale()) await buildExplorer();
  const { server, dataDir } = await serveEstate(100_000);
  const browser = await launchBrowser();
  try {
    const picks = benchmarkPicks({ total: 100_000, seed }, 5);
    const maps = [];
    for (const target of [2000, 5000]) {
      const mapCase = await pickMap(server.url, target);
      log(`map of ${target}: ${mapCase.path.slice(0, 80)}... (${mapCase.available} CIs available)`);
      maps.push(await mapFigures(browser, server.url, mapCase));
    }
    const hub = [];
    for (let i = 0; i < runs; i += 1) hub.push(await measureNavigation(browser, `${server.url}/impact?t=${picks.hub}`));
    const search = await searchFigures(browser, server.url, '100k');
    let search1m: Awaited<ReturnType<typeof searchFigures>> | undefined;
    if (args.includes('--search-1m')) {
      const big = await serveEstate(1_000_000);
      try {
        search1m = await searchFigures(browser, big.server.url, '1M');
      } finally {
        await big.server.stop();
        rmSync(big.dataDir, { recursive: true, force: true });
      }
    }
    const figures = { runs, cores: cpus().length, maps, search: [search, ...(search1m ? [search1m] : [])], hubImpact: { target: picks.hub, firstRenderMs: summarize(hub.map((n) => n.drawnAtMs)), nodes: hub.at(-1)!.nodes } };
    console.log(JSON.stringify(figures, null, 2));
    writeBenchmarkSection(join(root, 'BENCHMARKS.md'), 'web', formatFigures(figures));
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function formatFigures(figures: { runs: number; cores: number; maps: Awaited<ReturnType<typeof mapFigures>>[]; search: Awaited<ReturnType<typeof searchFigures>>[]; hubImpact: { target: string; firstRenderMs: { p50: number; p95: number }; nodes: number } }): string {
  const lines = [
    `Headless Chromium (Debian), ${figures.cores} cores, \`trellis serve\` on the embedded store with the 100k-CI synthetic estate; ${figures.runs} navigations per case (medians and p95), frames per second over ${Math.min(figures.runs, 3)} runs of 4 s of panning and zooming.`,
    '',
    '| map | drawn nodes / edges | engine | navigation to laid-out render, p50 / p95 (ms) | layout in the worker, p50 (ms) | drawing by cytoscape, p50 (ms) | fps panning and zooming, p50 | longest main-thread task while panning (ms) |',
    '|---|---|---|---|---|---|---|---|',
    ...figures.maps.flatMap((m) => [
      `| ${describeMap(m.path)} | ${m.drawn.nodes} / ${m.drawn.edges} | ${m.drawn.engine} | ${m.firstRenderMs.p50} / ${m.firstRenderMs.p95} | ${m.layoutMs.p50} | ${m.drawMs.p50} | ${m.fps.p50} | ${m.longestTaskMs} |`,
      `| floor: cytoscape alone, same sizes, positions given | ${m.drawn.nodes} / ${m.drawn.edges} | none | ${m.floor.drawMs} (drawing only) | | ${m.floor.drawMs} | ${m.floor.fps} | ${m.floor.longestTaskMs} |`,
    ]),
    '',
    ...figures.search.map((s) => `Search type-ahead round trip on the ${s.estate}-CI estate (the request the search box makes, \`GET /api/v1/cis?q=...&limit=8&countUpTo=1000\`, sent from the page, ${s.runs} texts): p50 ${s.p50} ms, p95 ${s.p95} ms.`),
    '',
    `Hub impact view (\`/impact?t=${figures.hubImpact.target}\`, ${figures.hubImpact.nodes} nodes drawn): navigation to laid-out render p50 ${figures.hubImpact.firstRenderMs.p50} ms, p95 ${figures.hubImpact.firstRenderMs.p95} ms.`,
  ];
  return lines.join('\n');
}

await main();

/** A map's link in words: how many roots, which depth. */
function describeMap(path: string): string {
  const params = new URLSearchParams(path.slice(path.indexOf('?') + 1));
  const roots = params.getAll('ci');
  return `${roots.length} ${roots[0]?.replace(/-\d+$/, '')} CIs, depth ${params.get('depth')}, both ways, budget ${params.get('budget')}`;
}

/** The type-ahead's request, timed from the page: texts as people type them (prefixes of ids and names). */
async function searchFigures(browser: Browser, url: string, estate: string) {
  const texts = ['mid', 'mid-00001', 'apps 12', 'hosts-00000', 'business 3', 'platforms', 'noise-0001', 'groups 7', 'zones', 'teams-000', 'app', 'host 99', 'network', 'mid 42', 'apps-0003', 'b', 'x-none', 'groups-0000', 'teams 1', 'platforms-0000000'];
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  const times = await page.evaluate(async (list) => {
    const out: number[] = [];
    for (const text of [...list.slice(0, 3), ...list]) {
      const started = performance.now();
      await (await fetch(`/api/v1/cis?q=${encodeURIComponent(text)}&limit=8&countUpTo=1000`)).json();
      out.push(performance.now() - started);
    }
    return out.slice(3);
  }, texts);
  await page.close();
  return { estate, runs: texts.length, ...summarize(times) };
}
