import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { getDb } from "@/lib/db";
import { keysetPage, type Page } from "./keyset";

export interface TeamView {
  id: string;
  name: string;
  description: string;
  members: { id: string; username: string; role: "owner" | "member" }[];
  projects: { name: string; slug: string; level: string }[];
}

/** A page of an organization's teams, by name, with their people and the projects they are granted, in one query. */
export async function listTeams(orgId: string, opts: { cursor?: string; limit?: number } = {}): Promise<Page<TeamView>> {
  const db = await getDb();
  const page = keysetPage(
    { list: "teams", scope: orgId, keys: [{ expr: sql`lower(t.name)`, type: "text" }, { expr: sql`t.id`, type: "uuid" }] },
    opts.cursor,
    opts.limit,
  );
  const list = await rows<{ id: string; name: string; name_key: string; description: string; members: TeamView["members"] | null; projects: TeamView["projects"] | null }>(
    db,
    sql`select t.id, t.name, lower(t.name) as name_key, t.description,
          (select json_agg(json_build_object('id', u.id, 'username', u.username, 'role', tm.role) order by tm.role, lower(u.username))
             from team_members tm join users u on u.id = tm.user_id where tm.team_id = t.id) as members,
          (select json_agg(json_build_object('name', p.name, 'slug', p.slug, 'level', g.level) order by lower(p.name))
             from project_grants g join projects p on p.id = g.project_id where g.team_id = t.id) as projects
        from teams t where t.org_id = ${orgId}::uuid and ${page.where}
        order by ${page.order} limit ${page.limit}`,
  );
  const teams = page.finish(list, (t) => [t.name_key, t.id]);
  return {
    ...teams,
    items: teams.items.map((t) => ({ id: t.id, name: t.name, description: t.description, members: t.members ?? [], projects: t.projects ?? [] })),
  };
}

export async function teamInOrg(db: Executor, orgId: string, teamId: string) {
  const [team] = await rows<{ id: string; name: string }>(db, sql`select id, name from teams where id = ${teamId}::uuid and org_id = ${orgId}::uuid`);
  return team ?? null;
}

export async function teamRoleOf(db: Executor, teamId: string, userId: string): Promise<"owner" | "member" | null> {
  const [row] = await rows<{ role: "owner" | "member" }>(db, sql`select role from team_members where team_id = ${teamId}::uuid and user_id = ${userId}::uuid`);
  return row?.role ?? null;
}
