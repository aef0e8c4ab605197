"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import { TrainError } from "@/lib/ml/errors";
import { predictOne } from "@/lib/ml/predict";
import type { ModelPayload } from "@/lib/ml/types";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { auditTarget, idSchema, projectIdSchema, lockResource, urls } from "./shared";

// The input fields are named x0, x1, … after the model's inputs, whatever the column names are.
const Input = z.looseObject({ projectId: projectIdSchema, resourceId: idSchema });

export const predictAction = projectAction(Input, "resource.predict", async (input, { tx, user, access, auditProject }) => {
  const source = await lockResource(tx, access.project.id, input.resourceId, ["model", "endpoint"]);
  const model = source.payload as ModelPayload;
  const values: Record<string, string> = {};
  model.inputs.forEach((field, i) => {
    const raw = input[`x${i}`];
    values[field.name] = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
  });
  let output;
  try {
    output = predictOne(model, values);
  } catch (err) {
    if (err instanceof TrainError) throw fieldError(err.field, err.message);
    throw err;
  }
  const name = `${model.target} = ${output.prediction}`;
  const [row] = await tx
    .insert(resources)
    .values({
      projectId: access.project.id, kind: "prediction", name,
      metadata: { input: values, target: model.target, ...output, via: source.kind, sourceName: source.name },
      sourceId: source.id, createdBy: user.id,
    })
    .returning({ id: resources.id });
  await auditProject({
    action: "prediction.create", ...auditTarget({ id: row.id, name, kind: "prediction" }),
    after: { via: source.kind, source: source.name, input: values, ...output },
  });
  return { id: row.id, ...output, target: model.target, url: urls(access).resource(row.id) };
});
