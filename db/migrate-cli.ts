import { migrateDb, openDb } from "./client";

// Migrations may build indexes over large tables: the app's per-statement timeout is not for them.
const handle = await openDb(process.env.DATABASE_URL, { statementTimeoutMs: 0 });
try {
  await migrateDb(handle);
  console.log(`Migrations applied (${handle.kind}).`);
} finally {
  await handle.close();
}
