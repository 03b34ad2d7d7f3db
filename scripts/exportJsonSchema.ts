// Writes the JSON Schema documents of schema/jsonSchema.ts into schema/json/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaDocuments } from '../schema/jsonSchema.ts';

const out = fileURLToPath(new URL('../schema/json/', import.meta.url));
mkdirSync(out, { recursive: true });
for (const [name, document] of Object.entries(jsonSchemaDocuments())) {
  writeFileSync(`${out}${name}`, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote schema/json/${name}`);
}
