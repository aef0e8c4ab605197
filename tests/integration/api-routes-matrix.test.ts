import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, projects } from "@/db/schema";
import { getMe, listMyWorkspaces } from "@/lib/api/endpoints/account";
import { deleteProject, getProject, listMembers, listResources, updateProject } from "@/lib/api/endpoints/project";
import { createRun, deleteResource, getResource, predict, trainModel, uploadDataset } from "@/lib/api/endpoints/resources";
import { createWorkspaceProject, listWorkspaceProjects } from "@/lib/api/endpoints/workspace-projects";
import { churnCsv } from "@/lib/ml/churn";
import { db, grant, makeProject, makeUser, makeWorld, unique, type TestUser } from "../factories";
import { call, makeToken, type Answer, type CallOptions } from "./api-helpers";
import { auditCount, CHURN_INPUTS, csvFile, insertDataset, insertModel, resourceCount } from "./resources-fixtures";

type Who = "owner" | "admin" | "member" | "restricted" | "external" | "outsider" | "signedOut";
const WHO: Who[] = ["owner", "admin", "member", "restricted", "external", "outsider", "signedOut"];

/**
 * The organization: baseline read, external collaborators allowed. The project under test is
 * organization-visible; the member holds a direct write grant, the restricted member gets the
 * read baseline, the external collaborator a direct read grant; the outsider owns another org.
 * Expected answers are written out from SPEC §2–3, not computed.
 */
const EXPECTED: Record<string, Record<Who, number>> = {
  "GET /me":                          { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 200, signedOut: 401 },
  "GET /workspaces":                  { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 200, signedOut: 401 },
  "GET /workspaces/{ws}/projects":    { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 200, signedOut: 200 },
  "POST /workspaces/{ws}/projects":   { owner: 201, admin: 201, member: 201, restricted: 403, external: 404, outsider: 404, signedOut: 401 },
  "GET /projects/{id}":               { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 404, signedOut: 404 },
  "PATCH /projects/{id}":             { owner: 200, admin: 200, member: 403, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "PATCH /projects/{id} visibility":  { owner: 200, admin: 200, member: 403, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "DELETE /projects/{id}":            { owner: 204, admin: 204, member: 403, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "GET /projects/{id}/resources":     { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 404, signedOut: 404 },
  "GET /projects/{id}/members":       { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 404, signedOut: 401 },
  "POST /projects/{id}/datasets":     { owner: 201, admin: 201, member: 201, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "POST /projects/{id}/models":       { owner: 201, admin: 201, member: 201, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "POST /projects/{id}/runs":         { owner: 201, admin: 201, member: 201, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
  "POST /resources/{id}/predictions": { owner: 201, admin: 201, member: 201, restricted: 201, external: 201, outsider: 404, signedOut: 401 },
  "GET /resources/{id}":              { owner: 200, admin: 200, member: 200, restricted: 200, external: 200, outsider: 404, signedOut: 404 },
  "DELETE /resources/{id}":           { owner: 204, admin: 204, member: 204, restricted: 403, external: 403, outsider: 404, signedOut: 401 },
};

/** Whether the project under test is in the caller's page of the workspace list. */
const SEES_PROJECT_IN_LIST: Record<Who, boolean> = {
  owner: true, admin: true, member: true, restricted: true, external: true, outsider: false, signedOut: false,
};

interface World {
  org: { id: string; slug: string };
  users: Record<Exclude<Who, "signedOut">, TestUser>;
  tokens: Record<Exclude<Who, "signedOut">, string>;
}

interface Target {
  project: { id: string; name: string };
  dataset: { id: string };
  model: { id: string };
}

async function makeTarget(w: World): Promise<Target> {
  const project = await makeProject(w.org, { visibility: "organization", createdBy: w.users.owner.id });
  await grant(project, { userId: w.users.member.id }, "write");
  await grant(project, { userId: w.users.external.id }, "read");
  const dataset = await insertDataset(project.id, w.users.owner.id);
  const model = await insertModel(project.id, w.users.owner.id, dataset);
  return { project, dataset, model };
}

type Perform = (t: Target, w: World, caller: CallOptions) => Promise<{ answer: Answer; happened?: () => Promise<boolean> }>;

const count = (projectId: string, kind: string) => resourceCount(projectId, kind);
const exists = async (projectId: string) => (await (await db()).select().from(projects).where(eq(projects.id, projectId))).length === 1;

const ROUTES: Record<string, { perform: Perform; destructive?: boolean }> = {
  "GET /me": { perform: async (_t, _w, c) => ({ answer: await call(getMe, c) }) },
  "GET /workspaces": { perform: async (_t, _w, c) => ({ answer: await call(listMyWorkspaces, c) }) },
  "GET /workspaces/{ws}/projects": { perform: async (_t, w, c) => ({ answer: await call(listWorkspaceProjects, { ...c, params: { ws: w.org.slug }, query: { limit: "100" } }) }) },
  "POST /workspaces/{ws}/projects": {
    perform: async (_t, w, c) => {
      const name = unique("API project ");
      const answer = await call(createWorkspaceProject, { ...c, params: { ws: w.org.slug }, json: { name, visibility: "organization" } });
      const made = async () => (await (await db()).select().from(projects).where(eq(projects.name, name))).length === 1;
      return { answer, happened: made };
    },
  },
  "GET /projects/{id}": { perform: async (t, _w, c) => ({ answer: await call(getProject, { ...c, params: { id: t.project.id } }) }) },
  "PATCH /projects/{id}": {
    destructive: true,
    perform: async (t, _w, c) => {
      const answer = await call(updateProject, { ...c, params: { id: t.project.id }, json: { description: "changed by the API" } });
      const changed = async () => (await (await db()).select().from(projects).where(eq(projects.id, t.project.id)))[0].description === "changed by the API";
      return { answer, happened: changed };
    },
  },
  "PATCH /projects/{id} visibility": {
    destructive: true,
    perform: async (t, _w, c) => {
      const answer = await call(updateProject, { ...c, params: { id: t.project.id }, json: { visibility: "private" } });
      const changed = async () => (await (await db()).select().from(projects).where(eq(projects.id, t.project.id)))[0].visibility === "private";
      return { answer, happened: changed };
    },
  },
  "DELETE /projects/{id}": {
    destructive: true,
    perform: async (t, _w, c) => ({ answer: await call(deleteProject, { ...c, params: { id: t.project.id } }), happened: async () => !(await exists(t.project.id)) }),
  },
  "GET /projects/{id}/resources": { perform: async (t, _w, c) => ({ answer: await call(listResources, { ...c, params: { id: t.project.id } }) }) },
  "GET /projects/{id}/members": { perform: async (t, _w, c) => ({ answer: await call(listMembers, { ...c, params: { id: t.project.id } }) }) },
  "POST /projects/{id}/datasets": {
    perform: async (t, _w, c) => {
      const before = await count(t.project.id, "dataset");
      const form = new FormData();
      form.set("file", csvFile(churnCsv(30, 3), "gym.csv"));
      const answer = await call(uploadDataset, { ...c, params: { id: t.project.id }, form });
      return { answer, happened: async () => (await count(t.project.id, "dataset")) === before + 1 };
    },
  },
  "POST /projects/{id}/models": {
    perform: async (t, _w, c) => {
      const before = await count(t.project.id, "model");
      const answer = await call(trainModel, { ...c, params: { id: t.project.id }, json: { datasetId: t.dataset.id, target: "churned", inputs: CHURN_INPUTS } });
      return { answer, happened: async () => (await count(t.project.id, "model")) === before + 1 };
    },
  },
  "POST /projects/{id}/runs": {
    perform: async (t, _w, c) => {
      const before = await count(t.project.id, "run");
      const answer = await call(createRun, { ...c, params: { id: t.project.id }, json: { name: "Run", params: { max_depth: 3 }, metrics: { accuracy: 0.8 } } });
      return { answer, happened: async () => (await count(t.project.id, "run")) === before + 1 };
    },
  },
  "POST /resources/{id}/predictions": {
    perform: async (t, _w, c) => {
      const before = await count(t.project.id, "prediction");
      const input = { membership_months: 3, visits_per_week: 0.5, age: 30, plan: "basic" };
      const answer = await call(predict, { ...c, params: { id: t.model.id }, json: { input } });
      return { answer, happened: async () => (await count(t.project.id, "prediction")) === before + 1 };
    },
  },
  "GET /resources/{id}": { perform: async (t, _w, c) => ({ answer: await call(getResource, { ...c, params: { id: t.dataset.id } }) }) },
  "DELETE /resources/{id}": {
    destructive: true,
    perform: async (t, _w, c) => ({
      answer: await call(deleteResource, { ...c, params: { id: t.dataset.id } }),
      happened: async () => (await count(t.project.id, "dataset")) === 0,
    }),
  },
};

let world: World;
let shared: Target;

beforeAll(async () => {
  const w = await makeWorld();
  const external = await makeUser(unique("external"));
  await (await db()).update(organizations).set({ baseline: "read", externalCollaborators: true }).where(eq(organizations.id, w.org.id));
  const users = { owner: w.owner, admin: w.admin, member: w.member, restricted: w.restricted, external, outsider: w.outsider };
  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await makeToken(u, { name: `${k} script` })] as const)),
  ) as World["tokens"];
  world = { org: w.org, users, tokens };
  shared = await makeTarget(world);
});

const callers: { via: string; options: (who: Who) => CallOptions }[] = [
  { via: "token", options: (who) => (who === "signedOut" ? {} : { token: world.tokens[who] }) },
  { via: "browser session", options: (who) => (who === "signedOut" ? {} : { session: world.users[who] }) },
];

describe.each(callers)("/api/v1 through a $via", ({ via, options }) => {
  for (const [route, expected] of Object.entries(EXPECTED)) {
    it(`${route}: ${WHO.map((w) => `${w} ${expected[w]}`).join(", ")}`, async () => {
      // The positive control of every refusal in this row: someone gets a success from the same call.
      expect(Object.values(expected).some((s) => s < 300)).toBe(true);
      const { perform, destructive } = ROUTES[route];
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const target = destructive ? await makeTarget(world) : shared;
        const { answer, happened } = await perform(target, world, options(who));
        got[who] = answer.status;
        if (answer.status >= 400) {
          expect(answer.headers.get("content-type")).toBe("application/problem+json");
          expect(answer.body.status).toBe(answer.status);
          expect(typeof answer.body.detail).toBe("string");
        }
        if (happened) expect(await happened(), `${who}: the change ${answer.status < 300 ? "happened" : "did not happen"}`).toBe(answer.status < 300);
        if (route === "GET /workspaces/{ws}/projects") {
          const ids = (answer.body.items ?? []).map((p) => p.id);
          expect(ids.includes(shared.project.id), `${who} sees the project in the list`).toBe(SEES_PROJECT_IN_LIST[who]);
        }
      }
      expect(got, `${via}`).toEqual(expected);
    });
  }
});

describe("what refusals say", () => {
  it("a restricted member is told why, in the form's words; the member's same call succeeds", async () => {
    const refused = await call(createRun, { token: world.tokens.restricted, params: { id: shared.project.id }, json: { name: "R", metrics: { a: 1 } } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("You have read access to this project: creating, editing and deleting resources needs write.");
    const allowed = await call(createRun, { token: world.tokens.member, params: { id: shared.project.id }, json: { name: "R", metrics: { a: 1 } } });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get("location")).toBe(`/api/v1/resources/${allowed.body.id}`);
  });

  it("bad input gets the form's field errors; good input passes", async () => {
    const bad = await call(createWorkspaceProject, { token: world.tokens.owner, params: { ws: world.org.slug }, json: { name: "  " } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({ name: ["Enter a project name."] });
    const dup = await call(createWorkspaceProject, { token: world.tokens.owner, params: { ws: world.org.slug }, json: { name: shared.project.name } });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual({ name: ["A project with this name already exists in this workspace."] });
    const badCsv = new FormData();
    badCsv.set("file", csvFile("a,b\n", "header-only.csv"));
    const csv = await call(uploadDataset, { token: world.tokens.owner, params: { id: shared.project.id }, form: badCsv });
    expect(csv.status).toBe(400);
    expect((csv.body.errors as Record<string, string[]>).file[0]).toMatch(/header row but no data rows/);
    const good = await call(createWorkspaceProject, { token: world.tokens.owner, params: { ws: world.org.slug }, json: { name: unique("Good ") } });
    expect(good.status).toBe(201);
  });

  it("a write through a token is audited with the token's name", async () => {
    const before = await auditCount(world.org.id, "resource.create");
    const answer = await call(createRun, { token: world.tokens.admin, params: { id: shared.project.id }, json: { name: "Audited", metrics: { a: 1 } } });
    expect(answer.status).toBe(201);
    expect(await auditCount(world.org.id, "resource.create")).toBe(before + 1);
    const { rows } = await import("@/db/client");
    const { sql } = await import("drizzle-orm");
    const [event] = await rows<{ actor_name: string; token_name: string | null }>(
      await db(),
      sql`select actor_name, token_name from audit_events where target_id = ${String(answer.body.id)}`,
    );
    expect(event).toEqual({ actor_name: world.users.admin.username, token_name: "admin script" });
  });
});
