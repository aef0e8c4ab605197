import { hashToken, newToken, TOKEN_PATTERN } from "@/lib/crypto/link-token";

export { TOKEN_PATTERN };

/** Only this hash is stored: a database leak must not hand out working invitation links. */
export const hashInvitationToken = hashToken;
export const newInvitationToken = newToken;

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
