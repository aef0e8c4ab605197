import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, organizations, projects } from "@/db/schema";
import { setOrgPermissionsAction } from "@/lib/actions/projects/set-org-permissions";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { db, makeProject, makeUser, makeWorld } from "../factories";
import { signInAs } from "../setup/session";

const STRICT = { baseline: "read", deployForWrite: "on" } as const;

async function orgRow(id: string) {
  const [o] = await (await db()).select().from(organizations).where(eq(organizations.id, id));
  return o;
}

describe("organization project permissions", () => {
  for (const actor of ["owner", "admin", "member", "restricted", "outsider"] as const) {
    const allowed = actor === "owner" || actor === "admin";
    it(`${actor} ${allowed ? "can" : "cannot"} set the baseline and switches`, async () => {
      const w = await makeWorld();
      signInAs(w[actor]);
      const result = await setOrgPermissionsAction(null, { org: w.org.slug, ...STRICT });
      expect(result.ok).toBe(allowed);
      if (!result.ok) expect(result.status).toBe(actor === "outsider" ? 404 : 403);
      const o = await orgRow(w.org.id);
      expect(o.baseline).toBe(allowed ? "read" : "write");
      expect(o.allowPublicProjects).toBe(!allowed);
      expect(o.predictForRead).toBe(!allowed);
    });
  }

  it("the baseline takes effect at once, is audited, and forbidding public makes public projects organization-only", async () => {
    const w = await makeWorld();
    const pub = await makeProject(w.org, { visibility: "public" });
    const orgVis = await makeProject(w.org, { visibility: "organization" });
    const d = await db();
    expect((await resolveProjectAccess(d, w.member.id, { projectId: orgVis.id }))?.level).toBe("write");
    signInAs(w.admin);
    const result = await setOrgPermissionsAction(null, {
      org: w.org.slug, baseline: "none", allowPublicProjects: false, externalCollaborators: "on", deployForWrite: "on", predictForRead: "on",
    });
    expect(result).toMatchObject({ ok: true, data: { changed: true, unpublished: 1 } });
    expect(await resolveProjectAccess(d, w.member.id, { projectId: orgVis.id })).toBeNull();
    const [p] = await d.select().from(projects).where(eq(projects.id, pub.id));
    expect(p.visibility).toBe("organization");
    expect(await resolveProjectAccess(d, null, { projectId: pub.id })).toBeNull();
    const [event] = await d.select().from(auditEvents).where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, "org.permissions")));
    expect(event).toMatchObject({
      actorId: w.admin.id,
      before: expect.objectContaining({ baseline: "write", allowPublicProjects: true }),
      after: expect.objectContaining({ baseline: "none", allowPublicProjects: false, externalCollaborators: true, publicProjectsMadeOrganization: 1 }),
    });
  });

  it("refuses a bad baseline with a field error and a personal workspace", async () => {
    const w = await makeWorld();
    signInAs(w.owner);
    const bad = await setOrgPermissionsAction(null, { org: w.org.slug, baseline: "superuser" });
    expect(!bad.ok && bad.fieldErrors?.baseline?.length).toBe(1);
    const solo = await makeUser();
    signInAs(solo);
    expect(await setOrgPermissionsAction(null, { org: solo.username, baseline: "read" })).toMatchObject({ ok: false, status: 400 });
  });
});
