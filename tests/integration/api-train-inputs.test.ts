import { beforeAll, describe, expect, it } from "vitest";
import { trainModel } from "@/lib/api/endpoints/resources";
import { makeProject, makeWorld } from "../factories";
import { call, makeToken } from "./api-helpers";
import { insertDataset } from "./resources-fixtures";

// The reference says of POST /projects/{id}/models: "inputs: columns to learn from; empty: all
// the others", and the README's curl session names none. The form always names them.

let w: Awaited<ReturnType<typeof makeWorld>>;
let token: string;
let project: { id: string };
let dataset: { id: string };

beforeAll(async () => {
  w = await makeWorld();
  token = await makeToken(w.owner);
  project = await makeProject(w.org, { visibility: "organization" });
  dataset = await insertDataset(project.id, w.owner.id);
});

describe("POST /projects/{id}/models", () => {
  it("without inputs learns from every column but the target", async () => {
    const answer = await call(trainModel, { token, params: { id: project.id }, json: { datasetId: dataset.id, target: "churned" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect((answer.body.metadata as { inputs: string[] }).inputs).toEqual(["membership_months", "visits_per_week", "age", "plan"]);
  });

  it("with inputs learns from those only", async () => {
    const answer = await call(trainModel, { token, params: { id: project.id }, json: { datasetId: dataset.id, target: "churned", inputs: ["age", "plan"] } });
    expect(answer.status).toBe(201);
    expect((answer.body.metadata as { inputs: string[] }).inputs).toEqual(["age", "plan"]);
  });

  it("a dataset of another project is refused as the form refuses it, inputs or not", async () => {
    const other = await makeProject(w.org, { visibility: "organization" });
    const foreign = await insertDataset(other.id, w.owner.id);
    const answer = await call(trainModel, { token, params: { id: project.id }, json: { datasetId: foreign.id, target: "churned" } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({ datasetId: ["Choose a dataset of this project."] });
  });

  it("a project id that is no UUID is a 404, not a server error", async () => {
    const answer = await call(trainModel, { token, params: { id: "not-a-project" }, json: { datasetId: dataset.id, target: "churned" } });
    expect(answer.status).toBe(404);
  });
});
