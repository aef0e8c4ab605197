import "server-only";
import { headers } from "next/headers";
import type { Executor } from "@/db/client";
import { consumeRate, minutesUntil } from "@/lib/data/rate-limit";
import { ActionError } from "../result";

const HOUR = 3600;

function limitFrom(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function emailLinkLimits(env: NodeJS.ProcessEnv = process.env) {
  return {
    perAccount: limitFrom(env.EMAIL_LINKS_PER_HOUR_PER_ACCOUNT, 5),
    perClient: limitFrom(env.EMAIL_LINKS_PER_HOUR_PER_CLIENT, 20),
  };
}

/** The requesting client's address as the server saw it, or "unknown" outside a request. */
async function clientAddress(): Promise<string> {
  try {
    const h = await headers();
    return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Counts one e-mailed link (verification re-send, password reset) against the account (or the
 * address typed, whether or not an account has it, so the answer cannot tell) and the client,
 * each in one atomic statement, and refuses past the hourly limit. The refusal names no account.
 */
export async function throttleEmailLink(tx: Executor, kind: "verify" | "reset", account: string): Promise<void> {
  const limits = emailLinkLimits();
  const checks = [
    { key: `${kind}:account:${account.toLowerCase()}`, limit: limits.perAccount },
    { key: `${kind}:client:${await clientAddress()}`, limit: limits.perClient },
  ];
  for (const { key, limit } of checks) {
    const used = await consumeRate(tx, key, 1, HOUR);
    if (used.count > limit) {
      throw new ActionError(`Too many e-mails were asked for. Try again in ${minutesUntil(used.resetsAt)} minutes.`, 429);
    }
  }
}
