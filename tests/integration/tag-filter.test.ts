import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { projects } from "@/db/schema";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { changeVisibilityAction } from "@/lib/actions/projects/change-visibility";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { deleteOrganizationAction } from "@/lib/actions/org/delete-organization";
import { listVisibleTags } from "@/lib/data/projects";
import { db, grant, makeTeam, makeWorld } from "../factories";
import { as } from "../setup/session";

/**
 * The tag filter offers exactly the tags of the projects the viewer may see (SPEC §3), read from
 * per-organization tag counts kept in the writing transaction, so every write that adds, moves or
 * removes a tag shows in the very next list.
 */
async function create(w: Awaited<ReturnType<typeof makeWorld>>, name: string, tags: string, visibility: "private" | "organization" | "public") {
  const r = await as(w.owner, () => createProjectAction(null, { org: w.org.slug, name, tags, visibility }));
  expect(r.ok).toBe(true);
  const [p] = await (await db()).select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.name, name));
  return p;
}

async function tagsOf(orgId: string) {
  return rows<{ visibility: string; tag: string; projects: number }>(await db(),
    sql`select visibility::text, tag, projects from project_tag_counts where org_id = ${orgId}::uuid order by tag, visibility`);
}

describe("tag filter", () => {
  it("shows each viewer the tags of what they see, and follows create, edit, visibility and delete", async () => {
    const w = await makeWorld();
    const secret = await create(w, "Payroll model", "hr, salary", "private");
    await create(w, "Churn model", "churn, shared", "organization");
    await create(w, "Open data", "open, shared", "public");

    // SPEC §2–3: the owner sees every project; members, restricted ones too, the non-private
    // ones; an outsider or a signed-out visitor the public ones.
    expect(await listVisibleTags(w.org.id, w.owner.id)).toEqual(["churn", "hr", "open", "salary", "shared"]);
    expect(await listVisibleTags(w.org.id, w.member.id)).toEqual(["churn", "open", "shared"]);
    expect(await listVisibleTags(w.org.id, w.restricted.id)).toEqual(["churn", "open", "shared"]);
    expect(await listVisibleTags(w.org.id, w.outsider.id)).toEqual(["open", "shared"]);
    expect(await listVisibleTags(w.org.id, null)).toEqual(["open", "shared"]);

    // A grant on the private project shows its tags to that person only.
    await grant(secret, { userId: w.restricted.id }, "read");
    expect(await listVisibleTags(w.org.id, w.restricted.id)).toEqual(["churn", "hr", "open", "salary", "shared"]);
    expect(await listVisibleTags(w.org.id, w.member.id)).toEqual(["churn", "open", "shared"]);
    // ...and a team grant to the team's members.
    const team = await makeTeam(w.org, [w.member.id]);
    await grant(secret, { teamId: team.id }, "read");
    expect(await listVisibleTags(w.org.id, w.member.id)).toEqual(["churn", "hr", "open", "salary", "shared"]);

    // Editing the tags: "salary" goes, "pay" comes, for everyone who sees the project.
    expect((await as(w.owner, () => updateProjectAction(null, { projectId: secret.id, name: "Payroll model", tags: "hr, pay" }))).ok).toBe(true);
    expect(await listVisibleTags(w.org.id, w.owner.id)).toEqual(["churn", "hr", "open", "pay", "shared"]);
    expect(await listVisibleTags(w.org.id, w.restricted.id)).toEqual(["churn", "hr", "open", "pay", "shared"]);

    // Made public: an outsider now sees its tags.
    expect((await as(w.owner, () => changeVisibilityAction(null, { projectId: secret.id, visibility: "public" }))).ok).toBe(true);
    expect(await listVisibleTags(w.org.id, w.outsider.id)).toEqual(["hr", "open", "pay", "shared"]);

    // Deleted: its tags are gone; "shared" stays with the other projects that carry it.
    expect((await as(w.owner, () => deleteProjectAction(null, { projectId: secret.id, confirm: "Payroll model" }))).ok).toBe(true);
    expect(await listVisibleTags(w.org.id, w.owner.id)).toEqual(["churn", "open", "shared"]);
    expect(await tagsOf(w.org.id)).toEqual([
      { visibility: "organization", tag: "churn", projects: 1 },
      { visibility: "public", tag: "open", projects: 1 },
      { visibility: "organization", tag: "shared", projects: 1 },
      { visibility: "public", tag: "shared", projects: 1 },
    ]);
  });

  it("a rename or colour change writes no count; a deleted organization leaves none behind", async () => {
    const w = await makeWorld();
    const p = await create(w, "Forecast", "time-series", "organization");
    const before = await tagsOf(w.org.id);
    expect(before).toEqual([{ visibility: "organization", tag: "time-series", projects: 1 }]);
    expect((await as(w.owner, () => updateProjectAction(null, { projectId: p.id, name: "Forecast v2", tags: "time-series", colour: "#0f766e" }))).ok).toBe(true);
    expect(await tagsOf(w.org.id)).toEqual(before);

    expect((await as(w.owner, () => deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug }))).ok).toBe(true);
    expect(await tagsOf(w.org.id)).toEqual([]);
  });
});
