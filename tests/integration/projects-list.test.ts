import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { projects, resources } from "@/db/schema";
import { GET as listRoute } from "@/app/api/workspaces/[workspace]/projects/route";
import { listVisibleProjects, listVisibleTags } from "@/lib/data/projects";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser, makeWorld } from "../factories";
import { signInAs } from "../setup/session";
import { countQueries } from "./query-count";

afterEach(() => vi.restoreAllMocks());

async function bigOrg(projectsCount: number) {
  const owner = await makeUser();
  const org = await makeOrg(owner, { baseline: "read" });
  const viewer = await makeUser();
  await addMember(org, viewer, "member");
  const team = await makeTeam(org, [viewer.id]);
  const d = await db();
  for (let i = 0; i < projectsCount; i++) {
    const p = await makeProject(org, { visibility: (["private", "organization", "public"] as const)[i % 3] });
    if (i % 2) await grant(p, { userId: viewer.id }, "write");
    if (i % 5 === 0) await grant(p, { teamId: team.id }, "admin");
    await d.insert(resources).values([
      { projectId: p.id, kind: "dataset", name: `d${i}` },
      { projectId: p.id, kind: "model", name: `m${i}` },
      { projectId: p.id, kind: "model", name: `m${i}b` },
    ]);
  }
  return { org, viewer };
}

describe("project list", () => {
  it("is one SQL query per page whatever the number of projects, grants and resources", async () => {
    const small = await bigOrg(3);
    const large = await bigOrg(60);
    const a = await countQueries(() => listVisibleProjects(small.org.id, small.viewer.id, { limit: 24 }));
    const b = await countQueries(() => listVisibleProjects(large.org.id, large.viewer.id, { limit: 24 }));
    const firstByUpdate = await listVisibleProjects(large.org.id, large.viewer.id, { limit: 24, sort: "updated" });
    const c = await countQueries(() => listVisibleProjects(large.org.id, large.viewer.id, { limit: 24, cursor: firstByUpdate.nextCursor!, sort: "updated" }));
    expect(a.result.items.length).toBe(3);
    expect(b.result.items.length).toBe(24);
    expect(c.result.items.length).toBe(24);
    expect([a.queries, b.queries, c.queries]).toEqual([1, 1, 1]);
    expect(b.result.items[0].counts).toEqual({ dataset: 1, model: 2 });
  });

  it("pages through everything visible exactly once", async () => {
    const { org, viewer } = await bigOrg(30);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Awaited<ReturnType<typeof listVisibleProjects>> = await listVisibleProjects(org.id, viewer.id, { limit: 7, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = (await listVisibleProjects(org.id, viewer.id, { limit: 100 })).items.map((p) => p.id);
    // 4 of the 30 are private without a grant for this viewer (i = 6, 12, 18, 24).
    expect(all).toHaveLength(26);
    expect(seen).toEqual(all);
  });

  it("searches by name, filters by tag and visibility, sorts by name or last update", async () => {
    const w = await makeWorld();
    const d = await db();
    const alpha = await makeProject(w.org, { name: "Alpha churn", visibility: "organization" });
    const beta = await makeProject(w.org, { name: "Beta 100%", visibility: "public" });
    await makeProject(w.org, { name: "Gamma churn", visibility: "private" });
    await d.update(projects).set({ tags: ["tabular", "ml"] }).where(eq(projects.id, alpha.id));
    await d.update(projects).set({ tags: ["ml"], updatedAt: new Date(Date.now() + 60_000) }).where(eq(projects.id, beta.id));
    const names = async (q: Parameters<typeof listVisibleProjects>[2]) => (await listVisibleProjects(w.org.id, w.member.id, q)).items.map((p) => p.name);
    expect(await names({})).toEqual(["Alpha churn", "Beta 100%"]);
    expect(await names({ q: "CHURN" })).toEqual(["Alpha churn"]);
    expect(await names({ q: "100%" })).toEqual(["Beta 100%"]);
    expect(await names({ q: "%" })).toEqual(["Beta 100%"]);
    expect(await names({ tag: "ml" })).toEqual(["Alpha churn", "Beta 100%"]);
    expect(await names({ tag: "tabular" })).toEqual(["Alpha churn"]);
    expect(await names({ visibility: "public" })).toEqual(["Beta 100%"]);
    expect(await names({ sort: "updated" })).toEqual(["Beta 100%", "Alpha churn"]);
    // The owner sees the private one too (positive control for the hidden row).
    expect((await listVisibleProjects(w.org.id, w.owner.id, { q: "churn" })).items.map((p) => p.name)).toEqual(["Alpha churn", "Gamma churn"]);
  });

  it("never lets a hidden project's name, tags or counts reach the JSON", async () => {
    const w = await makeWorld();
    const secret = await makeProject(w.org, { name: "Secret merger model" });
    await (await db()).update(projects).set({ tags: ["classified-tag"] }).where(eq(projects.id, secret.id));
    await (await db()).insert(resources).values({ projectId: secret.id, kind: "dataset", name: "payroll" });
    await makeProject(w.org, { name: "Open model", visibility: "public" });
    await makeProject(w.org, { name: "Team model", visibility: "organization" });

    const call = async (ws: string, qs = "") => {
      const res = await listRoute(new NextRequest(`http://localhost/api/workspaces/${ws}/projects${qs}`), { params: Promise.resolve({ workspace: ws }) });
      return { status: res.status, text: await res.text() };
    };
    signInAs(w.member);
    const member = await call(w.org.slug);
    expect(member.status).toBe(200);
    expect(JSON.parse(member.text).items.map((p: { name: string }) => p.name)).toEqual(["Open model", "Team model"]);
    expect(member.text).not.toMatch(/Secret|classified|payroll/);
    expect(await listVisibleTags(w.org.id, w.member.id)).toEqual([]);

    signInAs(w.outsider);
    const outsider = await call(w.org.slug, "?visibility=organization&q=model");
    expect(JSON.parse(outsider.text).items).toEqual([]);
    expect(JSON.parse((await call(w.org.slug)).text).items.map((p: { name: string }) => p.name)).toEqual(["Open model"]);

    signInAs(w.owner);
    const owner = await call(w.org.slug, "?q=secret");
    expect(JSON.parse(owner.text).items.map((p: { name: string; counts: unknown }) => [p.name, p.counts])).toEqual([["Secret merger model", { dataset: 1 }]]);
    expect(await listVisibleTags(w.org.id, w.owner.id)).toEqual(["classified-tag"]);

    signInAs(null);
    expect((await call(w.org.slug)).status).toBe(401);
    signInAs(w.member);
    expect((await call("no-such-workspace")).status).toBe(404);
    expect((await call(w.org.slug, "?visibility=bogus&cursor=-4&sort=x")).status).toBe(200);
  });
});
