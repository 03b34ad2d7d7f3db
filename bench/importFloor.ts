// `npm run bench:import-floor [-- 100000]`: what each store itself takes to write
// the rows a first import of a synthetic Terraform state writes, with no Trellis
// logic at all: the same rows, inserted in one transaction as fast as the store
// takes them. A floor for the first-import figures of `npm run bench:import`;
// writes the figures into BENCHMARKS.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { relationshipTypes } from '../schema/relationships.ts';
import { runImport } from '../server/imports/runImport.ts';
import { snapshotOf } from '../server/imports/importSources.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';
import { createTablesSql } from '../server/store/embedded/sqliteSchema.ts';
import { wipeNeo4jDatabase } from '../test/support/neo4jTestStore.ts';
import { benchNeo4j } from './benchNeo4j.ts';
import { writeBenchmarkSection } from './benchmarksFile.ts';
import { terraformState } from './syntheticSources.ts';

const count = Number(process.argv[2] ?? 100_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (from: number) => (performance.now() - from) / 1000;

type Row = Record<string, string | number | null>;
/** The stored rows of one first import, by embedded table. */
interface ImportRows { ci: Row[]; relationship: Row[]; history: Row[]; assertion: Row[] }
type Table = keyof ImportRows;
const graphTables: Table[] = ['ci', 'relationship'];
const allTables: Table[] = ['ci', 'relationship', 'history', 'assertion'];

interface Floor { store: string; tables: Table[]; rows: number; statements: number; commit: number }

/** Imports the state through Trellis once, and reads back every row that import wrote. */
async function rowsOfOneImport(): Promise<{ rows: ImportRows; importSeconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trellis-floor-'));
  try {
    const store = await createGraphStore({ kind: 'embedded', dataDir });
    const started = performance.now();
    await runImport(store, { snapshot: snapshotOf('terraform', terraformState(count, 20261124), 'bench.tfstate'), input: 'bench', actor: 'bench' });
    const importSeconds = seconds(started);
    await store.close();
    const db = new DatabaseSync(join(dataDir, 'trellis.sqlite'), { readOnly: true });
    const read = (table: Table) => db.prepare(`SELECT * FROM ${table}`).all() as Row[];
    const rows = { ci: read('ci'), relationship: read('relationship'), history: read('history'), assertion: read('assertion') };
    db.close();
    return { rows, importSeconds };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The rows into a fresh SQLite file with the embedded store's tables, settings and import page cache. */
function embeddedFloor(rows: ImportRows, tables: Table[]): Floor {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-floor-sqlite-'));
  try {
    const db = new DatabaseSync(join(dir, 'floor.sqlite'));
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    db.exec(createTablesSql);
    db.exec('PRAGMA cache_size = -262144');
    const started = performance.now();
    db.exec('BEGIN IMMEDIATE');
    for (const table of tables) {
      const columns = Object.keys(rows[table][0] ?? {});
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows[table]) insert.run(...columns.map((column) => row[column]!));
    }
    const statements = seconds(started);
    const committing = performance.now();
    db.exec('COMMIT');
    const commit = seconds(committing);
    db.close();
    return { store: 'embedded', tables, rows: tables.reduce((n, t) => n + rows[t].length, 0), statements, commit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Properties without nulls (Neo4j stores no null property). */
function present(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

/** The rows as nodes and relationships of an empty database with Trellis's schema, in one transaction, 10k rows a statement. */
async function neo4jFloor(uri: string, rows: ImportRows, tables: Table[]): Promise<Floor> {
  await wipeNeo4jDatabase(uri);
  // Opening a store creates the constraints and indexes the real import maintains.
  await (await createGraphStore({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' })).close();
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''));
  const session = driver.session({ database: 'neo4j' });
  try {
    const started = performance.now();
    const tx = session.beginTransaction();
    const each = async (list: object[], cypher: string) => {
      for (let at = 0; at < list.length; at += 10_000) await tx.run(cypher, { rows: list.slice(at, at + 10_000) });
    };
    if (tables.includes('ci')) {
      await each(rows.ci.map(({ name_folded, created_at, updated_at, ...ci }) => present({ ...ci, nameFolded: name_folded!, createdAt: created_at!, updatedAt: updated_at! })),
        'UNWIND $rows AS row CREATE (n:CI) SET n = row');
    }
    if (tables.includes('relationship')) {
      for (const type of relationshipTypes) {
        const ofType = rows.relationship.filter((r) => r.type === type).map(({ from_id, to_id, type: _type, ...props }) => ({ from: from_id, to: to_id, props: present(props) }));
        await each(ofType, `UNWIND $rows AS row MATCH (a:CI {id: row.from}) MATCH (b:CI {id: row.to}) CREATE (a)-[r:${type}]->(b) SET r = row.props`);
      }
    }
    if (tables.includes('history')) await each(rows.history.map(present), 'UNWIND $rows AS row CREATE (h:TrellisHistory) SET h = row');
    if (tables.includes('assertion')) {
      await each(rows.assertion.map((a) => present({ ...a, key: `${a.scope} ${a.subject}` })), 'UNWIND $rows AS row CREATE (a:TrellisAssertion) SET a = row');
    }
    const statements = seconds(started);
    const committing = performance.now();
    await tx.commit();
    return { store: 'Neo4j', tables, rows: tables.reduce((n, t) => n + rows[t].length, 0), statements, commit: seconds(committing) };
  } finally {
    await session.close();
    await driver.close();
  }
}

log(`importing ${count} resources once to collect the rows a first import writes...`);
const { rows, importSeconds } = await rowsOfOneImport();
log(`  ${importSeconds.toFixed(1)} s; rows: ${allTables.map((t) => `${t} ${rows[t].length}`).join(', ')}`);
const floors: Floor[] = [];
for (const tables of [allTables, graphTables]) {
  floors.push(embeddedFloor(rows, tables));
  log(`  embedded ${tables.join('+')}: ${JSON.stringify(floors.at(-1))}`);
}
// As bench:import runs it: a whole import is one transaction, 8 GiB of heap hold it.
const server = benchNeo4j(root, { heap: '8g', pageCacheMiB: '2048' });
try {
  // A fresh server's first large transaction is much slower (JIT, page cache): warm it up once, untimed.
  await neo4jFloor(server.uri, rows, graphTables);
  for (const tables of [allTables, graphTables]) {
    floors.push(await neo4jFloor(server.uri, rows, tables));
    log(`  Neo4j ${tables.join('+')}: ${JSON.stringify(floors.at(-1))}`);
  }
} finally {
  server.stop();
}

const lines = [
  '| store | rows written | rows | statements s | commit s | total s | first-import ceiling, resources/s |',
  '|---|---|---|---|---|---|---|',
  ...floors.map((f) => {
    const total = f.statements + f.commit;
    const what = f.tables.length === allTables.length ? 'graph, history and assertions (what an import writes)' : 'graph only (CIs and relationships)';
    return `| ${f.store} | ${what} | ${f.rows.toLocaleString('en')} | ${f.statements.toFixed(1)} | ${f.commit.toFixed(1)} | ${total.toFixed(1)} | ${Math.round(count / total).toLocaleString('en')} |`;
  }),
];
const table = lines.join('\n');
console.log(table);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Neo4j Community 5.26 (${server.settings})`;
writeBenchmarkSection(join(root, 'BENCHMARKS.md'), 'import-floor', [
  `Machine: ${machine}.`,
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:import-floor -- ${count}\`: the rows of one first import of a ${count.toLocaleString('en')}-resource Terraform state (which took ${importSeconds.toFixed(1)} s through Trellis in this run), written again with no Trellis logic.`,
  '',
  table,
].join('\n'));
