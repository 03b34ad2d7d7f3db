import { z } from 'zod';
import { changeEffects } from './changes.ts';
import { riskClasses } from './changeRisk.ts';
import { ciTypeSchema, componentKinds } from './ciTypes.ts';
import { ciIdSchema } from './identifiers.ts';
import { wellFormedText } from './text.ts';

/**
 * Standard-change templates (ITIL 4: low risk, pre-approved, repeatable). A
 * change manager records what the template allows; a standard change that
 * follows it is approved on submit when its assessment stays within it, and
 * refused as standard otherwise.
 */
export const changeTemplateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and "-" (1-63)'),
  name: wellFormedText(200).regex(/\S/, 'a name is required'),
  description: wellFormedText(4000).default('').meta({ description: 'What the change does and why it is safe to repeat.' }),
  targets: z.array(ciIdSchema).min(1).max(1000).optional().meta({ description: 'The CIs it may target; absent: any CI of the types below.' }),
  ciTypes: z.array(ciTypeSchema).min(1).max(10).optional().meta({ description: 'The CI types it may target; absent: only the CIs listed in targets.' }),
  kinds: z.array(z.enum(componentKinds)).min(1).max(componentKinds.length).optional().meta({ description: 'With ciTypes [Component]: the component kinds it may target.' }),
  effects: z.array(z.enum(changeEffects)).min(1).max(2).default(['degraded']).meta({ description: 'What it may do to its targets; by default it only degrades them.' }),
  maxRisk: z.enum(riskClasses).default('low').meta({ description: 'The highest risk class its assessment may reach.' }),
}).refine((template) => template.targets !== undefined || template.ciTypes !== undefined, {
  message: 'a template names the CIs (targets) or the CI types (ciTypes) it may target', path: ['targets'],
});
export type ChangeTemplate = z.output<typeof changeTemplateSchema>;
