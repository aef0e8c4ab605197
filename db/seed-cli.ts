import { migrateDb, openDb } from "./client";
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo } from "./seed";

const handle = await openDb(process.env.DATABASE_URL, { statementTimeoutMs: 0 });
try {
  await migrateDb(handle);
  const { seeded } = await seedDemo(handle.db);
  if (seeded) await handle.refreshStatistics();
  console.log(seeded ? "Demo organization Greg's Gyms seeded." : "The database already has data: demo seed skipped.");
  if (seeded || process.env.SEED_PRINT) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const p of DEMO_PEOPLE) console.log(`  ${p.username.padEnd(10)} ${p.note}`);
  }
} finally {
  await handle.close();
}
