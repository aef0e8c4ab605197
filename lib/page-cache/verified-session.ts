import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionClaims } from "@/lib/data/sessions";
import type { SignedInUser } from "@/lib/data/users";

/**
 * A session the server checked in front of Next (scripts/page-cache.mjs) for the request being
 * rendered, so the page does not check it a second time. The server starts every request in a
 * store of its own (null when it checked nothing), so no request can see another's.
 */
export interface VerifiedSession {
  claims: SessionClaims;
  user: SignedInUser;
  /** Date.now() of the check: an old one is not trusted (a long render checks again). */
  at: number;
  /** Set when rendering this request failed anywhere: such a page is not kept. */
  failed?: boolean;
}

/** Longer than any page takes to start rendering; short enough that a check is never stale. */
const TRUSTED_MS = 5_000;

const key = Symbol.for("workbench.verifiedSession");
type Holder = { [key]?: AsyncLocalStorage<VerifiedSession | null> };

export function verifiedSessionStore(): AsyncLocalStorage<VerifiedSession | null> {
  const holder = globalThis as Holder;
  holder[key] ??= new AsyncLocalStorage<VerifiedSession | null>();
  return holder[key]!;
}

/** The user the server already vouched for, when it vouched for exactly these claims just now. */
export function alreadyVerified(claims: SessionClaims, now = Date.now()): SignedInUser | null {
  const v = verifiedSessionStore().getStore();
  if (!v || now - v.at > TRUSTED_MS) return null;
  return v.claims.sessionId === claims.sessionId && v.claims.userId === claims.userId && v.user.id === claims.userId ? v.user : null;
}

/** Called by Next for any error while serving a request (instrumentation.ts onRequestError). */
export function markRequestFailed(): void {
  const v = verifiedSessionStore().getStore();
  if (v) v.failed = true;
}
