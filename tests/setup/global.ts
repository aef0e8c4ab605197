import postgres from "postgres";
import { migrateDb, openDb } from "@/db/client";

export const ADMIN_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** CI must prove the concurrency rules on PostgreSQL: PGlite runs one statement at a time, so races cannot fail there. */
export function inCi(): boolean {
  const ci = process.env.CI;
  return !!ci && ci !== "false" && ci !== "0";
}

/** Says once, at the start, which database the integration tests will use. */
export default async function setup() {
  try {
    const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    const [{ version }] = await sql`select version()`;
    await sql.end();
    process.env.WB_TEST_PG = "1";
    console.log(`Integration tests: real PostgreSQL (${String(version).split(" ").slice(0, 2).join(" ")}), a fresh database per test file.`);
    return await migratedTemplate();
  } catch (err) {
    if (inCi()) {
      throw new Error(`CI=true and no PostgreSQL server answers at TEST_DATABASE_URL (${new URL(ADMIN_URL).host}): refusing to fall back to PGlite, where the concurrency tests cannot fail. ${String(err)}`);
    }
    process.env.WB_TEST_PG = "0";
    console.log("Integration tests: no PostgreSQL server reachable, running on PGlite (in memory, one per test file); the concurrency tests need PostgreSQL and fail.");
  }
}

/**
 * Migrates once into a template database that every test file copies (CREATE DATABASE … TEMPLATE),
 * instead of running every migration again per file. Returns the teardown that drops it.
 */
async function migratedTemplate(): Promise<() => Promise<void>> {
  const name = `wb_tmpl_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDb(url.toString());
  try {
    await migrateDb(handle);
  } finally {
    // A template must have no open connection when it is copied.
    await handle.close();
  }
  process.env.WB_TEST_TEMPLATE = name;
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
