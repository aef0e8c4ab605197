import { findUserByLogin } from "@/lib/data/users";
import { verifyPassword } from "./password";

/** The user id for a username-or-e-mail and password, or null; the same answer for both failures. */
export async function checkCredentials(identifier: string, password: string): Promise<string | null> {
  const user = await findUserByLogin(identifier);
  if (!user) return null;
  return (await verifyPassword(user.passwordHash, password)) ? user.id : null;
}
