import { createTokenAction } from "@/lib/actions/tokens/create-token";
import type { Endpoint } from "@/lib/api/endpoint";
import { as } from "../setup/session";

export interface TokenOptions {
  scope?: string;
  permission?: "read" | "write";
  expiry?: "7" | "30" | "90" | "date" | "never";
  expiresOn?: string;
  name?: string;
}

/** A token made the way the settings page makes it, as that user; its secret. */
export async function makeToken(user: { id: string }, opts: TokenOptions = {}): Promise<string> {
  const result = await as(user, () =>
    createTokenAction(null, {
      name: opts.name ?? "test token", scope: opts.scope ?? "all", permission: opts.permission ?? "write",
      expiry: opts.expiry ?? "30", expiresOn: opts.expiresOn ?? "",
    }),
  );
  if (!result.ok) throw new Error(`token not created: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  return result.data.secret;
}

export interface CallOptions {
  token?: string | null;
  /** Browser-session caller (the test session mock); with `origin`, the Origin header it sends. */
  session?: { id: string } | null;
  origin?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown> & { items?: Record<string, unknown>[]; detail?: string };
  headers: Headers;
}

/** Calls a route handler the way Next does: a Request, and the path parameters as a promise. */
export async function call(route: Endpoint<never> | Endpoint<Record<string, string>>, opts: CallOptions = {}): Promise<Answer> {
  const spec = route.spec;
  const path = spec.path.replace(/\{(\w+)\}/g, (_, k: string) => opts.params?.[k] ?? "");
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ host: "localhost", ...opts.headers });
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.origin !== undefined && opts.origin !== null) headers.set("origin", opts.origin);
  else if (opts.session && opts.origin === undefined) headers.set("origin", "http://localhost");
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers.set("content-type", "application/json");
  } else if (opts.form) body = opts.form;
  const request = new Request(url, { method: spec.method, headers, body });
  const handle = route.handle as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const response = await as(opts.session ?? null, () => handle(request, { params: Promise.resolve(opts.params ?? {}) }));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}
