import { createHash } from 'node:crypto';
import { limits } from '../../schema/limits.ts';

const plainId = /^[A-Za-z0-9._:/-]+$/;

/**
 * The CI id of a real thing, derived from its strongest identity key, so every
 * source that knows the key (an ARN from Terraform and from the AWS API alike)
 * lands on the same CI without a lookup. Keys that are valid ids are used as
 * they are; others (Terraform addresses with `["key"]`, long keys) keep a
 * readable prefix and a hash of the whole key, which stays unique.
 */
export function ciIdOfKey(key: string): string {
  if (key.length <= limits.ciIdMaxLength && plainId.test(key)) return key;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const readable = key.replace(/[^A-Za-z0-9._:/-]+/g, '_').slice(0, limits.ciIdMaxLength - hash.length - 3);
  return `${readable}.h-${hash}`;
}
