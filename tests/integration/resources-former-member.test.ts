import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, users } from "@/db/schema";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import { listProjectResources } from "@/lib/data/resources";
import { churnCsv } from "@/lib/ml/churn";
import { signInAs } from "../setup/session";
import { db, makeProject, makeUser, addMember, makeWorld } from "../factories";
import { csvFile, resourceCount } from "./resources-fixtures";

describe("resources of people who leave", () => {
  it("stay in the project and show their creator as a former member after the membership is removed", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    signInAs(w.member);
    const created = await uploadDatasetAction(null, { projectId: project.id, name: "Member data", file: csvFile(churnCsv(20, 1)) });
    expect(created.ok).toBe(true);

    const before = await listProjectResources(project.id);
    expect(before.dataset[0].creator).toEqual({ username: w.member.username, current: true });

    await (await db()).delete(memberships).where(and(eq(memberships.orgId, w.org.id), eq(memberships.userId, w.member.id)));
    expect(await resourceCount(project.id, "dataset")).toBe(1);
    const after = await listProjectResources(project.id);
    expect(after.dataset[0].creator).toEqual({ username: w.member.username, current: false });
  });

  it("stay when the creator's account is deleted, with no creator name left", async () => {
    const w = await makeWorld();
    const leaver = await makeUser();
    await addMember(w.org, leaver, "member");
    const project = await makeProject(w.org, { visibility: "organization" });
    signInAs(leaver);
    expect((await uploadDatasetAction(null, { projectId: project.id, file: csvFile(churnCsv(20, 1), "gone.csv") })).ok).toBe(true);
    await (await db()).delete(users).where(eq(users.id, leaver.id));
    const after = await listProjectResources(project.id);
    expect(after.dataset).toHaveLength(1);
    expect(after.dataset[0].name).toBe("gone");
    expect(after.dataset[0].creator).toEqual({ username: null, current: false });
  });

  it("a search finds resources by name within the project only", async () => {
    const w = await makeWorld();
    const project = await makeProject(w.org, { visibility: "organization" });
    const other = await makeProject(w.org, { visibility: "organization" });
    signInAs(w.member);
    for (const [p, name] of [[project, "Churn March"], [project, "Pricing"], [other, "Churn April"]] as const) {
      expect((await uploadDatasetAction(null, { projectId: p.id, name, file: csvFile(churnCsv(20, 1)) })).ok).toBe(true);
    }
    const found = await listProjectResources(project.id, { q: "churn" });
    expect(found.dataset.map((r) => r.name)).toEqual(["Churn March"]);
    expect((await listProjectResources(project.id, { q: "100%_" })).dataset).toHaveLength(0);
  });
});
