import { findUserByLogin } from "@/lib/data/users";
import { verifyPassword } from "./password";
import { clearFailedSignIns, recordFailedSignIn, signInLockedFor } from "./sign-in-limit";

/**
 * The user id for a username-or-e-mail and password, or null; the same answer for an unknown
 * account, a wrong password and an account name locked after too many failures.
 */
export async function checkCredentials(identifier: string, password: string): Promise<string | null> {
  if ((await signInLockedFor(identifier)) !== null) return null;
  const user = await findUserByLogin(identifier);
  if (user && (await verifyPassword(user.passwordHash, password))) {
    await clearFailedSignIns(identifier);
    return user.id;
  }
  await recordFailedSignIn(identifier);
  return null;
}
