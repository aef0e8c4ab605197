import { beforeAll, describe, expect, it } from "vitest";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { predictAction } from "@/lib/actions/resources/predict";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { updateResourceAction } from "@/lib/actions/resources/update-resource";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import type { ActionResult } from "@/lib/actions/result";
import { churnCsv } from "@/lib/ml/churn";
import { signInAs } from "../setup/session";
import { grant, makeProject, makeWorld } from "../factories";
import { auditCount, CHURN_INPUTS, csvFile, insertDataset, insertModel, PREDICT_INPUT, resourceCount } from "./resources-fixtures";

let w: Awaited<ReturnType<typeof makeWorld>>;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  w = await makeWorld();
  project = await makeProject(w.org, { visibility: "private" });
  await grant(project, { userId: w.member.id }, "write");
});

function fieldErrorOf(result: ActionResult<unknown>, field: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) return "";
  expect(result.status).toBe(400);
  return result.fieldErrors?.[field]?.[0] ?? `no error on ${field}: ${JSON.stringify(result)}`;
}

/** Runs the action and checks that nothing at all was written: no resource, no audit event. */
async function refusedWithoutWriting(run: () => Promise<ActionResult<unknown>>) {
  const [resourcesBefore, auditsBefore] = await Promise.all([resourceCount(project.id), auditCount(w.org.id, "resource.create")]);
  const result = await run();
  expect(await resourceCount(project.id)).toBe(resourcesBefore);
  expect(await auditCount(w.org.id, "resource.create")).toBe(auditsBefore);
  return result;
}

const upload = (file: File) => uploadDatasetAction(null, { projectId: project.id, name: "Bad", file });

describe("uploading a dataset", () => {
  it("a good CSV is stored with its columns, types and row count (positive control)", async () => {
    signInAs(w.member);
    const before = await resourceCount(project.id, "dataset");
    const result = await upload(csvFile(churnCsv(25, 5)));
    expect(result.ok).toBe(true);
    expect(await resourceCount(project.id, "dataset")).toBe(before + 1);
  });

  it.each([
    ["an empty file", () => csvFile(""), /empty/],
    ["a file of blank lines", () => csvFile("\n\n  \n"), /empty/],
    ["no file at all", () => new File([], ""), /Choose a CSV file/],
    ["a header without rows", () => csvFile("a,b\n"), /header row but no data rows/],
    ["Latin-1 bytes (not UTF-8)", () => csvFile(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])), /not valid UTF-8/],
    ["a 10 MB file over the limit", () => csvFile("a,b\n" + "1,2\n".repeat(2_500_000)), /10\.0 MB; the limit is 5 MB/],
    ["ragged rows", () => csvFile("a,b,c\n1,2,3\n4,5\n6,7,8\n"), /^Line 3 has 2 values but the header has 3 columns\.$/],
    ["ragged rows after a quoted line break", () => csvFile('a,b\n"x\ny",1\n2,3,4\n'), /^Line 4 has 3 values/],
    ["an unclosed quote", () => csvFile('a,b\n1,"oops\n'), /Line 2: a quoted value is not closed/],
    ["a header with an unnamed column", () => csvFile("a,,c\n1,2,3\n"), /column 2 of the header has no name/],
    ["a header naming a column twice", () => csvFile("a,A\n1,2\n"), /names the column “A” twice/],
  ])("%s is refused with a clear error on the file field and nothing is written", async (_label, file, message) => {
    signInAs(w.member);
    const result = await refusedWithoutWriting(() => upload(file()));
    expect(fieldErrorOf(result, "file")).toMatch(message);
  });
});

describe("training a model", () => {
  it("is refused when the target column has one value, naming it", async () => {
    signInAs(w.member);
    const ds = await insertDataset(project.id, w.member.id, "x,label\n" + Array.from({ length: 20 }, (_, i) => `${i},same`).join("\n"));
    const result = await refusedWithoutWriting(() =>
      trainModelAction(null, { projectId: project.id, datasetId: ds.id, target: "label", inputs: ["x"] }),
    );
    expect(fieldErrorOf(result, "target")).toBe("The column “label” has only one value (“same”): a model needs at least two different values to learn from.");
  });

  it.each([
    ["no input column", { inputs: [] }, "inputs", /at least one input/],
    ["the target as an input", { inputs: ["churned", "age"] }, "inputs", /cannot also be an input/],
    ["an unknown column", { inputs: ["shoe_size"] }, "inputs", /not a column/],
    ["an unknown target", { target: "nope" }, "target", /Choose the column/],
    ["a depth out of range", { maxDepth: "20" }, "maxDepth", /1 to 8/],
  ])("is refused with %s", async (_label, override, field, message) => {
    signInAs(w.member);
    const ds = await insertDataset(project.id, w.member.id);
    const result = await refusedWithoutWriting(() =>
      trainModelAction(null, { projectId: project.id, datasetId: ds.id, target: "churned", inputs: CHURN_INPUTS, ...override }),
    );
    expect(fieldErrorOf(result, field)).toMatch(message);
  });

  it("answers a field error for a dataset of another project", async () => {
    signInAs(w.member);
    const elsewhere = await makeProject(w.org, { visibility: "organization" });
    const ds = await insertDataset(elsewhere.id, w.owner.id);
    const result = await refusedWithoutWriting(() =>
      trainModelAction(null, { projectId: project.id, datasetId: ds.id, target: "churned", inputs: CHURN_INPUTS }),
    );
    expect(fieldErrorOf(result, "datasetId")).toMatch(/dataset of this project/);
  });
});

describe("predicting, runs and edits", () => {
  it("a prediction needs a number for a number input and a known category", async () => {
    signInAs(w.member);
    const model = await insertModel(project.id, w.member.id);
    const before = await resourceCount(project.id, "prediction");
    const notNumber = await predictAction(null, { projectId: project.id, resourceId: model.id, ...PREDICT_INPUT, x1: "often" });
    expect(fieldErrorOf(notNumber, "x1")).toMatch(/“visits_per_week” must be a number/);
    const unknownPlan = await predictAction(null, { projectId: project.id, resourceId: model.id, ...PREDICT_INPUT, x3: "platinum" });
    expect(fieldErrorOf(unknownPlan, "x3")).toMatch(/basic, premium, standard/);
    expect(await resourceCount(project.id, "prediction")).toBe(before);
    expect((await predictAction(null, { projectId: project.id, resourceId: model.id, ...PREDICT_INPUT })).ok).toBe(true);
  });

  it("a run's parameters must be name = value lines and its metrics numbers", async () => {
    signInAs(w.member);
    const badLine = await refusedWithoutWriting(() => createRunAction(null, { projectId: project.id, name: "R", params: "lr = 0.1\njust words" }));
    expect(fieldErrorOf(badLine, "params")).toBe("Line 2: write “name = value”.");
    const badMetric = await refusedWithoutWriting(() => createRunAction(null, { projectId: project.id, name: "R", metrics: "accuracy = high" }));
    expect(fieldErrorOf(badMetric, "metrics")).toMatch(/must be a number/);
    const empty = await refusedWithoutWriting(() => createRunAction(null, { projectId: project.id, name: "R" }));
    expect(fieldErrorOf(empty, "params")).toMatch(/at least one/);
    const noName = await refusedWithoutWriting(() => createRunAction(null, { projectId: project.id, name: " ", params: "a = 1" }));
    expect(fieldErrorOf(noName, "name")).toMatch(/Enter a name/);
  });

  it("an edit needs a name, and a malformed id is simply not found", async () => {
    signInAs(w.member);
    const ds = await insertDataset(project.id, w.member.id);
    const blank = await updateResourceAction(null, { projectId: project.id, resourceId: ds.id, name: "", description: "" });
    expect(fieldErrorOf(blank, "name")).toMatch(/Enter a name/);
    const badId = await updateResourceAction(null, { projectId: project.id, resourceId: "not-a-uuid", name: "x" });
    expect(badId.ok || badId.status).toBe(404);
  });
});
