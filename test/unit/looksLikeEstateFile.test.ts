import { describe, expect, it } from 'vitest';
import { looksLikeEstateFile } from '../../schema/estate.ts';

describe('looksLikeEstateFile', () => {
  it('knows an estate file in YAML or JSON from other sources', () => {
    expect(looksLikeEstateFile('# demo\nversion: 1\nsource: x\ncis:\n  - { id: a, type: Team, name: A }\n')).toBe(true);
    expect(looksLikeEstateFile('{"version": 1, "cis": [{"id": "a", "type": "Team", "name": "A"}]}')).toBe(true);
    expect(looksLikeEstateFile('{"version": 4, "terraform_version": "1.5.0", "resources": []}')).toBe(false);
    expect(looksLikeEstateFile('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n')).toBe(false);
    expect(looksLikeEstateFile('apiVersion: backstage.io/v1alpha1\nkind: Component\nspec:\n  version: 1\n')).toBe(false);
  });
});
