import "server-only";
import { z } from "zod";
import { formToObject } from "@/lib/actions/safe-action";
import { ActionError, type ActionResult } from "@/lib/actions/result";
import { SIGNED_OUT } from "@/lib/actions/read-access";
import { runAsApiCaller } from "@/lib/auth/api-caller";
import { DATASET_MAX_BYTES, DATASET_MAX_LABEL } from "@/lib/csv/limits";
import { authenticate, sameOrigin } from "./authenticate";
import { json, problem } from "./problem";
import { rateLimit } from "./rate-limit";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** What the OpenAPI document says about one route; the same object drives its parsing. */
export interface EndpointSpec {
  method: Method;
  /** The path under /api/v1, OpenAPI style: /projects/{id}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** "optional": signed-out callers may read public projects, as on the website. */
  auth: "required" | "optional";
  query?: z.ZodObject;
  body?: { type: "json" | "multipart"; schema: z.ZodType };
  response: { status: number; description: string; schema?: z.ZodType; paginated?: boolean; location?: boolean };
  /** A second success answer, when the same call may end in two ways (a prediction stored or not). */
  otherSuccess?: { status: number; description: string; schema: z.ZodType };
  /** Error statuses this route can answer besides 401 and 429. */
  errors: number[];
}

export interface EndpointInput<P> {
  params: P;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  url: URL;
  request: Request;
}

export interface Endpoint<P> {
  spec: EndpointSpec;
  handle: (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;
}

// Headroom over the dataset limit, as for server actions: a file the form accepts always reaches
// the action, which refuses anything larger with the form's own message.
const MULTIPART_MAX_BYTES = DATASET_MAX_BYTES + 1_000_000;

async function readBody(request: Request, body: EndpointSpec["body"]): Promise<Record<string, unknown> | Response> {
  if (!body) return {};
  if (body.type === "multipart") {
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MULTIPART_MAX_BYTES) return problem(413, `The file is ${(length / 1_000_000).toFixed(1)} MB; the limit is ${DATASET_MAX_LABEL}.`);
    try {
      return formToObject(await request.formData());
    } catch {
      return problem(415, "Send the file as multipart/form-data, in a field named “file”.");
    }
  }
  let parsed: unknown;
  try {
    parsed = await request.json();
  } catch {
    return problem(400, "The request body must be a JSON object.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return problem(400, "The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

function validation(error: z.ZodError): Response {
  return problem(400, "Please correct the highlighted fields.", { errors: z.flattenError(error).fieldErrors as Record<string, string[]> });
}

/**
 * The one wrapper every /api/v1 route goes through: authenticate (token or session), the
 * same-origin check for cookie writes, the per-caller rate limit, input parsing, then the handler
 * inside the caller's context, where the server actions' own wrapper authorizes and audits.
 */
export function endpoint<P = Record<string, never>>(
  spec: EndpointSpec,
  handler: (input: EndpointInput<P>) => Promise<Response>,
): Endpoint<P> {
  const handle = async (request: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const who = await authenticate(request);
      if ("refusal" in who) return problem(401, who.refusal);
      if (spec.auth === "required" && !who.userId) return problem(401, SIGNED_OUT);
      if (spec.method !== "GET" && who.caller.kind === "session" && who.userId && !sameOrigin(request)) {
        return problem(403, "Cross-site request refused: with a browser session, write only from this site's pages, or use a personal access token.");
      }
      const limit = who.rateKey ? await rateLimit(who.rateKey) : null;
      if (limit && limit.remaining < 0) {
        return problem(429, `Too many requests: at most ${limit.limit} a minute. Try again in ${limit.reset} s.`, {
          headers: { ...limit.headers, "Retry-After": String(limit.reset) },
        });
      }
      const url = new URL(request.url);
      const query = spec.query ? spec.query.safeParse(Object.fromEntries(url.searchParams)) : null;
      if (query && !query.success) return validation(query.error);
      const raw = await readBody(request, spec.body);
      if (raw instanceof Response) return raw;
      const body = spec.body ? spec.body.schema.safeParse(raw) : null;
      if (body && !body.success) return validation(body.error);
      const params = ((await ctx?.params) ?? {}) as P;
      const response = await runAsApiCaller(who.caller, () =>
        handler({
          params,
          query: (query?.data ?? {}) as Record<string, unknown>,
          body: (body?.data ?? {}) as Record<string, unknown>,
          url,
          request,
        }),
      );
      response.headers.set("Cache-Control", "private, no-store");
      for (const [k, v] of Object.entries(limit?.headers ?? {})) response.headers.set(k, v);
      return response;
    } catch (err) {
      if (err instanceof ActionError) return problem(err.status, err.message, { errors: err.fieldErrors });
      console.error("api call failed", err);
      return problem(500, "Something went wrong on our side; nothing was changed. Please try again.");
    }
  };
  return { spec, handle };
}

/** An action's answer as HTTP: its refusal as a problem, its data through `ok`. */
export async function answer<T>(result: ActionResult<T>, ok: (data: T) => Response | Promise<Response>): Promise<Response> {
  if (!result.ok) return problem(result.status, result.error, { errors: result.fieldErrors });
  return ok(result.data);
}

export { json, problem };
