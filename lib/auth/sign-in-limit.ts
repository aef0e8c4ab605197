import "server-only";
import { getDb } from "@/lib/db";
import { clearRate, consumeRate, minutesUntil, peekRate } from "@/lib/data/rate-limit";

// Failed sign-ins per account name in a window, whichever route the password is tried through
// (the sign-in form or Auth.js's own callback endpoint), so guessing a password stays slow.
export const SIGN_IN_MAX_FAILURES = Number(process.env.SIGN_IN_MAX_FAILURES) || 10;
const WINDOW_SECONDS = 15 * 60;

const keyFor = (identifier: string) => `signin:${identifier.trim().toLowerCase()}`;

/** Minutes until this account name may be tried again, or null when it may be tried now. */
export async function signInLockedFor(identifier: string): Promise<number | null> {
  const state = await peekRate(await getDb(), keyFor(identifier), WINDOW_SECONDS);
  return state && state.count >= SIGN_IN_MAX_FAILURES ? minutesUntil(state.resetsAt) : null;
}

export async function recordFailedSignIn(identifier: string): Promise<void> {
  await consumeRate(await getDb(), keyFor(identifier), 1, WINDOW_SECONDS);
}

export async function clearFailedSignIns(identifier: string): Promise<void> {
  await clearRate(await getDb(), keyFor(identifier));
}
