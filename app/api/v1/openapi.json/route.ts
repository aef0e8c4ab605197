import { openApiDocument } from "@/lib/api/openapi";

// The document depends only on the code, so it is built once per server.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
