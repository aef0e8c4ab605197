import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getWorkspace } from "@/lib/data/orgs";

/** The org for a settings page: members only (others get 404), team organizations only. */
export async function settingsContext(slug: string) {
  const user = await requireUser();
  const ws = await getWorkspace(slug, user.id);
  if (!ws || !ws.role) notFound();
  if (ws.org.kind === "personal") redirect("/settings");
  return { user, org: ws.org, role: ws.role };
}
