import { migrateDb, openDb } from "./client";

const handle = await openDb();
try {
  await migrateDb(handle);
  console.log(`Migrations applied (${handle.kind}).`);
} finally {
  await handle.close();
}
