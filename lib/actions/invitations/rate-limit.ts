import "server-only";
import type { Executor } from "@/db/client";
import { consumeRate, minutesUntil } from "@/lib/data/rate-limit";
import { ActionError } from "../result";

const HOUR = 3600;

function limitFrom(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function invitationRateLimits(env: NodeJS.ProcessEnv = process.env) {
  return {
    perOrg: limitFrom(env.INVITATION_RATE_PER_ORG, 50),
    perInviter: limitFrom(env.INVITATION_RATE_PER_INVITER, 20),
  };
}

function consume(tx: Executor, key: string, amount: number) {
  return consumeRate(tx, key, amount, HOUR);
}

/** Refuses when this organization or this inviter has sent too many invitations this hour. */
export async function limitInvitations(tx: Executor, orgId: string, inviterId: string, amount: number): Promise<void> {
  const limits = invitationRateLimits();
  const org = await consume(tx, `invite:org:${orgId}`, amount);
  if (org.count > limits.perOrg) {
    throw new ActionError(
      `This organization can send at most ${limits.perOrg} invitations per hour. Try again in ${minutesUntil(org.resetsAt)} minutes.`,
      429,
    );
  }
  const inviter = await consume(tx, `invite:user:${inviterId}`, amount);
  if (inviter.count > limits.perInviter) {
    throw new ActionError(
      `You can send at most ${limits.perInviter} invitations per hour. Try again in ${minutesUntil(inviter.resetsAt)} minutes.`,
      429,
    );
  }
}
