import { NextResponse, type NextRequest } from "next/server";
import { projectAllows } from "@/lib/authz/policy";
import { currentUserId } from "@/lib/auth/current-user";
import { getDb, withAbortSignal } from "@/lib/db";
import { searchGrantCandidates } from "@/lib/data/pickers";
import { getProjectAccess } from "@/lib/data/resources";
import { pickerQuery } from "@/lib/validation/picker";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspace: string; project: string }> };

/**
 * The add-person picker's matches: organization members who could be given a direct grant,
 * by username or name prefix. Only those who may add people to the project may search; for
 * everyone else the project's people picker does not exist (404, as for no such project).
 */
export function GET(request: NextRequest, context: Context) {
  return withAbortSignal(request.signal, () => search(request, context));
}

async function search(request: NextRequest, { params }: Context) {
  const q = pickerQuery(request.nextUrl.searchParams);
  if (!q.ok) return NextResponse.json({ error: q.error }, { status: 400 });
  const { workspace, project } = await params;
  const userId = await currentUserId();
  const access = userId ? await getProjectAccess(userId, workspace, project) : null;
  if (!userId || !access || !projectAllows(access.level, "project.people")) {
    return NextResponse.json({ error: "Project not found." }, { status: 404 });
  }
  const choices = await searchGrantCandidates(await getDb(), access.project, q.value);
  return NextResponse.json({ choices }, { headers: { "Cache-Control": "private, no-store" } });
}
