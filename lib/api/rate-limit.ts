import "server-only";
import { consumeRate } from "@/lib/data/rate-limit";
import { getDb } from "@/lib/db";

const WINDOW_SECONDS = 60;

export function apiRatePerMinute(): number {
  return Number(process.env.API_RATE_PER_MINUTE || 300);
}

/**
 * One call counted against the caller's window, atomically in the database (shared by every app
 * server). `remaining` below zero means refuse. Headers follow the IETF RateLimit draft.
 */
export async function rateLimit(key: string): Promise<{ limit: number; remaining: number; reset: number; headers: Record<string, string> }> {
  const limit = apiRatePerMinute();
  const { count, resetsAt } = await consumeRate(await getDb(), key, 1, WINDOW_SECONDS);
  const remaining = limit - count;
  const reset = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
  return {
    limit, remaining, reset,
    headers: {
      "RateLimit-Policy": `${limit};w=${WINDOW_SECONDS}`,
      RateLimit: `limit=${limit}, remaining=${Math.max(0, remaining)}, reset=${reset}`,
    },
  };
}
