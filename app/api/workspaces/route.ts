import { NextResponse } from "next/server";
import { currentUserId } from "@/lib/auth/current-user";
import { listWorkspaces } from "@/lib/data/workspaces";

export const dynamic = "force-dynamic";

export async function GET() {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: "Sign in to list your workspaces." }, { status: 401 });
  return NextResponse.json({ workspaces: await listWorkspaces(userId) });
}
