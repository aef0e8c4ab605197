import "server-only";
import { getDb } from "@/lib/db";
import { clearRate, returnRate } from "@/lib/data/rate-limit";
import { accountKey, limitFromEnv, takeAttempt, type ThrottleResult } from "./throttle";

// Password guesses per account (username and e-mail are one account; unknown names are limited
// by name) and per client address, in a 15-minute window, on every route a password is tried by.
export const SIGN_IN_MAX_FAILURES = limitFromEnv("SIGN_IN_MAX_FAILURES", 10);
export const SIGN_IN_MAX_PER_ADDRESS = limitFromEnv("SIGN_IN_MAX_PER_ADDRESS", 50);
const WINDOW_SECONDS = 15 * 60;

/**
 * Counts this attempt before the password is looked at, so concurrent guesses cannot all slip
 * under the limit: the (limit + 1)-th attempt is refused whatever its password.
 */
export function countSignInAttempt(identifier: string, address: string): Promise<ThrottleResult> {
  return takeAttempt([
    { key: accountKey("signin", identifier), max: SIGN_IN_MAX_FAILURES, windowSeconds: WINDOW_SECONDS },
    { key: `signin-addr:${address}`, max: SIGN_IN_MAX_PER_ADDRESS, windowSeconds: WINDOW_SECONDS },
  ]);
}

/**
 * A right password forgets the account's earlier failures and gives back this attempt to the
 * address, so the limits count failures (and attempts still in flight).
 */
export async function forgiveSignIn(counted: { keys: string[] }): Promise<void> {
  const db = await getDb();
  const [account, address] = counted.keys;
  await Promise.all([clearRate(db, account), returnRate(db, address)]);
}
