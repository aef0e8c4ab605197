import path from "node:path";
import { mkdirSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function dataDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), ".data", "pglite");
}

/**
 * The one place that chooses the driver: a PostgreSQL server when DATABASE_URL is set,
 * otherwise an embedded PGlite in `.data/` (or in memory for `memory://`).
 */
export async function openDb(url = process.env.DATABASE_URL): Promise<DbHandle> {
  if (url && !url.startsWith("memory://")) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE || 10),
      onnotice: () => {},
      // The access queries are unions of many small lookups whose summed cost estimate can pass
      // the JIT threshold; compiling them costs far more than running them.
      connection: { jit: "off" },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let client;
  if (url?.startsWith("memory://")) {
    client = new PGlite();
  } else {
    mkdirSync(dataDir(), { recursive: true });
    client = new PGlite(dataDir());
  }
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** Rows of a raw `execute`: postgres.js returns an array, PGlite an object with `rows`. */
export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Rows of a hot statement the server keeps parsed and planned per connection (a named prepared
 * statement on PostgreSQL; PGlite runs it as usual). The access queries are unions of many small
 * index lookups: planning them afresh costs more than running them.
 */
export async function plannedRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const session = (db as unknown as { session: PgSessionLike }).session;
  const result = (await session.prepareQuery(session.dialect.sqlToQuery(query), undefined, "access", false).execute()) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

interface PgSessionLike {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
}
