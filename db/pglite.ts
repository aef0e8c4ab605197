import { PGlite } from "@electric-sql/pglite";
import { PGliteWithStatements } from "./pglite-statements";

/**
 * Settings of the embedded server, given at start so they hold for its one session and never
 * land in the data folder's postgresql.conf.
 *
 * - Kept statements run with their generic plan, as on PostgreSQL (db/client.ts): the plans the
 *   plan guard checks, and planned once instead of on each of the first five runs.
 * - shared_buffers: PGlite's default of 128 MB is allocated and zeroed when it starts, so all of
 *   it counted in the server's memory; the demo's whole database is under 10 MB.
 */
const SETTINGS = ["plan_cache_mode=force_generic_plan", "shared_buffers=16MB"];

/** An embedded PostgreSQL in `dir` (in memory without one), statistics brought up to date. */
export async function openPglite(dir: string | undefined): Promise<PGlite> {
  const client = new PGliteWithStatements({
    dataDir: dir,
    startParams: [...PGlite.defaultStartParams, ...SETTINGS.flatMap((s) => ["-c", s])],
  });
  await client.waitReady;
  await analyzeChanged(client);
  return client;
}

/**
 * ANALYZE the app's tables whose statistics are missing or describe a table of another size.
 * PGlite has no autovacuum and keeps no change counts across restarts, so without this the
 * planner never has statistics and guesses every table at ten pages; generic plans built on
 * those guesses scanned and hashed where an index lookup does.
 */
export async function analyzeChanged(client: PGlite): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = 'public'
        and (c.reltuples < 0 or c.relpages <> pg_relation_size(c.oid) / current_setting('block_size')::int)`,
  );
  if (rows.length > 0) await client.exec(`analyze ${rows.map((r) => r.name).join(", ")}`);
}
