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
 * the budget set to `target`: the busiest platform's dependents, or a mid-tier
 * service both ways, at the smallest depth that holds enough.
 */
export async function pickMap(url: string, target: number): Promise<MapCase> {
  const candidates = [
    { ci: 'mid-0000000', direction: 'both' },
    { ci: 'platforms-0000000', direction: 'downstream' },
    { ci: 'platforms-0000001', direction: 'downstream' },
  ];
  for (const depth of [2, 3, 4]) {
    for (const { ci, direction } of candidates) {
      const answer = await fetch(`${url}/api/v1/maps/neighbourhood?ci=${ci}&depth=${depth}&direction=${direction}&maxCIs=${Math.max(10_000, target * 4)}`);
      if (!answer.ok) continue;
      const map = (await answer.json()) as { nodes: unknown[] };
      if (map.nodes.length >= target) return { target, path: `/map?ci=${ci}&depth=${depth}&dir=${direction}&budget=${target}`, available: map.nodes.length };
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
  return { drawnAtMs: Number(data.drawnAt), layoutMs: Number(data.layoutMs), nodes: Number(data.nodes), edges: Number(data.edges), engine: data.engine ?? '' };
}

/**
 * Frames per second while a person pans (drags) and zooms (wheel) for about
 * 4 s, counted with requestAnimationFrame, and the longest main-thread task
 * meanwhile (PerformanceObserver longtask).
 */
export async function measureInteraction(browser: Browser, url: string) {
  const { page, close } = await openMap(browser, url);
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
  const result = await page.evaluate(() => {
    const state = (window as unknown as { __bench: { frames: number; longest: number; start: number; running: boolean } }).__bench;
    state.running = false;
    return { fps: (state.frames * 1000) / (performance.now() - state.start), longestTaskMs: Math.round(state.longest) };
  });
  await close();
  return result;
}
