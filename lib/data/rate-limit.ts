import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";

/**
 * The one statement that counts: adds `amount` to a fixed window kept in the database (shared by
 * every app server) and returns the new count with the window's start. Row-level locking of the
 * upsert makes concurrent callers see 1, 2, 3 … with no gaps or repeats. `key` may be an SQL
 * expression, so a caller can derive it from a lookup in the same statement.
 */
export function rateUpsert(key: SQL | string, amount: number, windowSeconds: number): SQL {
  return sql`insert into rate_limits (key, window_start, count) values (${key}, now(), ${amount})
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then excluded.count
                   else rate_limits.count + excluded.count end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now()
                          else rate_limits.window_start end
    returning key, count, window_start`;
}

export interface RateState {
  count: number;
  resetsAt: Date;
}

export function rateState(count: number | string, windowStart: string | Date, windowSeconds: number): RateState {
  return { count: Number(count), resetsAt: new Date(new Date(windowStart).getTime() + windowSeconds * 1000) };
}

/**
 * Adds `amount` and answers how many were used in the window. Called in a transaction, a rollback
 * gives the amount back (limits that must hold are counted outside any transaction).
 */
export async function consumeRate(db: Executor, key: string, amount: number, windowSeconds: number): Promise<RateState> {
  const [row] = await rows<{ count: number; window_start: string | Date }>(db, rateUpsert(key, amount, windowSeconds));
  return rateState(row.count, row.window_start, windowSeconds);
}

/** The count in the current window, without adding to it. */
export async function peekRate(db: Executor, key: string, windowSeconds: number): Promise<RateState | null> {
  const [row] = await rows<{ count: number; window_start: string | Date }>(
    db,
    sql`select count, window_start from rate_limits
        where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`,
  );
  return row ? rateState(row.count, row.window_start, windowSeconds) : null;
}

export async function clearRate(db: Executor, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Takes back one counted attempt (a success that should not count as a failure). */
export async function returnRate(db: Executor, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}

export function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}
