// Arranges the organization the role tour (e2e/tour.spec.ts) walks through, straight in the e2e
// server's database: the tour is about what each role sees, not about how the org was built
// (the no-SQL journey and the invitation, project and resource specs drive that through the UI).
// Run as `node --conditions=react-server --import tsx e2e/tour-arrange.ts <suffix>`; prints JSON.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { openDb, rows } from "../db/client";
import { invitations, memberships, organizations, projectGrants, projects, teamMembers, teams } from "../db/schema";
import { seedGymResources } from "../db/seed-resources";
import { hashPassword } from "../lib/auth/password";
import { newToken } from "../lib/crypto/link-token";
import { insertUserWithWorkspace } from "../lib/data/users";

const PASSWORD = "correct-horse-battery";
const suffix = process.argv[2];
if (!suffix) throw new Error("usage: tour-arrange.ts <suffix>");

const { databaseUrl } = JSON.parse(readFileSync("e2e/.state/db.json", "utf8")) as { databaseUrl: string | null };
if (!databaseUrl) throw new Error("The role tour needs the PostgreSQL server: the e2e server is running on PGlite.");

const handle = await openDb(databaseUrl, { statementTimeoutMs: 0 });
try {
  const out = await handle.db.transaction(async (tx) => {
    const passwordHash = await hashPassword(PASSWORD);
    const people = ["owner", "admin", "member", "restricted", "external", "outsider"] as const;
    const users: Record<string, { id: string; username: string }> = {};
    for (const who of people) {
      const username = `tour-${who}-${suffix}`;
      const user = await insertUserWithWorkspace(tx, { username, email: `${username}@example.test`, passwordHash, emailVerifiedAt: new Date() });
      users[who] = { id: user.id, username };
    }
    const slug = `tour-${suffix}`;
    const [org] = await tx
      .insert(organizations)
      .values({ slug, kind: "team", displayName: "Tour Gyms", contactEmail: `tour-owner-${suffix}@example.test`, externalCollaborators: true })
      .returning({ id: organizations.id });
    for (const role of ["owner", "admin", "member", "restricted"] as const) {
      await tx.insert(memberships).values({ orgId: org.id, userId: users[role].id, role });
    }
    const [team] = await tx.insert(teams).values({ orgId: org.id, name: "Analysts", description: "Builds the models." }).returning({ id: teams.id });
    await tx.insert(teamMembers).values([
      { teamId: team.id, userId: users.admin.id, role: "owner" },
      { teamId: team.id, userId: users.member.id, role: "member" },
    ]);
    const [open, secret] = await tx
      .insert(projects)
      .values([
        { orgId: org.id, slug: "open-data", name: "Open Data", visibility: "public", description: "Shared with the world.", createdBy: users.owner.id },
        { orgId: org.id, slug: "secret-lab", name: "Secret Lab", visibility: "private", description: "Granted people only.", createdBy: users.owner.id },
      ])
      .returning({ id: projects.id });
    await tx.insert(projectGrants).values([
      { projectId: open.id, userId: users.owner.id, level: "admin" },
      { projectId: secret.id, userId: users.owner.id, level: "admin" },
      { projectId: secret.id, userId: users.external.id, level: "write" },
      { projectId: secret.id, teamId: team.id, level: "read" },
    ]);
    // The churn example's dataset, model, run, endpoint and predictions, in each project.
    const seedUsers = { dlee: users.owner.id, emiller: users.owner.id, amartin: users.owner.id, fgarcia: users.owner.id };
    await seedGymResources(tx, { projectId: open.id, users: seedUsers });
    await seedGymResources(tx, { projectId: secret.id, users: seedUsers });

    const { token, hash } = newToken();
    const invitee = `tour-invitee-${suffix}@example.test`;
    await tx.insert(invitations).values({
      orgId: org.id, invitedBy: users.owner.id, email: invitee, role: "member",
      tokenHash: hash, expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    });
    return { slug, users, invitePath: `/invite/${token}`, invitee };
  });
  // Resource ids by project and kind, for the resource pages.
  const found = await rows<{ project: string; kind: string; id: string }>(
    handle.db,
    sql`select p.slug as project, r.kind::text as kind, (array_agg(r.id order by r.created_at, r.id))[1]::text as id
          from resources r join projects p on p.id = r.project_id join organizations o on o.id = p.org_id
         where o.slug = ${out.slug} group by p.slug, r.kind`,
  );
  const resources: Record<string, Record<string, string>> = {};
  for (const r of found) (resources[r.project] ??= {})[r.kind] = r.id;
  console.log(JSON.stringify({ ...out, resources }));
} finally {
  await handle.close();
}
