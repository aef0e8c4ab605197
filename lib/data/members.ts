import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { memberships, projectGrants, projects, teamMembers, teams, users, type OrgRole } from "@/db/schema";
import { getDb } from "@/lib/db";
import { containsPattern } from "./like";
import { keysetPage, type Keyset, type Page } from "./keyset";
import { orgSeatUsage } from "./orgs";

export interface Member {
  id: string;
  username: string;
  email: string;
  name: string | null;
  role: OrgRole;
  joinedAt: Date;
}

export async function getMember(db: Executor, orgId: string, userId: string): Promise<Member | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

function membersKeyset(orgId: string): Keyset {
  return {
    list: "members",
    scope: orgId,
    keys: [
      { expr: sql`array_position(array['owner','admin','member','restricted'], m.role::text)`, type: "int" },
      { expr: sql`lower(u.username)`, type: "text" },
      { expr: sql`u.id`, type: "uuid" },
    ],
  };
}

/** One page of the organization's members (owner first, then by role and username), searched by `q`, in one statement. */
export async function listMembers(db: Executor, orgId: string, opts: { q?: string; cursor?: string; limit?: number } = {}): Promise<Page<Member>> {
  const like = opts.q ? containsPattern(opts.q) : null;
  const filter = like ? sql`and (u.username ilike ${like} or u.email ilike ${like} or coalesce(u.name, '') ilike ${like})` : sql``;
  const page = keysetPage(membersKeyset(orgId), opts.cursor, opts.limit);
  const list = await rows<{ id: string; username: string; email: string; name: string | null; role: OrgRole; joined_at: string | Date; role_rank: number; username_key: string }>(
    db,
    sql`select u.id, u.username, u.email, u.name, m.role, m.created_at as joined_at,
               array_position(array['owner','admin','member','restricted'], m.role::text) as role_rank, lower(u.username) as username_key
        from memberships m join users u on u.id = m.user_id
        where m.org_id = ${orgId}::uuid ${filter} and ${page.where}
        order by ${page.order} limit ${page.limit}`,
  );
  const members = page.finish(list, (r) => [String(r.role_rank), r.username_key, r.id]);
  return {
    ...members,
    items: members.items.map((r) => ({ id: r.id, username: r.username, email: r.email, name: r.name, role: r.role, joinedAt: new Date(r.joined_at) })),
  };
}

/**
 * Every member's id and username, for the controls that choose one (the new owner, a team's new
 * member): two short columns, where the People table pages.
 */
export async function memberChoices(orgId: string): Promise<{ id: string; username: string }[]> {
  return rows<{ id: string; username: string }>(
    await getDb(),
    sql`select u.id, u.username from memberships m join users u on u.id = m.user_id
        where m.org_id = ${orgId}::uuid order by lower(u.username), u.id`,
  );
}

/**
 * Ends a membership: the person's project grants and team memberships in this organization go
 * with it (SPEC §2), while projects and resources they created stay with the organization.
 */
export async function endMembership(tx: Executor, orgId: string, userId: string): Promise<{ grants: number; teams: number }> {
  const orgProjects = tx.select({ id: projects.id }).from(projects).where(eq(projects.orgId, orgId));
  const orgTeams = tx.select({ id: teams.id }).from(teams).where(eq(teams.orgId, orgId));
  const grants = await tx
    .delete(projectGrants)
    .where(and(eq(projectGrants.userId, userId), inArray(projectGrants.projectId, orgProjects)))
    .returning({ id: projectGrants.id });
  const teamRows = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, orgTeams)))
    .returning({ id: teamMembers.teamId });
  await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return { grants: grants.length, teams: teamRows.length };
}

/** What the People page shows: a page of the (searched) members and the seat count. */
export async function peopleOverview(orgId: string, opts: { q?: string; cursor?: string } = {}) {
  const db = await getDb();
  const [members, seats] = await Promise.all([listMembers(db, orgId, opts), orgSeatUsage(orgId)]);
  return { members, seats };
}
