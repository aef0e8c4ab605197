import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditEvents, projectGrants, projects } from "@/db/schema";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { db, makeOrg, makeProject, makeUser, makeWorld, unique } from "../factories";
import { signInAs } from "../setup/session";

async function projectNamed(orgId: string, name: string) {
  const [p] = await (await db()).select().from(projects).where(and(eq(projects.orgId, orgId), eq(projects.name, name)));
  return p ?? null;
}

describe("creating a project", () => {
  it("a member creates one, with normalized tags and colour, and becomes its admin by a direct grant", async () => {
    const w = await makeWorld();
    signInAs(w.member);
    const name = unique("Churn Model ");
    const result = await createProjectAction(null, {
      org: w.org.slug, name, description: "Who leaves", tags: " Tabular, ML ,tabular,  deep learning", colour: "#16A34A", visibility: "private",
    });
    expect(result.ok).toBe(true);
    const p = await projectNamed(w.org.id, name);
    expect(p).toMatchObject({ tags: ["tabular", "ml", "deep-learning"], colour: "#16a34a", visibility: "private", createdBy: w.member.id });
    expect(p!.slug).toBe(name.toLowerCase().replace(/ /g, "-"));
    expect(result.ok && result.data).toMatchObject({ redirectTo: `/${w.org.slug}/${p!.slug}` });
    const [g] = await (await db()).select().from(projectGrants).where(eq(projectGrants.projectId, p!.id));
    expect(g).toMatchObject({ userId: w.member.id, level: "admin" });
    const [event] = await (await db()).select().from(auditEvents).where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, "project.create")));
    expect(event).toMatchObject({ actorId: w.member.id, targetId: p!.id, targetLabel: name });
  });

  it("refuses a name already used in the workspace whatever its case, but allows it in another workspace", async () => {
    const w = await makeWorld();
    await makeProject(w.org, { name: "Fraud Detection" });
    signInAs(w.owner);
    const dup = await createProjectAction(null, { org: w.org.slug, name: "FRAUD detection" });
    expect(dup.ok).toBe(false);
    expect(!dup.ok && dup.fieldErrors?.name?.[0]).toMatch(/already exists/);
    signInAs(w.outsider);
    const elsewhere = await createProjectAction(null, { org: w.otherOrg.slug, name: "FRAUD detection" });
    expect(elsewhere.ok).toBe(true);
  });

  it("derives a free URL name: a suffix when the slug is taken or reserved", async () => {
    const w = await makeWorld();
    signInAs(w.owner);
    const first = await createProjectAction(null, { org: w.org.slug, name: "Sales: Q1" });
    const second = await createProjectAction(null, { org: w.org.slug, name: "Sales Q1" });
    const reserved = await createProjectAction(null, { org: w.org.slug, name: "Settings" });
    const symbols = await createProjectAction(null, { org: w.org.slug, name: "!!!" });
    expect([first, second, reserved, symbols].map((r) => r.ok && r.data.slug)).toEqual(["sales-q1", "sales-q1-2", "settings-2", "project"]);
  });

  it("gives field errors for bad input and writes nothing", async () => {
    const w = await makeWorld();
    signInAs(w.owner);
    const before = await (await db()).$count(projects);
    const result = await createProjectAction(null, { org: w.org.slug, name: "  ", colour: "blue", visibility: "secret", tags: "a".repeat(31) });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["colour", "name", "tags", "visibility"]);
    expect(!result.ok && result.status).toBe(400);
    expect(await (await db()).$count(projects)).toBe(before);
  });

  it("refuses public where the organization forbids it, and allows it where it does not", async () => {
    const owner = await makeUser();
    const closed = await makeOrg(owner, { allowPublicProjects: false });
    const open = await makeOrg(owner);
    signInAs(owner);
    const refused = await createProjectAction(null, { org: closed.slug, name: "Open data", visibility: "public" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.visibility?.[0]).toBe("This organization does not allow public projects.");
    expect(await projectNamed(closed.id, "Open data")).toBeNull();
    const allowed = await createProjectAction(null, { org: open.slug, name: "Open data", visibility: "public" });
    expect(allowed.ok).toBe(true);
    expect((await projectNamed(open.id, "Open data"))?.visibility).toBe("public");
  });

  it("restricted members cannot create projects (with the reason); members can", async () => {
    const w = await makeWorld();
    signInAs(w.restricted);
    const refused = await createProjectAction(null, { org: w.org.slug, name: "Mine" });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(!refused.ok && refused.error).toMatch(/Restricted members cannot create projects/);
    expect(await projectNamed(w.org.id, "Mine")).toBeNull();
    signInAs(w.member);
    expect((await createProjectAction(null, { org: w.org.slug, name: "Mine" })).ok).toBe(true);
  });

  it("outsiders and signed-out callers are refused as for a missing organization", async () => {
    const w = await makeWorld();
    signInAs(w.outsider);
    expect(await createProjectAction(null, { org: w.org.slug, name: "Sneaky" })).toMatchObject({ ok: false, status: 404 });
    signInAs(null);
    expect(await createProjectAction(null, { org: w.org.slug, name: "Sneaky" })).toMatchObject({ ok: false, status: 401 });
    expect(await projectNamed(w.org.id, "Sneaky")).toBeNull();
  });

  it("in a personal workspace only its owner creates, and 'organization' visibility is refused there", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    signInAs(bob);
    expect(await createProjectAction(null, { org: alice.username, name: "Intrusion" })).toMatchObject({ ok: false, status: 404 });
    signInAs(alice);
    const orgVis = await createProjectAction(null, { org: alice.username, name: "Thesis", visibility: "organization" });
    expect(!orgVis.ok && orgVis.fieldErrors?.visibility?.[0]).toMatch(/personal workspace/);
    expect((await createProjectAction(null, { org: alice.username, name: "Thesis" })).ok).toBe(true);
    const [count] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from projects where org_id = ${alice.personalOrgId}`);
    expect(count.n).toBe(1);
  });
});
