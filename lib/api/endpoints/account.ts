import "server-only";
import { z } from "zod";
import { requireCaller } from "@/lib/actions/read-access";
import { tokenRefusal } from "@/lib/authz/token-reach";
import { listTokenScopes } from "@/lib/data/tokens";
import { defaultWorkspaceSlug, listWorkspaces } from "@/lib/data/workspaces";
import { endpoint, json } from "../endpoint";
import { MeSchema, page, WorkspaceSchema } from "../schemas";

export const getMe = endpoint(
  {
    method: "GET", path: "/me", tag: "Account", auth: "required",
    summary: "Who is calling", description: "The account, its default workspace, and the token the call came with.",
    response: { status: 200, description: "The caller", schema: MeSchema }, errors: [],
  },
  async () => {
    const { user, token } = await requireCaller();
    const scopes = token?.orgId ? await listTokenScopes(user.id) : [];
    return json({
      id: user.id, username: user.username, email: user.email, name: user.name,
      defaultWorkspace: await defaultWorkspaceSlug(user.id),
      token: token
        ? {
            name: token.name, workspace: token.orgId ? (scopes.find((s) => s.id === token.orgId)?.slug ?? null) : null,
            permission: token.permission, expiresAt: token.expiresAt?.toISOString() ?? null,
          }
        : null,
    });
  },
);

export const listMyWorkspaces = endpoint(
  {
    method: "GET", path: "/workspaces", tag: "Account", auth: "required",
    summary: "The caller's workspaces", description: "Personal workspace first, then organizations; with a token, only those it reaches.",
    response: { status: 200, description: "Workspaces", schema: page(WorkspaceSchema) }, errors: [],
  },
  async () => {
    const { user, token } = await requireCaller();
    let workspaces = await listWorkspaces(user.id);
    if (token) {
      const scopes = new Map((await listTokenScopes(user.id)).map((s) => [s.id, s]));
      workspaces = workspaces.filter((w) => {
        const s = scopes.get(w.id);
        return s && !tokenRefusal(token, { id: w.id, allowApiTokens: s.allowsTokens, allowNonExpiringTokens: s.allowsNonExpiring }, false);
      });
    }
    return json({
      items: workspaces.map((w) => ({ id: w.id, slug: w.slug, displayName: w.displayName, kind: w.kind, role: w.role, isDefault: w.isDefault })),
    } satisfies z.input<ReturnType<typeof page<typeof WorkspaceSchema>>>);
  },
);
