"use server";

import { z } from "zod";
import { resources } from "@/db/schema";
import { keepsPredictions } from "@/lib/authz/kept-predictions";
import { tokenReachRefusal } from "@/lib/authz/token-reach";
import { TrainError } from "@/lib/ml/errors";
import { predictOne } from "@/lib/ml/predict";
import type { ModelPayload, PredictionOutput } from "@/lib/ml/types";
import { fieldError } from "../result";
import { Answered, projectAction, type PrepareContext } from "../safe-action";
import { auditTarget, idSchema, keepResource, projectIdSchema, readResource, urls } from "./shared";

// The input fields are named x0, x1, … after the model's inputs, whatever the column names are.
const Input = z.looseObject({ projectId: projectIdSchema, resourceId: idSchema });
type Input = z.output<typeof Input>;

export type PredictResult = PredictionOutput & { target: string } & (
  | { stored: true; id: string; url: string }
  | { stored: false; why: string }
);

const NOT_KEPT = "Not saved: only the organization's members and the project's collaborators keep their predictions.";

interface Computed {
  source: { id: string; name: string; kind: string };
  values: Record<string, string>;
  output: PredictionOutput;
  target: string;
}

/** The model is read and the answer computed outside any transaction: predicting is a read. */
async function compute(input: Input, { db, caller, access }: PrepareContext): Promise<Computed | Answered<PredictResult>> {
  const source = await readResource(db, access.project.id, input.resourceId, ["model", "endpoint"]);
  const model = source.payload as ModelPayload;
  const values: Record<string, string> = {};
  model.inputs.forEach((field, i) => {
    const raw = input[`x${i}`];
    values[field.name] = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
  });
  let output: PredictionOutput;
  try {
    output = predictOne(model, values);
  } catch (err) {
    if (err instanceof TrainError) throw fieldError(err.field, err.message);
    throw err;
  }
  const computed: Computed = { source: { id: source.id, name: source.name, kind: source.kind }, values, output, target: model.target };
  // A token that may not write (read-only) gets the answer as any other read.
  const tokenWhy = caller.token ? await tokenReachRefusal(db, caller.token, access.org.id, true) : null;
  if (tokenWhy) return new Answered<PredictResult>(unstored(computed, `Not saved. ${tokenWhy}`));
  if (!keepsPredictions(access)) return new Answered<PredictResult>(unstored(computed, NOT_KEPT));
  return computed;
}

function unstored({ output, target }: Computed, why: string): PredictResult {
  return { stored: false, why, target, ...output };
}

export const predictAction = projectAction(
  Input,
  "resource.predict",
  async (_input, { tx, user, access, auditProject, prepared }): Promise<PredictResult> => {
    // Access is re-read under the key-share locks: someone who stopped being a member or
    // collaborator meanwhile, and still reads the public project, gets the answer unstored.
    if (!keepsPredictions(access)) return unstored(prepared, NOT_KEPT);
    const { source, values, output, target } = prepared;
    await keepResource(tx, access.project.id, source.id, ["model", "endpoint"]);
    const name = `${target} = ${output.prediction}`;
    const [row] = await tx
      .insert(resources)
      .values({
        projectId: access.project.id, kind: "prediction", name,
        metadata: { input: values, target, ...output, via: source.kind, sourceName: source.name },
        sourceId: source.id, createdBy: user.id,
      })
      .returning({ id: resources.id });
    await auditProject({
      action: "prediction.create", ...auditTarget({ id: row.id, name, kind: "prediction" }),
      after: { via: source.kind, source: source.name, input: values, ...output },
    });
    return { stored: true, id: row.id, ...output, target, url: urls(access).resource(row.id) };
  },
  { prepare: compute, read: true },
);
