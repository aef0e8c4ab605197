import type { Executor } from "./client";
import { resources } from "./schema";
import { buildDataset } from "../lib/csv/dataset";
import { churnCsv } from "../lib/ml/churn";
import { predictOne } from "../lib/ml/predict";
import { trainTree } from "../lib/ml/train";
import type { ModelMetadata } from "../lib/ml/types";

const INPUTS = ["membership_months", "visits_per_week", "age", "plan"];

const MEMBERS_TO_SCORE: Record<string, string>[] = [
  { membership_months: "2", visits_per_week: "0.5", age: "29", plan: "basic" },
  { membership_months: "36", visits_per_week: "4.5", age: "41", plan: "premium" },
  { membership_months: "10", visits_per_week: "2", age: "58", plan: "standard" },
];

/**
 * The churn example in "Gym Membership Retention": the generated member file as a dataset, a
 * decision tree trained on it, a run recording that training, an endpoint serving it, and a few
 * scored members. Everything is computed by the same code the app runs, from a fixed seed.
 */
export async function seedGymResources(
  tx: Executor,
  ids: { projectId: string; users: Record<string, string> },
): Promise<void> {
  const csv = churnCsv();
  const dataset = buildDataset(new TextEncoder().encode(csv), "gym-membership-churn.csv");
  const [ds] = await tx
    .insert(resources)
    .values({
      projectId: ids.projectId, kind: "dataset", name: "Gym membership churn",
      description: "One row per member: how long they have been a member, visits per week, age, plan, and whether they cancelled.",
      metadata: dataset.metadata, payload: dataset.payload, createdBy: ids.users.dlee,
    })
    .returning({ id: resources.id });

  const trained = trainTree({ columns: dataset.metadata.columns, rows: dataset.payload.rows }, { target: "churned", inputs: INPUTS });
  const metadata: ModelMetadata = {
    algorithm: "CART decision tree (ml-cart)", task: trained.payload.task, target: "churned", inputs: INPUTS,
    datasetId: ds.id, datasetName: "Gym membership churn", seed: trained.seed, maxDepth: trained.maxDepth,
    minSamples: trained.minSamples, trainRows: trained.trainRows, testRows: trained.testRows, metrics: trained.metrics,
  };
  const [model] = await tx
    .insert(resources)
    .values({
      projectId: ids.projectId, kind: "model", name: "Churn decision tree", description: "Who is about to cancel, and why.",
      metadata, payload: trained.payload, sourceId: ds.id, createdBy: ids.users.dlee,
    })
    .returning({ id: resources.id });

  await tx.insert(resources).values({
    projectId: ids.projectId, kind: "run", name: "Churn tree, depth 4", createdBy: ids.users.emiller, sourceId: model.id,
    metadata: {
      modelId: model.id, modelName: "Churn decision tree",
      params: { algorithm: metadata.algorithm, target: "churned", inputs: INPUTS.join(", "), max_depth: trained.maxDepth, min_samples: trained.minSamples, seed: trained.seed, train_rows: trained.trainRows, test_rows: trained.testRows },
      metrics: { holdout_accuracy: trained.metrics.holdoutAccuracy ?? 0, baseline_accuracy: trained.metrics.baselineAccuracy ?? 0 },
    },
  });

  const [endpoint] = await tx
    .insert(resources)
    .values({
      projectId: ids.projectId, kind: "endpoint", name: "Churn scoring endpoint", createdBy: ids.users.amartin, sourceId: model.id,
      metadata: { status: "live", modelId: model.id, modelName: "Churn decision tree", fromRunId: null, task: metadata.task, target: "churned", inputs: INPUTS, metrics: trained.metrics },
      payload: trained.payload,
    })
    .returning({ id: resources.id });

  for (const [i, input] of MEMBERS_TO_SCORE.entries()) {
    const output = predictOne(trained.payload, input);
    const viaEndpoint = i > 0;
    await tx.insert(resources).values({
      projectId: ids.projectId, kind: "prediction", name: `churned = ${output.prediction}`,
      createdBy: viaEndpoint ? ids.users.fgarcia : ids.users.dlee,
      sourceId: viaEndpoint ? endpoint.id : model.id,
      metadata: { input, target: "churned", ...output, via: viaEndpoint ? "endpoint" : "model", sourceName: viaEndpoint ? "Churn scoring endpoint" : "Churn decision tree" },
    });
  }
}
