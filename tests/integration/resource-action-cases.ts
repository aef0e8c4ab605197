import { eq } from "drizzle-orm";
import { resources, type Resource } from "@/db/schema";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { deleteResourceAction } from "@/lib/actions/resources/delete-resource";
import { deployAction } from "@/lib/actions/resources/deploy";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { predictAction } from "@/lib/actions/resources/predict";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { updateResourceAction } from "@/lib/actions/resources/update-resource";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import type { ActionResult } from "@/lib/actions/result";
import type { ProjectLevel } from "@/db/schema";
import { churnCsv } from "@/lib/ml/churn";
import { db } from "../factories";
import { CHURN_INPUTS, csvFile, insertDataset, PREDICT_INPUT, projectOf, resourceCount } from "./resources-fixtures";

/** A project holding a model and its endpoint, and a second project the actor may write to. */
export interface ResourceStage {
  project: { id: string };
  dest: { id: string };
  model: Resource;
  endpoint: Resource;
}

/*
 * SPEC §3, transcribed: the project levels that may do each resource action (org switches left on).
 * Written out here, never read from lib/authz, so a wrong cell in the policy fails these cases.
 */
const WRITE: readonly ProjectLevel[] = ["admin", "write"];
const READ: readonly ProjectLevel[] = ["admin", "write", "read"];

export interface ResourceCase {
  name: string;
  levels: readonly ProjectLevel[];
  /** Calls the real server action as whoever is signed in; `happened` reads the database afterwards. */
  perform: (w: ResourceStage) => Promise<{ result: ActionResult<unknown>; happened: () => Promise<boolean>; auditAction?: string }>;
}

export const RESOURCE_CASES: ResourceCase[] = [
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
