import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaDocuments } from '../../schema/jsonSchema.ts';

describe('JSON Schema export', () => {
  it.each(Object.entries(jsonSchemaDocuments()))('schema/json/%s matches the zod schemas (run npm run schema:json)', (name, document) => {
    const committed = JSON.parse(readFileSync(new URL(`../../schema/json/${name}`, import.meta.url), 'utf8'));
    expect(committed).toEqual(document);
  });

  it('describes every CI type in the estate document', () => {
    const estate = jsonSchemaDocuments()['estate.schema.json'] as { properties: { cis: { items: { oneOf: { properties: { type: { const: string } } }[] } } } };
    expect(estate.properties.cis.items.oneOf.map((s) => s.properties.type.const)).toEqual(['Service', 'Component', 'Supplier', 'Contract', 'Team', 'RedundancyGroup']);
  });
});
