import type { Express } from 'express';
import type { RouteSpec } from '../../server/http/api/defineRoute.ts';

/** A route as the router holds it: its method, its express path, and the spec it was declared with. */
export interface MountedRoute {
  method: string;
  path: string;
  spec: RouteSpec;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { routeSpec?: RouteSpec; publicRoute?: string } }[] };
  handle?: { stack?: Layer[] };
}

/**
 * Every declared route mounted on an app, read from express's router itself
 * (not from the list that declared them), so a route added outside the
 * declarations would show up with no spec and fail the tests that use this.
 */
export function routesOfApp(app: Express): MountedRoute[] {
  const found: MountedRoute[] = [];
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
        const spec = layer.route.stack.map((s) => s.handle.routeSpec).find(Boolean);
        if (methods.length === 0) continue; // router.all: the 405 answer of a declared path
        if (!spec && layer.route.stack.some((s) => s.handle.publicRoute)) continue; // public on purpose, and says why
        for (const method of methods) {
          if (!spec) throw new Error(`${method.toUpperCase()} ${layer.route.path} is mounted without a route spec or a reason to be public`);
          found.push({ method, path: layer.route.path, spec });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}
