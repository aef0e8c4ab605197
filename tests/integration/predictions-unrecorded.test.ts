import Ajv2020 from "ajv/dist/2020";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rows } from "@/db/client";
import { organizations } from "@/db/schema";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { predict } from "@/lib/api/endpoints/resources";
import { predictAction } from "@/lib/actions/resources/predict";
import type { ActionResult } from "@/lib/actions/result";
import { addMember, db, grant, makeProject, makeTeam, makeUser, makeWorld, unique } from "../factories";
import { as } from "../setup/session";
import { call, makeToken } from "./api-helpers";
import { holdOrgRow, holdRows, lockWaiters, secondConnection, waitForLockWaiters } from "./race-helpers";
import { insertModel, PREDICT_INPUT } from "./resources-fixtures";

// The real predictor, watched: the number of answers computed so far.
const computed = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/ml/predict", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ml/predict")>();
  return { ...real, predictOne: (...args: Parameters<typeof real.predictOne>) => (computed.count++, real.predictOne(...args)) };
});

const pg = secondConnection();

// SPEC §3, written out: what a reader of a public project who is neither an org member nor a
// collaborator is told instead of a saved prediction.
const NOT_KEPT = "Not saved: only the organization's members and the project's collaborators keep their predictions.";
const READ_ONLY_TOKEN = "Not saved. This token is read-only: creating, changing and deleting need a read and write token.";
const API_INPUT = { membership_months: 3, visits_per_week: 0.5, age: 30, plan: "basic" };

interface World {
  org: { id: string; slug: string };
  project: { id: string };
  model: { id: string };
  member: { id: string };
  restricted: { id: string };
  teamMember: { id: string };
  collaborator: { id: string };
  stranger: { id: string };
}
let w: World;

beforeAll(async () => {
  const base = await makeWorld();
  await (await db()).update(organizations).set({ externalCollaborators: true }).where(eq(organizations.id, base.org.id));
  const project = await makeProject(base.org, { visibility: "public", createdBy: base.owner.id });
  // A restricted member who reaches the project through a team grant as well.
  const teamMember = await makeUser(unique("teamed"));
  await addMember(base.org, teamMember, "restricted");
  await grant(project, { teamId: (await makeTeam(base.org, [teamMember.id])).id }, "read");
  const collaborator = await makeUser(unique("collaborator"));
  await grant(project, { userId: collaborator.id }, "read");
  const stranger = await makeUser(unique("stranger"));
  const model = await insertModel(project.id, base.owner.id);
  w = { org: base.org, project, model, member: base.member, restricted: base.restricted, teamMember, collaborator, stranger };
});

/** Everything a prediction could leave behind: prediction resources and audit rows of the org. */
async function traces() {
  const [row] = await rows<{ predictions: number; audit: number }>(
    await db(),
    sql`select (select count(*)::int from resources where project_id = ${w.project.id}::uuid and kind = 'prediction') as predictions,
               (select count(*)::int from audit_events where org_id = ${w.org.id}::uuid) as audit`,
  );
  return row;
}

const predictAs = (user: { id: string }) => as(user, () => predictAction(null, { projectId: w.project.id, resourceId: w.model.id, ...PREDICT_INPUT }));

function data<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.error}`);
  return r.data;
}

describe("predictions on a public project (SPEC §3)", () => {
  it("a signed-in stranger gets the answer; no resource and no audit row is written", async () => {
    const before = await traces();
    const result = data(await predictAs(w.stranger));
    expect(result).toEqual({ stored: false, why: NOT_KEPT, target: "churned", prediction: expect.any(String), confidence: expect.any(Number) });
    expect(["yes", "no"]).toContain(result.prediction);
    expect(await traces()).toEqual(before);
  });

  it.each(["member", "restricted", "teamMember", "collaborator"] as const)(
    "control: the %s's same prediction is stored, with one audit row, and gives the stranger's answer",
    async (who) => {
      const before = await traces();
      const stranger = data(await predictAs(w.stranger));
      const result = data(await predictAs(w[who]));
      if (!result.stored) throw new Error(`not stored: ${result.why}`);
      expect(result.prediction).toBe(stranger.prediction);
      expect(await traces()).toEqual({ predictions: before.predictions + 1, audit: before.audit + 1 });
      const [saved] = await rows<{ created_by: string; name: string; action: string; actor_id: string }>(
        await db(),
        sql`select r.created_by, r.name, a.action, a.actor_id from resources r join audit_events a on a.target_id = r.id::text
            where r.id = ${result.id}::uuid`,
      );
      expect(saved).toEqual({ created_by: w[who].id, name: `churned = ${stranger.prediction}`, action: "prediction.create", actor_id: w[who].id });
    },
  );
});

describe("predictions through the API", () => {
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
  const validate = (status: number, body: unknown) => {
    const schema = doc.paths["/resources/{id}/predictions"].post.responses[String(status)].content!["application/json"].schema;
    const check = new Ajv2020({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
    return check(body) ? [] : check.errors;
  };
  beforeAll(async () => {
    doc = await openApiRoute().json();
  });

  it("a member's read-only token gets the answer, 200 and unstored; their read and write token stores it, 201", async () => {
    const readOnly = await makeToken(w.member, { permission: "read" });
    const readWrite = await makeToken(w.member, { permission: "write" });
    const before = await traces();
    const read = await call(predict, { token: readOnly, params: { id: w.model.id }, json: { input: API_INPUT } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ stored: false, why: READ_ONLY_TOKEN, target: "churned", prediction: expect.any(String), confidence: expect.any(Number) });
    expect(read.headers.get("location")).toBeNull();
    expect(validate(200, read.body)).toEqual([]);
    expect(await traces()).toEqual(before);

    const written = await call(predict, { token: readWrite, params: { id: w.model.id }, json: { input: API_INPUT } });
    expect(written.status).toBe(201);
    expect(written.body).toEqual({ stored: true, id: expect.any(String), target: "churned", prediction: read.body.prediction, confidence: read.body.confidence });
    expect(written.headers.get("location")).toBe(`/api/v1/resources/${written.body.id}`);
    expect(validate(201, written.body)).toEqual([]);
    expect(await traces()).toEqual({ predictions: before.predictions + 1, audit: before.audit + 1 });
  });

  it("a stranger's read and write token still stores nothing: 200", async () => {
    const token = await makeToken(w.stranger, { permission: "write" });
    const before = await traces();
    const answer = await call(predict, { token, params: { id: w.model.id }, json: { input: API_INPUT } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ stored: false, why: NOT_KEPT, target: "churned" });
    expect(await traces()).toEqual(before);
  });

  it("on an organization-visible project a stranger is not found, and nothing is computed for them", async () => {
    const base = await makeWorld();
    const hidden = await makeProject(base.org, { visibility: "organization", createdBy: base.owner.id });
    const model = await insertModel(hidden.id, base.owner.id);
    const answer = await call(predict, { token: await makeToken(w.stranger), params: { id: model.id }, json: { input: API_INPUT } });
    expect([answer.status, answer.body.detail]).toEqual([404, "Project not found."]);
  });
});

describe("predicting takes no row lock", () => {
  const holdBoth = (change?: Parameters<typeof holdRows>[2]) =>
    holdRows(pg, async (tx) => {
      await tx`select id from organizations where id = ${w.org.id} for update`;
      await tx`select id from projects where id = ${w.project.id} for update`;
    }, change);

  it("with the org and project rows held FOR UPDATE elsewhere, a stranger and a read-only token get their answers at once", async () => {
    const readOnly = await makeToken(w.member, { permission: "read" });
    const holder = holdBoth();
    await holder.held;
    try {
      const stranger = data(await predictAs(w.stranger));
      const read = await call(predict, { token: readOnly, params: { id: w.model.id }, json: { input: API_INPUT } });
      expect([stranger.stored, read.status, read.body.stored]).toEqual([false, 200, false]);
      expect(await lockWaiters(pg)).toBe(0);
    } finally {
      await holder.commit();
    }
  });

  it("a member's prediction is computed under the held locks and waits only to be recorded, then is stored", async () => {
    const before = await traces();
    const holder = holdBoth();
    await holder.held;
    const computedBefore = computed.count;
    let settled = false;
    const pending = predictAs(w.member).finally(() => (settled = true));
    // The insert's foreign keys share the org and project rows: recording queues behind the holder.
    expect(await waitForLockWaiters(pg, 1)).toBe(1);
    expect(computed.count).toBe(computedBefore + 1);
    expect(settled).toBe(false);
    await holder.commit();
    expect(data(await pending).stored).toBe(true);
    expect(await traces()).toEqual({ predictions: before.predictions + 1, audit: before.audit + 1 });
  });

  it("a member removed from the organization while their prediction waited gets the answer unstored (they still read the public project)", async () => {
    const leaving = await makeUser(unique("leaving"));
    await addMember(w.org, leaving, "member");
    const before = await traces();
    const holder = holdOrgRow(pg, w.org.id, (tx) => tx`delete from memberships where org_id = ${w.org.id} and user_id = ${leaving.id}`);
    await holder.held;
    const pending = predictAs(leaving);
    expect(await waitForLockWaiters(pg, 1)).toBe(1);
    await holder.commit();
    expect(data(await pending)).toMatchObject({ stored: false, why: NOT_KEPT, target: "churned" });
    expect(await traces()).toEqual(before);
  });

  it("a collaborator whose grant is removed while their prediction waited on a private project: 404, nothing written", async () => {
    const base = await makeWorld();
    const secret = await makeProject(base.org, { visibility: "private", createdBy: base.owner.id });
    await grant(secret, { userId: base.member.id }, "read");
    const model = await insertModel(secret.id, base.owner.id);
    const holder = holdRows(
      pg,
      (tx) => tx`select id from projects where id = ${secret.id} for update`,
      (tx) => tx`delete from project_grants where project_id = ${secret.id} and user_id = ${base.member.id}`,
    );
    await holder.held;
    const pending = as(base.member, () => predictAction(null, { projectId: secret.id, resourceId: model.id, ...PREDICT_INPUT }));
    expect(await waitForLockWaiters(pg, 1)).toBe(1);
    await holder.commit();
    const result = await pending;
    expect(result.ok ? "ok" : `${result.status} ${result.error}`).toBe("404 Project not found.");
    const [left] = await rows<{ n: number }>(
      await db(),
      sql`select (select count(*)::int from resources where project_id = ${secret.id}::uuid and kind = 'prediction')
            + (select count(*)::int from audit_events where org_id = ${base.org.id}::uuid) as n`,
    );
    expect(left.n).toBe(0);
  });
});
