import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { ProjectLevel, Visibility } from "@/db/schema";
import { effectiveRankSql, RANK_LEVELS } from "@/lib/authz/level-sql";
import { getDb } from "@/lib/db";

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
  cursor?: number;
  limit?: number;
}

export interface ProjectListPage {
  items: ProjectListItem[];
  nextCursor: number | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => "\\" + c);
}

/**
 * One page of the projects this viewer may see in a workspace, in one SQL statement whatever
 * the number of projects, grants and resources. Invisible projects are filtered in the WHERE
 * clause, so nothing about them reaches the page or its JSON.
 */
export async function listVisibleProjects(
  orgId: string,
  userId: string | null,
  query: ProjectListQuery = {},
  db?: Executor,
): Promise<ProjectListPage> {
  const executor = db ?? (await getDb());
  const limit = Math.min(Math.max(query.limit ?? 24, 1), 100);
  const offset = Math.max(query.cursor ?? 0, 0);
  const uid = userId ?? "00000000-0000-0000-0000-000000000000";
  const filters = [sql`true`];
  if (query.q) filters.push(sql`p.name ilike ${"%" + escapeLike(query.q) + "%"}`);
  if (query.tag) filters.push(sql`${query.tag} = any(p.tags)`);
  if (query.visibility) filters.push(sql`p.visibility = ${query.visibility}`);
  const order = query.sort === "updated" ? sql`p.updated_at desc, p.id` : sql`lower(p.name), p.id`;
  // Counts are computed in the outer query, after the rank filter, so no count is ever worked
  // out for a project the viewer may not see.
  const list = await rows<{
    id: string; slug: string; name: string; description: string; tags: string[]; colour: string;
    visibility: Visibility; rank: number; counts: Record<string, number> | null; updated_at: string | Date;
  }>(
    executor,
    sql`select p.*,
          (select json_object_agg(c.kind, c.n) from (
             select r.kind, count(*)::int as n from resources r where r.project_id = p.id group by r.kind) c) as counts
        from (
          select p.id, p.slug, p.name, p.description, p.tags, p.colour, p.visibility, p.updated_at,
            ${effectiveRankSql(userId)} as rank
          from projects p
          join organizations o on o.id = p.org_id
          left join memberships m on m.org_id = o.id and m.user_id = ${uid}::uuid
          where p.org_id = ${orgId}::uuid and ${sql.join(filters, sql` and `)}
        ) p
        where p.rank > 0
        order by ${order}
        limit ${limit + 1} offset ${offset}`,
  );
  const items = list.slice(0, limit).map((r) => ({
    id: r.id, slug: r.slug, name: r.name, description: r.description, tags: r.tags ?? [], colour: r.colour,
    visibility: r.visibility, level: RANK_LEVELS[Number(r.rank)]!, counts: r.counts ?? {},
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  return { items, nextCursor: list.length > limit ? offset + limit : null };
}

/** The tags of the projects this viewer may see, for the tag filter (a hidden project's tags stay hidden). */
export async function listVisibleTags(orgId: string, userId: string | null): Promise<string[]> {
  const db = await getDb();
  const uid = userId ?? "00000000-0000-0000-0000-000000000000";
  const list = await rows<{ tag: string }>(
    db,
    sql`select distinct t.tag from (
          select p.tags, ${effectiveRankSql(userId)} as rank
          from projects p
          join organizations o on o.id = p.org_id
          left join memberships m on m.org_id = o.id and m.user_id = ${uid}::uuid
          where p.org_id = ${orgId}::uuid
        ) v, unnest(v.tags) as t(tag)
        where v.rank > 0
        order by t.tag`,
  );
  return list.map((r) => r.tag);
}
