import type { Browser, Page } from 'playwright-core';

/** A map to measure: its link, and how many CIs its neighbourhood held before the budget. */
export interface MapCase {
  target: number;
  path: string;
  available: number;
}

/** Median and 95th percentile of some figures. */
export function summarize(values: number[]): { p50: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)) };
}

/**
 * A neighbourhood of at least `target` CIs in the synthetic estate, drawn with
 * the budget set to `target`: the fewest mid-tier services (both ways) whose
 * neighbourhood holds enough, else applications or redundancy groups. Several services side by side give the density
 * of a real service map (2.5 relationships per CI), where one hub's
 * dependents would be a tree.
 */
export async function pickMap(url: string, target: number): Promise<MapCase> {
  for (const [tier, depth] of [['mid', 3], ['mid', 4], ['apps', 3], ['groups', 3]] as const) {
    for (const count of [20, 40, 60, 80, 100]) {
      const roots = Array.from({ length: count }, (_, i) => `ci=${tier}-${String(i).padStart(7, '0')}`).join('&');
      const answer = await fetch(`${url}/api/v1/maps/neighbourhood?${roots}&depth=${depth}&direction=both&maxCIs=${Math.max(10_000, target * 4)}`);
      if (!answer.ok) throw new Error(`neighbourhood request failed: ${answer.status} ${await answer.text()}`);
      const map = (await answer.json()) as { nodes: unknown[] };
      if (map.nodes.length >= target) return { target, path: `/map?${roots}&depth=${depth}&budget=${target}`, available: map.nodes.length };
    }
  }
  throw new Error(`no neighbourhood of ${target} CIs found`);
}

/** Opens a page at 1280x720 and waits until its map is laid out and drawn. */
async function openMap(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=map-canvas]:not([data-drawn-at=""])', { timeout: 180_000 });
  return { page, close: () => context.close() };
}

/** Navigation to the laid-out first render: the page stamps the frame after drawing, in ms since navigation began. */
export async function measureNavigation(browser: Browser, url: string) {
  const { page, close } = await openMap(browser, url);
  const data = await page.getByTestId('map-canvas').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  await close();
  return { drawnAtMs: Number(data.drawnAt), layoutMs: Number(data.layoutMs), drawMs: Number(data.drawMs), nodes: Number(data.nodes), edges: Number(data.edges), engine: data.engine ?? '' };
}

/**
 * Frames per second while a person pans (drags) and zooms (wheel) for about
 * 4 s, counted with requestAnimationFrame, and the longest main-thread task
 * meanwhile (PerformanceObserver longtask).
 */
export async function measureInteraction(browser: Browser, url: string) {
  const { page, close } = await openMap(browser, url);
  const result = await panAndZoom(page);
  await close();
  return result;
}

/** About 4 s of drags and wheel turns over the map, counting frames and the longest task. */
async function panAndZoom(page: Page): Promise<{ fps: number; longestTaskMs: number }> {
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.evaluate(() => {
    const state = { frames: 0, longest: 0, start: performance.now(), running: true };
    (window as unknown as { __bench: typeof state }).__bench = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
    }).observe({ type: 'longtask' });
    const tick = () => {
      if (!state.running) return;
      state.frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  while (Date.now() - started < 4000) {
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + 160, centre.y + 90, { steps: 12 });
    await page.mouse.move(centre.x - 120, centre.y - 60, { steps: 12 });
    await page.mouse.up();
    for (let i = 0; i < 4; i += 1) await page.mouse.wheel(0, i % 2 ? 240 : -240);
  }
  return page.evaluate(() => {
    const state = (window as unknown as { __bench: { frames: number; longest: number; start: number; running: boolean } }).__bench;
    state.running = false;
    return { fps: Math.round((state.frames * 1000) / (performance.now() - state.start)), longestTaskMs: Math.round(state.longest) };
  });
}

/**
 * The floor: cytoscape alone in the same Chromium, drawing `nodes` nodes and
 * `edges` edges at given positions with a minimal labelled stylesheet, no
 * Trellis code, no request, no layout. Time from creating it to the frame
 * after the first render, then frames per second under the same panning and
 * zooming as the explorer's maps.
 */
export async function measureFloor(browser: Browser, cytoscapeSource: string, size: { nodes: number; edges: number }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.setContent('<div id="cy" style="position:absolute;left:0;top:100px;width:960px;height:620px"></div>');
  await page.addScriptTag({ content: cytoscapeSource });
  const drawMs = await page.evaluate(async ({ nodes, edges }) => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const elements: object[] = [];
    const columns = Math.ceil(Math.sqrt(nodes) * 1.5);
    for (let i = 0; i < nodes; i += 1) elements.push({ group: 'nodes', data: { id: `n${i}`, label: `node number ${i}` }, position: { x: (i % columns) * 140, y: Math.floor(i / columns) * 110 } });
    for (let i = 0; i < edges; i += 1) elements.push({ group: 'edges', data: { id: `e${i}`, source: `n${Math.floor(random() * nodes)}`, target: `n${Math.floor(random() * nodes)}` } });
    const started = performance.now();
    const cytoscape = (window as unknown as { cytoscape: (options: object) => { fit: () => void } }).cytoscape;
    const cy = cytoscape({
      container: document.getElementById('cy'),
      elements,
      layout: { name: 'preset' },
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 12, width: 26, height: 26, 'min-zoomed-font-size': 5 } },
        { selector: 'edge', style: { width: 1.2, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
      ],
    });
    cy.fit();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  }, size);
  await page.evaluate(() => document.getElementById('cy')!.setAttribute('data-testid', 'map-canvas'));
  const interaction = await panAndZoom(page);
  await context.close();
  return { drawMs: Math.round(drawMs), ...interaction };
}
