// The store's floor of the API benchmark (bench/apiBench.ts): what Neo4j allows
// GET /api/v1/cis/{id} with no logic of ours, no HTTP and no Trellis. It runs in
// the load generator's worker thread (bench/apiLoadWorker.ts, mode 'driver'), so
// it does not share the server's thread: neo4j-driver alone, each request what
// the store asks of Neo4j for one get-CI.
import neo4j from 'neo4j-driver';
import { defaultNeo4jTimeouts } from '../server/config.ts';
import { readCIsById } from '../server/store/neo4j/cypher.ts';

/**
 * What GET /api/v1/cis/{id} asks of Neo4j: the route calls store.findCI, which
 * runs one read transaction with this query for the one id (Neo4jGraphStore.findCIs).
 */
export const getCIQueries = [readCIsById];
export const driverFloorName = `floor: neo4j-driver alone, the get-CI query (${getCIQueries.length} ${getCIQueries.length === 1 ? 'query' : 'queries'} per request)`;

/**
 * Request `i` reads CI `ids[i]` as the store does (Neo4jCircuit.attempt): a
 * session in read mode fetching whole results (fetchSize -1) with a bookmark
 * manager, an explicit transaction with the store's timeout running the
 * queries, its commit. The driver has the store's settings. Status 200 when
 * the CI was found, 404 when not.
 */
export function driverRequests(uri: string, ids: string[]) {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 100 });
  const bookmarkManager = neo4j.bookmarkManager();
  const id = (i: number) => ids[i % ids.length]!;
  return {
    what: (i: number) => `get-CI query for ${id(i)}`,
    call: async (i: number) => {
      const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ, fetchSize: -1, bookmarkManager });
      try {
        const tx = await session.beginTransaction({ timeout: defaultNeo4jTimeouts.transactionMs });
        let found = 0;
        for (const query of getCIQueries) found += (await tx.run(query, { ids: [id(i)] })).records.length;
        await tx.commit();
        return { status: found ? 200 : 404, text: '' };
      } finally {
        await session.close();
      }
    },
    close: () => driver.close(),
  };
}
