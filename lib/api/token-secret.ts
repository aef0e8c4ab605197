import { createHash, randomBytes } from "node:crypto";

/** Every secret starts with this, so secret scanners can recognise a leaked one. */
export const TOKEN_PREFIX = "wbo_pat_";
/** How much of a secret lists show: the prefix plus four characters, never enough to use it. */
const SHOWN_LENGTH = TOKEN_PREFIX.length + 4;

/** A fresh secret (256 random bits) with its stored hash and the part lists may show. */
export function newTokenSecret(): { secret: string; hash: string; shown: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashTokenSecret(secret), shown: secret.slice(0, SHOWN_LENGTH) };
}

// A plain SHA-256 suffices: the secret is 256 random bits, so there is nothing to guess from it.
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The secret of an `Authorization: Bearer wbo_pat_…` header; null when the header is absent. */
export function bearerSecret(header: string | null): { secret: string } | { malformed: true } | null {
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !match[1].startsWith(TOKEN_PREFIX) || match[1].length > 200) return { malformed: true };
  return { secret: match[1] };
}
