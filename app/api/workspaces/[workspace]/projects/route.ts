import { NextResponse, type NextRequest } from "next/server";
import { withAbortSignal } from "@/lib/db";
import { currentUserId } from "@/lib/auth/current-user";
import { getWorkspace } from "@/lib/data/orgs";
import { listVisibleProjects } from "@/lib/data/projects";
import { PROJECT_PAGE_SIZE, parseListParams } from "@/lib/validation/project-list";

export const dynamic = "force-dynamic";

/** One page of the workspace's projects the caller may see (non-members: public ones only). */
export function GET(request: NextRequest, context: { params: Promise<{ workspace: string }> }) {
  // A client that gives up (a closed tab, a timed-out fetch) cancels the statements it started.
  return withAbortSignal(request.signal, () => listPage(request, context));
}

async function listPage(request: NextRequest, { params }: { params: Promise<{ workspace: string }> }) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: "Sign in to list projects." }, { status: 401 });
  const ws = await getWorkspace((await params).workspace, userId);
  if (!ws) return NextResponse.json({ error: "Workspace not found." }, { status: 404 });
  const query = parseListParams(request.nextUrl.searchParams);
  const page = await listVisibleProjects(ws.org.id, userId, { ...query, limit: PROJECT_PAGE_SIZE });
  return NextResponse.json(page, { headers: { "Cache-Control": "private, no-store" } });
}
