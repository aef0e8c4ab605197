import { z } from "zod";
import { orgRole, projectLevel, projectVisibility, tokenPermission } from "@/db/schema";
import { RESOURCE_KINDS } from "@/lib/resources/kinds";
import { colourSchema, colourValue, projectDescriptionSchema, projectDescriptionValue, projectNameSchema, tagsSchema, tagsValue, visibilitySchema } from "@/lib/validation/project";
import { projectListParams } from "@/lib/validation/project-list";
import { RESOURCE_PAGE_MAX, RESOURCE_PAGE_SIZE } from "@/lib/validation/resource-list";

// Request and response shapes of /api/v1. Request fields reuse the forms' own field schemas, so
// the API refuses what the forms refuse, with the same messages; the OpenAPI document is
// generated from these objects.

const id = z.uuid();
const timestamp = z.iso.datetime({ offset: true });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().describe("The same sentence the website's form shows."),
    errors: z.record(z.string(), z.array(z.string())).optional().describe("Messages per request field."),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });

export const WorkspaceSchema = z
  .object({
    id, slug: z.string(), displayName: z.string(), kind: z.enum(["personal", "team"]),
    role: z.enum(orgRole.enumValues), isDefault: z.boolean(),
  })
  .meta({ id: "Workspace" });

export const MeSchema = z
  .object({
    id, username: z.string(), email: z.string(), name: z.string().nullable(),
    defaultWorkspace: z.string().nullable().describe("Slug of the workspace calls without one use."),
    token: z
      .object({ name: z.string(), workspace: z.string().nullable(), permission: z.enum(tokenPermission.enumValues), expiresAt: timestamp.nullable() })
      .nullable()
      .describe("The token this call came with; null for the browser session."),
  })
  .meta({ id: "Me" });

export const ProjectSummarySchema = z
  .object({
    id, slug: z.string(), name: z.string(), description: z.string(), tags: z.array(z.string()), colour: z.string(),
    visibility: z.enum(projectVisibility.enumValues), level: z.enum(projectLevel.enumValues).describe("The caller's effective level."),
    counts: z.record(z.string(), z.int()).describe("Resources per kind."), updatedAt: timestamp,
  })
  .meta({ id: "ProjectSummary" });

export const ProjectSchema = z
  .object({
    id, workspace: z.string(), slug: z.string(), name: z.string(), description: z.string(), tags: z.array(z.string()),
    colour: z.string(), visibility: z.enum(projectVisibility.enumValues),
    level: z.enum(projectLevel.enumValues).nullable().describe("The caller's effective level."),
    createdAt: timestamp, updatedAt: timestamp,
  })
  .meta({ id: "Project" });

export const ResourceSchema = z
  .object({
    id, projectId: id, kind: z.enum(RESOURCE_KINDS), name: z.string(), description: z.string(),
    metadata: z.record(z.string(), z.unknown()).describe("Columns and row count of a dataset, metrics of a model, params and metrics of a run…"),
    creator: z.string().nullable(), createdAt: timestamp, updatedAt: timestamp,
  })
  .meta({ id: "Resource" });

export const MemberSchema = z
  .object({
    username: z.string(), name: z.string().nullable(), email: z.string().nullable().describe("Shown to project admins only."),
    orgRole: z.enum(orgRole.enumValues).nullable(), level: z.enum(projectLevel.enumValues).nullable(),
    via: z.array(z.string()).describe("Where the level comes from: org-admin, direct, team:<name>, baseline, public."),
  })
  .meta({ id: "Member" });

const predictionAnswer = {
  target: z.string(), prediction: z.union([z.string(), z.number()]),
  confidence: z.number().nullable().describe("The share of training rows in the leaf with the predicted class; null for regression."),
};

export const PredictionSchema = z
  .object({ id, stored: z.literal(true), ...predictionAnswer })
  .loose()
  .meta({ id: "Prediction" });

export const UnstoredPredictionSchema = z
  .object({ stored: z.literal(false), ...predictionAnswer, why: z.string() })
  .meta({ id: "UnstoredPrediction" });

const MEMBER_PAGE_MAX = 100;
const MEMBER_PAGE_SIZE = 50;

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const nextCursor = z.string().max(1000).optional().describe("From the previous page's `Link: <…>; rel=\"next\"` header.");

/** Every list's page size, refused in the same words whichever bound it breaks. */
function pageSize(max: number, byDefault: number) {
  const refusal = `Page size is a whole number from 1 to ${max}.`;
  return z.coerce
    .number({ error: refusal })
    .int(refusal)
    .min(1, refusal)
    .max(max, refusal)
    .optional()
    .describe(`Page size, default ${byDefault}, at most ${max}.`);
}

export const ProjectListQuery = projectListParams.extend({ cursor: nextCursor });

export const ResourceListQuery = z.object({
  kind: z.enum(RESOURCE_KINDS, { error: "Choose dataset, model, run, endpoint or prediction." }).optional(),
  cursor: nextCursor,
  limit: pageSize(RESOURCE_PAGE_MAX, RESOURCE_PAGE_SIZE),
});

export const MemberListQuery = z.object({ cursor: nextCursor, limit: pageSize(MEMBER_PAGE_MAX, MEMBER_PAGE_SIZE) });

export const CreateProjectBody = z.object({
  name: projectNameSchema, description: projectDescriptionSchema, tags: tagsSchema, colour: colourSchema,
  visibility: visibilitySchema.default("private"),
});

export const UpdateProjectBody = z.object({
  name: projectNameSchema.optional(), description: projectDescriptionValue.optional(), tags: tagsValue.optional(), colour: colourValue.optional(),
  visibility: visibilitySchema.optional().describe("`public` only where the organization allows public projects; `organization` not in a personal workspace."),
});

export const UploadDatasetBody = z.object({
  file: z.file({ error: "Choose a CSV file to upload." }).describe("The CSV file (at most 5 MB, UTF-8, comma or semicolon separated)."),
  name: z.string().max(120).optional(), description: z.string().max(2000).optional(),
});

export const TrainModelBody = z.object({
  datasetId: z.string({ error: "Choose a dataset." }).describe("A dataset of this project."),
  target: z.string({ error: "Choose the column to predict." }),
  inputs: z.array(z.string()).default([]).describe("Columns to learn from; empty: all the others."),
  maxDepth: z.int().min(1).max(8).optional(),
  name: z.string().max(120).optional(), description: z.string().max(2000).optional(),
});

const runKey = z.string().regex(/^[^=:\r\n]{1,60}$/, "Names are 1 to 60 characters, without “=”, “:” or line breaks.");

export const CreateRunBody = z.object({
  name: z.string({ error: "Enter a name." }), description: z.string().max(2000).optional(),
  modelId: z.string().optional().describe("Take params and metrics from this model of the project."),
  params: z.record(runKey, z.union([z.string().max(200), z.number()])).default({}),
  metrics: z.record(runKey, z.number()).default({}),
});

export const PredictBody = z.object({
  input: z.record(z.string(), z.union([z.string(), z.number()])).describe("A value per input column of the model, by column name."),
});
