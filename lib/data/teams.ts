import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { getDb } from "@/lib/db";
import { keysetPage, type Page } from "./keyset";

export interface TeamView {
  id: string;
  name: string;
  description: string;
  /** The first TEAM_CARD_MEMBERS members, owners first; `memberCount` says how many there are in all. */
  members: { id: string; username: string; role: "owner" | "member" }[];
  memberCount: number;
  /** The viewer's own role in the team, whether or not they are among the members shown. */
  viewerRole: "owner" | "member" | null;
  projects: { name: string; slug: string; level: string }[];
}

/** A page of an organization's teams, by name, with their people and the projects they are granted, in one query. */
/** How many members a team card lists: a team of thousands must not put thousands on the page. */
export const TEAM_CARD_MEMBERS = 10;
/** How many a card lists once someone asks for all of a team (its "Show all" link): enough to manage any real team. */
export const TEAM_EXPANDED_MEMBERS = 1000;

export async function listTeams(orgId: string, opts: { cursor?: string; limit?: number; viewerId?: string; expand?: string | null } = {}): Promise<Page<TeamView>> {
  const db = await getDb();
  const page = keysetPage(
    { list: "teams", scope: orgId, keys: [{ expr: sql`lower(t.name)`, type: "text" }, { expr: sql`t.id`, type: "uuid" }] },
    opts.cursor,
    opts.limit,
  );
  const list = await rows<{ id: string; name: string; name_key: string; description: string; members: TeamView["members"] | null; member_count: number; viewer_role: TeamView["viewerRole"]; projects: TeamView["projects"] | null }>(
    db,
    sql`select t.id, t.name, lower(t.name) as name_key, t.description,
          (select json_agg(json_build_object('id', f.id, 'username', f.username, 'role', f.role) order by f.role, lower(f.username), f.id)
             from (select u.id, u.username, tm.role from team_members tm join users u on u.id = tm.user_id where tm.team_id = t.id
                   order by tm.role, lower(u.username), u.id
                   limit case when t.id = ${opts.expand ?? null}::uuid then ${TEAM_EXPANDED_MEMBERS}::int else ${TEAM_CARD_MEMBERS}::int end) f) as members,
          (select count(*)::int from team_members tm where tm.team_id = t.id) as member_count,
          (select tm.role from team_members tm where tm.team_id = t.id and tm.user_id = ${opts.viewerId ?? null}::uuid) as viewer_role,
          (select json_agg(json_build_object('name', p.name, 'slug', p.slug, 'level', g.level) order by lower(p.name))
             from project_grants g join projects p on p.id = g.project_id where g.team_id = t.id) as projects
        from teams t where t.org_id = ${orgId}::uuid and ${page.where}
        order by ${page.order} limit ${page.limit}`,
  );
  const teams = page.finish(list, (t) => [t.name_key, t.id]);
  return {
    ...teams,
    items: teams.items.map((t) => ({ id: t.id, name: t.name, description: t.description, members: t.members ?? [], memberCount: Number(t.member_count), viewerRole: t.viewer_role, projects: t.projects ?? [] })),
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
