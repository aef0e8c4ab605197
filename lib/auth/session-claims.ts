import "server-only";
import { cache } from "react";
import type { SessionClaims } from "@/lib/data/sessions";
import { auth } from "./config";

/**
 * What the signed cookie claims, once per request, before any database check: callers pass it
 * to `userForSession`. Tests replace this module to say who is signed in.
 */
export const sessionClaims = cache(async (): Promise<SessionClaims | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return userId && typeof sessionId === "string" ? { userId, sessionId } : null;
});
