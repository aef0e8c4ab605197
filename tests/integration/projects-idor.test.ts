import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { projectGrants, projects } from "@/db/schema";
import { GET as listRoute } from "@/app/api/workspaces/[workspace]/projects/route";
import type { ActionResult } from "@/lib/actions/result";
import { addPersonAction } from "@/lib/actions/projects/add-person";
import { addTeamAction } from "@/lib/actions/projects/add-team";
import { changeGrantAction } from "@/lib/actions/projects/change-grant";
import { changeVisibilityAction } from "@/lib/actions/projects/change-visibility";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { removeGrantAction } from "@/lib/actions/projects/remove-grant";
import { setGrantCapabilitiesAction } from "@/lib/actions/projects/set-grant-capabilities";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { deleteResourceAction } from "@/lib/actions/resources/delete-resource";
import { deployAction } from "@/lib/actions/resources/deploy";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { predictAction } from "@/lib/actions/resources/predict";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { transferResourceAction } from "@/lib/actions/resources/transfer-resource";
import { updateResourceAction } from "@/lib/actions/resources/update-resource";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import { churnCsv } from "@/lib/ml/churn";
import { getProjectAccess } from "@/lib/data/resources";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser } from "../factories";
import { signInAs } from "../setup/session";
import { CHURN_INPUTS, csvFile, insertDataset, insertModel, PREDICT_INPUT } from "./resources-fixtures";

/** Alice owns org A; org B (someone else's) has a private project with a grant and a team. */
async function arrange() {
  const alice = await makeUser();
  const bobby = await makeUser();
  const a = await makeOrg(alice);
  const b = await makeOrg(bobby);
  const carol = await makeUser();
  await addMember(b, carol, "member");
  const mine = await makeProject(a, { name: "Mine" });
  const theirs = await makeProject(b, { name: "Theirs" });
  await grant(theirs, { userId: carol.id }, "read");
  const d = await db();
  const [theirGrant] = await d.select().from(projectGrants).where(and(eq(projectGrants.projectId, theirs.id), eq(projectGrants.userId, carol.id)));
  const theirTeam = await makeTeam(b, [carol.id]);
  await grant(mine, { userId: alice.id }, "admin");
  const [myGrant] = await d.select().from(projectGrants).where(and(eq(projectGrants.projectId, mine.id), eq(projectGrants.userId, alice.id)));
  return { alice, a, b, carol, mine, theirs, theirGrant, theirTeam, myGrant };
}
type W = Awaited<ReturnType<typeof arrange>>;

// Each action twice: with ids from org B (must be "not found") and with alice's own ids (must work).
const CASES: { name: string; foreign: (w: W) => Promise<ActionResult<unknown>>; own: (w: W) => Promise<ActionResult<unknown>> }[] = [
  {
    name: "edit",
    foreign: (w) => updateProjectAction(null, { projectId: w.theirs.id, name: "Pwned" }),
    own: (w) => updateProjectAction(null, { projectId: w.mine.id, name: "Renamed" }),
  },
  {
    name: "change visibility",
    foreign: (w) => changeVisibilityAction(null, { projectId: w.theirs.id, visibility: "public" }),
    own: (w) => changeVisibilityAction(null, { projectId: w.mine.id, visibility: "public" }),
  },
  {
    name: "delete",
    foreign: (w) => deleteProjectAction(null, { projectId: w.theirs.id, confirm: "Theirs" }),
    own: (w) => deleteProjectAction(null, { projectId: w.mine.id, confirm: "Mine" }),
  },
  {
    name: "add a person to a foreign project",
    foreign: (w) => addPersonAction(null, { projectId: w.theirs.id, userId: w.carol.id, level: "admin" }),
    own: async (w) => {
      const u = await makeUser();
      await addMember(w.a, u, "member");
      return addPersonAction(null, { projectId: w.mine.id, userId: u.id, level: "read" });
    },
  },
  {
    name: "change a foreign grant through my project",
    foreign: (w) => changeGrantAction(null, { projectId: w.mine.id, grantId: w.theirGrant.id, level: "admin" }),
    own: (w) => changeGrantAction(null, { projectId: w.mine.id, grantId: w.myGrant.id, level: "write" }),
  },
  {
    name: "remove a foreign grant through my project",
    foreign: (w) => removeGrantAction(null, { projectId: w.mine.id, grantId: w.theirGrant.id }),
    own: (w) => removeGrantAction(null, { projectId: w.mine.id, grantId: w.myGrant.id }),
  },
  {
    name: "grant a foreign team on my project",
    foreign: (w) => addTeamAction(null, { projectId: w.mine.id, teamId: w.theirTeam.id, level: "admin" }),
    own: async (w) => addTeamAction(null, { projectId: w.mine.id, teamId: (await makeTeam(w.a, [])).id, level: "read" }),
  },
];

describe("IDOR: ids from another organization answer not found", () => {
  for (const c of CASES) {
    it(`${c.name}: 404 with foreign ids, nothing changed; works with own ids`, async () => {
      const w = await arrange();
      signInAs(w.alice);
      const foreign = await c.foreign(w);
      expect(foreign).toMatchObject({ ok: false, status: 404 });
      const d = await db();
      const [theirs] = await d.select().from(projects).where(eq(projects.id, w.theirs.id));
      expect(theirs).toMatchObject({ name: "Theirs", visibility: "private" });
      const [g] = await d.select().from(projectGrants).where(eq(projectGrants.id, w.theirGrant.id));
      expect(g?.level).toBe("read");
      expect((await c.own(w)).ok).toBe(true);
    });
  }

  it("project pages: a project is only found under its own workspace and for those who may see it", async () => {
    const w = await arrange();
    expect(await getProjectAccess(w.alice.id, w.b.slug, w.theirs.slug)).toBeNull();
    expect(await getProjectAccess(w.alice.id, w.a.slug, w.theirs.slug)).toBeNull();
    expect(await getProjectAccess(null, w.a.slug, w.mine.slug)).toBeNull();
    expect((await getProjectAccess(w.carol.id, w.b.slug, w.theirs.slug))?.level).toBe("read");
    expect((await getProjectAccess(w.alice.id, w.a.slug.toUpperCase(), w.mine.slug))?.level).toBe("admin");
  });

  it("the list route shows a foreign workspace's public projects only", async () => {
    const w = await arrange();
    await makeProject(w.b, { name: "Their public", visibility: "public" });
    signInAs(w.alice);
    const res = await listRoute(new NextRequest(`http://localhost/api/workspaces/${w.b.slug}/projects`), { params: Promise.resolve({ workspace: w.b.slug }) });
    const body = await res.json();
    expect(body.items.map((p: { name: string }) => p.name)).toEqual(["Their public"]);
  });
});

/**
 * Alice owns an organization with the private project "Mine" (a dataset, a model, a direct grant
 * for bob, a team) and "Other"; her personal workspace has "Personal" with a dataset. Every id
 * below is real, so each action's positive control succeeds.
 */
async function arrangeResources() {
  const alice = await makeUser();
  const bob = await makeUser();
  const carl = await makeUser();
  const org = await makeOrg(alice);
  await addMember(org, bob, "member");
  await addMember(org, carl, "member");
  const mine = await makeProject(org, { name: "Mine" });
  const other = await makeProject(org, { name: "Other" });
  await grant(mine, { userId: bob.id }, "read");
  const [bobGrant] = await (await db()).select().from(projectGrants).where(and(eq(projectGrants.projectId, mine.id), eq(projectGrants.userId, bob.id)));
  const team = await makeTeam(org, [carl.id]);
  const dataset = await insertDataset(mine.id, alice.id);
  const model = await insertModel(mine.id, alice.id, dataset);
  const personal = await makeProject({ id: alice.personalOrgId }, { name: "Personal" });
  const personalDataset = await insertDataset(personal.id, alice.id);
  return { alice, carl, mine, other, bobGrant, team, dataset, model, personal, personalDataset };
}
type R = Awaited<ReturnType<typeof arrangeResources>>;
type Input = Record<string, unknown>;

// The message each kind of id answers with when it names nothing, written out.
const NOT_FOUND = {
  projectId: "Project not found.",
  resourceId: "Resource not found.",
  grantId: "This access no longer exists.",
  targetProjectId: "Target project not found.",
} as const;

// Every action on a project or its resources, its valid input, and the ids it takes.
const ID_CASES: { name: string; action: (prev: unknown, raw: Input) => Promise<ActionResult<unknown>>; input: (r: R) => Input; ids: (keyof typeof NOT_FOUND)[] }[] = [
  { name: "edit project", action: updateProjectAction, input: (r) => ({ projectId: r.mine.id, name: "Renamed" }), ids: ["projectId"] },
  { name: "change visibility", action: changeVisibilityAction, input: (r) => ({ projectId: r.mine.id, visibility: "organization" }), ids: ["projectId"] },
  { name: "delete project", action: deleteProjectAction, input: (r) => ({ projectId: r.mine.id, confirm: "Mine" }), ids: ["projectId"] },
  { name: "add a person", action: addPersonAction, input: (r) => ({ projectId: r.mine.id, userId: r.carl.id, level: "read" }), ids: ["projectId"] },
  { name: "add a team", action: addTeamAction, input: (r) => ({ projectId: r.mine.id, teamId: r.team.id, level: "read" }), ids: ["projectId"] },
  { name: "change a grant", action: changeGrantAction, input: (r) => ({ projectId: r.mine.id, grantId: r.bobGrant.id, level: "write" }), ids: ["projectId", "grantId"] },
  { name: "remove a grant", action: removeGrantAction, input: (r) => ({ projectId: r.mine.id, grantId: r.bobGrant.id }), ids: ["projectId", "grantId"] },
  { name: "set a grant's capabilities", action: setGrantCapabilitiesAction, input: (r) => ({ projectId: r.mine.id, grantId: r.bobGrant.id, canPredict: "on" }), ids: ["projectId", "grantId"] },
  { name: "upload a dataset", action: uploadDatasetAction, input: (r) => ({ projectId: r.mine.id, name: "Upload", file: csvFile(churnCsv(25, 5)) }), ids: ["projectId"] },
  { name: "train a model", action: trainModelAction, input: (r) => ({ projectId: r.mine.id, datasetId: r.dataset.id, target: "churned", inputs: CHURN_INPUTS }), ids: ["projectId"] },
  { name: "record a run", action: createRunAction, input: (r) => ({ projectId: r.mine.id, name: "Run one", params: "learning_rate = 0.1" }), ids: ["projectId"] },
  { name: "edit a resource", action: updateResourceAction, input: (r) => ({ projectId: r.mine.id, resourceId: r.dataset.id, name: "Renamed data", description: "" }), ids: ["projectId", "resourceId"] },
  { name: "delete a resource", action: deleteResourceAction, input: (r) => ({ projectId: r.mine.id, resourceId: r.model.id }), ids: ["projectId", "resourceId"] },
  { name: "deploy a model", action: deployAction, input: (r) => ({ projectId: r.mine.id, resourceId: r.model.id, name: "Live" }), ids: ["projectId", "resourceId"] },
  { name: "predict", action: predictAction, input: (r) => ({ projectId: r.mine.id, resourceId: r.model.id, ...PREDICT_INPUT }), ids: ["projectId", "resourceId"] },
  { name: "move a resource", action: moveResourceAction, input: (r) => ({ projectId: r.mine.id, resourceId: r.dataset.id, targetProjectId: r.other.id }), ids: ["projectId", "resourceId", "targetProjectId"] },
  { name: "transfer a resource", action: transferResourceAction, input: (r) => ({ projectId: r.personal.id, resourceId: r.personalDataset.id, targetProjectId: r.mine.id }), ids: ["projectId", "resourceId", "targetProjectId"] },
];

const MALFORMED: [string, string][] = [
  ["a word", "not-a-uuid"],
  ["36 hex digits and dashes that are no UUID", "ffffffffffffffffffffffffffffffff----"],
  ["a NUL", "\u0000"],
  ["a UUID with a NUL for its last digit", "ffffffff-ffff-4fff-bfff-fffffffffff\u0000"],
];

/** Everything the actions could change, in one row: any write shows up as a difference. */
async function fingerprint() {
  const [row] = await rows<Record<string, string>>(await db(), sql`select
    (select count(*) from audit_events)::text as audits,
    (select string_agg(concat_ws('|', id, name, visibility), ',' order by id) from projects) as projects,
    (select string_agg(concat_ws('|', id, name, project_id), ',' order by id) from resources) as resources,
    (select string_agg(concat_ws('|', id, level, can_predict), ',' order by id) from project_grants) as grants`);
  return row;
}

describe("malformed ids on every project and resource action answer 404 with the not-found message", () => {
  for (const c of ID_CASES) {
    it(`${c.name}: ${c.ids.join(", ")} malformed → 404, nothing written; the real ids work`, async () => {
      const r = await arrangeResources();
      signInAs(r.alice);
      const before = await fingerprint();
      const answers: [string, string, unknown][] = [];
      for (const field of c.ids) {
        for (const [label, bad] of MALFORMED) {
          const result = await c.action(null, { ...c.input(r), [field]: bad });
          answers.push([field, label, result.ok ? "ok" : { status: result.status, error: result.error }]);
        }
      }
      expect(answers).toEqual(c.ids.flatMap((field) => MALFORMED.map(([label]) => [field, label, { status: 404, error: NOT_FOUND[field] }])));
      expect(await fingerprint()).toEqual(before);
      // Positive control: the same action with the real ids goes through and changes something.
      const control = await c.action(null, c.input(r));
      expect(control).toMatchObject({ ok: true });
      expect(await fingerprint()).not.toEqual(before);
    });
  }
});
