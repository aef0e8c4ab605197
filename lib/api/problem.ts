import type { FieldErrors } from "@/lib/actions/result";

const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type", 429: "Too Many Requests", 500: "Internal Server Error",
};

/** An RFC 9457 problem: `detail` is the same sentence the form would show, `errors` its field errors. */
export function problem(status: number, detail: string, opts: { errors?: FieldErrors; headers?: HeadersInit } = {}): Response {
  const body = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail, ...(opts.errors ? { errors: opts.errors } : {}) };
  const headers = new Headers(opts.headers);
  headers.set("Content-Type", "application/problem+json");
  if (status === 401) headers.set("WWW-Authenticate", 'Bearer realm="api"');
  return new Response(JSON.stringify(body), { status, headers });
}

export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}
