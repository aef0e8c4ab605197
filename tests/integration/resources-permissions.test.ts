import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, type Visibility } from "@/db/schema";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { getProjectAccess } from "@/lib/data/resources";
import { signInAs } from "../setup/session";
import { addMember, db, grant, makeProject, makeUser, makeWorld } from "../factories";
import { RESOURCE_CASES, type ResourceStage } from "./resource-action-cases";
import { auditCount, insertEndpoint, insertModel } from "./resources-fixtures";

type Level = "admin" | "write" | "read" | "none";
type Role = "admin" | "write" | "read" | "none";
const ROLES: Role[] = ["admin", "write", "read", "none"];
const VISIBILITIES: Visibility[] = ["private", "organization", "public"];

interface World extends ResourceStage {
  orgId: string;
  orgSlug: string;
  project: { id: string; slug: string };
  /** "none" on a public project is a signed-out visitor, who may read it but not act. */
  actors: Record<Role, { user: { id: string } | null; level: Level }>;
}

async function buildWorld(visibility: Visibility): Promise<World> {
  const world = await makeWorld();
  // A read baseline gives org members read on non-private projects, so "read" exists on every visibility.
  await (await db()).update(organizations).set({ baseline: "read" }).where(eq(organizations.id, world.org.id));
  const writer = await makeUser();
  const reader = await makeUser();
  await addMember(world.org, writer, "member");
  await addMember(world.org, reader, "member");
  const project = await makeProject(world.org, { visibility });
  const dest = await makeProject(world.org, { visibility: "private" });
  await grant(project, { userId: writer.id }, "write");
  if (visibility === "private") await grant(project, { userId: reader.id }, "read");
  // Everyone may write to the destination: a refused move is then about the source alone.
  for (const u of [writer, reader, world.member]) await grant(dest, { userId: u.id }, "write");
  const model = await insertModel(project.id, writer.id);
  const endpoint = await insertEndpoint(project.id, writer.id, model);
  // "none": a member without a grant on a private project, an outsider on an organization one,
  // and, since anyone may read a public project, a signed-out visitor there.
  const none = visibility === "private" ? world.member : visibility === "organization" ? world.outsider : null;
  return {
    orgId: world.org.id, orgSlug: world.org.slug, project, dest, model, endpoint,
    actors: {
      admin: { user: world.admin, level: "admin" },
      write: { user: writer, level: "write" },
      read: { user: reader, level: "read" },
      none: { user: none, level: visibility === "public" ? "read" : "none" },
    },
  };
}

describe.each(VISIBILITIES)("resources on a %s project", (visibility) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(visibility);
  });

  it.each(ROLES)("the fixture gives the %s actor the level the table expects", async (role) => {
    const { user, level } = w.actors[role];
    const access = await resolveProjectAccess(await db(), user?.id ?? null, { projectId: w.project.id });
    expect(access?.level ?? "none").toBe(level);
  });

  it.each(ROLES)("%s can view the project's resources only with some access", async (role) => {
    const { user, level } = w.actors[role];
    const access = await getProjectAccess(user?.id ?? null, w.orgSlug, w.project.slug);
    expect(access !== null).toBe(level !== "none");
  });

  const cells = RESOURCE_CASES.flatMap((a) => ROLES.map((role) => [role, a.name, a] as const));
  it.each(cells)("%s: %s", async (role, _name, action) => {
    const { user, level } = w.actors[role];
    signInAs(user);
    const allowed = user !== null && level !== "none" && action.levels.includes(level);
    const { result, happened, auditAction } = await action.perform(w);
    expect(result.ok, JSON.stringify(result)).toBe(allowed);
    expect(await happened()).toBe(allowed);
    if (!result.ok) {
      const expected = user === null ? 401 : level === "none" ? 404 : 403;
      expect(result.status).toBe(expected);
    }
    if (allowed && auditAction) expect(await auditCount(w.orgId, auditAction)).toBeGreaterThan(0);
  });
});
