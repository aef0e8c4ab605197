import { NextResponse, type NextRequest } from "next/server";
import { currentUserId } from "@/lib/auth/current-user";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { auditCsvStream } from "@/lib/data/audit";
import { getWorkspace } from "@/lib/data/orgs";
import { parseAuditFilter } from "@/lib/validation/audit-filter";

export async function GET(request: NextRequest, { params }: { params: Promise<{ workspace: string }> }) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: "Sign in to export the audit log." }, { status: 401 });
  const ws = await getWorkspace((await params).workspace, userId);
  if (!ws || !ws.role) return NextResponse.json({ error: "Organization not found." }, { status: 404 });
  if (!orgAllows(ws.role, "org.audit")) return NextResponse.json({ error: ORG_ACTIONS["org.audit"].why }, { status: 403 });
  const { actor, action } = parseAuditFilter(request.nextUrl.searchParams);
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(auditCsvStream(ws.org.id, { actor, action }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ws.org.slug}-audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
