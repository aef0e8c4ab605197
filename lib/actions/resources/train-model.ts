"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import type { DatasetMetadata, DatasetPayload } from "@/lib/csv/dataset";
import { TrainError } from "@/lib/ml/errors";
import { trainTree } from "@/lib/ml/train";
import type { ModelMetadata } from "@/lib/ml/types";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { auditTarget, projectIdSchema, lockResource, resourceDescriptionSchema, urls } from "./shared";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const Input = z.object({
  projectId: projectIdSchema,
  datasetId: z.string().trim().min(1, "Choose a dataset."),
  name: z.string().trim().max(120, "Name must be at most 120 characters.").default(""),
  description: resourceDescriptionSchema,
  target: z.string().min(1, "Choose the column to predict."),
  inputs: list,
  maxDepth: z.coerce.number({ error: "Enter a depth." }).int("Depth must be a whole number.").min(1, "Depth must be 1 to 8.").max(8, "Depth must be 1 to 8.").default(4),
});

export const trainModelAction = projectAction(Input, "resource.write", async (input, { tx, user, access, auditProject }) => {
  const dataset = await lockResource(tx, access.project.id, input.datasetId, ["dataset"]).catch(() => {
    throw fieldError("datasetId", "Choose a dataset of this project.");
  });
  const meta = dataset.metadata as DatasetMetadata;
  const data = dataset.payload as DatasetPayload;
  let trained;
  const started = performance.now();
  try {
    trained = trainTree({ columns: meta.columns, rows: data.rows }, { target: input.target, inputs: input.inputs, maxDepth: input.maxDepth });
  } catch (err) {
    if (err instanceof TrainError) throw fieldError(err.field, err.message);
    throw err;
  }
  const name = input.name || `${dataset.name}: ${input.target} tree`;
  const metadata: ModelMetadata = {
    algorithm: "CART decision tree (ml-cart)",
    task: trained.payload.task,
    target: input.target,
    inputs: input.inputs,
    datasetId: dataset.id,
    datasetName: dataset.name,
    seed: trained.seed,
    maxDepth: trained.maxDepth,
    minSamples: trained.minSamples,
    trainRows: trained.trainRows,
    testRows: trained.testRows,
    trainMs: Math.round(performance.now() - started),
    metrics: trained.metrics,
  };
  const [row] = await tx
    .insert(resources)
    .values({
      projectId: access.project.id, kind: "model", name, description: input.description,
      metadata, payload: trained.payload, sourceId: dataset.id, createdBy: user.id,
    })
    .returning({ id: resources.id });
  await auditProject({
    action: "resource.create", ...auditTarget({ id: row.id, name, kind: "model" }),
    after: { kind: "model", project: access.project.name, dataset: dataset.name, target: input.target, metrics: trained.metrics },
  });
  return { id: row.id, metrics: trained.metrics, redirectTo: urls(access).resource(row.id) };
});
