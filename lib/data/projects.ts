import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { plannedRows, statementShape, type Executor } from "@/db/client";
import type { ProjectLevel, Visibility } from "@/db/schema";
import { accessPageSql, NO_USER, policyRolesKey, RANK_LEVELS, visibleTagsSql } from "@/lib/authz/level-sql";
import { getDb } from "@/lib/db";
import { RESOURCE_KINDS } from "@/lib/resources/kinds";
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

/** Which filters a list call sets: each sets a condition, so each combination is its own statement. */
interface ListShape {
  sort: "name" | "updated";
  q: boolean;
  tag: boolean;
  visibility: boolean;
  after: boolean;
}

const value = (name: string) => sql`${sql.placeholder(name)}`;

/** The conditions every source of the list applies to `p`: the organization, the filters, the keyset. */
function listScope(shape: ListShape): SQL {
  const filters = [sql`p.org_id = ${value("orgId")}::uuid`];
  if (shape.q) filters.push(sql`p.name ilike ${value("q")}`);
  if (shape.tag) filters.push(sql`p.tags @> array[${value("tag")}]::text[]`);
  if (shape.visibility) filters.push(sql`p.visibility = ${value("visibility")}`);
  if (shape.after && shape.sort === "name") filters.push(sql`(lower(p.name), p.id) > (${value("afterKey")}, ${value("afterId")}::uuid)`);
  if (shape.after && shape.sort === "updated") filters.push(sql`(p.updated_at, p.id) < (${value("afterKey")}::timestamptz, ${value("afterId")}::uuid)`);
  return sql.join(filters, sql` and `);
}

/**
 * A project's resources counted by kind in one pass, in `RESOURCE_KINDS` order: one aggregate
 * per project costs the server a third of what grouping by kind into a JSON object did.
 */
const kindCounts = sql.join(RESOURCE_KINDS.map((k) => sql`count(*) filter (where r.kind = ${sql.raw(`'${k}'`)})`), sql`, `);

const listOrder = (sort: ListShape["sort"]) => (sort === "name" ? sql`sort_key, sort_id` : sql`sort_key desc, sort_id desc`);

/** The list's one statement for a shape, with placeholders for the viewer, the organization and the filters' values. */
function listSql(shape: ListShape): SQL {
  const order = listOrder(shape.sort);
  const page = {
    columns: shape.sort === "name" ? sql`lower(p.name) as sort_key, p.id as sort_id` : sql`p.updated_at as sort_key, p.id as sort_id`,
    order,
    limit: value("limit"),
  };
  const access = accessPageSql({ user: value("user"), org: sql`${value("orgId")}::uuid`, where: listScope(shape), page });
  return sql`select p.id, p.slug, p.name, p.description, p.tags, p.colour, p.visibility, p.updated_at, v.rank,
        lower(p.name) as name_key, p.updated_at::text as updated_key,
        c.counts
      from (${access}) v
      join projects p on p.id = v.sort_id
      cross join lateral (select array[${kindCounts}]::int[] as counts from resources r where r.project_id = p.id) c
      order by ${order}`;
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
  const shape: ListShape = { sort, q: !!query.q, tag: !!query.tag, visibility: !!query.visibility, after: !!after };
  const key = `listVisibleProjects:${JSON.stringify(shape)}:${policyRolesKey()}`;
  const list = await plannedRows<{
    id: string; slug: string; name: string; description: string; tags: string[]; colour: string;
    visibility: Visibility; rank: number; counts: number[]; updated_at: string | Date;
    name_key: string; updated_key: string;
  }>(executor, statementShape(executor, key, () => listSql(shape)), {
    user: userId ?? NO_USER, orgId, limit: limit + 1,
    q: query.q ? containsPattern(query.q) : null, tag: query.tag ?? null, visibility: query.visibility ?? null,
    afterKey: after?.key ?? null, afterId: after?.id ?? null,
  });
  const items = list.slice(0, limit).map((r) => ({
    id: r.id, slug: r.slug, name: r.name, description: r.description, tags: r.tags ?? [], colour: r.colour,
    visibility: r.visibility, level: RANK_LEVELS[Number(r.rank)]!,
    counts: Object.fromEntries(RESOURCE_KINDS.flatMap((kind, i) => (r.counts[i] ? [[kind, r.counts[i]]] : []))),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  const last = list.length > limit ? list[limit - 1] : null;
  return {
    items,
    nextCursor: last ? encodePosition({ sort, key: sort === "name" ? last.name_key : last.updated_key, id: last.id }) : null,
  };
}

/**
 * The tags of the projects this viewer may see, for the tag filter (a hidden project's tags stay
 * hidden), by the list's rules: see `visibleTagsSql`.
 */
export async function listVisibleTags(orgId: string, userId: string | null, db?: Executor): Promise<string[]> {
  const executor = db ?? (await getDb());
  const statement = statementShape(executor, `listVisibleTags:${policyRolesKey()}`, () =>
    visibleTagsSql({ user: value("user"), org: sql`${value("orgId")}::uuid` }));
  const list = await plannedRows<{ tag: string }>(executor, statement, { user: userId ?? NO_USER, orgId });
  return list.map((r) => r.tag);
}
