import type { Assertion, AssertionKey } from '../../schema/imports.ts';

/**
 * Assertions by scope, then subject. Keyed in two steps rather than by one
 * concatenated string: a run looks up 100k subjects several times, and the
 * subject strings (hashed once by V8) are reused where a concatenation would
 * be built and hashed again on every lookup.
 */
export class AssertionIndex<T extends AssertionKey = Assertion> {
  private readonly byScope = new Map<string, Map<string, T>>();

  get(scope: string, subject: string): T | undefined {
    return this.byScope.get(scope)?.get(subject);
  }

  has(key: AssertionKey): boolean {
    return this.byScope.get(key.scope)?.has(key.subject) ?? false;
  }

  set(value: T): void {
    let subjects = this.byScope.get(value.scope);
    if (!subjects) this.byScope.set(value.scope, (subjects = new Map()));
    subjects.set(value.subject, value);
  }

  /** The assertions of one scope. */
  inScope(scope: string): Iterable<T> {
    return this.byScope.get(scope)?.values() ?? [];
  }

  *values(): IterableIterator<T> {
    for (const subjects of this.byScope.values()) yield* subjects.values();
  }
}
