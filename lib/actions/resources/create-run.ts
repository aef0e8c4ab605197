"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import type { ModelMetadata } from "@/lib/ml/types";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { modelRunValues, parseRunLines } from "./run-fields";
import { auditTarget, projectIdSchema, lockResource, resourceDescriptionSchema, resourceNameSchema, urls } from "./shared";

const Input = z.object({
  projectId: projectIdSchema,
  name: resourceNameSchema,
  description: resourceDescriptionSchema,
  modelId: z.string().trim().default(""),
  params: z.string().max(10_000).default(""),
  metrics: z.string().max(10_000).default(""),
});

export const createRunAction = projectAction(Input, "resource.write", async (input, { tx, user, access, auditProject }) => {
  const entered = { params: parseRunLines("params", input.params), metrics: parseRunLines("metrics", input.metrics) };
  let fromModel = { params: {}, metrics: {} };
  let model = null;
  if (input.modelId) {
    model = await lockResource(tx, access.project.id, input.modelId, ["model"]).catch(() => {
      throw fieldError("modelId", "Choose a model of this project.");
    });
    fromModel = modelRunValues(model.metadata as ModelMetadata);
  }
  // What the user typed wins over what the model recorded, so a run can correct or add to it.
  const params = { ...fromModel.params, ...entered.params };
  const metrics = { ...fromModel.metrics, ...entered.metrics };
  if (!model && Object.keys(params).length + Object.keys(metrics).length === 0) {
    throw fieldError("params", "Enter at least one parameter or metric, or take them from a model.");
  }
  const [row] = await tx
    .insert(resources)
    .values({
      projectId: access.project.id, kind: "run", name: input.name, description: input.description,
      metadata: { params, metrics, modelId: model?.id ?? null, modelName: model?.name ?? null },
      sourceId: model?.id ?? null, createdBy: user.id,
    })
    .returning({ id: resources.id });
  await auditProject({
    action: "resource.create", ...auditTarget({ id: row.id, name: input.name, kind: "run" }),
    after: { kind: "run", project: access.project.name, params, metrics },
  });
  return { id: row.id, redirectTo: urls(access).resource(row.id) };
});
