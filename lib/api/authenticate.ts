import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import type { ApiCaller } from "@/lib/auth/api-caller";
import { currentUserId } from "@/lib/auth/current-user";
import { TOKEN_REFUSALS } from "@/lib/authz/token-reach";
import { getDb } from "@/lib/db";
import { bearerSecret, hashTokenSecret } from "./token-secret";

export type Authenticated = { caller: ApiCaller; userId: string | null; rateKey: string | null } | { refusal: string };

/**
 * A bearer token when the request carries one (then any cookie is ignored), else the browser
 * session. Finding the token and noting its use is one statement; what it may do is decided later,
 * by the same wrapper as the server actions.
 */
export async function authenticate(request: Request): Promise<Authenticated> {
  const bearer = bearerSecret(request.headers.get("authorization"));
  if (bearer && "malformed" in bearer) return { refusal: "Send a personal access token as “Authorization: Bearer wbo_pat_…”." };
  if (bearer) {
    const [token] = await rows<{ id: string; user_id: string }>(
      await getDb(),
      sql`update api_tokens set last_used_at = now()
          where token_hash = ${hashTokenSecret(bearer.secret)} and revoked_at is null and (expires_at is null or expires_at > now())
          returning id, user_id`,
    );
    if (!token) return { refusal: TOKEN_REFUSALS.invalid };
    return { caller: { kind: "token", tokenId: token.id }, userId: token.user_id, rateKey: `api:token:${token.id}` };
  }
  const userId = await currentUserId();
  return { caller: { kind: "session" }, userId, rateKey: userId ? `api:user:${userId}` : null };
}

/** Like server actions: a cookie-authenticated write must come from a page of this site. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
