import type { Problem } from '../../schema/problems.ts';
import { unflatten } from '../shared/flatmap.ts';

/**
 * Terraform state, versions 3 and 4, reduced to what the importer needs: one
 * entry per managed resource instance with its address, attributes and the
 * resources it depends on. Data sources and deposed instances are left out.
 */
export interface StateInstance {
  /** `module.net.aws_subnet.private[0]`, `aws_s3_bucket.logs["eu"]`. */
  address: string;
  /** The resource's address without the instance key: what `dependencies` name. */
  resource: string;
  /** The module path, `module.net` (empty at the root). */
  module: string;
  type: string;
  attributes: Record<string, unknown>;
  /** Top-level attribute names Terraform marked sensitive. */
  sensitive: Set<string>;
  /** Resource addresses this instance depends on, as the state records them (transitive). */
  dependsOn: string[];
  /** Where it is in the file, for messages. */
  place: string;
}

export interface StateReading {
  version: 3 | 4;
  lineage?: string;
  instances: StateInstance[];
  problems: Problem[];
}

/** Reads a parsed state object; problems name the place and never stop the other resources. */
export function readStateInstances(state: Record<string, unknown>, file: string): StateReading {
  const version = state.version;
  const lineage = typeof state.lineage === 'string' && state.lineage ? state.lineage : undefined;
  if (version === 4) return { version, lineage, ...readV4(state, file) };
  if (version === 3) return { version, lineage, ...readV3(state, file) };
  throw Object.assign(new Error(`${file}: unsupported state format version ${JSON.stringify(version)} (Trellis reads versions 3 and 4)`), { file });
}

function readV4(state: Record<string, unknown>, file: string): Pick<StateReading, 'instances' | 'problems'> {
  const instances: StateInstance[] = [];
  const problems: Problem[] = [];
  const resources = state.resources;
  if (!Array.isArray(resources)) {
    if (resources !== undefined) problems.push({ file, entry: 'resources', message: 'must be a list' });
    return { instances, problems };
  }
  resources.forEach((resource: Record<string, unknown>, r) => {
    const place = `resources[${r}]`;
    if (!isObject(resource) || typeof resource.type !== 'string' || typeof resource.name !== 'string') {
      problems.push({ file, entry: place, message: 'a resource needs a type and a name' });
      return;
    }
    if (resource.mode === 'data') return;
    const module = typeof resource.module === 'string' ? resource.module : '';
    const base = `${module ? `${module}.` : ''}${resource.type}.${resource.name}`;
    const list = Array.isArray(resource.instances) ? resource.instances : [];
    list.forEach((instance: Record<string, unknown>, i) => {
      if (!isObject(instance) || instance.deposed) return;
      const key = instance.index_key;
      const address = key === undefined || key === null ? base : `${base}[${JSON.stringify(key)}]`;
      const attributes = isObject(instance.attributes) ? instance.attributes : isObject(instance.attributes_flat) ? unflatten(instance.attributes_flat) : {};
      const sensitive = new Set<string>();
      for (const path of Array.isArray(instance.sensitive_attributes) ? instance.sensitive_attributes : []) {
        const first = Array.isArray(path) ? path[0] : undefined;
        if (isObject(first) && typeof first.value === 'string') sensitive.add(first.value);
      }
      const dependsOn = (Array.isArray(instance.dependencies) ? instance.dependencies : []).filter((d): d is string => typeof d === 'string');
      instances.push({ address, resource: base, module, type: resource.type as string, attributes, sensitive, dependsOn, place: `${place}.instances[${i}] ${address}` });
    });
  });
  return { instances, problems };
}

function readV3(state: Record<string, unknown>, file: string): Pick<StateReading, 'instances' | 'problems'> {
  const instances: StateInstance[] = [];
  const problems: Problem[] = [];
  const modules = Array.isArray(state.modules) ? state.modules : [];
  modules.forEach((mod: Record<string, unknown>, m) => {
    const path = Array.isArray(mod?.path) ? (mod.path as unknown[]).filter((p): p is string => typeof p === 'string') : ['root'];
    const module = path.slice(1).map((name) => `module.${name}`).join('.');
    const resources = isObject(mod?.resources) ? mod.resources : {};
    for (const [key, resource] of Object.entries(resources)) {
      const place = `modules[${m}].resources["${key}"]`;
      if (!isObject(resource) || typeof resource.type !== 'string') {
        problems.push({ file, entry: place, message: 'a resource needs a type' });
        continue;
      }
      if (key.startsWith('data.')) continue;
      const primary = isObject(resource.primary) ? resource.primary : undefined;
      if (!primary) continue;
      const match = /^(.+?\..+?)(?:\.(\d+))?$/.exec(key)!;
      const base = `${module ? `${module}.` : ''}${match[1]}`;
      const address = match[2] === undefined ? base : `${base}[${match[2]}]`;
      const attributes = isObject(primary.attributes) ? unflatten(primary.attributes) : {};
      const dependsOn = (Array.isArray(resource.depends_on) ? resource.depends_on : [])
        .filter((d): d is string => typeof d === 'string')
        .map((d) => `${module ? `${module}.` : ''}${d.replace(/\.(\*|\d+)$/, '')}`);
      instances.push({ address, resource: base, module, type: resource.type, attributes, sensitive: new Set(), dependsOn, place: `${place} ${address}` });
    }
  });
  return { instances, problems };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
