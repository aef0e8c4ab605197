import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { userForSession } from "@/lib/data/sessions";
import type { SignedInUser } from "@/lib/data/users";
import { getDb } from "@/lib/db";
import { alreadyVerified } from "@/lib/page-cache/verified-session";
import { safeRedirectPath } from "./safe-redirect";
import { sessionClaims } from "./session-claims";

/**
 * The signed-in user, read from the database together with their session row, or null: a
 * signed-out, expired or ended session, or a deleted account, is nobody. Once per request.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  return alreadyVerified(claims) ?? userForSession(await getDb(), claims);
});

/** The signed-in user's id (the same check as currentUser). */
export const currentUserId = cache(async (): Promise<string | null> => (await currentUser())?.id ?? null);

/** The id of the session this request belongs to, once currentUser has vouched for it. */
export async function currentSessionId(): Promise<string | null> {
  const [claims, user] = await Promise.all([sessionClaims(), currentUser()]);
  return user && claims ? claims.sessionId : null;
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (user) return user;
  const path = (await headers()).get("x-pathname") ?? "/";
  redirect(`/signin?callbackUrl=${encodeURIComponent(safeRedirectPath(path))}`);
}
