import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/pglite";

// The embedded database of `npm run demo`, whatever server the other integration tests use.
let pg: PGlite;
beforeAll(async () => {
  pg = await openPglite(undefined);
});
afterAll(async () => {
  await pg.close();
});

async function keptStatements(): Promise<number> {
  const { rows } = await pg.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements");
  return rows[0].n;
}

async function kept(text: string): Promise<boolean> {
  const { rows } = await pg.query<{ kept: boolean }>("select exists (select 1 from pg_prepared_statements where statement = $1) as kept", [text]);
  return rows[0].kept;
}

describe("PGlite keeps each statement parsed and planned", () => {
  it("plans a statement once and runs it with its generic plan for every new parameter", async () => {
    const text = "select $1::int + 1 as n";
    expect((await pg.query(text, [1])).rows).toEqual([{ n: 2 }]);
    expect((await pg.query(text, [41])).rows).toEqual([{ n: 42 }]);
    const { rows } = await pg.query<{ generic: number; custom: number }>(
      "select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement = $1",
      [text],
    );
    expect(rows).toEqual([{ generic: 2, custom: 0 }]);
  });

  it("answers with the new columns after a table changes shape under a kept statement", async () => {
    await pg.exec("create table shapes (a int); insert into shapes values (1)");
    const before = await keptStatements();
    expect((await pg.query("select * from shapes")).rows).toEqual([{ a: 1 }]);
    await pg.exec("alter table shapes add column b text default 'x'");
    expect((await pg.query("select * from shapes")).rows).toEqual([{ a: 1, b: "x" }]);
    // Inside a transaction the changed plan has already aborted it; the next one parses afresh.
    await pg.exec("alter table shapes add column c int default 3");
    await expect(pg.transaction((tx) => tx.query("select * from shapes"))).rejects.toMatchObject({ code: "0A000" });
    expect((await pg.transaction((tx) => tx.query("select * from shapes"))).rows).toEqual([{ a: 1, b: "x", c: 3 }]);
    // The statement parsed anew replaced the stale one rather than adding to it.
    expect(await keptStatements()).toBe(before + 1);
  });

  it("reports a failing statement with its SQLSTATE and stays usable, inside a transaction and out", async () => {
    await pg.exec("create table names (name text primary key); insert into names values ('taken')");
    const insert = "insert into names values ($1)";
    await expect(pg.query(insert, ["taken"])).rejects.toMatchObject({ code: "23505" });
    await expect(pg.query("select from nowhere")).rejects.toMatchObject({ code: "42P01" });
    await expect(
      pg.transaction(async (tx) => {
        await tx.query(insert, ["kept only if the transaction commits"]);
        await tx.query(insert, ["taken"]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    await pg.transaction(async (tx) => {
      await tx.query(insert, ["committed"]);
    });
    expect((await pg.query("select name from names order by name")).rows).toEqual([{ name: "committed" }, { name: "taken" }]);
  });

  it("keeps at most 500 statements, and one dropped for room is parsed again when it comes back", async () => {
    for (let i = 0; i < 520; i++) await pg.query(`select ${i} as n`);
    expect(await keptStatements()).toBe(500);
    expect(await kept("select 0 as n")).toBe(false);
    expect((await pg.query("select 0 as n")).rows).toEqual([{ n: 0 }]);
    expect(await kept("select 0 as n")).toBe(true);
    expect(await keptStatements()).toBe(500);
  });
});

describe("PGlite folder statistics", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wb-pglite-stats-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function reltuples(db: PGlite): Promise<number> {
    const { rows } = await db.query<{ n: number }>("select reltuples::int as n from pg_class where relname = 'visits'");
    return rows[0].n;
  }

  it("are gathered when the folder opens for tables never analyzed, or grown since", async () => {
    // PGlite has no autovacuum: without this the planner would never learn a table's size.
    const first = await openPglite(dir);
    await first.exec("create table visits (id int); insert into visits select generate_series(1, 300)");
    expect(await reltuples(first)).toBe(-1);
    await first.close();

    const second = await openPglite(dir);
    expect(await reltuples(second)).toBe(300);
    await second.exec("insert into visits select generate_series(301, 1000)");
    await second.close();

    const third = await openPglite(dir);
    expect(await reltuples(third)).toBe(1000);
    await third.close();
  }, 60_000);
});
