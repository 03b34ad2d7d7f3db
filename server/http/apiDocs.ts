import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { RouteSpec } from './api/defineRoute.ts';
import { openApiDocument } from './api/openApiDocument.ts';
import { publicRoute } from './api/publicRoute.ts';

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The reference page: Swagger UI from the installed package (no CDN), reading our own document. */
const referencePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Trellis API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body></html>
`;
const startScript = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, withCredentials: true });\n`;

/**
 * `/api/v1/openapi.json` (the OpenAPI 3.1 document, built once from the route
 * specs) and `/api/docs` (a browsable reference served from the installed
 * Swagger UI package). Both are public: they describe the API, not the estate.
 */
export function apiDocs(specs: readonly RouteSpec[], version: string): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument(specs, version));
  const why = 'the API reference describes the API, not the estate';
  router.get('/api/v1/openapi.json', publicRoute(why, (_req, res) => {
    res.type('application/json').send(document);
  }));
  router.get('/api/docs', publicRoute(why, (_req, res) => {
    res.type('html').send(referencePage);
  }));
  router.get('/api/docs/start.js', publicRoute(why, (_req, res) => {
    res.type('application/javascript').send(startScript);
  }));
  router.use('/api/docs/assets', express.static(swaggerUiDir, { index: false, maxAge: '1d', fallthrough: false }));
  return router;
}
