import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";

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
