import "server-only";
import { accountKey, clientAddress, limitFromEnv, takeAttempt, type ThrottleResult } from "@/lib/auth/throttle";
import { ActionError } from "../result";

const HOUR = 3600;

export function emailLinkLimits() {
  return {
    perAccount: limitFromEnv("EMAIL_LINKS_PER_HOUR_PER_ACCOUNT", 5),
    perAddress: limitFromEnv("EMAIL_LINKS_PER_HOUR_PER_ADDRESS", 20),
  };
}

/**
 * Counts one e-mailed link (a verification re-send or e-mail change, a password reset) against
 * the account and the client address, atomically and before the work, in a statement of its own
 * that no rollback gives back. A reset is keyed by the account the typed address names, or by
 * that address when no account has it, so known and unknown addresses are limited alike.
 */
export async function countEmailLink(kind: "verify" | "reset", account: { userId: string } | { email: string }): Promise<ThrottleResult> {
  const limits = emailLinkLimits();
  const key = "userId" in account ? `${kind}-link:${account.userId}` : accountKey(`${kind}-link`, account.email);
  return takeAttempt([
    { key, max: limits.perAccount, windowSeconds: HOUR },
    { key: `${kind}-link-addr:${await clientAddress()}`, max: limits.perAddress, windowSeconds: HOUR },
  ]);
}

/** For signed-in actions, which have no throttle hook: the same count, refused with a 429. */
export async function throttleEmailLink(kind: "verify" | "reset", account: { userId: string }): Promise<void> {
  const counted = await countEmailLink(kind, account);
  if (!counted.ok) throw new ActionError(counted.message, 429);
}
