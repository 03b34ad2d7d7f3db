import { Router } from 'express';
import { assessImpact, type AnalysisSettings } from '../../impact/assessImpact.ts';
import { traceUpstream } from '../../impact/traceUpstream.ts';
import type { GraphStore } from '../../store/GraphStore.ts';

/** Impact analysis (change view) and upstream analysis (incident view). */
export function analysisRoutes(store: GraphStore, settings: AnalysisSettings): Router {
  const router = Router();
  router.post('/impact', async (req, res) => {
    res.json(await assessImpact(store, req.body, settings));
  });
  router.post('/upstream', async (req, res) => {
    res.json(await traceUpstream(store, req.body, settings));
  });
  return router;
}
