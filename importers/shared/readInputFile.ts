import { open } from 'node:fs/promises';

/** A file over the size a reader accepts. */
export class FileTooLargeError extends Error {}

/**
 * Reads a text file that other tools wrote: refuses files over `maxBytes`
 * (before reading them whole) and decodes UTF-8, or UTF-16 when a byte order
 * mark says so (PowerShell writes `terraform show -json` that way).
 */
export async function readInputFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    // The caller names the file (every report of a problem does): the message does not repeat it.
    if (size > maxBytes) throw new FileTooLargeError(`${size} bytes, over the limit of ${maxBytes} bytes`);
    return decodeText(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/** Decodes bytes by their byte order mark: UTF-16 LE/BE or UTF-8 (the default). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
}
