import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { projectGrants, projects, type ProjectLevel, type Visibility } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { addPersonAction } from "@/lib/actions/projects/add-person";
import { addTeamAction } from "@/lib/actions/projects/add-team";
import { changeGrantAction } from "@/lib/actions/projects/change-grant";
import { changeVisibilityAction } from "@/lib/actions/projects/change-visibility";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { removeGrantAction } from "@/lib/actions/projects/remove-grant";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { projectAllows, type ProjectAction } from "@/lib/authz/policy";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser } from "../factories";
import { signInAs } from "../setup/session";

const VISIBILITIES: Visibility[] = ["private", "organization", "public"];
type Source = "org-admin" | "direct" | "team" | "baseline" | "restricted-direct";

/** Every way to hold each level, plus no access at all (impossible on a public project: anyone reads it). */
function ways(visibility: Visibility): { source: Source | "none"; level: ProjectLevel | null }[] {
  const out: { source: Source | "none"; level: ProjectLevel | null }[] = [{ source: "org-admin", level: "admin" }];
  for (const level of ["admin", "write", "read"] as ProjectLevel[]) {
    out.push({ source: "direct", level }, { source: "team", level }, { source: "restricted-direct", level });
    if (visibility !== "private") out.push({ source: "baseline", level });
  }
  if (visibility !== "public") out.push({ source: "none", level: null });
  return out;
}

async function arrange(visibility: Visibility, source: Source | "none", level: ProjectLevel | null) {
  const owner = await makeUser();
  const org = await makeOrg(owner, { baseline: source === "baseline" ? level! : "none" });
  const actor = await makeUser();
  await addMember(org, actor, source === "org-admin" ? "admin" : source === "restricted-direct" ? "restricted" : "member");
  const newcomer = await makeUser();
  await addMember(org, newcomer, "member");
  const other = await makeUser();
  await addMember(org, other, "member");
  const project = await makeProject(org, { visibility });
  if (source === "direct" || source === "restricted-direct") await grant(project, { userId: actor.id }, level!);
  if (source === "team") await grant(project, { teamId: (await makeTeam(org, [actor.id])).id }, level!);
  await grant(project, { userId: other.id }, "read");
  const d = await db();
  const [otherGrant] = await d.select().from(projectGrants).where(and(eq(projectGrants.projectId, project.id), eq(projectGrants.userId, other.id)));
  const spareTeam = await makeTeam(org, []);
  return { org, actor, newcomer, other, project, otherGrant, spareTeam };
}

type World = Awaited<ReturnType<typeof arrange>>;

async function grantOf(projectId: string, who: { userId?: string; teamId?: string }) {
  const d = await db();
  const [g] = await d
    .select()
    .from(projectGrants)
    .where(and(eq(projectGrants.projectId, projectId), who.userId ? eq(projectGrants.userId, who.userId) : eq(projectGrants.teamId, who.teamId!)));
  return g ?? null;
}

async function projectRow(id: string) {
  const [p] = await (await db()).select().from(projects).where(eq(projects.id, id));
  return p ?? null;
}

/**
 * SPEC §3, transcribed: the levels that may do each action, and what everyone below is told.
 * Written out here, never read from lib/authz, so a wrong cell in the policy fails these cases.
 */
const PEOPLE = { levels: ["admin"], why: "Only project admins can manage who has access to this project." } as const;
const EDIT = { levels: ["admin"], why: "Only project admins can edit this project's settings." } as const;
const DELETE = { levels: ["admin"], why: "Only project admins can delete this project." } as const;

const CASES: { name: string; rule: { levels: readonly ProjectLevel[]; why: string }; run: (w: World) => Promise<ActionResult<unknown>>; changed: (w: World) => Promise<boolean> }[] = [
  {
    name: "add a person",
    rule: PEOPLE,
    run: (w) => addPersonAction(null, { projectId: w.project.id, userId: w.newcomer.id, level: "write" }),
    changed: async (w) => (await grantOf(w.project.id, { userId: w.newcomer.id }))?.level === "write",
  },
  {
    name: "grant a team",
    rule: PEOPLE,
    run: (w) => addTeamAction(null, { projectId: w.project.id, teamId: w.spareTeam.id, level: "read" }),
    changed: async (w) => (await grantOf(w.project.id, { teamId: w.spareTeam.id })) !== null,
  },
  {
    name: "change someone's level",
    rule: PEOPLE,
    run: (w) => changeGrantAction(null, { projectId: w.project.id, grantId: w.otherGrant.id, level: "admin" }),
    changed: async (w) => (await grantOf(w.project.id, { userId: w.other.id }))?.level === "admin",
  },
  {
    name: "remove someone",
    rule: PEOPLE,
    run: (w) => removeGrantAction(null, { projectId: w.project.id, grantId: w.otherGrant.id }),
    changed: async (w) => (await grantOf(w.project.id, { userId: w.other.id })) === null,
  },
  {
    name: "edit name, description, tags, colour",
    rule: EDIT,
    run: (w) => updateProjectAction(null, { projectId: w.project.id, name: "Renamed", description: "d", tags: "x", colour: "#dc2626" }),
    changed: async (w) => (await projectRow(w.project.id))?.name === "Renamed",
  },
  {
    name: "change the visibility",
    rule: EDIT,
    run: (w) => changeVisibilityAction(null, { projectId: w.project.id, visibility: w.project.visibility === "private" ? "organization" : "private" }),
    changed: async (w) => (await projectRow(w.project.id))?.visibility !== w.project.visibility,
  },
  {
    name: "delete the project",
    rule: DELETE,
    run: (w) => deleteProjectAction(null, { projectId: w.project.id, confirm: w.project.name }),
    changed: async (w) => (await projectRow(w.project.id)) === null,
  },
];

describe("SPEC §3 project table through the real server actions", () => {
  for (const visibility of VISIBILITIES) {
    for (const way of ways(visibility)) {
      const who = way.level ? `${way.level} via ${way.source}` : "no access";
      it(`${visibility} project, ${who}: every project action answers as the table says`, async () => {
        for (const c of CASES) {
          const w = await arrange(visibility, way.source, way.level);
          const access = await resolveProjectAccess(await db(), w.actor.id, { projectId: w.project.id });
          expect(access?.level ?? null).toBe(way.level);
          signInAs(w.actor);
          const result = await c.run(w);
          const allowed = way.level !== null && c.rule.levels.includes(way.level);
          expect({ action: c.name, ok: result.ok }).toEqual({ action: c.name, ok: allowed });
          expect({ action: c.name, changed: await c.changed(w) }).toEqual({ action: c.name, changed: allowed });
          if (!result.ok) {
            // No access at all looks exactly like a missing project; too low a level says why.
            expect(result.status).toBe(way.level ? 403 : 404);
            if (way.level) expect(result.error).toBe(c.rule.why);
          }
        }
      });
    }
  }

  it("signed-out visitors can read a public project but change nothing", async () => {
    for (const c of CASES) {
      const w = await arrange("public", "none", null);
      expect((await resolveProjectAccess(await db(), null, { projectId: w.project.id }))?.level).toBe("read");
      signInAs(null);
      expect(await c.run(w)).toMatchObject({ ok: false, status: 401 });
      expect(await c.changed(w)).toBe(false);
    }
  });
});

const RESOURCE_TABLE: Record<"resource.write" | "resource.move" | "resource.deploy" | "resource.view" | "resource.predict", ProjectLevel[]> = {
  "resource.write": ["admin", "write"],
  "resource.move": ["admin", "write"],
  "resource.deploy": ["admin", "write"],
  "resource.view": ["admin", "write", "read"],
  "resource.predict": ["admin", "write", "read"],
};

describe("SPEC §3 resource rows through the resolver and the policy", () => {
  for (const visibility of VISIBILITIES) {
    it(`${visibility} project: every way to each level gets exactly its resource rights`, async () => {
      for (const way of ways(visibility)) {
        const w = await arrange(visibility, way.source, way.level);
        const access = await resolveProjectAccess(await db(), w.actor.id, { projectId: w.project.id });
        for (const [action, levels] of Object.entries(RESOURCE_TABLE)) {
          const expected = way.level !== null && levels.includes(way.level);
          expect({ ...way, action, allowed: projectAllows(access?.level, action as ProjectAction, access?.capabilities) }).toEqual({ ...way, action, allowed: expected });
        }
      }
    });
  }

  it("deploy for writers and predict for readers follow the org switches, and a grant can switch them back on", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { deployForWrite: false, predictForRead: false, baseline: "none" });
    const writer = await makeUser();
    const reader = await makeUser();
    const writerOn = await makeUser();
    const readerOn = await makeUser();
    for (const u of [writer, reader, writerOn, readerOn]) await addMember(org, u, "member");
    const project = await makeProject(org);
    await grant(project, { userId: writer.id }, "write");
    await grant(project, { userId: reader.id }, "read");
    await grant(project, { userId: writerOn.id }, "write", { canDeploy: true });
    await grant(project, { userId: readerOn.id }, "read", { canPredict: true });
    const can = async (u: { id: string }, action: ProjectAction) => {
      const a = await resolveProjectAccess(await db(), u.id, { projectId: project.id });
      return projectAllows(a?.level, action, a?.capabilities);
    };
    expect(await can(writer, "resource.deploy")).toBe(false);
    expect(await can(writerOn, "resource.deploy")).toBe(true);
    expect(await can(owner, "resource.deploy")).toBe(true);
    expect(await can(reader, "resource.predict")).toBe(false);
    expect(await can(readerOn, "resource.predict")).toBe(true);
    expect(await can(writer, "resource.predict")).toBe(true);
  });
});
