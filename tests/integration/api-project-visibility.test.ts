import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { organizations, projects } from "@/db/schema";
import { updateProject } from "@/lib/api/endpoints/project";
import { db, grant, makeProject, makeWorld } from "../factories";
import { call, makeToken } from "./api-helpers";

// PATCH /projects/{id} changes visibility by the dashboard's rules (SPEC §3): project admins only,
// public only where the organization allows it. Expected answers are written out from the spec.

let w: Awaited<ReturnType<typeof makeWorld>>;
let tokens: { owner: string; admin: string; member: string; ownerReadOnly: string };

beforeAll(async () => {
  w = await makeWorld();
  tokens = {
    owner: await makeToken(w.owner, { name: "owner script" }),
    admin: await makeToken(w.admin, { name: "admin script" }),
    member: await makeToken(w.member, { name: "member script" }),
    ownerReadOnly: await makeToken(w.owner, { name: "owner reader", permission: "read" }),
  };
});

async function stored(projectId: string) {
  const [p] = await (await db()).select().from(projects).where(eq(projects.id, projectId));
  return { name: p.name, description: p.description, tags: p.tags, colour: p.colour, visibility: p.visibility };
}

async function visibilityAudits(projectId: string) {
  return rows<{ actor_name: string; token_name: string | null; before: unknown; after: unknown }>(
    await db(),
    sql`select actor_name, token_name, before, after from audit_events where action = 'project.visibility' and target_id = ${projectId} order by created_at`,
  );
}

async function setAllowPublic(allow: boolean) {
  await (await db()).update(organizations).set({ allowPublicProjects: allow }).where(eq(organizations.id, w.org.id));
}

/** An organization-visible project with a description, tags and colour that a visibility change must keep. */
async function arranged() {
  const project = await makeProject(w.org, { visibility: "organization", name: `Vis ${Math.random().toString(36).slice(2, 8)}` });
  await (await db()).update(projects).set({ description: "Weekly churn", tags: ["churn", "gyms"], colour: "#16a34a" }).where(eq(projects.id, project.id));
  await grant(project, { userId: w.member.id }, "write");
  return project;
}

describe("PATCH /projects/{id} with a visibility", () => {
  it("an org admin makes the project private; name, description, tags and colour stay; audited with the token's name", async () => {
    const project = await arranged();
    const answer = await call(updateProject, { token: tokens.admin, params: { id: project.id }, json: { visibility: "private" } });
    expect(answer.status).toBe(200);
    expect(answer.body.visibility).toBe("private");
    expect(await stored(project.id)).toEqual({ name: project.name, description: "Weekly churn", tags: ["churn", "gyms"], colour: "#16a34a", visibility: "private" });
    expect(await visibilityAudits(project.id)).toEqual([
      { actor_name: w.admin.username, token_name: "admin script", before: { visibility: "organization" }, after: { visibility: "private" } },
    ]);
  });

  it("a member with write is refused with the reason, and nothing changes; the owner's same call succeeds", async () => {
    const project = await arranged();
    const refused = await call(updateProject, { token: tokens.member, params: { id: project.id }, json: { visibility: "public" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.detail).toBe("Only project admins can edit this project's settings.");
    expect((await stored(project.id)).visibility).toBe("organization");
    expect(await visibilityAudits(project.id)).toEqual([]);
    const allowed = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { visibility: "public" } });
    expect(allowed.status).toBe(200);
    expect((await stored(project.id)).visibility).toBe("public");
  });

  it("the same member through the browser session is refused the same way", async () => {
    const project = await arranged();
    const refused = await call(updateProject, { session: w.member, params: { id: project.id }, json: { visibility: "private" } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Only project admins can edit this project's settings.");
    expect((await stored(project.id)).visibility).toBe("organization");
  });

  it("public is refused where the organization forbids public projects, with the form's message; allowed again once it allows them", async () => {
    const project = await arranged();
    await setAllowPublic(false);
    try {
      const refused = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { visibility: "public" } });
      expect(refused.status).toBe(400);
      expect(refused.body.detail).toBe("This organization does not allow public projects.");
      expect(refused.body.errors).toEqual({ visibility: ["This organization does not allow public projects."] });
      expect((await stored(project.id)).visibility).toBe("organization");
      // Private stays allowed under the same setting.
      const priv = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { visibility: "private" } });
      expect(priv.status).toBe(200);
    } finally {
      await setAllowPublic(true);
    }
    const allowed = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { visibility: "public" } });
    expect(allowed.status).toBe(200);
    expect((await stored(project.id)).visibility).toBe("public");
  });

  it("a refused visibility leaves the name sent with it unwritten too", async () => {
    const project = await arranged();
    await setAllowPublic(false);
    try {
      const refused = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { name: "Renamed with it", visibility: "public" } });
      expect(refused.status).toBe(400);
      expect(refused.body.detail).toBe("This organization does not allow public projects.");
    } finally {
      await setAllowPublic(true);
    }
    expect(await stored(project.id)).toEqual({ name: project.name, description: "Weekly churn", tags: ["churn", "gyms"], colour: "#16a34a", visibility: "organization" });
    const both = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { name: "Renamed with it", visibility: "private" } });
    expect(both.status).toBe(200);
    expect(await stored(project.id)).toEqual({ name: "Renamed with it", description: "Weekly churn", tags: ["churn", "gyms"], colour: "#16a34a", visibility: "private" });
  });

  it("a name alone keeps the description, tags, colour and visibility", async () => {
    const project = await arranged();
    const answer = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { name: "Only the name" } });
    expect(answer.status).toBe(200);
    expect(await stored(project.id)).toEqual({ name: "Only the name", description: "Weekly churn", tags: ["churn", "gyms"], colour: "#16a34a", visibility: "organization" });
  });

  it("organization is refused in a personal workspace, with the form's message", async () => {
    const personal = await makeProject({ id: w.owner.personalOrgId }, { visibility: "private" });
    const refused = await call(updateProject, { token: tokens.owner, params: { id: personal.id }, json: { visibility: "organization" } });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe("A personal workspace has no other members: choose private or public.");
    expect((await stored(personal.id)).visibility).toBe("private");
  });

  it("an unknown visibility is a field error, not a change", async () => {
    const project = await arranged();
    const refused = await call(updateProject, { token: tokens.owner, params: { id: project.id }, json: { visibility: "everyone" } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({ visibility: ["Choose who can see the project."] });
    expect((await stored(project.id)).visibility).toBe("organization");
  });

  it("the owner's read-only token is refused with the token's reason", async () => {
    const project = await arranged();
    const refused = await call(updateProject, { token: tokens.ownerReadOnly, params: { id: project.id }, json: { visibility: "private" } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("This token is read-only: creating, changing and deleting need a read and write token.");
    expect((await stored(project.id)).visibility).toBe("organization");
  });
});
