import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes in base64url: 256 bits from the CSPRNG, 43 URL-safe characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored: a database leak must not hand out working invitation links. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export function invitationTtlDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.INVITATION_TTL_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 7;
}

export function invitationExpiry(from = new Date()): Date {
  return new Date(from.getTime() + invitationTtlDays() * 24 * 60 * 60 * 1000);
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
