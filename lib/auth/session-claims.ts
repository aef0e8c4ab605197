import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import type { SessionClaims } from "@/lib/data/sessions";
import { claimsFromCookie, usesSecureCookie } from "./session-cookie";

/**
 * What the signed cookie claims, once per request, before any database check: callers pass it
 * to `userForSession`. Tests replace this module to say who is signed in.
 */
export const sessionClaims = cache(async (): Promise<SessionClaims | null> => {
  const h = await headers();
  return claimsFromCookie(h.get("cookie"), usesSecureCookie(h.get("x-forwarded-proto")));
});
