import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { currentUserId } from "@/lib/auth/current-user";
import { ORG_ACTIONS, orgAllows } from "@/lib/authz/policy";
import { auditCsv } from "@/lib/data/audit";
import { getWorkspace } from "@/lib/data/orgs";

const Query = z.object({ actor: z.string().max(64).optional(), action: z.string().max(64).optional() });

export async function GET(request: NextRequest, { params }: { params: Promise<{ workspace: string }> }) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: "Sign in to export the audit log." }, { status: 401 });
  const ws = await getWorkspace((await params).workspace, userId);
  if (!ws || !ws.role) return NextResponse.json({ error: "Organization not found." }, { status: 404 });
  if (!orgAllows(ws.role, "org.audit")) return NextResponse.json({ error: ORG_ACTIONS["org.audit"].why }, { status: 403 });
  const parsed = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: "Invalid filter." }, { status: 400 });
  const csv = await auditCsv(ws.org.id, { actor: parsed.data.actor || undefined, action: parsed.data.action || undefined });
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${ws.org.slug}-audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
