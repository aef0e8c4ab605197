import type { resourceKind } from "@/db/schema";

export type ResourceKind = (typeof resourceKind.enumValues)[number];
// Spelled out rather than read from the schema, so client components do not bundle drizzle.
export const RESOURCE_KINDS = ["dataset", "model", "run", "endpoint", "prediction"] as const satisfies readonly ResourceKind[];

export const KIND_LABELS: Record<ResourceKind, { one: string; many: string }> = {
  dataset: { one: "Dataset", many: "Datasets" },
  model: { one: "Model", many: "Models" },
  run: { one: "Experiment run", many: "Experiment runs" },
  endpoint: { one: "Endpoint", many: "Endpoints" },
  prediction: { one: "Prediction", many: "Predictions" },
};

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === "string" && (RESOURCE_KINDS as readonly string[]).includes(value);
}

export function projectPath(orgSlug: string, projectSlug: string): string {
  return `/${orgSlug}/${projectSlug}`;
}

export function resourcePath(orgSlug: string, projectSlug: string, resourceId: string): string {
  return `/${orgSlug}/${projectSlug}/r/${resourceId}`;
}
