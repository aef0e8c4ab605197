import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import type { TokenPermission } from "@/db/schema";
import { getDb } from "@/lib/db";

export type TokenStatus = "active" | "expired" | "revoked";

export interface TokenListItem {
  id: string;
  name: string;
  /** The first characters of the secret, enough to recognise it, never to use it. */
  prefix: string;
  /** Null: every workspace the owner can reach. */
  workspace: string | null;
  permission: TokenPermission;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: TokenStatus;
  owner: string;
}

type Row = {
  id: string; name: string; prefix: string; workspace: string | null; permission: TokenPermission; owner: string;
  created_at: string | Date; last_used_at: string | Date | null; expires_at: string | Date | null; status: TokenStatus;
};

const columns = sql`t.id, t.name, t.prefix, o.slug as workspace, t.permission, u.username as owner,
  t.created_at, t.last_used_at, t.expires_at,
  case when t.revoked_at is not null then 'revoked' when t.expires_at <= now() then 'expired' else 'active' end as status`;

const date = (d: string | Date | null) => (d ? new Date(d) : null);

function toItem(r: Row): TokenListItem {
  return {
    id: r.id, name: r.name, prefix: r.prefix, workspace: r.workspace, permission: r.permission, owner: r.owner,
    createdAt: new Date(r.created_at), lastUsedAt: date(r.last_used_at), expiresAt: date(r.expires_at), status: r.status,
  };
}

/** The user's own tokens, newest first, revoked ones kept a while so the user sees what happened. */
export async function listUserTokens(userId: string): Promise<TokenListItem[]> {
  const list = await rows<Row>(
    await getDb(),
    sql`select ${columns} from api_tokens t join users u on u.id = t.user_id left join organizations o on o.id = t.org_id
        where t.user_id = ${userId}::uuid and (t.revoked_at is null or t.revoked_at > now() - interval '30 days')
        order by t.created_at desc limit 200`,
  );
  return list.map(toItem);
}

/** Live tokens that reach an organization: those limited to it, and its members' all-workspaces tokens. */
export async function listOrgTokens(orgId: string): Promise<TokenListItem[]> {
  const list = await rows<Row>(
    await getDb(),
    sql`select ${columns} from api_tokens t join users u on u.id = t.user_id left join organizations o on o.id = t.org_id
        where t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
          and (t.org_id = ${orgId}::uuid
               or (t.org_id is null and exists (select 1 from memberships m where m.org_id = ${orgId}::uuid and m.user_id = t.user_id)))
        order by u.username, t.created_at desc limit 500`,
  );
  return list.map(toItem);
}

export interface TokenScopeChoice {
  id: string;
  slug: string;
  displayName: string;
  allowsTokens: boolean;
  allowsNonExpiring: boolean;
}

/** The workspaces a new token may be limited to, with what their organizations allow. */
export async function listTokenScopes(userId: string): Promise<TokenScopeChoice[]> {
  const list = await rows<{ id: string; slug: string; display_name: string; allow_api_tokens: boolean; allow_non_expiring_tokens: boolean }>(
    await getDb(),
    sql`select o.id, o.slug, o.display_name, o.allow_api_tokens, o.allow_non_expiring_tokens
        from memberships m join organizations o on o.id = m.org_id
        where m.user_id = ${userId}::uuid
        order by (o.kind = 'personal') desc, lower(o.display_name), o.slug`,
  );
  return list.map((r) => ({
    id: r.id, slug: r.slug, displayName: r.display_name, allowsTokens: r.allow_api_tokens, allowsNonExpiring: r.allow_non_expiring_tokens,
  }));
}
