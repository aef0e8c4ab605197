import { claimsFromCookie, usesSecureCookie } from "@/lib/auth/session-cookie";
import { userAndPageEpoch } from "@/lib/data/sessions";
import { dbHandle } from "@/lib/db";
import type { VerifiedSession } from "./verified-session";

export interface PageCheck extends VerifiedSession {
  /** The page epochs of this workspace and user, read in the same statement as the session. */
  epoch: string;
}

/**
 * What the page cache in front of Next asks before serving or keeping a page: is this cookie's
 * session live, whose is it, and what is the page epoch now. One statement, the same session check
 * every page makes (`userForSession`).
 */
export async function checkPageRequest(cookieHeader: string | null, forwardedProto: string | null, workspaceSlug: string): Promise<PageCheck | null> {
  const claims = await claimsFromCookie(cookieHeader, usesSecureCookie(forwardedProto));
  if (!claims) return null;
  const live = await userAndPageEpoch((await dbHandle()).db, claims, workspaceSlug);
  return live && { claims, user: live.user, epoch: live.epoch, at: Date.now() };
}

const key = Symbol.for("workbench.pageCheck");

/** Hands the check to the server script, which runs outside Next's bundles. */
export function registerPageCheck(): void {
  (globalThis as { [key]?: typeof checkPageRequest })[key] = checkPageRequest;
}
