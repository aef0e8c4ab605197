import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, resources, type Resource, type Visibility } from "@/db/schema";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { deleteResourceAction } from "@/lib/actions/resources/delete-resource";
import { deployAction } from "@/lib/actions/resources/deploy";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { predictAction } from "@/lib/actions/resources/predict";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { updateResourceAction } from "@/lib/actions/resources/update-resource";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import type { ActionResult } from "@/lib/actions/result";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { getProjectAccess } from "@/lib/data/resources";
import { churnCsv } from "@/lib/ml/churn";
import { signInAs } from "../setup/session";
import { addMember, db, grant, makeProject, makeUser, makeWorld } from "../factories";
import {
  auditCount, CHURN_INPUTS, csvFile, insertDataset, insertEndpoint, insertModel, PREDICT_INPUT, projectOf, resourceCount,
} from "./resources-fixtures";

type Level = "admin" | "write" | "read" | "none";
type Role = "admin" | "write" | "read" | "none";
const ROLES: Role[] = ["admin", "write", "read", "none"];
const VISIBILITIES: Visibility[] = ["private", "organization", "public"];

interface World {
  orgId: string;
  orgSlug: string;
  project: { id: string; slug: string };
  dest: { id: string };
  model: Resource;
  endpoint: Resource;
  /** "none" on a public project is a signed-out visitor, who may read it but not act. */
  actors: Record<Role, { user: { id: string } | null; level: Level }>;
}

/*
 * SPEC §3, transcribed: the project levels that may do each action (org switches left on).
 * Written out here, never read from lib/authz, so a wrong cell in the policy fails these cases.
 */
const WRITE: Level[] = ["admin", "write"];
const READ: Level[] = ["admin", "write", "read"];

/** What each action does, who may do it, and whether it visibly happened afterwards. */
const ACTIONS: { name: string; levels: Level[]; perform: (w: World) => Promise<{ result: ActionResult<unknown>; happened: () => Promise<boolean>; auditAction?: string }> }[] = [
  {
    name: "upload a dataset", levels: WRITE,
    perform: async (w) => {
      const before = await resourceCount(w.project.id, "dataset");
      const result = await uploadDatasetAction(null, { projectId: w.project.id, name: "Upload", file: csvFile(churnCsv(30, 3)) });
      return { result, happened: async () => (await resourceCount(w.project.id, "dataset")) === before + 1 };
    },
  },
  {
    name: "train a model", levels: WRITE,
    perform: async (w) => {
      const ds = await insertDataset(w.project.id, null);
      const before = await resourceCount(w.project.id, "model");
      const result = await trainModelAction(null, { projectId: w.project.id, datasetId: ds.id, target: "churned", inputs: CHURN_INPUTS });
      return { result, happened: async () => (await resourceCount(w.project.id, "model")) === before + 1 };
    },
  },
  {
    name: "record a run", levels: WRITE,
    perform: async (w) => {
      const before = await resourceCount(w.project.id, "run");
      const result = await createRunAction(null, { projectId: w.project.id, name: "Run", params: "max_depth = 3", metrics: "accuracy = 0.8" });
      return { result, happened: async () => (await resourceCount(w.project.id, "run")) === before + 1 };
    },
  },
  {
    name: "edit a resource", levels: WRITE,
    perform: async (w) => {
      const ds = await insertDataset(w.project.id, null);
      const result = await updateResourceAction(null, { projectId: w.project.id, resourceId: ds.id, name: "Renamed", description: "new" });
      const happened = async () => (await (await db()).select().from(resources).where(eq(resources.id, ds.id)))[0].name === "Renamed";
      return { result, happened, auditAction: "resource.update" };
    },
  },
  {
    name: "delete a resource", levels: WRITE,
    perform: async (w) => {
      const ds = await insertDataset(w.project.id, null);
      const result = await deleteResourceAction(null, { projectId: w.project.id, resourceId: ds.id });
      return { result, happened: async () => (await projectOf(ds.id)) === null, auditAction: "resource.delete" };
    },
  },
  {
    name: "move a resource", levels: WRITE,
    perform: async (w) => {
      const ds = await insertDataset(w.project.id, null);
      const result = await moveResourceAction(null, { projectId: w.project.id, resourceId: ds.id, targetProjectId: w.dest.id });
      return { result, happened: async () => (await projectOf(ds.id)) === w.dest.id, auditAction: "resource.move" };
    },
  },
  {
    name: "deploy a model", levels: WRITE,
    perform: async (w) => {
      const before = await resourceCount(w.project.id, "endpoint");
      const result = await deployAction(null, { projectId: w.project.id, resourceId: w.model.id });
      return { result, happened: async () => (await resourceCount(w.project.id, "endpoint")) === before + 1, auditAction: "resource.deploy" };
    },
  },
  {
    name: "predict with a model", levels: READ,
    perform: async (w) => {
      const before = await resourceCount(w.project.id, "prediction");
      const result = await predictAction(null, { projectId: w.project.id, resourceId: w.model.id, ...PREDICT_INPUT });
      return { result, happened: async () => (await resourceCount(w.project.id, "prediction")) === before + 1, auditAction: "prediction.create" };
    },
  },
  {
    name: "predict on an endpoint", levels: READ,
    perform: async (w) => {
      const before = await resourceCount(w.project.id, "prediction");
      const result = await predictAction(null, { projectId: w.project.id, resourceId: w.endpoint.id, ...PREDICT_INPUT });
      return { result, happened: async () => (await resourceCount(w.project.id, "prediction")) === before + 1, auditAction: "prediction.create" };
    },
  },
];

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

  const cells = ACTIONS.flatMap((a) => ROLES.map((role) => [role, a.name, a] as const));
  it.each(cells)("%s: %s", async (role, _name, action) => {
    const { user, level } = w.actors[role];
    signInAs(user);
    const allowed = user !== null && action.levels.includes(level);
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
