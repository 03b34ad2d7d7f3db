import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path and text of the demo estate that `npm start` loads. */
export const demoEstatePath = fileURLToPath(new URL('../../demo/estate.yaml', import.meta.url));
export const demoEstateText = (): string => readFileSync(demoEstatePath, 'utf8');
