import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/registry";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { churnCsv } from "@/lib/ml/churn";
import { grant, makeProject, makeWorld } from "../factories";
import { call, makeToken, type CallOptions } from "./api-helpers";
import { CHURN_INPUTS, csvFile, insertDataset, insertModel } from "./resources-fixtures";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, object> };
};

let doc: Doc;
let world: Awaited<ReturnType<typeof makeWorld>>;
let token: string;
let outsiderToken: string;
let ids: { project: string; dataset: string; model: string; spare: string; spareResource: string };

beforeAll(async () => {
  doc = (await openApiRoute().json()) as Doc;
  world = await makeWorld();
  token = await makeToken(world.owner);
  outsiderToken = await makeToken(world.outsider);
  const project = await makeProject(world.org, { visibility: "organization", createdBy: world.owner.id });
  await grant(project, { userId: world.owner.id }, "admin");
  const dataset = await insertDataset(project.id, world.owner.id);
  const model = await insertModel(project.id, world.owner.id, dataset);
  const spare = await makeProject(world.org, { visibility: "private" });
  const spareResource = await insertDataset(project.id, world.owner.id, churnCsv(20, 2), "Spare");
  ids = { project: project.id, dataset: dataset.id, model: model.id, spare: spare.id, spareResource: spareResource.id };
});

/** A valid call per documented operation, written out here (the document says what, the test says with which values). */
function validCall(method: string, path: string): CallOptions {
  const form = new FormData();
  form.set("file", csvFile(churnCsv(30, 3), "gym.csv"));
  const calls: Record<string, CallOptions> = {
    "get /me": {},
    "get /workspaces": {},
    "get /workspaces/{ws}/projects": { params: { ws: world.org.slug }, query: { limit: "1" } },
    "post /workspaces/{ws}/projects": { params: { ws: world.org.slug }, json: { name: "Walked", tags: ["api"], visibility: "organization" } },
    "get /projects": {},
    "post /projects": { json: { name: "Walked default" } },
    "get /projects/{id}": { params: { id: ids.project } },
    "patch /projects/{id}": { params: { id: ids.project }, json: { description: "walked", visibility: "private" } },
    "delete /projects/{id}": { params: { id: ids.spare } },
    "get /projects/{id}/members": { params: { id: ids.project } },
    "get /projects/{id}/resources": { params: { id: ids.project }, query: { kind: "dataset", limit: "1" } },
    "post /projects/{id}/datasets": { params: { id: ids.project }, form },
    "post /projects/{id}/models": { params: { id: ids.project }, json: { datasetId: ids.dataset, target: "churned", inputs: CHURN_INPUTS, maxDepth: 3 } },
    "post /projects/{id}/runs": { params: { id: ids.project }, json: { name: "Walk", modelId: ids.model, params: { note: "walked" } } },
    "get /resources/{id}": { params: { id: ids.model } },
    "delete /resources/{id}": { params: { id: ids.spareResource } },
    "post /resources/{id}/predictions": { params: { id: ids.model }, json: { input: { membership_months: 12, visits_per_week: 3, age: 41, plan: "premium" } } },
  };
  const options = calls[`${method} ${path}`];
  if (!options) throw new Error(`no call written for ${method} ${path}: add one`);
  return options;
}

function routeFor(method: string, path: string) {
  const found = ENDPOINTS.find((e) => e.spec.method.toLowerCase() === method && e.spec.path === path);
  if (!found) throw new Error(`the document lists ${method} ${path}, but no route serves it`);
  return found;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every route, and nothing else", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(documented).toEqual(ENDPOINTS.map((e) => `${e.spec.method} ${e.spec.path}`).sort());
    expect(documented).toHaveLength(17);
  });

  it("every operation answers as documented: its success status, headers and body schema; 401 signed out or with a bad token; outsiders' ids 404", async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    // Deletions run last, so the resources the other calls use still exist.
    const operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
      .sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));
    for (const { path, method, op } of operations) {
      const route = routeFor(method, path);
      const options = validCall(method, path);
      const answer = await call(route, { ...options, token });
      const where = `${method.toUpperCase()} ${path}`;
      const success = Object.keys(op.responses).filter((s) => Number(s) < 300);
      // One success per operation, except where the route documents a second way to succeed.
      const other = route.spec.otherSuccess ? [String(route.spec.otherSuccess.status)] : [];
      expect(success.sort(), where).toEqual([String(route.spec.response.status), ...other].sort());
      expect(success, where).toContain(String(answer.status));
      const documented = op.responses[String(answer.status)];
      if (documented.content) {
        expect(answer.headers.get("content-type"), where).toBe("application/json");
        const validate = ajv.compile({ ...documented.content["application/json"].schema, components: doc.components });
        expect(validate(answer.body) ? [] : validate.errors, where).toEqual([]);
        expect(validate({ somethingElse: true }), `${where}: the schema is not empty`).toBe(false);
      } else {
        expect(answer.body, where).toEqual({});
      }
      for (const header of Object.keys(documented.headers ?? {})) {
        if (header === "Link") continue; // only when there is a next page: checked below
        expect(answer.headers.get(header), `${where}: ${header}`).not.toBeNull();
      }
      const badToken = await call(route, { ...options, token: "wbo_pat_not-a-real-token" });
      expect(badToken.status, where).toBe(401);
      expect(Object.keys(op.responses), where).toContain("401");
      if (path.includes("{id}")) {
        const foreign = await call(route, { ...validCall(method, path), token: outsiderToken });
        expect(foreign.status, `${where} by an outsider`).toBe(404);
        expect(Object.keys(op.responses), where).toContain("404");
      }
    }
  });

  it("pages by cursor with Link headers, as documented", async () => {
    const lists: { path: string; params: Record<string, string>; link: RegExp }[] = [
      { path: "/workspaces/{ws}/projects", params: { ws: world.org.slug }, link: /^<\/api\/v1\/workspaces\/[^>]+cursor=[^>]+>; rel="next"$/ },
      { path: "/projects/{id}/resources", params: { id: ids.project }, link: /^<\/api\/v1\/projects\/[^>]+\/resources\?[^>]*cursor=[^>]+>; rel="next"$/ },
    ];
    for (const list of lists) {
      const documented = doc.paths[list.path].get.responses["200"].headers ?? {};
      expect(Object.keys(documented), list.path).toContain("Link");
      const route = routeFor("get", list.path);
      const first = await call(route, { token, params: list.params, query: { limit: "1" } });
      const link = first.headers.get("link");
      expect(link, list.path).toMatch(list.link);
      const next = new URL(link!.slice(1, link!.indexOf(">")), "http://localhost");
      const second = await call(route, { token, params: list.params, query: Object.fromEntries(next.searchParams) });
      expect(second.status, list.path).toBe(200);
      expect(second.body.items, list.path).toHaveLength(1);
      expect(second.body.items![0].id, list.path).not.toBe(first.body.items![0].id);
    }
  });
});
