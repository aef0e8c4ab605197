import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
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

/**
 * Adds `amount` to a fixed one-hour window kept in the database (shared by every app server)
 * and answers how many were used. Called in the action's transaction: when the action is
 * refused, the rollback gives the amount back.
 */
async function consume(tx: Executor, key: string, amount: number): Promise<{ count: number; resetsAt: Date }> {
  const [row] = await rows<{ count: number; window_start: string | Date }>(
    tx,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), ${amount})
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${HOUR}) then excluded.count
                       else rate_limits.count + excluded.count end,
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${HOUR}) then now()
                              else rate_limits.window_start end
        returning count, window_start`,
  );
  return { count: Number(row.count), resetsAt: new Date(new Date(row.window_start).getTime() + HOUR * 1000) };
}

function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
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
