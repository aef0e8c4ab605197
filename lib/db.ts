import "server-only";
import { openDb, type Db, type DbHandle } from "@/db/client";

// One handle per process: Next may evaluate this module in several bundles, and two PGlite
// instances on one folder would corrupt it, so the handle lives on globalThis.
const key = Symbol.for("workbench.db");
type Holder = { [key]?: Promise<DbHandle> };

export function dbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[key] ??= openDb();
  return holder[key]!;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}

export { withAbortSignal } from "@/db/client";
