import postgres from "postgres";
import { afterAll } from "vitest";

/**
 * A second connection to this test file's PostgreSQL database, for a transaction that holds a
 * lock while the server actions under test queue behind it. PGlite runs one statement at a
 * time, so these races cannot even be set up there: the file fails instead of passing vacuously.
 */
export function secondConnection(): postgres.Sql {
  const url = process.env.WB_TEST_DB_URL;
  if (process.env.WB_TEST_PG === "0" || !url) {
    throw new Error("This concurrency test needs PostgreSQL (TEST_DATABASE_URL); on PGlite the race cannot interleave.");
  }
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  afterAll(() => sql.end({ timeout: 5 }));
  return sql;
}

/** Backends of this database other than ours that are waiting for a row or table lock. */
export async function lockWaiters(sql: postgres.Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`;
  return n;
}

/** Polls until at least `count` requests wait on a lock; returns how many did (fails after 10 s). */
export async function waitForLockWaiters(sql: postgres.Sql, count: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const n = await lockWaiters(sql);
    if (n >= count) return n;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} requests ever waited on the lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Holder {
  /** Resolves once the organization row is locked and `change` has run (not yet committed). */
  held: Promise<void>;
  /** Commits the holder's transaction and resolves when it has. */
  commit(): Promise<void>;
}

/**
 * Opens a transaction on the second connection that takes the organization row FOR UPDATE,
 * as every membership change does, applies `change`, and keeps the lock until commit().
 */
export function holdOrgRow(sql: postgres.Sql, orgId: string, change: (tx: postgres.TransactionSql) => Promise<unknown>): Holder {
  return holdRows(sql, (tx) => tx`select id from organizations where id = ${orgId} for update`, change);
}

/**
 * Opens a transaction on the second connection that takes the locks `lock` takes (a grant
 * change holds the project row FOR UPDATE, a membership change the org row), applies `change`,
 * and keeps them until commit().
 */
export function holdRows(
  sql: postgres.Sql,
  lock: (tx: postgres.TransactionSql) => Promise<unknown>,
  change: (tx: postgres.TransactionSql) => Promise<unknown> = async () => {},
): Holder {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let markHeld!: () => void;
  const held = new Promise<void>((r) => (markHeld = r));
  const done = sql.begin(async (tx) => {
    await lock(tx);
    await change(tx);
    markHeld();
    await released;
  });
  // A failing holder must fail the test rather than leave `held` pending forever.
  done.catch(() => markHeld());
  return {
    held: Promise.race([held, done.then(() => undefined)]),
    async commit() {
      release();
      await done;
    },
  };
}

/** Connections of the app's pool: at most that many requests can wait on a row lock at once. */
export const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE || 10);

/**
 * Holds the org row on the second connection with `change` applied, starts `requests` behind
 * it, proves they are waiting on the lock before the holder commits, then returns the answers.
 * Requests are started one at a time, each only once the one before waits, so they take the
 * lock in the order given (PostgreSQL queues row-lock waiters first come, first served).
 */
export async function queuedBehind<T>(
  sql: postgres.Sql,
  orgId: string,
  change: (tx: postgres.TransactionSql) => Promise<unknown>,
  requests: (() => Promise<T>)[],
): Promise<{ waiting: number; results: T[] }> {
  const holder = holdOrgRow(sql, orgId, change);
  await holder.held;
  const pending: Promise<T>[] = [];
  let waiting = 0;
  try {
    for (const request of requests) {
      pending.push(request());
      if (pending.length <= POOL_SIZE) waiting = await waitForLockWaiters(sql, pending.length);
    }
  } finally {
    await holder.commit();
  }
  return { waiting, results: await Promise.all(pending) };
}
