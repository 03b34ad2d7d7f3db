import { z } from 'zod';
import { changeEffects, changeStates, changeTypes, type ChangeRecord, type ChangeTransition } from '../changes.ts';
import { mirror } from './mirror.ts';

/** Response bodies of change records (`/api/v1/changes`). */

const isoTime = () => z.iso.datetime({ offset: true });

export const changeTransitionSchema = mirror<ChangeTransition>()(
  z.object({
    from: z.enum(changeStates),
    to: z.enum(changeStates),
    by: z.string().meta({ description: 'Who moved it, as authentication proved it.' }),
    at: isoTime(),
    comment: z.string(),
  }).meta({ id: 'ChangeTransition', description: 'One move of a change along its lifecycle.' }),
);

export const changeRecordSchema = mirror<ChangeRecord>()(
  z.object({
    id: z.string().meta({ description: 'CHG-<n>.' }),
    state: z.enum(changeStates),
    title: z.string(),
    description: z.string(),
    type: z.enum(changeTypes),
    targets: z.array(z.object({ id: z.string(), effect: z.enum(changeEffects) })),
    window: z.object({ start: isoTime(), end: isoTime(), timeZone: z.string() }),
    implementationPlan: z.string(),
    rollbackPlan: z.string(),
    testEvidence: z.string(),
    rollbackTested: z.boolean(),
    template: z.string().optional(),
    requester: z.string().meta({ description: 'Who asked for it, as authentication proved it.' }),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    transitions: z.array(changeTransitionSchema),
  }).meta({ id: 'ChangeRecord', description: 'A change record: what is asked, by whom, and every move of its lifecycle.' }),
);

export const changeListSchema = z.object({
  items: z.array(changeRecordSchema),
  nextCursor: z.string().optional(),
}).meta({ id: 'ChangeList', description: 'One page of change records, newest first.' });
