/**
 * Names of attributes that carry secrets: they never enter the graph, whatever
 * the source says about them. Deliberately broad; a dropped harmless attribute
 * costs little, a stored password costs a lot.
 */
const secretName = /pass(word|wd|phrase)?$|passw|secret|token|private[_-]?key|api[_-]?key|access[_-]?key|credential|auth[_-]?(string|key)|connection[_-]?string|certificate[_-]?(body|chain)?$|^key$|_key$|user[_-]?data/i;

export function isSecretName(name: string): boolean {
  return secretName.test(name);
}

/** A string map without secret-named keys (tags, labels). */
export function withoutSecrets(map: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (!isSecretName(key) && typeof value === 'string') kept[key] = value;
  }
  return kept;
}
