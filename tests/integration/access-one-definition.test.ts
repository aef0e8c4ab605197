import { afterEach, describe, expect, it } from "vitest";
import type { OrgRole } from "@/db/schema";
import { ORG_ACTIONS } from "@/lib/authz/policy";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { searchGrantCandidates } from "@/lib/data/pickers";
import { listProjectOwnAdmins, listProjectPeople } from "@/lib/data/project-people";
import { listVisibleProjects } from "@/lib/data/projects";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser, makeWorld } from "../factories";

// The policy row as data the test may edit; restored after each test.
const projectAll = ORG_ACTIONS["project.all"] as unknown as { roles: readonly OrgRole[] };
const original = projectAll.roles;
afterEach(() => {
  projectAll.roles = original;
});

describe("which org roles see every project comes from the policy table's project.all row", () => {
  it("an org admin loses admin on a private project when the row drops admin, and keeps it as written", async () => {
    const w = await makeWorld();
    const secret = await makeProject(w.org, { name: "Row secret" });
    const d = await db();
    // Positive control: as SPEC §2 writes it, owner and admin see it as admin.
    expect((await resolveProjectAccess(d, w.admin.id, { projectId: secret.id }))?.level).toBe("admin");
    projectAll.roles = ["owner"];
    expect(await resolveProjectAccess(d, w.admin.id, { projectId: secret.id })).toBeNull();
    expect((await listVisibleProjects(w.org.id, w.admin.id)).items.map((p) => p.name)).not.toContain("Row secret");
    expect((await resolveProjectAccess(d, w.owner.id, { projectId: secret.id }))?.level).toBe("admin");
  });

  it("a member gains admin everywhere when the row adds member, on the list, the resolver and the People page", async () => {
    const w = await makeWorld();
    const secret = await makeProject(w.org, { name: "Row private" });
    const d = await db();
    expect(await resolveProjectAccess(d, w.member.id, { projectId: secret.id })).toBeNull();
    projectAll.roles = ["owner", "admin", "member"];
    expect((await resolveProjectAccess(d, w.member.id, { projectId: secret.id }))?.level).toBe("admin");
    expect((await listVisibleProjects(w.org.id, w.member.id)).items.map((p) => [p.name, p.level])).toContainEqual(["Row private", "admin"]);
    const people = await listProjectPeople(d, { id: secret.id, orgId: w.org.id, visibility: "private" }, { showEmails: false });
    expect(people.people.find((p) => p.id === w.member.id)?.sources).toEqual([{ kind: "org-admin", role: "member" }]);
    // Nobody whose role already gives admin everywhere is offered a direct grant.
    expect((await searchGrantCandidates(d, { id: secret.id, orgId: w.org.id }, "")).map((c) => c.id)).not.toContain(w.member.id);
  });
});

describe("People page data comes from the resolver's SQL", () => {
  it("every person's level and sources match what the resolver says for that person", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { baseline: "read" });
    const [dev, ops] = [await makeUser(), await makeUser()];
    await addMember(org, dev, "member");
    await addMember(org, ops, "restricted");
    const project = await makeProject(org, { visibility: "organization" });
    await grant(project, { userId: ops.id }, "write");
    const team = await makeTeam(org, [dev.id], "Modellers");
    await grant(project, { teamId: team.id }, "admin");
    const d = await db();
    const { people } = await listProjectPeople(d, { id: project.id, orgId: org.id, visibility: "organization" }, { showEmails: false });
    // Written out from SPEC §3, not computed: owner via org role, dev via team (and baseline), ops direct (and baseline).
    expect(new Map(people.map((p) => [p.id, p.level]))).toEqual(new Map([[owner.id, "admin"], [dev.id, "admin"], [ops.id, "write"]]));
    for (const p of people) {
      const access = await resolveProjectAccess(d, p.id, { projectId: project.id });
      expect({ id: p.id, level: p.level, sources: p.sources }).toEqual({
        id: p.id, level: access?.level, sources: access?.sources.filter((s) => s.kind !== "public"),
      });
    }
    expect(people.find((p) => p.id === dev.id)?.sources).toEqual([
      { kind: "team", team: "Modellers", level: "admin" },
      { kind: "baseline", level: "read" },
    ]);
  });
});

describe("People tab privacy (SPEC §3): outsiders see the project's own admins at most", () => {
  it("shows outsiders the direct admins only, with no org role, team or e-mail; members see everyone (positive control)", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { name: "Open data", visibility: "public" });
    const lead = await makeUser();
    await addMember(w.org, lead, "member");
    await grant(project, { userId: lead.id }, "admin");
    const team = await makeTeam(w.org, [w.member.id], "Secret squad");
    await grant(project, { teamId: team.id }, "write");
    const d = await db();
    const ref = { id: project.id, orgId: w.org.id, visibility: "public" as const };

    const full = await listProjectPeople(d, ref, { showEmails: false });
    expect(full.people.map((p) => p.id)).toEqual(expect.arrayContaining([w.owner.id, w.admin.id, w.member.id, lead.id]));
    expect(full.teams.map((t) => t.name)).toEqual(["Secret squad"]);

    const admins = await listProjectOwnAdmins(d, { ...ref, orgKind: "team" });
    expect(admins).toEqual([{ id: lead.id, username: lead.username, name: lead.name ?? null }]);
    expect(JSON.stringify(admins)).not.toMatch(/Secret squad|owner|admin"|member|@/);
  });

  it("in a personal workspace an outsider sees the workspace owner and direct admins", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const project = await makeProject({ id: alice.personalOrgId }, { visibility: "public" });
    await grant(project, { userId: bob.id }, "write");
    const admins = await listProjectOwnAdmins(await db(), { id: project.id, orgId: alice.personalOrgId, visibility: "public", orgKind: "personal" });
    expect(admins.map((a) => a.id)).toEqual([alice.id]);
  });
});
