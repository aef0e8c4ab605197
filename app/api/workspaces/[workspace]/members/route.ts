import { NextResponse, type NextRequest } from "next/server";
import { orgAllows } from "@/lib/authz/policy";
import { currentUserId } from "@/lib/auth/current-user";
import { getDb, withAbortSignal } from "@/lib/db";
import { getWorkspace } from "@/lib/data/orgs";
import { searchNewOwners } from "@/lib/data/pickers";
import { pickerQuery } from "@/lib/validation/picker";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspace: string }> };

/**
 * The transfer-ownership picker's matches: the organization's other members by username or name
 * prefix. Only the owner may transfer, so only the owner may search; anyone else gets 404.
 */
export function GET(request: NextRequest, context: Context) {
  return withAbortSignal(request.signal, () => search(request, context));
}

async function search(request: NextRequest, { params }: Context) {
  const q = pickerQuery(request.nextUrl.searchParams);
  if (!q.ok) return NextResponse.json({ error: q.error }, { status: 400 });
  const userId = await currentUserId();
  const ws = userId ? await getWorkspace((await params).workspace, userId) : null;
  if (!userId || !ws || ws.org.kind !== "team" || !orgAllows(ws.role, "org.transfer")) {
    return NextResponse.json({ error: "Organization not found." }, { status: 404 });
  }
  const choices = await searchNewOwners(await getDb(), ws.org.id, userId, q.value);
  return NextResponse.json({ choices }, { headers: { "Cache-Control": "private, no-store" } });
}
