import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { TokenPermission } from "@/db/schema";

/** A personal access token as the checks need it: whose, where it reaches, what it may do. */
export interface TokenGrant {
  id: string;
  userId: string;
  name: string;
  /** Null: every workspace the owner can reach. */
  orgId: string | null;
  permission: TokenPermission;
  expiresAt: Date | null;
}

export const TOKEN_REFUSALS = {
  otherWorkspace: "This token is limited to another workspace.",
  forbidden: "This organization does not allow personal access tokens.",
  neverExpires: "This organization does not allow tokens that never expire; create one with an expiry date.",
  readOnly: "This token is read-only: creating, changing and deleting need a read and write token.",
  account: "Personal access tokens cannot change account settings or organizations; use the website.",
  invalid: "This token is not valid: it may have expired or been revoked.",
} as const;

type TokenRow = {
  id: string; user_id: string; name: string; org_id: string | null; permission: TokenPermission; expires_at: string | Date | null;
};

/**
 * The token if it is still live (not revoked, not expired), read in the caller's transaction.
 * `lock` shares the row, so a revocation committing meanwhile waits for this call, or wins.
 */
export async function loadLiveToken(db: Executor, tokenId: string, opts: { lock?: boolean } = {}): Promise<TokenGrant | null> {
  const [row] = await rows<TokenRow>(
    db,
    sql`select id, user_id, name, org_id, permission, expires_at from api_tokens
        where id = ${tokenId}::uuid and revoked_at is null and (expires_at is null or expires_at > now())
        ${opts.lock ? sql`for share` : sql``}`,
  );
  if (!row) return null;
  return {
    id: row.id, userId: row.user_id, name: row.name, orgId: row.org_id, permission: row.permission,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
}

/** The pure rule: a token caps its owner's rights in one organization; it never adds to them. */
export function tokenRefusal(
  token: Pick<TokenGrant, "orgId" | "permission" | "expiresAt">,
  org: { id: string; allowApiTokens: boolean; allowNonExpiringTokens: boolean },
  writes: boolean,
): string | null {
  if (token.orgId && token.orgId !== org.id) return TOKEN_REFUSALS.otherWorkspace;
  if (!org.allowApiTokens) return TOKEN_REFUSALS.forbidden;
  if (!token.expiresAt && !org.allowNonExpiringTokens) return TOKEN_REFUSALS.neverExpires;
  if (writes && token.permission !== "write") return TOKEN_REFUSALS.readOnly;
  return null;
}

/** tokenRefusal with the organization's settings read from the database. */
export async function tokenReachRefusal(db: Executor, token: TokenGrant, orgId: string, writes: boolean): Promise<string | null> {
  const [org] = await rows<{ allow_api_tokens: boolean; allow_non_expiring_tokens: boolean }>(
    db,
    sql`select allow_api_tokens, allow_non_expiring_tokens from organizations where id = ${orgId}::uuid`,
  );
  if (!org) return TOKEN_REFUSALS.otherWorkspace;
  return tokenRefusal(token, { id: orgId, allowApiTokens: org.allow_api_tokens, allowNonExpiringTokens: org.allow_non_expiring_tokens }, writes);
}
