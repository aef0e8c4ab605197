import "server-only";
import { z } from "zod";
import type { EndpointSpec } from "./endpoint";
import { ENDPOINTS } from "./registry";
import { ProblemSchema } from "./schemas";

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "The input was refused; `errors` holds the message per field.",
  401: "No valid token or session.",
  403: "Refused: `detail` says why (your role or level, or the token's limits).",
  404: "No such thing, or one you cannot see (other organizations' ids answer the same).",
  409: "It already exists.",
  413: "The upload is too large.",
  415: "The body is not multipart/form-data.",
  429: "Rate limit reached: wait `Retry-After` seconds.",
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), its named parts moved to components. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Json;
  delete json.$defs;
  Object.assign(components, defs);
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

const rateHeaders = {
  RateLimit: { description: "limit, remaining and reset (seconds) of the caller's window", schema: { type: "string" } },
  "RateLimit-Policy": { description: "calls allowed per window", schema: { type: "string" } },
};

function operation(spec: EndpointSpec, components: Json): Json {
  const params: Json[] = [...spec.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name, in: "path", required: true,
    schema: name === "ws" ? { type: "string", description: "workspace slug" } : { type: "string", format: "uuid" },
  }));
  const shape = spec.query?.shape ?? {};
  for (const [name, field] of Object.entries(shape)) {
    params.push({ name, in: "query", required: false, schema: toSchema(field as z.ZodType, "input", components) });
  }
  const headers: Json = { ...rateHeaders };
  if (spec.response.paginated) headers.Link = { description: 'rel="next": the next page, when there is one', schema: { type: "string" } };
  if (spec.response.location) headers.Location = { description: "where the new thing is served", schema: { type: "string" } };
  const success: Json = { description: spec.response.description, headers };
  if (spec.response.schema) success.content = { "application/json": { schema: toSchema(spec.response.schema, "output", components) } };
  const responses: Json = { [spec.response.status]: success };
  if (spec.otherSuccess) {
    const other = spec.otherSuccess;
    responses[other.status] = { description: other.description, headers: rateHeaders, content: { "application/json": { schema: toSchema(other.schema, "output", components) } } };
  }
  const problem = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
  for (const status of [...new Set([...spec.errors, 401, 429])].sort()) {
    responses[status] = { description: STATUS_TEXT[status] ?? "Error", content: problem };
  }
  const op: Json = {
    operationId: `${spec.method.toLowerCase()}${spec.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^a-zA-Z]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: spec.summary, tags: [spec.tag], parameters: params, responses,
    security: spec.auth === "optional" ? [{ token: [] }, { session: [] }, {}] : [{ token: [] }, { session: [] }],
  };
  if (spec.description) op.description = spec.description;
  if (spec.body) {
    const type = spec.body.type === "multipart" ? "multipart/form-data" : "application/json";
    op.requestBody = { required: true, content: { [type]: { schema: toSchema(spec.body.schema, "input", components) } } };
  }
  return op;
}

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' own zod schemas. */
export function openApiDocument(): Json {
  const schemas: Json = {};
  schemas.Problem = toSchema(ProblemSchema, "output", schemas);
  const paths: Record<string, Json> = {};
  for (const { spec } of ENDPOINTS) {
    paths[spec.path] ??= {};
    paths[spec.path][spec.method.toLowerCase()] = operation(spec, schemas);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Workbench Orgs API", version: "1",
      description: "Workspaces, projects and their ML resources, under the same permissions as the website. Authenticate with a personal access token (Settings → Access tokens) as `Authorization: Bearer wbo_pat_…`.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        token: { type: "http", scheme: "bearer", description: "A personal access token (wbo_pat_…)." },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The website's session; writes also need this site's Origin header." },
      },
    },
  };
}
