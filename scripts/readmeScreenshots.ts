import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/main.ts';
import { buildExplorer, explorerIsStale } from './buildExplorer.ts';
import { launchBrowser } from './launchBrowser.ts';

/**
 * Refreshes the screenshots the README opens with (`npm run screenshots`):
 * the demo estate's service map and the impact of losing its central database
 * cluster, taken in headless Chromium at 1280x720 from a fresh demo store.
 */
const images = resolve(fileURLToPath(new URL('../docs/images', import.meta.url)));
const shots = [
  { file: 'service-map.png', path: '/services?sel=svc-checkout' },
  { file: 'impact.png', path: '/impact?t=grp-pg-main&sel=svc-checkout' },
];

if (explorerIsStale()) await buildExplorer();
const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-screenshots-')), TRELLIS_DEMO: 'true', LOG_LEVEL: 'silent' });
const server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
const browser = await launchBrowser();
try {
  mkdirSync(images, { recursive: true });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}${shot.path}`);
    await page.waitForSelector('[data-testid=map-canvas][data-ready=true]:not([data-engine=""])', { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(images, shot.file) });
    console.log(`docs/images/${shot.file}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
