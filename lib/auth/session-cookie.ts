import { decode, getToken } from "next-auth/jwt";
import type { SessionClaims } from "@/lib/data/sessions";

/**
 * Reads the session cookie Auth.js wrote, the way its own `auth()` does, without the rest of
 * `auth()`: that runs Auth.js's whole session endpoint per call (a Request, the handler, a JSON
 * Response read back) and re-encrypts a fresh cookie that a page cannot even set. The decrypted
 * claims of a cookie are remembered, so a browser's next requests skip the key derivation and
 * decryption (about 1.5 ms of CPU per request). The database still vouches for every request:
 * an ended session stays ended (`userForSession`).
 */

/** Auth.js allows 15 s of clock skew when it checks the expiry. */
const CLOCK_TOLERANCE_S = 15;
/** Enough for the browsers of a busy server; the oldest is forgotten first. */
const REMEMBERED = 2_000;

interface Remembered {
  claims: SessionClaims;
  expiresAt: number;
}

const remembered = new Map<string, Remembered>();

type Env = Record<string, string | undefined>;

/** Auth.js's secrets: AUTH_SECRET, after the rotation list AUTH_SECRET_1..3 (newest first). */
function secrets(env: Env): string[] {
  const list = [env.AUTH_SECRET ?? env.NEXTAUTH_SECRET].filter((s): s is string => !!s);
  for (let i = 1; i <= 3; i++) {
    const s = env[`AUTH_SECRET_${i}`];
    if (s) list.unshift(s);
  }
  return list;
}

/**
 * Auth.js names the cookie (and salts its key) `__Secure-…` when the site's address is https:
 * AUTH_URL when set, else the protocol the request came in by.
 */
export function usesSecureCookie(forwardedProto: string | null, env: Env = process.env): boolean {
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (envUrl) return new URL(envUrl).protocol === "https:";
  return (forwardedProto ?? "https").startsWith("https");
}

/** The claims of the session cookie in a Cookie header, or null (none, forged, expired). */
export async function claimsFromCookie(cookieHeader: string | null, secure: boolean, env: Env = process.env): Promise<SessionClaims | null> {
  if (!cookieHeader) return null;
  const secret = secrets(env);
  if (!secret.length) return null;
  // Only the cookie: a session token in an Authorization header is not a way in here.
  const token = await getToken({ req: { headers: { cookie: cookieHeader } }, secureCookie: secure, secret, raw: true });
  if (!token) return null;
  const now = Date.now() / 1000;
  const known = remembered.get(token);
  if (known) {
    if (known.expiresAt + CLOCK_TOLERANCE_S > now) return known.claims;
    remembered.delete(token);
    return null;
  }
  const salt = secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const payload = await decode({ token, secret, salt }).catch(() => null);
  if (!payload || typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.exp !== "number") return null;
  const claims = { userId: payload.sub, sessionId: payload.sid };
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(token, { claims, expiresAt: payload.exp });
  return claims;
}
