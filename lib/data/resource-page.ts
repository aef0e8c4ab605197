import "server-only";
import { sql } from "drizzle-orm";
import { plannedRows, type Executor } from "@/db/client";
import { getDb } from "@/lib/db";
import type { ResourceKind } from "@/lib/resources/kinds";
import { decodeCursor, encodeCursor, isPgTimestamp } from "@/lib/validation/cursor";
import { isUuid } from "@/lib/validation/ids";
import { RESOURCE_PAGE_MAX, RESOURCE_PAGE_SIZE } from "@/lib/validation/resource-list";
import { creatorColumns, toItem, type ListRow, type ResourceListItem } from "./resources";

export interface ResourcePage {
  items: ResourceListItem[];
  /** Where the next page starts, opaque to clients; null on the last page. */
  nextCursor: string | null;
}

// The tag keeps a cursor of another list (the project list's) from being read as one of these.
const TAG = "created";

/** A keyset position: the creation time of the last resource shown, as PostgreSQL wrote it (microseconds), and its id. */
interface Position { key: string; id: string }

function encodePosition(p: Position): string {
  return encodeCursor(TAG, [p.key, p.id]);
}

function decodePosition(cursor: string): Position | null {
  const keys = decodeCursor(cursor, TAG, 2);
  if (!keys || !isPgTimestamp(keys[0]) || !isUuid(keys[1])) return null;
  return { key: keys[0], id: keys[1] };
}

/** Whether a cursor is one this list hands out (the API refuses others with a 400 rather than guess). */
export function isResourceCursor(cursor: string): boolean {
  return decodePosition(cursor) !== null;
}

/**
 * One page of a project's resources, newest first, in one SQL statement: a keyset on
 * (created_at, id), so a page deep in the list costs what the first does and rows written
 * between two pages neither repeat nor go missing from the pages still to come.
 */
export async function listResourcePage(
  projectId: string,
  query: { kind?: ResourceKind; cursor?: string; limit?: number } = {},
  db?: Executor,
): Promise<ResourcePage> {
  const limit = Math.min(Math.max(query.limit ?? RESOURCE_PAGE_SIZE, 1), RESOURCE_PAGE_MAX);
  const after = query.cursor ? decodePosition(query.cursor) : null;
  const where = [sql`r.project_id = ${projectId}::uuid`];
  if (query.kind) where.push(sql`r.kind = ${query.kind}`);
  if (after) where.push(sql`(r.created_at, r.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const list = await plannedRows<ListRow & { created_key: string }>(
    db ?? (await getDb()),
    sql`select r.id, r.kind, r.name, r.description, r.metadata, r.created_at, r.updated_at, r.created_at::text as created_key, ${creatorColumns}
        from resources r join projects p on p.id = r.project_id left join users u on u.id = r.created_by
        where ${sql.join(where, sql` and `)}
        order by r.created_at desc, r.id desc
        limit ${limit + 1}`,
  );
  const last = list.length > limit ? list[limit - 1] : null;
  return {
    items: list.slice(0, limit).map(toItem),
    nextCursor: last ? encodePosition({ key: last.created_key, id: last.id }) : null,
  };
}
