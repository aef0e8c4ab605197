import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { transferResourceAction } from "@/lib/actions/resources/transfer-resource";
import { signInAs } from "../setup/session";
import { addMember, db, grant, makeProject, makeUser, makeWorld } from "../factories";
import { auditCount, insertDataset, projectOf } from "./resources-fixtures";

async function arrange() {
  const world = await makeWorld();
  const a = await makeProject(world.org, { visibility: "private" });
  const b = await makeProject(world.org, { visibility: "private" });
  const ds = await insertDataset(a.id, world.member.id);
  return { ...world, a, b, ds };
}

const move = (w: Awaited<ReturnType<typeof arrange>>, targetProjectId: string) =>
  moveResourceAction(null, { projectId: w.a.id, resourceId: w.ds.id, targetProjectId });

describe("moving a resource between projects of one organization", () => {
  it("works with write on both ends, and is in the audit log with both project names", async () => {
    const w = await arrange();
    await grant(w.a, { userId: w.member.id }, "write");
    await grant(w.b, { userId: w.member.id }, "write");
    signInAs(w.member);
    const result = await move(w, w.b.id);
    expect(result.ok).toBe(true);
    expect(await projectOf(w.ds.id)).toBe(w.b.id);
    const [event] = await rows<{ before: { project: string }; after: { project: string } }>(
      await db(), sql`select before, after from audit_events where org_id = ${w.org.id}::uuid and action = 'resource.move'`,
    );
    expect(event).toEqual({ before: { project: w.a.name }, after: { project: w.b.name } });
  });

  it("is refused with only read on the target, and the resource stays", async () => {
    const w = await arrange();
    await grant(w.a, { userId: w.member.id }, "write");
    await grant(w.b, { userId: w.member.id }, "read");
    signInAs(w.member);
    const result = await move(w, w.b.id);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(403);
      expect(result.error).toMatch(/write access on both projects/);
    }
    expect(await projectOf(w.ds.id)).toBe(w.a.id);
    expect(await auditCount(w.org.id, "resource.move")).toBe(0);
  });

  it("is refused with only read on the source, even with write on the target", async () => {
    const w = await arrange();
    await grant(w.a, { userId: w.member.id }, "read");
    await grant(w.b, { userId: w.member.id }, "write");
    signInAs(w.member);
    const result = await move(w, w.b.id);
    expect(result.ok || result.status).toBe(403);
    expect(await projectOf(w.ds.id)).toBe(w.a.id);
  });

  it("answers not found for a target the mover cannot see at all", async () => {
    const w = await arrange();
    await grant(w.a, { userId: w.member.id }, "write");
    signInAs(w.member);
    const result = await move(w, w.b.id);
    expect(result.ok || result.status).toBe(404);
    expect(await projectOf(w.ds.id)).toBe(w.a.id);
  });

  it("answers not found for a project of another organization, even one the mover administers", async () => {
    const w = await arrange();
    const elsewhere = await makeProject(w.otherOrg, { visibility: "private" });
    await addMember(w.otherOrg, w.admin, "admin");
    signInAs(w.admin);
    const result = await move(w, elsewhere.id);
    expect(result.ok || result.status).toBe(404);
    expect(await projectOf(w.ds.id)).toBe(w.a.id);
    // Positive control: the same admin moves it inside the organization.
    expect((await move(w, w.b.id)).ok).toBe(true);
  });
});

describe("transferring from a personal workspace to an organization", () => {
  async function arrangePersonal() {
    const world = await makeWorld();
    const personal = { id: world.member.personalOrgId };
    const mine = await makeProject(personal, { visibility: "private" });
    const ds = await insertDataset(mine.id, world.member.id);
    const orgProject = await makeProject(world.org, { visibility: "private" });
    return { ...world, mine, ds, orgProject };
  }

  it("moves the owner's resource into an org project where they have write; both logs record it", async () => {
    const w = await arrangePersonal();
    await grant(w.orgProject, { userId: w.member.id }, "write");
    signInAs(w.member);
    const result = await transferResourceAction(null, { projectId: w.mine.id, resourceId: w.ds.id, targetProjectId: w.orgProject.id });
    expect(result.ok).toBe(true);
    expect(await projectOf(w.ds.id)).toBe(w.orgProject.id);
    expect(await auditCount(w.org.id, "resource.transfer", w.ds.id)).toBe(1);
    expect(await auditCount(w.member.personalOrgId, "resource.transfer", w.ds.id)).toBe(1);
  });

  it("is refused with read on the org project, and nothing moves", async () => {
    const w = await arrangePersonal();
    await grant(w.orgProject, { userId: w.member.id }, "read");
    signInAs(w.member);
    const result = await transferResourceAction(null, { projectId: w.mine.id, resourceId: w.ds.id, targetProjectId: w.orgProject.id });
    expect(result.ok || result.status).toBe(403);
    expect(await projectOf(w.ds.id)).toBe(w.mine.id);
    expect(await auditCount(w.org.id, "resource.transfer")).toBe(0);
  });

  it("answers not found for an organization the user does not belong to", async () => {
    const w = await arrangePersonal();
    const foreign = await makeProject(w.otherOrg, { visibility: "public" });
    signInAs(w.member);
    const result = await transferResourceAction(null, { projectId: w.mine.id, resourceId: w.ds.id, targetProjectId: foreign.id });
    expect(result.ok || result.status).toBe(404);
    expect(await projectOf(w.ds.id)).toBe(w.mine.id);
  });

  it("a collaborator with write on someone's personal project cannot carry its resources away", async () => {
    const w = await arrangePersonal();
    const collaborator = await makeUser();
    await addMember(w.org, collaborator, "admin");
    await grant(w.mine, { userId: collaborator.id }, "write");
    signInAs(collaborator);
    const result = await transferResourceAction(null, { projectId: w.mine.id, resourceId: w.ds.id, targetProjectId: w.orgProject.id });
    expect(result.ok || result.status).toBe(403);
    expect(await projectOf(w.ds.id)).toBe(w.mine.id);
  });

  it("only transfers out of a personal workspace: inside an org, moving is the way", async () => {
    const w = await arrangePersonal();
    const inOrg = await insertDataset(w.orgProject.id, w.admin.id);
    const second = await makeProject(w.org, { visibility: "private" });
    signInAs(w.owner);
    const result = await transferResourceAction(null, { projectId: w.orgProject.id, resourceId: inOrg.id, targetProjectId: second.id });
    expect(result.ok || result.status).toBe(403);
    expect(await projectOf(inOrg.id)).toBe(w.orgProject.id);
  });
});
