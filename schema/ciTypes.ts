import { z } from 'zod';

/**
 * The CI types of the graph and the attributes each one knows. Attributes not
 * listed here are kept as they are (loose objects): the schema validates what it
 * knows and never drops what it does not.
 */

/** Where a CI is in its life: planned, in service, or retired. */
export const lifecycleSchema = z.enum(['planned', 'live', 'retired']);

/** A way to reach a person or a desk; at least one channel is required. */
export const contactSchema = z
  .looseObject({
    name: z.string().max(200).optional(),
    role: z.string().max(200).optional(),
    email: z.string().email().optional(),
    phone: z.string().max(50).optional(),
    chat: z.string().max(200).optional(),
    url: z.string().url().optional(),
  })
  .refine((c) => c.email || c.phone || c.chat || c.url, 'a contact needs an email, phone, chat or url');

const dateSchema = z.iso.date();
const common = {
  description: z.string().max(5000).optional(),
  lifecycle: lifecycleSchema.optional(),
};

/** Service level of a service: the availability target and the hours it is supported. */
export const slaSchema = z.looseObject({
  availabilityPercent: z.number().min(0).max(100),
  supportHours: z.enum(['24x7', 'business-hours', 'extended-hours']).or(z.string().max(100)),
  responseTargetMinutes: z.number().int().positive().optional(),
  resolutionTargetMinutes: z.number().int().positive().optional(),
});

/** A service delivered to users (business) or to other services (technical). */
export const serviceAttributesSchema = z.looseObject({
  ...common,
  /** 1 is most critical, 4 least. */
  criticality: z.number().int().min(1).max(4).optional(),
  kind: z.enum(['business', 'technical']).optional(),
  sla: slaSchema.optional(),
});

/** Kinds of component the importers and the explorer know by name. */
export const componentKinds = [
  'application', 'database', 'queue', 'cache', 'host', 'container', 'cluster', 'function',
  'storage', 'network', 'load_balancer', 'dns', 'cdn', 'api', 'certificate', 'identity',
  'secret_store', 'monitoring', 'cloud_resource', 'other',
] as const;

/** A technical building block: a host, a database, a queue, a cloud resource... */
export const componentAttributesSchema = z.looseObject({
  ...common,
  kind: z.enum(componentKinds).optional(),
  environment: z.string().max(100).optional(),
  provider: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  account: z.string().max(200).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** A company that supplies components or services under contract. */
export const supplierAttributesSchema = z.looseObject({
  ...common,
  contacts: z.array(contactSchema).optional(),
  website: z.string().url().optional(),
});

/** Kinds of contract: underpinning contract, support, license, operational level agreement. */
export const contractKinds = ['underpinning', 'support', 'license', 'ola'] as const;

/** An agreement with a supplier (or an internal team, for an OLA). */
export const contractAttributesSchema = z
  .looseObject({
    ...common,
    kind: z.enum(contractKinds).optional(),
    reference: z.string().max(200).optional(),
    start: dateSchema.optional(),
    end: dateSchema.optional(),
    responseTargetMinutes: z.number().int().positive().optional(),
    resolutionTargetMinutes: z.number().int().positive().optional(),
    renewalNoticeDays: z.number().int().nonnegative().optional(),
  })
  .refine((c) => !(c.start && c.end) || c.start <= c.end, { message: 'end is before start', path: ['end'] });

/** One step of a team's escalation ladder. */
export const escalationStepSchema = z.looseObject({
  level: z.number().int().positive(),
  afterMinutes: z.number().int().nonnegative(),
  contact: contactSchema,
});

/** A team that owns or supports CIs, with how to reach it at 3 a.m. */
export const teamAttributesSchema = z.looseObject({
  ...common,
  contacts: z.array(contactSchema).optional(),
  onCall: z.looseObject({ schedule: z.string().max(200).optional(), contact: contactSchema.optional() }).optional(),
  escalation: z.array(escalationStepSchema).optional(),
});

/** A set of interchangeable members; it fails when fewer than `minHealthy` are up. */
export const redundancyGroupAttributesSchema = z.looseObject({
  ...common,
  minHealthy: z.number().int().min(1).optional(),
});

/** Attribute schema of each CI type; the keys are the allowlist of CI types (and Neo4j labels). */
export const ciAttributeSchemas = {
  Service: serviceAttributesSchema,
  Component: componentAttributesSchema,
  Supplier: supplierAttributesSchema,
  Contract: contractAttributesSchema,
  Team: teamAttributesSchema,
  RedundancyGroup: redundancyGroupAttributesSchema,
} as const;

/** Every CI type, in display order. */
export const ciTypes = Object.keys(ciAttributeSchemas) as CIType[];

/** The name of a CI type. */
export type CIType = keyof typeof ciAttributeSchemas;

/** zod schema of a CI type name. */
export const ciTypeSchema = z.enum(Object.keys(ciAttributeSchemas) as [CIType, ...CIType[]]);

/** Inferred attribute types, for code that reads known attributes. */
export type ServiceAttributes = z.infer<typeof serviceAttributesSchema>;
export type ComponentAttributes = z.infer<typeof componentAttributesSchema>;
export type SupplierAttributes = z.infer<typeof supplierAttributesSchema>;
export type ContractAttributes = z.infer<typeof contractAttributesSchema>;
export type TeamAttributes = z.infer<typeof teamAttributesSchema>;
export type RedundancyGroupAttributes = z.infer<typeof redundancyGroupAttributesSchema>;
