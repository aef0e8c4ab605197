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
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser } from "../factories";
import { signInAs } from "../setup/session";
import { RESOURCE_CASES, type ResourceStage } from "./resource-action-cases";
import { insertEndpoint, insertModel } from "./resources-fixtures";

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

/** The world plus a model, its endpoint, and a second project the actor may write to. */
async function stage(w: World): Promise<ResourceStage> {
  const dest = await makeProject(w.org, { visibility: "private" });
  // A refused move is then about the source project alone.
  await grant(dest, { userId: w.actor.id }, "write");
  const model = await insertModel(w.project.id, null);
  return { project: w.project, dest, model, endpoint: await insertEndpoint(w.project.id, null, model) };
}

/** Checks the arranged world gives the actor the level the case is about, then signs them in. */
async function actAs(w: World, level: ProjectLevel | null) {
  const access = await resolveProjectAccess(await db(), w.actor.id, { projectId: w.project.id });
  expect(access?.level ?? null).toBe(level);
  signInAs(w.actor);
}

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

describe("SPEC §3 through the real server actions, for every way to hold each level", () => {
  for (const visibility of VISIBILITIES) {
    for (const way of ways(visibility)) {
      const who = way.level ? `${way.level} via ${way.source}` : "no access";
      it(`${visibility} project, ${who}: every project action answers as the table says`, async () => {
        for (const c of CASES) {
          const w = await arrange(visibility, way.source, way.level);
          await actAs(w, way.level);
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

      it(`${visibility} project, ${who}: every resource action answers as the table says`, async () => {
        const w = await arrange(visibility, way.source, way.level);
        const s = await stage(w);
        await actAs(w, way.level);
        for (const c of RESOURCE_CASES) {
          const { result, happened } = await c.perform(s);
          const allowed = way.level !== null && c.levels.includes(way.level);
          expect({ action: c.name, ok: result.ok, happened: await happened() }).toEqual({ action: c.name, ok: allowed, happened: allowed });
          if (!result.ok) expect({ action: c.name, status: result.status }).toEqual({ action: c.name, status: way.level ? 403 : 404 });
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
