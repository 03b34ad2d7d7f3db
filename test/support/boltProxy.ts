import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a test Neo4j that can lose a connection exactly
 * while a write transaction commits, as a network fault would: armed, it
 * waits for the COMMIT of the next write transaction (Bolt: BEGIN without
 * `mode: "r"`, then COMMIT) and drops the client's side of that connection
 * either just after passing the COMMIT on (Neo4j commits; the client never
 * hears) or instead of passing it on (Neo4j rolls back). It can also stall
 * at that COMMIT, as a Neo4j too busy to answer anyone for a while would.
 */

/** Where the proxy cuts: after Neo4j has the COMMIT, or before. */
export type CommitCut = 'after' | 'before';

export interface BoltProxy {
  /** bolt://127.0.0.1:<port> of the proxy. */
  readonly uri: string;
  /** Arms one cut; resolves once it has happened (and, for 'after', once Neo4j has answered the COMMIT). */
  cutNextWriteCommit(where: CommitCut): Promise<void>;
  /**
   * At the next write transaction's COMMIT, holds for `ms` everything clients
   * send (that COMMIT, new connections' handshakes, other queries), then passes
   * it all on in order. Resolves when the COMMIT is held.
   */
  stallAtNextWriteCommit(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Bolt chunk of a COMMIT message: size 2, struct of no fields with signature 0x12, end marker. */
const commitChunk = Buffer.from([0x00, 0x02, 0xb0, 0x12, 0x00, 0x00]);
/** A BEGIN message's struct header (one field, signature 0x11). */
const beginHeader = Buffer.from([0xb1, 0x11]);
/** `mode: "r"` as packstream writes it in BEGIN's extra map (tiny strings). */
const readMode = Buffer.from([0x84, 0x6d, 0x6f, 0x64, 0x65, 0x81, 0x72]);

/** Starts a proxy on a free loopback port forwarding to `target` (a bolt:// URI). */
export async function startBoltProxy(target: string): Promise<BoltProxy> {
  const { hostname, port } = new URL(target.replace(/^bolt/, 'http'));
  let armed: { where: CommitCut | 'stall'; stallMs?: number; done: () => void } | undefined;
  /** While a stall lasts: resolves when it ends, and what clients send waits for it. */
  let stall: Promise<void> | undefined;
  const startStall = (ms: number) => {
    stall = new Promise<void>((resolve) => setTimeout(() => {
      stall = undefined;
      resolve();
    }, ms));
  };
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let inWrite = false;
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', () => sockets.delete(client));
    upstream.on('error', closeBoth).on('close', () => sockets.delete(upstream));
    upstream.on('data', (data) => {
      if (!client.destroyed) client.write(data);
    });
    upstream.on('end', () => client.end());
    client.on('end', () => upstream.end());
    // Held chunks are passed on in the order they came: the stall's callbacks run in order, before any later data event.
    const forward = (data: Buffer) => (stall ? void stall.then(() => upstream.write(data)) : upstream.write(data));
    client.on('data', (data) => {
      if (data.includes(beginHeader)) inWrite = !data.includes(readMode);
      const cut = armed;
      if (!cut || !inWrite || !data.includes(commitChunk)) {
        forward(data);
        return;
      }
      armed = undefined;
      if (cut.where === 'stall') {
        startStall(cut.stallMs!);
        forward(data);
        cut.done();
        return;
      }
      client.destroy();
      if (cut.where === 'before') {
        upstream.destroy();
        cut.done();
        return;
      }
      // Neo4j gets the COMMIT; its answer (the commit done) goes nowhere, then the connection closes.
      upstream.once('data', () => {
        upstream.destroy();
        cut.done();
      });
      upstream.write(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  return {
    uri: `bolt://127.0.0.1:${proxyPort}`,
    cutNextWriteCommit: (where) => new Promise<void>((resolve) => {
      armed = { where, done: resolve };
    }),
    stallAtNextWriteCommit: (ms) => new Promise<void>((resolve) => {
      armed = { where: 'stall', stallMs: ms, done: resolve };
    }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
