import { vi } from "vitest";
import { db } from "../factories";

/**
 * Counts every statement the driver sends to the server (postgres.js `unsafe`, PGlite `query`),
 * below drizzle, so no query can slip past the count.
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const client = ((await db()) as unknown as { $client: Record<string, (...args: unknown[]) => unknown> }).$client;
  const method = typeof client.unsafe === "function" ? "unsafe" : "query";
  const spy = vi.spyOn(client, method);
  try {
    const result = await fn();
    return { result, queries: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}
