import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { emailTokens } from "@/db/schema";
import { emailTokenTtlMs } from "@/lib/auth/token-ttl";
import { hashToken, newToken, TOKEN_PATTERN } from "@/lib/crypto/link-token";

export type EmailTokenPurpose = "verify_email" | "reset_password";

/**
 * A new single-use link token for this user and purpose. Earlier unused ones of the same purpose
 * stop working: only the newest e-mail's link counts, so a re-send never multiplies live links.
 */
export async function issueEmailToken(tx: Executor, userId: string, purpose: EmailTokenPurpose, email: string) {
  await tx
    .delete(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + emailTokenTtlMs(purpose));
  await tx.insert(emailTokens).values({ userId, purpose, email, tokenHash: hash, expiresAt });
  return { token, expiresAt };
}

export type TokenCheck =
  | { state: "valid"; id: string; userId: string; email: string }
  | { state: "unknown" | "used" | "expired" };

/** Looks the token up, locked for the caller's transaction, so two uses of one link queue. */
export async function checkEmailToken(tx: Executor, token: string, purpose: EmailTokenPurpose): Promise<TokenCheck> {
  if (!TOKEN_PATTERN.test(token)) return { state: "unknown" };
  const [row] = await rows<{ id: string; user_id: string; email: string; used: boolean; expired: boolean }>(
    tx,
    sql`select id, user_id, email, used_at is not null as used, expires_at <= now() as expired
        from email_tokens where token_hash = ${hashToken(token)} and purpose = ${purpose}
        for update`,
  );
  if (!row) return { state: "unknown" };
  if (row.used) return { state: "used" };
  if (row.expired) return { state: "expired" };
  return { state: "valid", id: row.id, userId: row.user_id, email: row.email };
}

export async function useEmailToken(tx: Executor, id: string): Promise<void> {
  await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(eq(emailTokens.id, id));
}
