"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { resources } from "@/db/schema";
import type { ModelMetadata, ModelPayload } from "@/lib/ml/types";
import { ActionError } from "../result";
import { projectAction } from "../safe-action";
import { auditTarget, idSchema, projectIdSchema, lockResource, urls } from "./shared";

const Input = z.object({
  projectId: projectIdSchema,
  resourceId: idSchema,
  name: z.string().trim().max(120, "Name must be at most 120 characters.").default(""),
});

/**
 * An endpoint serves a frozen copy of the model, as a deployment does: retraining, moving or
 * deleting the model later does not change what the endpoint answers.
 */
export const deployAction = projectAction(Input, "resource.deploy", async (input, { tx, user, access, auditProject }) => {
  const source = await lockResource(tx, access.project.id, input.resourceId, ["model", "run"]);
  let model = source;
  if (source.kind === "run") {
    const [found] = source.sourceId
      ? await tx.select().from(resources).where(and(eq(resources.id, source.sourceId), eq(resources.projectId, access.project.id), eq(resources.kind, "model")))
      : [];
    if (!found) throw new ActionError("This run records no model of this project, so there is nothing to deploy. Create the run from a trained model.", 422);
    model = found;
  }
  const meta = model.metadata as ModelMetadata;
  const name = input.name || `${model.name} endpoint`;
  const [row] = await tx
    .insert(resources)
    .values({
      projectId: access.project.id, kind: "endpoint", name,
      metadata: {
        status: "live", modelId: model.id, modelName: model.name, fromRunId: source.kind === "run" ? source.id : null,
        task: meta.task, target: meta.target, inputs: meta.inputs, metrics: meta.metrics,
      },
      payload: model.payload as ModelPayload,
      sourceId: source.id, createdBy: user.id,
    })
    .returning({ id: resources.id });
  await auditProject({
    action: "resource.deploy", ...auditTarget({ id: row.id, name, kind: "endpoint" }),
    after: { from: { kind: source.kind, name: source.name }, model: model.name },
  });
  return { id: row.id, redirectTo: urls(access).resource(row.id) };
});
