import type { z } from 'zod';

/**
 * Response schemas mirror TypeScript types that the server already returns; the
 * types stay the source of truth. `mirror<T>()(schema)` returns the schema
 * unchanged, and does not compile unless the schema's output type and `T` are
 * equivalent: mutually assignable as they are, and again with every property
 * made required at every depth. The second check is what catches an optional
 * property present on one side only (`{ a: string; b?: number }` and
 * `{ a: string }` are mutually assignable), so a property added to an interface
 * and not to its schema, or the reverse, fails `tsc`.
 *
 * Usage: `export const storedCISchema = mirror<StoredCI>()(z.object({...}).meta({ id: 'StoredCI' }))`.
 */
export function mirror<T>() {
  return <S extends z.ZodType>(schema: S & (Equivalent<z.output<S>, T> extends true ? unknown : MirrorMismatch<z.output<S>, T>)): S => schema;
}

/** True when `A` and `B` describe the same values, optional properties included. */
export type Equivalent<A, B> = MutuallyAssignable<A, B> extends true ? MutuallyAssignable<DeepRequired<A>, DeepRequired<B>> : false;

/** What a mismatched schema is asked to be: the message tsc prints names both types. */
export interface MirrorMismatch<Schema, Type> {
  'the schema does not mirror its type': { schema: Schema; type: Type };
}

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every property required, at every depth (through arrays, unions and records). */
type DeepRequired<T> = T extends readonly (infer E)[] ? DeepRequired<E>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;
