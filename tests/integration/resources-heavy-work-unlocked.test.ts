import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { rows } from "@/db/client";
import type { ActionResult } from "@/lib/actions/result";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import { churnCsv } from "@/lib/ml/churn";
import { db, grant, makeProject, makeWorld } from "../factories";
import { as } from "../setup/session";
import { holdOrgRow, holdRows, lockWaiters, secondConnection, waitForLockWaiters, type Holder } from "./race-helpers";
import { CHURN_INPUTS, csvFile, insertDataset } from "./resources-fixtures";

// The real trainer and parser, watched: each call says whether it ran while the other
// connection still held its lock.
const watch = vi.hoisted(() => ({ lockHeld: false, trainedUnderHeldLock: [] as boolean[], parsedUnderHeldLock: [] as boolean[] }));
vi.mock("@/lib/ml/train", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ml/train")>();
  return { ...real, trainTree: (...args: Parameters<typeof real.trainTree>) => (watch.trainedUnderHeldLock.push(watch.lockHeld), real.trainTree(...args)) };
});
vi.mock("@/lib/csv/dataset", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/csv/dataset")>();
  return { ...real, buildDataset: (...args: Parameters<typeof real.buildDataset>) => (watch.parsedUnderHeldLock.push(watch.lockHeld), real.buildDataset(...args)) };
});

const pg = secondConnection();

/** Forget the calls made while arranging (the fixtures parse and train too). */
function resetWatch() {
  watch.lockHeld = false;
  watch.trainedUnderHeldLock.length = 0;
  watch.parsedUnderHeldLock.length = 0;
}

/** What a user would read: "ok", or the status and message of the refusal. */
const answer = (r: ActionResult<unknown>) => (r.ok ? "ok" : `${r.status} ${r.error}`);

async function written(projectId: string, orgId: string) {
  const [row] = await rows<{ resources: number; audit: number }>(
    await db(),
    sql`select (select count(*)::int from resources where project_id = ${projectId}::uuid and kind in ('model', 'dataset')) as resources,
               (select count(*)::int from audit_events where org_id = ${orgId}::uuid and action = 'resource.create') as audit`,
  );
  return row;
}

async function world(visibility: "private" | "organization") {
  const w = await makeWorld();
  const project = await makeProject(w.org, { visibility, createdBy: w.owner.id });
  // The writer is an org member with a direct write grant (on an organization project the
  // baseline gives write too: only removing the membership takes that away).
  await grant(project, { userId: w.member.id }, "write");
  const dataset = await insertDataset(project.id, w.owner.id);
  return { ...w, project, dataset };
}
type World = Awaited<ReturnType<typeof world>>;

const holdProject = (w: World, change?: Parameters<typeof holdRows>[2]) =>
  holdRows(pg, (tx) => tx`select id from projects where id = ${w.project.id} for update`, change);

/**
 * Starts `request` while `holder` holds its lock; waits until the heavy work has run and the
 * request queues on the lock; returns the still-pending answer and what was seen meanwhile.
 */
async function startBehind<T>(holder: Holder, request: () => Promise<T>, heavyWorkCalls: () => number) {
  await holder.held;
  resetWatch();
  watch.lockHeld = true;
  let settled = false;
  const pending = request().finally(() => (settled = true));
  await vi.waitFor(() => expect(heavyWorkCalls()).toBe(1), { timeout: 10_000, interval: 20 });
  const waiting = await waitForLockWaiters(pg, 1);
  return { pending, waiting, settledWhileHeld: settled };
}

async function release(holder: Holder) {
  watch.lockHeld = false;
  await holder.commit();
}

const train = (w: World) => () =>
  as(w.member, () => trainModelAction(null, { projectId: w.project.id, datasetId: w.dataset.id, target: "churned", inputs: CHURN_INPUTS, maxDepth: "3" }));
const upload = (w: World) => () =>
  as(w.member, () => uploadDatasetAction(null, { projectId: w.project.id, name: "Queued upload", file: csvFile(churnCsv(400, 5), "queued.csv") }));

describe("training runs before the transaction, while another transaction holds the project row", () => {
  it("trains under the other connection's lock, waits only to write, and writes once the lock is released", async () => {
    const w = await world("private");
    const before = await written(w.project.id, w.org.id);
    const holder = holdProject(w);
    const { pending, waiting, settledWhileHeld } = await startBehind(holder, train(w), () => watch.trainedUnderHeldLock.length);
    expect(watch.trainedUnderHeldLock).toEqual([true]);
    expect(waiting).toBe(1);
    expect(settledWhileHeld).toBe(false);
    expect(await written(w.project.id, w.org.id)).toEqual(before);
    await release(holder);
    expect(answer(await pending)).toBe("ok");
    expect(await written(w.project.id, w.org.id)).toEqual({ resources: before.resources + 1, audit: before.audit + 1 });
  });

  it("the caller's grant removed while the trained model waited: 404 as for a stranger, nothing written", async () => {
    const w = await world("private");
    const before = await written(w.project.id, w.org.id);
    const holder = holdProject(w, (tx) => tx`delete from project_grants where project_id = ${w.project.id} and user_id = ${w.member.id}`);
    const { pending, waiting } = await startBehind(holder, train(w), () => watch.trainedUnderHeldLock.length);
    expect(watch.trainedUnderHeldLock).toEqual([true]);
    expect(waiting).toBe(1);
    await release(holder);
    expect(answer(await pending)).toBe("404 Project not found.");
    expect(await written(w.project.id, w.org.id)).toEqual(before);
  });

  it("the caller's grant lowered to read meanwhile: refused with the reason, nothing written", async () => {
    const w = await world("private");
    const before = await written(w.project.id, w.org.id);
    const holder = holdProject(w, (tx) => tx`update project_grants set level = 'read' where project_id = ${w.project.id} and user_id = ${w.member.id}`);
    const { pending, waiting } = await startBehind(holder, train(w), () => watch.trainedUnderHeldLock.length);
    expect(waiting).toBe(1);
    await release(holder);
    expect(answer(await pending)).toBe("403 You have read access to this project: creating, editing and deleting resources needs write.");
    expect(await written(w.project.id, w.org.id)).toEqual(before);
  });

  it("the dataset deleted while the model waited: the model is refused, not written pointing at nothing", async () => {
    const w = await world("private");
    const before = await written(w.project.id, w.org.id);
    const holder = holdProject(w, (tx) => tx`delete from resources where id = ${w.dataset.id}`);
    const { pending, waiting } = await startBehind(holder, train(w), () => watch.trainedUnderHeldLock.length);
    expect(waiting).toBe(1);
    await release(holder);
    expect(answer(await pending)).toBe("400 Choose a dataset of this project.");
    expect(await written(w.project.id, w.org.id)).toEqual({ resources: before.resources - 1, audit: before.audit });
  });
});

describe("an upload is parsed before the transaction, while another transaction holds the organization row", () => {
  it("parses under the other connection's lock and writes once it is released", async () => {
    const w = await world("organization");
    const before = await written(w.project.id, w.org.id);
    const holder = holdOrgRow(pg, w.org.id, async () => {});
    const { pending, waiting, settledWhileHeld } = await startBehind(holder, upload(w), () => watch.parsedUnderHeldLock.length);
    expect(watch.parsedUnderHeldLock).toEqual([true]);
    expect(waiting).toBe(1);
    expect(settledWhileHeld).toBe(false);
    await release(holder);
    expect(answer(await pending)).toBe("ok");
    expect(await written(w.project.id, w.org.id)).toEqual({ resources: before.resources + 1, audit: before.audit + 1 });
  });

  it("the uploader removed from the organization meanwhile: 404, nothing written", async () => {
    const w = await world("organization");
    const before = await written(w.project.id, w.org.id);
    const holder = holdOrgRow(pg, w.org.id, async (tx) => {
      await tx`delete from project_grants where user_id = ${w.member.id}`;
      await tx`delete from memberships where org_id = ${w.org.id} and user_id = ${w.member.id}`;
    });
    const { pending, waiting } = await startBehind(holder, upload(w), () => watch.parsedUnderHeldLock.length);
    expect(watch.parsedUnderHeldLock).toEqual([true]);
    expect(waiting).toBe(1);
    await release(holder);
    expect(answer(await pending)).toBe("404 Project not found.");
    expect(await written(w.project.id, w.org.id)).toEqual(before);
  });
});

describe("a caller who may not write never gets to burn CPU", () => {
  it("an outsider and a reader are refused before any training or parsing; a writer's same calls run both", async () => {
    const w = await world("private");
    await grant(w.project, { userId: w.restricted.id }, "read");
    const trainAs = (u: { id: string }) => as(u, () => trainModelAction(null, { projectId: w.project.id, datasetId: w.dataset.id, target: "churned", inputs: CHURN_INPUTS }));
    const uploadAs = (u: { id: string }) => as(u, () => uploadDatasetAction(null, { projectId: w.project.id, file: csvFile(churnCsv(30, 3)) }));
    resetWatch();
    const readerRefusal = "403 You have read access to this project: creating, editing and deleting resources needs write.";
    expect([answer(await trainAs(w.outsider)), answer(await uploadAs(w.outsider))]).toEqual(["404 Project not found.", "404 Project not found."]);
    expect([answer(await trainAs(w.restricted)), answer(await uploadAs(w.restricted))]).toEqual([readerRefusal, readerRefusal]);
    expect([watch.trainedUnderHeldLock.length, watch.parsedUnderHeldLock.length]).toEqual([0, 0]);
    expect([answer(await trainAs(w.member)), answer(await uploadAs(w.member))]).toEqual(["ok", "ok"]);
    expect([watch.trainedUnderHeldLock.length, watch.parsedUnderHeldLock.length]).toEqual([1, 1]);
    expect(await lockWaiters(pg)).toBe(0);
  });
});
