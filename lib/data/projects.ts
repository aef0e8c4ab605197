import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { plannedRows, type Executor } from "@/db/client";
import type { ProjectLevel, Visibility } from "@/db/schema";
import { accessSourcesSql, NO_USER, RANK_LEVELS, visibleTagsSql } from "@/lib/authz/level-sql";
import { getDb } from "@/lib/db";
import { decodeCursor, encodeCursor, isPgTimestamp } from "@/lib/validation/cursor";
import { isUuid } from "@/lib/validation/ids";
import { containsPattern } from "./like";

export interface ProjectListItem {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
  colour: string;
  visibility: Visibility;
  level: ProjectLevel;
  counts: Record<string, number>;
  updatedAt: string;
}

export interface ProjectListQuery {
  q?: string;
  tag?: string;
  visibility?: Visibility;
  sort?: "name" | "updated";
  /** Where the previous page ended (`nextCursor`), opaque to clients. */
  cursor?: string;
  limit?: number;
}

export interface ProjectListPage {
  items: ProjectListItem[];
  nextCursor: string | null;
}

/** A keyset position: the sort key and id of the last project shown, in the sort it was made for. */
interface Position { sort: "name" | "updated"; key: string; id: string }

function encodePosition(p: Position): string {
  return encodeCursor(p.sort, [p.key, p.id]);
}

/** A cursor that does not decode, or was made for the other sort order, starts from the top. */
function decodePosition(cursor: string | undefined, sort: Position["sort"]): Position | null {
  const keys = decodeCursor(cursor, sort, 2);
  if (!keys) return null;
  const [key, id] = keys;
  if (!isUuid(id)) return null;
  if (sort === "updated" && !isPgTimestamp(key)) return null;
  return { sort, key, id };
}

/** Whether a cursor is one this list hands out for that sort (the API refuses others with a 400). */
export function isListCursor(cursor: string, sort: ProjectListQuery["sort"]): boolean {
  return decodePosition(cursor, sort === "updated" ? "updated" : "name") !== null;
}

/** The conditions every source of the list applies to `p`: the organization, the filters, the keyset. */
function listScope(orgId: string, query: ProjectListQuery, after: Position | null): SQL {
  const filters = [sql`p.org_id = ${orgId}::uuid`];
  if (query.q) filters.push(sql`p.name ilike ${containsPattern(query.q)}`);
  if (query.tag) filters.push(sql`p.tags @> array[${query.tag}]::text[]`);
  if (query.visibility) filters.push(sql`p.visibility = ${query.visibility}`);
  if (after?.sort === "name") filters.push(sql`(lower(p.name), p.id) > (${after.key}, ${after.id}::uuid)`);
  if (after?.sort === "updated") filters.push(sql`(p.updated_at, p.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  return sql.join(filters, sql` and `);
}

/**
 * One page of the projects this viewer may see in a workspace, in one SQL statement whatever
 * the number of projects, grants and resources: each source of access yields its own first page
 * from an index in the sort order (keyset, no OFFSET), and only that handful of rows is merged,
 * ranked and counted. Invisible projects never enter the union, so nothing about them reaches
 * the page or its JSON.
 */
export async function listVisibleProjects(
  orgId: string,
  userId: string | null,
  query: ProjectListQuery = {},
  db?: Executor,
): Promise<ProjectListPage> {
  const executor = db ?? (await getDb());
  const limit = Math.min(Math.max(query.limit ?? 24, 1), 100);
  const sort = query.sort === "updated" ? "updated" : "name";
  const after = decodePosition(query.cursor, sort);
  const byName = sort === "name";
  const order = byName ? sql`sort_key, sort_id` : sql`sort_key desc, sort_id desc`;
  const page = {
    columns: byName ? sql`lower(p.name) as sort_key, p.id as sort_id` : sql`p.updated_at as sort_key, p.id as sort_id`,
    order,
    limit: limit + 1,
  };
  const org = sql`${orgId}::uuid`;
  const sources = accessSourcesSql({ user: sql`${userId ?? NO_USER}`, org, where: listScope(orgId, query, after), page });
  const list = await plannedRows<{
    id: string; slug: string; name: string; description: string; tags: string[]; colour: string;
    visibility: Visibility; rank: number; counts: Record<string, number> | null; updated_at: string | Date;
    name_key: string; updated_key: string;
  }>(
    executor,
    sql`select p.id, p.slug, p.name, p.description, p.tags, p.colour, p.visibility, p.updated_at, v.rank,
          lower(p.name) as name_key, p.updated_at::text as updated_key,
          (select json_object_agg(c.kind, c.n) from (
             select r.kind, count(*)::int as n from resources r where r.project_id = p.id group by r.kind) c) as counts
        from (select s.project_id, max(s.rank) as rank, s.sort_key, s.sort_id from (${sources}) s
              group by s.project_id, s.sort_key, s.sort_id order by ${order} limit ${limit + 1}) v
        join projects p on p.id = v.project_id
        order by ${order}`,
  );
  const items = list.slice(0, limit).map((r) => ({
    id: r.id, slug: r.slug, name: r.name, description: r.description, tags: r.tags ?? [], colour: r.colour,
    visibility: r.visibility, level: RANK_LEVELS[Number(r.rank)]!, counts: r.counts ?? {},
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  const last = list.length > limit ? list[limit - 1] : null;
  return {
    items,
    nextCursor: last ? encodePosition({ sort, key: byName ? last.name_key : last.updated_key, id: last.id }) : null,
  };
}

/**
 * The tags of the projects this viewer may see, for the tag filter (a hidden project's tags stay
 * hidden), by the list's rules: see `visibleTagsSql`.
 */
export async function listVisibleTags(orgId: string, userId: string | null, db?: Executor): Promise<string[]> {
  const executor = db ?? (await getDb());
  const list = await plannedRows<{ tag: string }>(executor, visibleTagsSql({ user: sql`${userId ?? NO_USER}`, org: sql`${orgId}::uuid` }));
  return list.map((r) => r.tag);
}
