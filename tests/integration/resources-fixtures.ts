import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { resources } from "@/db/schema";
import { buildDataset } from "@/lib/csv/dataset";
import { churnCsv } from "@/lib/ml/churn";
import { trainTree } from "@/lib/ml/train";
import { db } from "../factories";

export const CHURN_INPUTS = ["membership_months", "visits_per_week", "age", "plan"];

export function csvFile(content: string | Uint8Array, name = "data.csv"): File {
  return new File([content as BlobPart], name, { type: "text/csv" });
}

/** A dataset row written straight to the database, for tests about what happens to it next. */
export async function insertDataset(projectId: string, createdBy: string | null, csv = churnCsv(80, 7), name = "Churn sample") {
  const built = buildDataset(new TextEncoder().encode(csv), `${name}.csv`);
  const [row] = await (await db())
    .insert(resources)
    .values({ projectId, kind: "dataset", name, metadata: built.metadata, payload: built.payload, createdBy })
    .returning();
  return row;
}

export async function insertModel(projectId: string, createdBy: string | null, dataset?: { id: string; name: string; metadata: unknown; payload: unknown }) {
  const ds = dataset ?? (await insertDataset(projectId, createdBy));
  const meta = ds.metadata as ReturnType<typeof buildDataset>["metadata"];
  const data = ds.payload as ReturnType<typeof buildDataset>["payload"];
  const trained = trainTree({ columns: meta.columns, rows: data.rows }, { target: "churned", inputs: CHURN_INPUTS });
  const [row] = await (await db())
    .insert(resources)
    .values({
      projectId, kind: "model", name: "Churn tree", sourceId: ds.id, createdBy, payload: trained.payload,
      metadata: { algorithm: "CART", task: trained.payload.task, target: "churned", inputs: CHURN_INPUTS, datasetId: ds.id, datasetName: ds.name,
        seed: trained.seed, maxDepth: trained.maxDepth, minSamples: trained.minSamples, trainRows: trained.trainRows, testRows: trained.testRows, metrics: trained.metrics },
    })
    .returning();
  return row;
}

export async function insertEndpoint(projectId: string, createdBy: string | null, model: { id: string; payload: unknown }) {
  const [row] = await (await db())
    .insert(resources)
    .values({ projectId, kind: "endpoint", name: "Churn endpoint", sourceId: model.id, createdBy, payload: model.payload, metadata: { status: "live", modelId: model.id } })
    .returning();
  return row;
}

export const PREDICT_INPUT = { x0: "3", x1: "0.5", x2: "30", x3: "basic" };

export async function resourceCount(projectId: string, kind?: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    await db(),
    sql`select count(*)::int as n from resources where project_id = ${projectId}::uuid ${kind ? sql`and kind = ${kind}` : sql``}`,
  );
  return row.n;
}

export async function auditCount(orgId: string, action: string, targetId?: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    await db(),
    sql`select count(*)::int as n from audit_events where org_id = ${orgId}::uuid and action = ${action} ${targetId ? sql`and target_id = ${targetId}` : sql``}`,
  );
  return row.n;
}

export async function projectOf(resourceId: string): Promise<string | null> {
  const [row] = await rows<{ project_id: string }>(await db(), sql`select project_id from resources where id = ${resourceId}::uuid`);
  return row?.project_id ?? null;
}
