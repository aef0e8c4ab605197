import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  memberships, organizations, projectGrants, projects, teamMembers, teams, users,
  type OrgRole, type ProjectLevel, type Visibility,
} from "@/db/schema";
import { getDb } from "@/lib/db";

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 7)}`.toLowerCase();
}

export async function db(): Promise<Db> {
  return getDb();
}

// A fixed, cheap hash: factories never sign in through argon2, so they need no real one.
const FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$2bW1Wc6Vb9o0F8mV8YJQ3mW4l2cZ0m9kqk2J3kQb0wI";

/** A user with a personal workspace; verified unless a test is about unverified addresses. */
export async function makeUser(name = unique("u"), opts: { verified?: boolean; email?: string } = {}) {
  const d = await db();
  const [user] = await d
    .insert(users)
    .values({
      username: name,
      email: opts.email ?? `${name}@example.test`,
      passwordHash: FAKE_HASH,
      emailVerifiedAt: opts.verified === false ? null : new Date(),
    })
    .returning();
  const [org] = await d
    .insert(organizations)
    .values({ slug: name, kind: "personal", personalUserId: user.id, displayName: name, additionalSeats: 0 })
    .returning();
  await d.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
  return { ...user, personalOrgId: org.id };
}

export type TestUser = Awaited<ReturnType<typeof makeUser>>;

export async function makeOrg(owner: { id: string }, opts: Partial<typeof organizations.$inferInsert> = {}) {
  const d = await db();
  const [org] = await d
    .insert(organizations)
    .values({ slug: unique("org"), kind: "team", displayName: "Test org", additionalSeats: 20, ...opts })
    .returning();
  await d.insert(memberships).values({ orgId: org.id, userId: owner.id, role: "owner" });
  return org;
}

export async function addMember(org: { id: string }, user: { id: string }, role: OrgRole) {
  await (await db()).insert(memberships).values({ orgId: org.id, userId: user.id, role });
}

/** An organization with one person of each role, plus an outsider who owns another org. */
export async function makeWorld() {
  const [owner, admin, member, restricted, outsider] = await Promise.all(
    ["owner", "admin", "member", "restricted", "outsider"].map((r) => makeUser(unique(r))),
  );
  const org = await makeOrg(owner);
  await addMember(org, admin, "admin");
  await addMember(org, member, "member");
  await addMember(org, restricted, "restricted");
  const otherOrg = await makeOrg(outsider);
  return { org, otherOrg, owner, admin, member, restricted, outsider };
}

export async function makeProject(
  org: { id: string },
  opts: { visibility?: Visibility; createdBy?: string; name?: string } = {},
) {
  const name = opts.name ?? unique("Project ");
  const [project] = await (await db())
    .insert(projects)
    .values({
      orgId: org.id,
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      visibility: opts.visibility ?? "private",
      createdBy: opts.createdBy ?? null,
    })
    .returning();
  return project;
}

export async function grant(project: { id: string }, to: { userId?: string; teamId?: string }, level: ProjectLevel, caps: { canDeploy?: boolean; canPredict?: boolean } = {}) {
  await (await db()).insert(projectGrants).values({ projectId: project.id, userId: to.userId ?? null, teamId: to.teamId ?? null, level, ...caps });
}

export async function makeTeam(org: { id: string }, memberIds: string[], name = unique("Team ")) {
  const d = await db();
  const [team] = await d.insert(teams).values({ orgId: org.id, name }).returning();
  if (memberIds.length) await d.insert(teamMembers).values(memberIds.map((userId) => ({ teamId: team.id, userId })));
  return team;
}

export async function roleOf(orgId: string, userId: string): Promise<OrgRole | null> {
  const [row] = await (await db())
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}
