import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, organizations, projectGrants } from "@/db/schema";
import { setGrantCapabilitiesAction } from "@/lib/actions/projects/set-grant-capabilities";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { listProjectPeople } from "@/lib/data/project-people";
import { db, grant, makeProject, makeTeam, makeWorld } from "../factories";
import { signInAs } from "../setup/session";

async function capsOf(userId: string, projectId: string) {
  return (await resolveProjectAccess(await db(), userId, { projectId }))?.capabilities;
}
async function grantRow(projectId: string, to: { userId?: string; teamId?: string }) {
  const who = to.userId ? eq(projectGrants.userId, to.userId) : eq(projectGrants.teamId, to.teamId!);
  const [g] = await (await db()).select().from(projectGrants).where(and(eq(projectGrants.projectId, projectId), who));
  return g;
}
async function lastAudit(orgId: string) {
  const [e] = await (await db()).select().from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "project.grant.capabilities")))
    .orderBy(desc(auditEvents.createdAt));
  return e ?? null;
}
/** An org with deploy switched off for writers and predict off for readers. */
async function lockedDownWorld() {
  const w = await makeWorld();
  await (await db()).update(organizations).set({ deployForWrite: false, predictForRead: false }).where(eq(organizations.id, w.org.id));
  return w;
}

describe("per-grant capability overrides", () => {
  it("a project admin switches deploy on for one writer; it is audited and can be switched back", async () => {
    const w = await lockedDownWorld();
    const project = await makeProject(w.org);
    await grant(project, { userId: w.member.id }, "write");
    const g = await grantRow(project.id, { userId: w.member.id });
    expect(await capsOf(w.member.id, project.id)).toEqual({ deploy: false, predict: true });

    signInAs(w.admin);
    const result = await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "on" });
    expect(result).toEqual({ ok: true, data: { grantId: g.id } });
    expect(await capsOf(w.member.id, project.id)).toEqual({ deploy: true, predict: true });
    expect(await lastAudit(w.org.id)).toMatchObject({
      actorId: w.admin.id, targetId: w.member.id,
      before: expect.objectContaining({ canDeploy: null }), after: expect.objectContaining({ canDeploy: true }),
    });
    // The People page data shows the override next to the org switch it lifts.
    const people = await listProjectPeople(await db(), project, { showEmails: true });
    expect(people.switches).toEqual({ deployForWrite: false, predictForRead: false });
    expect(people.people.find((p) => p.id === w.member.id)?.directGrant).toMatchObject({ canDeploy: true, canPredict: null });

    expect((await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "inherit" })).ok).toBe(true);
    expect(await capsOf(w.member.id, project.id)).toEqual({ deploy: false, predict: true });
  });

  it("a predict override lets one reader predict; overrides that would change nothing are refused", async () => {
    const w = await lockedDownWorld();
    const project = await makeProject(w.org);
    await grant(project, { userId: w.restricted.id }, "read");
    const g = await grantRow(project.id, { userId: w.restricted.id });
    expect(await capsOf(w.restricted.id, project.id)).toEqual({ deploy: false, predict: false });

    signInAs(w.owner);
    expect((await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canPredict: "on" })).ok).toBe(true);
    expect(await capsOf(w.restricted.id, project.id)).toEqual({ deploy: false, predict: true });

    // Deploy needs write access: switching it on for a reader is a field error, and nothing changes.
    const refused = await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "on" });
    expect(!refused.ok && refused.fieldErrors?.canDeploy?.[0]).toMatch(/write access/);
    expect(await grantRow(project.id, { userId: w.restricted.id })).toMatchObject({ canDeploy: null, canPredict: true });
  });

  it("a team grant override applies to every member of the team", async () => {
    const w = await lockedDownWorld();
    const project = await makeProject(w.org);
    const team = await makeTeam(w.org, [w.member.id, w.restricted.id]);
    await grant(project, { teamId: team.id }, "write");
    const g = await grantRow(project.id, { teamId: team.id });
    expect((await capsOf(w.member.id, project.id))?.deploy).toBe(false);

    signInAs(w.owner);
    expect((await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "on" })).ok).toBe(true);
    expect((await capsOf(w.member.id, project.id))?.deploy).toBe(true);
    expect((await capsOf(w.restricted.id, project.id))?.deploy).toBe(true);
    expect(await lastAudit(w.org.id)).toMatchObject({ targetType: "team", targetId: team.id });
  });

  it("a writer cannot set overrides (the admin can), and a grant of another project is not found", async () => {
    const w = await lockedDownWorld();
    const project = await makeProject(w.org);
    await grant(project, { userId: w.member.id }, "write");
    await grant(project, { userId: w.restricted.id }, "write");
    const g = await grantRow(project.id, { userId: w.restricted.id });

    signInAs(w.member);
    const refused = await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "on" });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await grantRow(project.id, { userId: w.restricted.id })).canDeploy).toBeNull();
    expect((await capsOf(w.restricted.id, project.id))?.deploy).toBe(false);
    expect(await lastAudit(w.org.id)).toBeNull();

    signInAs(w.admin);
    expect((await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: g.id, canDeploy: "on" })).ok).toBe(true);
    expect((await capsOf(w.restricted.id, project.id))?.deploy).toBe(true);

    // The admin administers both projects, but a grant id only counts on its own project.
    const other = await makeProject(w.org);
    await grant(other, { userId: w.member.id }, "write");
    const foreign = await grantRow(other.id, { userId: w.member.id });
    const notFound = await setGrantCapabilitiesAction(null, { projectId: project.id, grantId: foreign.id, canDeploy: "on" });
    expect(notFound).toMatchObject({ ok: false, status: 404 });
    expect((await grantRow(other.id, { userId: w.member.id })).canDeploy).toBeNull();
  });
});
