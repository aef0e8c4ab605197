import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { headers } from "next/headers";
import { rows } from "@/db/client";
import { minutesUntil, rateState, rateUpsert } from "@/lib/data/rate-limit";
import { getDb } from "@/lib/db";

export interface Bucket {
  /** A literal key, or an SQL expression computed in the counting statement (see accountKey). */
  key: string | SQL;
  max: number;
  windowSeconds: number;
}

export type Throttled = { ok: false; retryMinutes: number; message: string };
export type ThrottleResult = { ok: true; keys: string[]; counts: number[] } | Throttled;

/** A positive whole number from the environment, or the default. */
export function limitFromEnv(name: string, fallback: number): number {
  const value = Math.floor(Number(process.env[name]));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Says when to come back, never why (so it cannot tell whether an account exists). */
export function tooManyAttempts(minutes: number): string {
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * The bucket key of an account named by username or e-mail: the user's id when one exists, so
 * both names share one bucket, else the normalized name, so unknown names are limited alike.
 * Resolved inside the counting statement: no extra round trip, no window between look-up and count.
 */
export function accountKey(prefix: string, identifier: string): SQL {
  const name = identifier.trim().toLowerCase();
  return sql`${prefix + ":"} || coalesce(
    (select id::text from users where lower(username) = ${name} or lower(email) = ${name} limit 1),
    ${"name:" + name})`;
}

/**
 * The client's address: the first hop of X-Forwarded-For (Next sets it from the socket when no
 * proxy did), else "unknown". Behind a reverse proxy, that proxy must overwrite the header, or a
 * client can choose its own address-bucket (the account buckets still hold).
 */
export function addressFromHeaders(h: Headers): string {
  const first = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (first || h.get("x-real-ip")?.trim() || "unknown").slice(0, 64);
}

export async function clientAddress(): Promise<string> {
  return addressFromHeaders(await headers());
}

/**
 * Counts one attempt in every bucket at once, in one statement outside any transaction (so a
 * rollback never gives an attempt back), before the caller does the work the limit protects.
 * Concurrent callers each get their own count, so no more than `max` ever get through.
 */
export async function takeAttempt(buckets: Bucket[]): Promise<ThrottleResult> {
  const ctes = sql.join(
    buckets.map((b, i) => sql`${sql.raw(`b${i}`)} as (${rateUpsert(typeof b.key === "string" ? sql`${b.key}` : b.key, 1, b.windowSeconds)})`),
    sql`, `,
  );
  const selects = sql.join(
    buckets.map((_, i) => sql`select ${i}::int as i, key, count, window_start from ${sql.raw(`b${i}`)}`),
    sql` union all `,
  );
  const result = await rows<{ i: number; key: string; count: number; window_start: string | Date }>(
    await getDb(),
    sql`with ${ctes} ${selects}`,
  );
  result.sort((a, b) => Number(a.i) - Number(b.i));
  let retryMinutes = 0;
  result.forEach((row, i) => {
    const state = rateState(row.count, row.window_start, buckets[i].windowSeconds);
    if (state.count > buckets[i].max) retryMinutes = Math.max(retryMinutes, minutesUntil(state.resetsAt));
  });
  if (retryMinutes > 0) return { ok: false, retryMinutes, message: tooManyAttempts(retryMinutes) };
  return { ok: true, keys: result.map((r) => r.key), counts: result.map((r) => Number(r.count)) };
}
