import { openApiDocument } from "@/lib/api/openapi";

// Built per request (it takes well under a millisecond), so nothing of it runs at build time.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument());
}
