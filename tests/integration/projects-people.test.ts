import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, notifications, organizations, projectGrants } from "@/db/schema";
import { addPersonAction } from "@/lib/actions/projects/add-person";
import { addTeamAction } from "@/lib/actions/projects/add-team";
import { changeGrantAction } from "@/lib/actions/projects/change-grant";
import { removeGrantAction } from "@/lib/actions/projects/remove-grant";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { searchGrantCandidates } from "@/lib/data/pickers";
import { listProjectPeople } from "@/lib/data/project-people";
import { listVisibleProjects } from "@/lib/data/projects";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser, makeWorld } from "../factories";
import { signInAs } from "../setup/session";

async function mailTo(email: string) {
  return (await db()).select().from(emailOutbox).where(eq(emailOutbox.to, email)).orderBy(desc(emailOutbox.createdAt));
}
async function noticesOf(userId: string) {
  return (await db()).select().from(notifications).where(eq(notifications.userId, userId));
}
async function lastAudit(orgId: string, action: string) {
  const [e] = await (await db()).select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, action))).orderBy(desc(auditEvents.createdAt));
  return e ?? null;
}
async function directGrant(projectId: string, userId: string) {
  const [g] = await (await db()).select().from(projectGrants).where(and(eq(projectGrants.projectId, projectId), eq(projectGrants.userId, userId)));
  return g ?? null;
}

describe("project people", () => {
  it("adding a member takes effect at once, e-mails and notifies them, and is audited", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { name: "Secret sauce" });
    signInAs(w.owner);
    expect((await listVisibleProjects(w.org.id, w.restricted.id)).items).toHaveLength(0);
    const result = await addPersonAction(null, { projectId: project.id, userId: w.restricted.id, level: "read" });
    expect(result.ok).toBe(true);
    expect((await listVisibleProjects(w.org.id, w.restricted.id)).items.map((p) => [p.name, p.level])).toEqual([["Secret sauce", "read"]]);
    const [mail] = await mailTo(w.restricted.email);
    expect(mail.subject).toBe("You were added to the project Secret sauce");
    expect(mail.text).toContain(`/${w.org.slug}/${project.slug}`);
    expect((await noticesOf(w.restricted.id)).map((n) => n.kind)).toEqual(["project.added"]);
    expect(await lastAudit(w.org.id, "project.grant.add")).toMatchObject({ actorId: w.owner.id, targetId: w.restricted.id, after: expect.objectContaining({ level: "read" }) });

    const again = await addPersonAction(null, { projectId: project.id, userId: w.restricted.id, level: "write" });
    expect(!again.ok && again.fieldErrors?.person?.[0]).toMatch(/already has a direct grant/);
  });

  it("changing a level is audited with before and after; removing e-mails the person and ends their access", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org);
    await grant(project, { userId: w.member.id }, "read");
    const g = await directGrant(project.id, w.member.id);
    signInAs(w.admin);
    expect((await changeGrantAction(null, { projectId: project.id, grantId: g.id, level: "write" })).ok).toBe(true);
    expect((await directGrant(project.id, w.member.id))?.level).toBe("write");
    expect(await lastAudit(w.org.id, "project.grant.change")).toMatchObject({ before: expect.objectContaining({ level: "read" }), after: expect.objectContaining({ level: "write" }) });
    expect((await noticesOf(w.member.id)).map((n) => n.kind)).toEqual(["project.level"]);

    expect((await removeGrantAction(null, { projectId: project.id, grantId: g.id })).ok).toBe(true);
    expect(await directGrant(project.id, w.member.id)).toBeNull();
    expect(await resolveProjectAccess(await db(), w.member.id, { projectId: project.id })).toBeNull();
    expect((await mailTo(w.member.email))[0].subject).toBe(`You were removed from the project ${project.name}`);
    expect((await noticesOf(w.member.id)).map((n) => n.kind).sort()).toEqual(["project.level", "project.removed"]);
    expect(await lastAudit(w.org.id, "project.grant.remove")).toMatchObject({ targetId: w.member.id, before: expect.objectContaining({ level: "write" }), after: null });
  });

  it("only org members can be added unless external collaborators are on; an external sees that project and nothing else", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { name: "Shared" });
    await makeProject(w.org, { name: "Internal", visibility: "organization" });
    signInAs(w.owner);
    const refused = await addPersonAction(null, { projectId: project.id, username: w.outsider.username, level: "read" });
    expect(!refused.ok && refused.fieldErrors?.person?.[0]).toMatch(/does not allow external collaborators/);
    expect(await directGrant(project.id, w.outsider.id)).toBeNull();

    await (await db()).update(organizations).set({ externalCollaborators: true }).where(eq(organizations.id, w.org.id));
    const added = await addPersonAction(null, { projectId: project.id, username: w.outsider.username.toUpperCase(), level: "write" });
    expect(added.ok).toBe(true);
    expect((await listVisibleProjects(w.org.id, w.outsider.id)).items.map((p) => [p.name, p.level])).toEqual([["Shared", "write"]]);
    expect(await lastAudit(w.org.id, "project.grant.add")).toMatchObject({ after: expect.objectContaining({ external: true }) });
  });

  it("refuses org owners/admins (already admin) and unknown usernames with a field error", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org);
    signInAs(w.owner);
    const admin = await addPersonAction(null, { projectId: project.id, userId: w.admin.id, level: "read" });
    expect(!admin.ok && admin.fieldErrors?.person?.[0]).toMatch(/already has admin access/);
    const nobody = await addPersonAction(null, { projectId: project.id, username: "no-such-person", level: "read" });
    expect(!nobody.ok && nobody.fieldErrors?.person?.[0]).toBe("No user is called “no-such-person”.");
    const none = await addPersonAction(null, { projectId: project.id, level: "read" });
    expect(!none.ok && none.fieldErrors?.person?.[0]).toBe("Choose a person to add.");
  });

  it("in a personal workspace collaborators are added by username and are external", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const project = await makeProject({ id: alice.personalOrgId }, { name: "Thesis" });
    signInAs(alice);
    const self = await addPersonAction(null, { projectId: project.id, username: alice.username, level: "read" });
    expect(!self.ok && self.fieldErrors?.person?.[0]).toMatch(/own this workspace/);
    expect((await addPersonAction(null, { projectId: project.id, username: bob.username, level: "write" })).ok).toBe(true);
    expect((await resolveProjectAccess(await db(), bob.id, { projectId: project.id }))?.level).toBe("write");
    expect((await listVisibleProjects(alice.personalOrgId, bob.id)).items.map((p) => p.name)).toEqual(["Thesis"]);
    expect((await mailTo(bob.email))[0].subject).toBe("You were added to the project Thesis");
    signInAs(bob);
    const bobAdds = await addPersonAction(null, { projectId: project.id, username: alice.username, level: "read" });
    expect(bobAdds).toMatchObject({ ok: false, status: 403 });
  });

  it("teams are granted and shown as such; a team of another organization is not found", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org);
    const team = await makeTeam(w.org, [w.member.id], "Data science");
    const foreign = await makeTeam(w.otherOrg, [w.outsider.id]);
    signInAs(w.owner);
    expect(await addTeamAction(null, { projectId: project.id, teamId: foreign.id, level: "read" })).toMatchObject({ ok: false, status: 404 });
    expect((await addTeamAction(null, { projectId: project.id, teamId: team.id, level: "write" })).ok).toBe(true);
    const dup = await addTeamAction(null, { projectId: project.id, teamId: team.id, level: "read" });
    expect(!dup.ok && dup.fieldErrors?.teamId?.[0]).toMatch(/already has access/);
    const access = await resolveProjectAccess(await db(), w.member.id, { projectId: project.id });
    expect(access?.sources).toEqual([{ kind: "team", team: "Data science", level: "write" }]);
    // The team's members are told, by e-mail and in the app; the foreign team's are not.
    expect((await mailTo(w.member.email)).map((m) => m.subject)).toContain(`Your team Data science was added to the project ${project.name}`);
    expect((await noticesOf(w.member.id)).map((n) => n.kind)).toContain("project.added");
    expect(await mailTo(w.outsider.email)).toEqual([]);
  });
});

describe("the people list", () => {
  it("shows everyone with access and why, hides e-mails unless asked, and runs out of candidates", async () => {
    const w = await makeWorld();
    const org = await makeOrg(w.owner, { baseline: "read" });
    await addMember(org, w.admin, "admin");
    await addMember(org, w.member, "member");
    await addMember(org, w.restricted, "restricted");
    const project = await makeProject(org, { visibility: "organization" });
    await grant(project, { userId: w.member.id }, "write");
    const team = await makeTeam(org, [w.restricted.id], "Analysts");
    await grant(project, { teamId: team.id }, "admin");
    const d = await db();
    const ref = { id: project.id, orgId: org.id, visibility: project.visibility };

    const hidden = await listProjectPeople(d, ref, { showEmails: false });
    const byName = Object.fromEntries(hidden.people.map((p) => [p.username, p]));
    expect(hidden.people.every((p) => p.email === null)).toBe(true);
    expect(byName[w.owner.username]).toMatchObject({ level: "admin", sources: [{ kind: "org-admin", role: "owner" }, { kind: "baseline", level: "read" }] });
    expect(byName[w.member.username]).toMatchObject({ level: "write", sources: [{ kind: "direct", level: "write" }, { kind: "baseline", level: "read" }] });
    expect(byName[w.restricted.username]).toMatchObject({ level: "admin", sources: [{ kind: "team", team: "Analysts", level: "admin" }, { kind: "baseline", level: "read" }] });
    expect(byName[w.outsider.username]).toBeUndefined();
    expect(hidden.teams).toMatchObject([{ name: "Analysts", level: "admin", members: 1 }]);
    // Every listed level is the one the resolver gives.
    for (const p of hidden.people) {
      expect((await resolveProjectAccess(d, p.id, { projectId: project.id }))?.level).toBe(p.level);
    }
    const shown = await listProjectPeople(d, ref, { showEmails: true });
    expect(shown.people.find((p) => p.id === w.member.id)?.email).toBe(w.member.email);

    expect(shown.anyCandidate).toBe(true);
    expect((await searchGrantCandidates(d, ref, "")).map((c) => c.id)).toEqual([w.restricted.id]);
    await grant(project, { userId: w.restricted.id }, "read");
    expect((await listProjectPeople(d, ref, { showEmails: false })).anyCandidate).toBe(false);
    expect(await searchGrantCandidates(d, ref, "")).toEqual([]);
  });
});
