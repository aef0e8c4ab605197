import { afterAll, vi } from "vitest";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "@/db/client";
import { ADMIN_URL, inCi } from "./global";

// Server actions and pages read the cookie's claims through this module; tests say who is
// signed in instead (tests/setup/session.ts), and the claims are checked against the database.
vi.mock("@/lib/auth/session-claims", async () => {
  const { sessionClaims } = await import("./session");
  return { sessionClaims };
});
// Request headers and cookies: outside a request, tests choose the browser (tests/setup/request.ts);
// by default every call comes from a fresh browser with an address of its own.
vi.mock("next/headers", async (importOriginal) => {
  const { testCookies, testHeaders } = await import("./request");
  return { ...(await importOriginal<typeof import("next/headers")>()), headers: async () => testHeaders(), cookies: async () => testCookies() };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Actions that navigate afterwards return their target in tests instead of throwing Next's redirect.
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: () => {},
}));

// Link tokens in the outbox are sealed with a key derived from it (lib/crypto/sealed-token.ts).
process.env.AUTH_SECRET ||= "vitest-only-secret-not-for-production";

const adminUrl = ADMIN_URL;
const usePg = process.env.WB_TEST_PG !== "0";
// Belt and braces: a file run without the global setup must not slip onto PGlite in CI either.
if (!usePg && inCi()) throw new Error("CI=true: the integration tests run on PostgreSQL only, never on the PGlite fallback.");
const dbName = `wb_test_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

let handle: DbHandle;
if (usePg) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // Copy the migrated template of the global setup; a file run without it migrates by itself.
  const template = process.env.WB_TEST_TEMPLATE;
  await admin.unsafe(template ? `create database "${dbName}" template "${template}"` : `create database "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  // Concurrency tests open a second connection of their own to this database.
  process.env.WB_TEST_DB_URL = url.toString();
  handle = await openDb(url.toString());
} else {
  handle = await openDb("memory://");
}
if (!usePg || !process.env.WB_TEST_TEMPLATE) await migrateDb(handle);
(globalThis as Record<symbol, unknown>)[Symbol.for("workbench.db")] = Promise.resolve(handle);

afterAll(async () => {
  await handle.close();
  if (usePg) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
});
