import { eq, sql } from "drizzle-orm";
import { rows, type Db, type Executor } from "./client";
import { memberships, organizations, projectGrants, projects, teamMembers, teams, users, type OrgRole } from "./schema";
import { hashPassword } from "../lib/auth/password";
import { insertUserWithWorkspace } from "../lib/data/users";
import { seedGymResources } from "./seed-resources";

export const DEMO_PASSWORD = "gregs-gyms-demo";

export const DEMO_PEOPLE: { username: string; role: OrgRole | null; note: string }[] = [
  { username: "jones", role: "owner", note: "owner of Greg's Gyms" },
  { username: "amartin", role: "admin", note: "admin" },
  { username: "cwilson", role: "admin", note: "admin" },
  { username: "dlee", role: "member", note: "member, data analyst" },
  { username: "emiller", role: "member", note: "member, data analyst" },
  { username: "fgarcia", role: "member", note: "member, customer success" },
  { username: "gbrown", role: "restricted", note: "restricted member" },
  { username: "outsider", role: null, note: "not in the organization" },
];

export async function databaseIsEmpty(db: Executor): Promise<boolean> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from users`);
  return Number(row?.n ?? 0) === 0;
}

/** Greg's Gyms from the BigML organizations walkthrough, for a fresh database only. */
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    // Warning: the demo accounts share a published password, so never seed a database with data.
    if (!(await databaseIsEmpty(tx))) return { seeded: false };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ids: Record<string, string> = {};
    for (const person of DEMO_PEOPLE) {
      const user = await insertUserWithWorkspace(tx, {
        username: person.username,
        email: `${person.username}@gregsgyms.example`,
        passwordHash,
        // Demo accounts stand for people whose addresses were verified long ago.
        emailVerifiedAt: new Date(),
      });
      ids[person.username] = user.id;
    }
    const [org] = await tx
      .insert(organizations)
      .values({
        slug: "gregs_gyms",
        kind: "team",
        displayName: "Greg's Gyms",
        contactEmail: "jones@gregsgyms.example",
        description: "A chain of gyms using machine learning to improve membership retention.",
        plan: "team",
        additionalSeats: 10,
      })
      .returning({ id: organizations.id });
    for (const person of DEMO_PEOPLE) {
      if (!person.role) continue;
      await tx.insert(memberships).values({ orgId: org.id, userId: ids[person.username], role: person.role });
      // Greg's Gyms is each member's first organization, so it is their default (SPEC §1).
      await tx.update(users).set({ defaultOrgId: org.id }).where(eq(users.id, ids[person.username]));
    }
    const [analysts, success] = await tx
      .insert(teams)
      .values([
        { orgId: org.id, name: "Data analysts", description: "Builds the retention models." },
        { orgId: org.id, name: "Customer success", description: "Uses predictions to call members at risk." },
      ])
      .returning({ id: teams.id });
    await tx.insert(teamMembers).values([
      { teamId: analysts.id, userId: ids.amartin, role: "owner" },
      { teamId: analysts.id, userId: ids.dlee, role: "member" },
      { teamId: analysts.id, userId: ids.emiller, role: "member" },
      { teamId: success.id, userId: ids.fgarcia, role: "owner" },
    ]);
    const created = await tx
      .insert(projects)
      .values([
        { orgId: org.id, slug: "gym-membership-retention", name: "Gym Membership Retention", visibility: "organization",
          description: "Predict which members are about to cancel.", tags: ["churn", "retention"], colour: "#16a34a", createdBy: ids.jones },
        { orgId: org.id, slug: "customer-success-calls", name: "Customer Success Calls", visibility: "private",
          description: "Who to call this week, from the churn model's predictions.", tags: ["churn", "operations"], colour: "#ea580c", createdBy: ids.jones },
        { orgId: org.id, slug: "pricing-experiments", name: "Pricing Experiments", visibility: "private",
          description: "Plan and price tests across locations.", tags: ["pricing"], colour: "#9333ea", createdBy: ids.amartin },
        { orgId: org.id, slug: "public-gym-benchmarks", name: "Public Gym Benchmarks", visibility: "public",
          description: "Anonymised attendance benchmarks shared with the world.", tags: ["open-data"], colour: "#0284c7", createdBy: ids.jones },
      ])
      .returning({ id: projects.id, slug: projects.slug });
    const bySlug = Object.fromEntries(created.map((p) => [p.slug, p.id]));
    await tx.insert(projectGrants).values([
      { projectId: bySlug["gym-membership-retention"], userId: ids.jones, level: "admin" },
      { projectId: bySlug["customer-success-calls"], userId: ids.jones, level: "admin" },
      { projectId: bySlug["customer-success-calls"], userId: ids.gbrown, level: "read" },
      { projectId: bySlug["customer-success-calls"], teamId: success.id, level: "write" },
      { projectId: bySlug["pricing-experiments"], userId: ids.amartin, level: "admin" },
      { projectId: bySlug["pricing-experiments"], teamId: analysts.id, level: "write" },
      { projectId: bySlug["public-gym-benchmarks"], userId: ids.jones, level: "admin" },
    ]);
    await tx.insert(projects).values({
      orgId: (await tx.select({ id: organizations.id }).from(organizations).where(sql`slug = 'jones'`))[0].id,
      slug: "side-project", name: "Side project", visibility: "private", description: "Jones's personal experiments.",
      tags: ["personal"], createdBy: ids.jones,
    });
    await seedGymResources(tx, { projectId: bySlug["gym-membership-retention"], users: ids });
    return { seeded: true };
  });
}
