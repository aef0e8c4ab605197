"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import type { DatasetMetadata, DatasetPayload } from "@/lib/csv/dataset";
import { TrainError } from "@/lib/ml/errors";
import { trainTree } from "@/lib/ml/train";
import type { ModelMetadata } from "@/lib/ml/types";
import { fieldError } from "../result";
import { projectAction, type PrepareContext } from "../safe-action";
import { auditTarget, keepResource, projectIdSchema, readResource, resourceDescriptionSchema, urls } from "./shared";

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

type Input = z.output<typeof Input>;

const notADatasetHere = () => fieldError("datasetId", "Choose a dataset of this project.");

/**
 * Reads the dataset's rows and trains, up to seconds of CPU, before the transaction: nothing is
 * locked meanwhile, and the dataset is only read (a concurrent delete is caught at the insert).
 */
async function train(input: Input, { db, access }: PrepareContext) {
  const dataset = await readResource(db, access.project.id, input.datasetId, ["dataset"]).catch(() => {
    throw notADatasetHere();
  });
  const meta = dataset.metadata as DatasetMetadata;
  const data = dataset.payload as DatasetPayload;
  const started = performance.now();
  try {
    const trained = trainTree({ columns: meta.columns, rows: data.rows }, { target: input.target, inputs: input.inputs, maxDepth: input.maxDepth });
    return { trained, trainMs: Math.round(performance.now() - started) };
  } catch (err) {
    if (err instanceof TrainError) throw fieldError(err.field, err.message);
    throw err;
  }
}

export const trainModelAction = projectAction(
  Input,
  "resource.write",
  async (input, { tx, user, access, auditProject, prepared: { trained, trainMs } }) => {
    // The rows were read without a lock: the dataset must still be this project's when the model points at it.
    const dataset = await keepResource(tx, access.project.id, input.datasetId, ["dataset"]).catch(() => {
      throw notADatasetHere();
    });
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
      trainMs,
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
  },
  { prepare: train },
);
