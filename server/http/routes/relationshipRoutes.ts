import { Router } from 'express';
import { z } from 'zod';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { relationshipTypeSchema } from '../../../schema/relationships.ts';
import { saveRelationship } from '../../catalog/saveRelationship.ts';
import { withdrawRelationship } from '../../catalog/withdrawRelationship.ts';
import { NotFoundError } from '../../errors.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { parseOrThrow } from '../../validation.ts';
import { writeContextOf } from '../requestContext.ts';

const listQuerySchema = z.object({ ci: ciIdSchema, type: relationshipTypeSchema.optional() });

/** Relationships under /api/v1/relationships, identified by (from, type, to). */
export function relationshipRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parseOrThrow(listQuerySchema, req.query, 'query');
    if (!(await store.findCI(query.ci))) throw new NotFoundError(`CI "${query.ci}" does not exist`, [query.ci]);
    res.json({ items: await store.listRelationshipsOf(query.ci, query.type && [query.type]) });
  });
  router.post('/', async (req, res) => {
    const { relationship, result } = await saveRelationship(store, req.body, writeContextOf(req));
    res.status(result.created ? 201 : 200).json(relationship);
  });
  router.delete('/', async (req, res) => {
    await withdrawRelationship(store, { ...req.query, ...req.body }, writeContextOf(req));
    res.status(204).end();
  });
  return router;
}
