import "server-only";
import { findUserByLogin } from "@/lib/data/users";
import { getDb } from "@/lib/db";
import { verifyPassword } from "./password";
import { createSession, type SessionClient } from "./sessions";
import { countSignInAttempt, forgiveSignIn } from "./sign-in-limit";

// An argon2id hash (same parameters as real ones) of a password nobody has: unknown names are
// verified against it, so they take as long as known ones and timing tells no names apart.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$MIigQh2+gQboYwYO29e0KA$H2+h2IdOJ1oYHu4njqBb7xrc4aWhWQyiULmnQQ+YdDg";

export type CredentialCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryMinutes: number; message: string };

/**
 * Checks a username-or-e-mail and password from one client address. The attempt is counted
 * first; a wrong password and an unknown account get the same answer in the same time.
 */
export async function checkCredentials(identifier: string, password: string, address: string): Promise<CredentialCheck> {
  const [counted, user] = await Promise.all([countSignInAttempt(identifier, address), findUserByLogin(identifier)]);
  if (!counted.ok) return { ok: false, reason: "throttled", retryMinutes: counted.retryMinutes, message: counted.message };
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await forgiveSignIn(counted);
  return { ok: true, userId: user.id };
}

/** Checks the credentials and, when they are right, starts a session for this browser. */
export async function signInWithPassword(
  identifier: string,
  password: string,
  client: SessionClient & { ip: string },
): Promise<CredentialCheck | { ok: true; userId: string; sessionId: string }> {
  const check = await checkCredentials(identifier, password, client.ip);
  if (!check.ok) return check;
  return { ...check, sessionId: await createSession(await getDb(), check.userId, client) };
}
