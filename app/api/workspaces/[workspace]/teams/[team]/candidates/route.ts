import { NextResponse, type NextRequest } from "next/server";
import { currentUserId } from "@/lib/auth/current-user";
import { requireTeamManager } from "@/lib/actions/teams/team-access";
import { ActionError } from "@/lib/actions/result";
import { getDb, withAbortSignal } from "@/lib/db";
import { getWorkspace } from "@/lib/data/orgs";
import { searchTeamCandidates } from "@/lib/data/pickers";
import { isUuid } from "@/lib/validation/ids";
import { pickerQuery } from "@/lib/validation/picker";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspace: string; team: string }> };

const notFound = () => NextResponse.json({ error: "Team not found." }, { status: 404 });

/**
 * The add-to-team picker's matches: organization members not yet in the team, by username or
 * name prefix. Searching is allowed exactly to those the add-member action lets staff the team
 * (the same check, not a copy of it); for anyone else the team's picker does not exist (404).
 */
export function GET(request: NextRequest, context: Context) {
  return withAbortSignal(request.signal, () => search(request, context));
}

async function search(request: NextRequest, { params }: Context) {
  const q = pickerQuery(request.nextUrl.searchParams);
  if (!q.ok) return NextResponse.json({ error: q.error }, { status: 400 });
  const { workspace, team: teamId } = await params;
  const userId = await currentUserId();
  if (!userId || !isUuid(teamId)) return notFound();
  const ws = await getWorkspace(workspace, userId);
  if (!ws || !ws.role || ws.org.kind !== "team") return notFound();
  const db = await getDb();
  try {
    await requireTeamManager(db, { org: ws.org, role: ws.role, user: { id: userId } }, teamId);
  } catch (e) {
    if (e instanceof ActionError) return notFound();
    throw e;
  }
  const choices = await searchTeamCandidates(db, ws.org.id, teamId, q.value);
  return NextResponse.json({ choices }, { headers: { "Cache-Control": "private, no-store" } });
}
