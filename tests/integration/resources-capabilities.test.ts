import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { deployAction } from "@/lib/actions/resources/deploy";
import { predictAction } from "@/lib/actions/resources/predict";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { signInAs } from "../setup/session";
import { addMember, db, grant, makeProject, makeTeam, makeUser, makeWorld } from "../factories";
import { insertEndpoint, insertModel, PREDICT_INPUT, resourceCount } from "./resources-fixtures";

async function setSwitches(orgId: string, s: { deployForWrite?: boolean; predictForRead?: boolean }) {
  await (await db()).update(organizations).set(s).where(eq(organizations.id, orgId));
}

async function arrange() {
  const world = await makeWorld();
  const writer = await makeUser();
  const reader = await makeUser();
  await addMember(world.org, writer, "member");
  await addMember(world.org, reader, "member");
  const project = await makeProject(world.org, { visibility: "private" });
  const model = await insertModel(project.id, world.admin.id);
  const endpoint = await insertEndpoint(project.id, world.admin.id, model);
  return { ...world, writer, reader, project, model, endpoint };
}

const deploy = (w: Awaited<ReturnType<typeof arrange>>) => deployAction(null, { projectId: w.project.id, resourceId: w.model.id });
const predict = (w: Awaited<ReturnType<typeof arrange>>, on: "model" | "endpoint") =>
  predictAction(null, { projectId: w.project.id, resourceId: w[on].id, ...PREDICT_INPUT });

describe("deploy capability", () => {
  let w: Awaited<ReturnType<typeof arrange>>;
  beforeEach(async () => {
    w = await arrange();
  });

  it("writers deploy while the organization allows it", async () => {
    await grant(w.project, { userId: w.writer.id }, "write");
    signInAs(w.writer);
    expect((await deploy(w)).ok).toBe(true);
    expect(await resourceCount(w.project.id, "endpoint")).toBe(2);
  });

  it("switched off for writers: a writer is refused with the reason, an admin still deploys", async () => {
    await setSwitches(w.org.id, { deployForWrite: false });
    await grant(w.project, { userId: w.writer.id }, "write");
    signInAs(w.writer);
    const refused = await deploy(w);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.status).toBe(403);
      expect(refused.error).toMatch(/deploy capability/);
    }
    expect(await resourceCount(w.project.id, "endpoint")).toBe(1);
    signInAs(w.admin);
    expect((await deploy(w)).ok).toBe(true);
    expect(await resourceCount(w.project.id, "endpoint")).toBe(2);
  });

  it("a grant's can_deploy override switches it on again for that person", async () => {
    await setSwitches(w.org.id, { deployForWrite: false });
    await grant(w.project, { userId: w.writer.id }, "write", { canDeploy: true });
    signInAs(w.writer);
    expect((await deploy(w)).ok).toBe(true);
  });

  it("a team grant's can_deploy override works for the team's members", async () => {
    await setSwitches(w.org.id, { deployForWrite: false });
    const team = await makeTeam(w.org, [w.writer.id]);
    await grant(w.project, { teamId: team.id }, "write", { canDeploy: true });
    signInAs(w.writer);
    expect((await deploy(w)).ok).toBe(true);
  });

  it("the override never lifts a reader to deploying", async () => {
    await grant(w.project, { userId: w.reader.id }, "read", { canDeploy: true });
    signInAs(w.reader);
    const refused = await deploy(w);
    expect(refused.ok || refused.status).toBe(403);
  });

  it("deploys a run through the model it records; a run without a model has nothing to deploy", async () => {
    await grant(w.project, { userId: w.writer.id }, "write");
    signInAs(w.writer);
    const withModel = await createRunAction(null, { projectId: w.project.id, name: "From model", modelId: w.model.id });
    const bare = await createRunAction(null, { projectId: w.project.id, name: "Bare", params: "lr = 0.1" });
    if (!withModel.ok || !bare.ok) throw new Error("runs not created");
    expect((await deployAction(null, { projectId: w.project.id, resourceId: withModel.data.id })).ok).toBe(true);
    const refused = await deployAction(null, { projectId: w.project.id, resourceId: bare.data.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/no model/);
    expect(await resourceCount(w.project.id, "endpoint")).toBe(2);
  });
});

describe("predict capability", () => {
  let w: Awaited<ReturnType<typeof arrange>>;
  beforeEach(async () => {
    w = await arrange();
  });

  it("readers predict on models and endpoints while the organization allows it", async () => {
    await grant(w.project, { userId: w.reader.id }, "read");
    signInAs(w.reader);
    expect((await predict(w, "model")).ok).toBe(true);
    expect((await predict(w, "endpoint")).ok).toBe(true);
    expect(await resourceCount(w.project.id, "prediction")).toBe(2);
  });

  it("switched off for readers: a reader is refused on both, a writer still predicts", async () => {
    await setSwitches(w.org.id, { predictForRead: false });
    await grant(w.project, { userId: w.reader.id }, "read");
    await grant(w.project, { userId: w.writer.id }, "write");
    signInAs(w.reader);
    for (const on of ["model", "endpoint"] as const) {
      const refused = await predict(w, on);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatch(/predict capability/);
    }
    expect(await resourceCount(w.project.id, "prediction")).toBe(0);
    signInAs(w.writer);
    expect((await predict(w, "endpoint")).ok).toBe(true);
    expect(await resourceCount(w.project.id, "prediction")).toBe(1);
  });

  it("a grant's can_predict override switches it on again for one reader, not for another", async () => {
    await setSwitches(w.org.id, { predictForRead: false });
    const other = await makeUser();
    await addMember(w.org, other, "member");
    await grant(w.project, { userId: w.reader.id }, "read", { canPredict: true });
    await grant(w.project, { userId: other.id }, "read");
    signInAs(w.reader);
    expect((await predict(w, "model")).ok).toBe(true);
    signInAs(other);
    expect((await predict(w, "model")).ok).toBe(false);
  });

  it("records the prediction with its input, answer and confidence", async () => {
    await grant(w.project, { userId: w.reader.id }, "read");
    signInAs(w.reader);
    const result = await predict(w, "model");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(["yes", "no"]).toContain(result.data.prediction);
    expect(result.data.confidence).toBeGreaterThan(0.5);
    expect(result.data.confidence).toBeLessThanOrEqual(1);
  });
});
