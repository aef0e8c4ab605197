import { currentUser } from "@/lib/auth/current-user";
import { defaultWorkspaceSlug } from "@/lib/data/workspaces";

// The front door only redirects. As a page, Next rendered a whole error document around the
// redirect, costing as much server time as the list it leads to; a route handler answers with
// the header alone. The Location is relative, so it holds behind any proxy's host name.
export async function GET(): Promise<Response> {
  const user = await currentUser();
  const target = user ? `/${(await defaultWorkspaceSlug(user.id)) ?? user.username}` : "/signin";
  return new Response(null, { status: 307, headers: { Location: target, "Cache-Control": "no-store" } });
}
