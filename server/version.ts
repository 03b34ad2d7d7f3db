import { readFileSync } from 'node:fs';

/** This Trellis's version, from package.json: the API document and logs name it. */
export const trellisVersion: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
