import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/validation/ids";

/**
 * The project a resource id belongs to, so the caller's access can be checked there. Tells
 * nothing by itself: every caller then answers "not found" alike for a project they cannot see.
 */
export async function resourceProjectId(resourceId: string): Promise<string | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) return null;
  const [row] = await rows<{ project_id: string }>(await getDb(), sql`select project_id from resources where id = ${resourceId}::uuid`);
  return row?.project_id ?? null;
}

/** A model's (or endpoint's) input column names in order, to turn named values into the form's fields. */
export async function modelInputNames(resourceId: string): Promise<string[]> {
  const [row] = await rows<{ inputs: { name: string }[] | null }>(
    await getDb(),
    sql`select payload->'inputs' as inputs from resources where id = ${resourceId}::uuid and kind in ('model', 'endpoint')`,
  );
  return (row?.inputs ?? []).map((i) => i.name);
}

/** A dataset's column names, when it is a dataset of this project; empty otherwise. */
export async function datasetColumnNames(projectId: string, datasetId: string): Promise<string[]> {
  if (!isUuid(projectId) || !isUuid(datasetId)) return [];
  const [row] = await rows<{ columns: { name: string }[] | null }>(
    await getDb(),
    sql`select metadata->'columns' as columns from resources
        where id = ${datasetId}::uuid and project_id = ${projectId}::uuid and kind = 'dataset'`,
  );
  return (row?.columns ?? []).map((c) => c.name);
}
