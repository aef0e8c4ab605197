import { NextRequest } from "next/server";
import { handlers } from "./config";
import { sameOriginPath } from "./safe-redirect";

type Handler = (request: NextRequest) => Promise<Response>;

/**
 * Auth.js answers 500 ("InvalidCallbackUrl") to a callbackUrl query it cannot parse, such as
 * "\\\\evil.test": the value is made a safe same-origin path before Auth.js sees it.
 */
function withSafeCallbackUrl(handler: Handler): Handler {
  return async (request) => {
    const url = new URL(request.url);
    const value = url.searchParams.get("callbackUrl");
    if (value === null) return handler(request);
    url.searchParams.set("callbackUrl", sameOriginPath(value, url.origin));
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return handler(new NextRequest(url, { method: request.method, headers: request.headers, body }));
  };
}

export const GET = withSafeCallbackUrl(handlers.GET);
export const POST = withSafeCallbackUrl(handlers.POST);
