import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { memberships, projects, teams, users } from "@/db/schema";
import { pickSlug, slugifyProjectName } from "@/lib/validation/project";

/** Another project of the workspace already named this, ignoring case (optionally not this one). */
export async function projectNameTaken(tx: Executor, orgId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.orgId, orgId), sql`lower(${projects.name}) = lower(${name})`, exceptId ? ne(projects.id, exceptId) : undefined))
    .limit(1);
  return !!row;
}

/** A free URL name for a new project: the slugified name, with -2, -3… when taken. */
export async function freeProjectSlug(tx: Executor, orgId: string, name: string): Promise<string> {
  const base = slugifyProjectName(name);
  const taken = await rows<{ slug: string }>(
    tx,
    sql`select slug from projects where org_id = ${orgId}::uuid and (slug = ${base} or slug like ${base + "-%"})`,
  );
  return pickSlug(base, taken.map((t) => t.slug));
}

export async function findUserByUsername(tx: Executor, username: string) {
  const [user] = await tx
    .select({ id: users.id, username: users.username, email: users.email })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return user ?? null;
}

export async function findUserById(tx: Executor, id: string) {
  const [user] = await tx.select({ id: users.id, username: users.username, email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function orgRoleOf(tx: Executor, orgId: string, userId: string) {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

export async function findTeamInOrg(tx: Executor, orgId: string, teamId: string) {
  const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.id, teamId), eq(teams.orgId, orgId)));
  return team ?? null;
}
