import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, rows, withAbortSignal, type DbHandle } from "@/db/client";
import { dbHandle } from "@/lib/db";

// Both guards are PostgreSQL's (statement_timeout, cancel requests): these tests need the server.
const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const opened: DbHandle[] = [];
afterAll(async () => {
  for (const h of opened) await h.close();
});

async function thisDatabaseUrl(): Promise<string> {
  const { db, kind } = await dbHandle();
  expect(kind).toBe("postgres");
  const [{ name }] = await rows<{ name: string }>(db, sql`select current_database() as name`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const start = performance.now();
  const [result] = await Promise.allSettled([fn()]);
  return { ms: performance.now() - start, result };
}

async function sleepersRunning(db: DbHandle["db"], marker: string): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity where state = 'active' and query like ${"%" + marker + "%"} and pid <> pg_backend_pid()`,
  );
  return n;
}

describe("statement timeout", () => {
  it("the server cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS, on every pooled connection", async () => {
    const url = await thisDatabaseUrl();
    const saved = process.env.DATABASE_STATEMENT_TIMEOUT_MS;
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = "300";
    const handle = await openDb(url);
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = saved;
    opened.push(handle);
    // Positive control: a statement under the limit answers.
    expect(await rows(handle.db, sql`select true as done from pg_sleep(0.05)`)).toEqual([{ done: true }]);
    // Several at once, so more than one connection of the pool is opened and each is limited.
    const slow = await Promise.all([1, 2, 3].map(() => timed(() => rows(handle.db, sql`select pg_sleep(5)`))));
    for (const { ms, result } of slow) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({ cause: { code: "57014", message: "canceling statement due to statement timeout" } });
      expect(ms).toBeLessThan(2_500);
    }
  });
});

describe("request abort", () => {
  it("a read started for a request is cancelled on the server when that request is aborted", async () => {
    const { db } = await dbHandle();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { ms, result } = await timed(() => withAbortSignal(controller.signal, () => rows(db, sql`select pg_sleep(6) as abort_me`)));
    expect(result.status).toBe("rejected");
    expect((result as PromiseRejectedResult).reason).toMatchObject({ cause: { code: "57014", message: "canceling statement due to user request" } });
    expect(ms).toBeLessThan(3_000);
    expect(await sleepersRunning(db, "abort_me")).toBe(0);
    // The pool still answers afterwards.
    expect(await rows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it("a request that stays connected gets its answer (positive control)", async () => {
    const { db } = await dbHandle();
    const controller = new AbortController();
    const { result } = await timed(() => withAbortSignal(controller.signal, () => rows(db, sql`select true as kept from pg_sleep(0.3)`)));
    expect(result).toEqual({ status: "fulfilled", value: [{ kept: true }] });
    controller.abort(); // after the answer: nothing left to cancel, nothing breaks
    expect(await rows(db, sql`select 2 as two`)).toEqual([{ two: 2 }]);
  });

  it("requests aborted before their statement reaches a connection cost the pool nothing", async () => {
    const url = await thisDatabaseUrl();
    const saved = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "2";
    const handle = await openDb(url);
    if (saved === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = saved;
    opened.push(handle);
    const answers = (ms: number) =>
      Promise.race([rows(handle.db, sql`select 3 as three`), new Promise((r) => setTimeout(() => r("pool hung"), ms))]);
    // Positive control: the small pool answers.
    expect(await answers(2_000)).toEqual([{ three: 3 }]);
    // Already aborted when the statement is made (a client gone before rendering reached the
    // query), three times the pool's size: nothing is sent, nothing waits for the sleep.
    const gone = AbortSignal.abort();
    const early = await Promise.all([1, 2, 3, 4, 5, 6].map(() =>
      timed(() => withAbortSignal(gone, () => rows(handle.db, sql`select pg_sleep(4) as gone_early`)))));
    for (const { ms, result } of early) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toMatchObject({ cause: { code: "57014" } });
      expect(ms).toBeLessThan(3_000);
    }
    // Aborted while waiting for a connection: both connections busy with statements nobody aborts.
    const busy = [1, 2].map(() => rows(handle.db, sql`select true as busy from pg_sleep(0.3)`));
    const controller = new AbortController();
    const queued = timed(() => withAbortSignal(controller.signal, () => rows(handle.db, sql`select pg_sleep(4) as queued`)));
    setTimeout(() => controller.abort(), 50);
    expect(await Promise.all(busy)).toEqual([[{ busy: true }], [{ busy: true }]]);
    const { ms, result } = await queued;
    expect(result.status).toBe("rejected");
    expect(ms).toBeLessThan(3_000);
    // Every connection came back: two statements at once still answer.
    expect(await Promise.all([answers(2_000), answers(2_000)])).toEqual([[{ three: 3 }], [{ three: 3 }]]);
  });

  it("a write transaction is never cut by an abort: it commits whole", async () => {
    const { db } = await dbHandle();
    await db.execute(sql`create table if not exists abort_probe (n int)`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await withAbortSignal(controller.signal, () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into abort_probe values (1)`);
        await tx.execute(sql`select pg_sleep(0.4)`);
        await tx.execute(sql`insert into abort_probe values (2)`);
      }),
    );
    expect(await rows(db, sql`select n from abort_probe order by n`)).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
