import "server-only";
import { z } from "zod";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { deleteResourceAction } from "@/lib/actions/resources/delete-resource";
import { predictAction } from "@/lib/actions/resources/predict";
import { trainModelAction } from "@/lib/actions/resources/train-model";
import { uploadDatasetAction } from "@/lib/actions/resources/upload-dataset";
import { authorizeProjectRead } from "@/lib/actions/read-access";
import { NotFoundError } from "@/lib/actions/result";
import { datasetColumnNames, modelInputNames, resourceProjectId } from "@/lib/data/resource-project";
import { getResourceDetail } from "@/lib/data/resources";
import { answer, endpoint, json } from "../endpoint";
import { apiPath, presentResource } from "../present";
import { CreateRunBody, PredictBody, PredictionSchema, ResourceSchema, TrainModelBody, UnstoredPredictionSchema, UploadDatasetBody } from "../schemas";

type IdParams = { id: string };

/** The resource as the API shows it, once the caller's access to its project was checked. */
async function readResource(resourceId: string): Promise<Response> {
  const projectId = await resourceProjectId(resourceId);
  if (!projectId) throw new NotFoundError("Resource not found.");
  const { access } = await authorizeProjectRead(projectId, "resource.view");
  const detail = await getResourceDetail(access.project.id, resourceId);
  if (!detail) throw new NotFoundError("Resource not found.");
  return json(presentResource(access.project.id, detail));
}

const created = (id: string) => async () => {
  const response = await readResource(id);
  return new Response(response.body, { status: 201, headers: { "Content-Type": "application/json", Location: apiPath.resource(id) } });
};

const createdSpec = { status: 201, description: "The new resource", schema: ResourceSchema, location: true } as const;

export const uploadDataset = endpoint<IdParams>(
  {
    method: "POST", path: "/projects/{id}/datasets", tag: "Resources", auth: "required", summary: "Upload a CSV dataset",
    description: "multipart/form-data with the file in `file`; the same limits and messages as the upload form. Needs write.",
    body: { type: "multipart", schema: UploadDatasetBody },
    response: createdSpec, errors: [400, 403, 404, 413, 415],
  },
  async ({ params, body }) => answer(await uploadDatasetAction(null, { ...body, projectId: params.id }), (d) => created(d.id)()),
);

export const trainModel = endpoint<IdParams>(
  {
    method: "POST", path: "/projects/{id}/models", tag: "Resources", auth: "required", summary: "Train a decision-tree model from a dataset",
    description: "Needs write. The answer's metadata carries the hold-out metrics.",
    body: { type: "json", schema: TrainModelBody },
    response: createdSpec, errors: [400, 403, 404],
  },
  async ({ params, body }) => {
    const b = body as z.output<typeof TrainModelBody>;
    // The form always names its inputs; a script that names none means every other column. Read
    // before the action's transaction: a dataset the caller may not use is refused in there anyway.
    const inputs = b.inputs.length ? b.inputs : (await datasetColumnNames(params.id, b.datasetId)).filter((c) => c !== b.target);
    return answer(await trainModelAction(null, { ...b, inputs, projectId: params.id }), (d) => created(d.id)());
  },
);

/** Run values as the form's "name = value" lines; the API schema already refused names that would not read back. */
const lines = (values: Record<string, string | number>) => Object.entries(values).map(([k, v]) => `${k} = ${v}`).join("\n");

export const createRun = endpoint<IdParams>(
  {
    method: "POST", path: "/projects/{id}/runs", tag: "Resources", auth: "required", summary: "Record an experiment run",
    description: "Params and metrics by name; with `modelId`, the model's own settings and scores are taken first. Needs write.",
    body: { type: "json", schema: CreateRunBody },
    response: createdSpec, errors: [400, 403, 404],
  },
  async ({ params, body }) => {
    const b = body as z.output<typeof CreateRunBody>;
    const input = { projectId: params.id, name: b.name, description: b.description, modelId: b.modelId, params: lines(b.params), metrics: lines(b.metrics) };
    return answer(await createRunAction(null, input), (d) => created(d.id)());
  },
);

export const getResource = endpoint<IdParams>(
  {
    method: "GET", path: "/resources/{id}", tag: "Resources", auth: "optional", summary: "A resource",
    response: { status: 200, description: "The resource", schema: ResourceSchema }, errors: [403, 404],
  },
  async ({ params }) => readResource(params.id),
);

export const deleteResource = endpoint<IdParams>(
  {
    method: "DELETE", path: "/resources/{id}", tag: "Resources", auth: "required", summary: "Delete a resource",
    description: "Needs write. Things made from it stay, with the link cleared.",
    response: { status: 204, description: "Deleted" }, errors: [403, 404],
  },
  async ({ params }) => {
    const projectId = await resourceProjectId(params.id);
    if (!projectId) throw new NotFoundError("Resource not found.");
    return answer(await deleteResourceAction(null, { projectId, resourceId: params.id }), () => new Response(null, { status: 204 }));
  },
);

export const predict = endpoint<IdParams>(
  {
    method: "POST", path: "/resources/{id}/predictions", tag: "Resources", auth: "required", summary: "Predict with a model or endpoint",
    description:
      "Needs read and the predict capability. The prediction is stored in the project (201) for the organization's members and the project's collaborators calling with a read and write token or a session; anyone else reading a public project, and a read-only token, get the answer unstored (200, `stored: false`).",
    body: { type: "json", schema: PredictBody },
    response: { status: 201, description: "The prediction, stored", schema: PredictionSchema, location: true },
    otherSuccess: { status: 200, description: "The answer, not stored: `why` says why", schema: UnstoredPredictionSchema },
    errors: [400, 403, 404],
  },
  async ({ params, body }) => {
    const projectId = await resourceProjectId(params.id);
    if (!projectId) throw new NotFoundError("Resource not found.");
    // The action reads the form's fields x0, x1… in the model's input order; the API names them.
    const values = (body as z.output<typeof PredictBody>).input;
    const fields = Object.fromEntries((await modelInputNames(params.id)).map((name, i) => [`x${i}`, values[name] ?? ""]));
    return answer(await predictAction(null, { ...fields, projectId, resourceId: params.id }), (d) => {
      if (!d.stored) return json(d, { status: 200 });
      // The website's page for it means nothing to a script: the API's own address goes in Location.
      const prediction: Record<string, unknown> = { ...d };
      delete prediction.url;
      return json(prediction, { status: 201, headers: { Location: apiPath.resource(d.id) } });
    });
  },
);
