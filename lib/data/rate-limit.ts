import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";

/**
 * Adds `amount` to a fixed window kept in the database (shared by every app server) and answers
 * how many were used in it. Called in a transaction, a rollback gives the amount back.
 */
export async function consumeRate(db: Executor, key: string, amount: number, windowSeconds: number): Promise<{ count: number; resetsAt: Date }> {
  const [row] = await rows<{ count: number; window_start: string | Date }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), ${amount})
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then excluded.count
                       else rate_limits.count + excluded.count end,
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now()
                              else rate_limits.window_start end
        returning count, window_start`,
  );
  return { count: Number(row.count), resetsAt: new Date(new Date(row.window_start).getTime() + windowSeconds * 1000) };
}

/** The count in the current window, without adding to it. */
export async function peekRate(db: Executor, key: string, windowSeconds: number): Promise<{ count: number; resetsAt: Date } | null> {
  const [row] = await rows<{ count: number; window_start: string | Date }>(
    db,
    sql`select count, window_start from rate_limits
        where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`,
  );
  return row ? { count: Number(row.count), resetsAt: new Date(new Date(row.window_start).getTime() + windowSeconds * 1000) } : null;
}

export async function clearRate(db: Executor, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

export function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}
