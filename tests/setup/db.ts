import { afterAll, vi } from "vitest";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { ADMIN_URL, inCi } from "./global";

// Server actions read the session through this module; tests say who is signed in instead.
vi.mock("@/lib/auth/current-user", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/current-user")>();
  const { sessionUserId } = await import("./session");
  return { ...real, currentUserId: async () => sessionUserId() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Actions that navigate afterwards return their target in tests instead of throwing Next's redirect.
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: () => {},
}));

const adminUrl = ADMIN_URL;
const usePg = process.env.WB_TEST_PG !== "0";
// Belt and braces: a file run without the global setup must not slip onto PGlite in CI either.
if (!usePg && inCi()) throw new Error("CI=true: the integration tests run on PostgreSQL only, never on the PGlite fallback.");
const dbName = `wb_test_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

let handle: DbHandle;
if (usePg) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  // Concurrency tests open a second connection of their own to this database.
  process.env.WB_TEST_DB_URL = url.toString();
  handle = await openDb(url.toString());
} else {
  handle = await openDb("memory://");
}
await migrateDb(handle);
(globalThis as Record<symbol, unknown>)[Symbol.for("workbench.db")] = Promise.resolve(handle);

afterAll(async () => {
  await handle.close();
  if (usePg) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
});
