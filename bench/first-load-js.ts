// First-load JS of every page (issue 12: each ≤ 150 kB gzip): the production server on a
// throw-away PostgreSQL database holding the demo seed, every demo page as its owner and the
// signed-out pages without a session. Prints each page and the largest, writes
// bench/results/first-load-js.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { demoPages, firstLoadChunks } from "./first-load";
import { ensureBuild, signIn, startServer } from "./http";

const TARGET_KB = 150;
const SIGNED_OUT = ["/signin", "/signup", "/docs/api"];
const root = path.resolve(import.meta.dirname, "..");
const kb = (bytes: number) => Math.round(bytes / 1024);

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `wb_bench_first_load_${Date.now()}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
try {
  if (ensureBuild()) console.log("(built the production bundle first)");
  const seeded = spawnSync("npm", ["run", "--silent", "db:seed"], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: ["ignore", "ignore", "inherit"] });
  if (seeded.status !== 0) throw new Error("the demo seed failed");
  const server = await startServer(dbUrl, Number(process.env.BENCH_PORT ?? 3199));
  try {
    const owner = await signIn(server.base, "jones", "gregs-gyms-demo");
    const visits: [string, string | null][] = [
      ...(await demoPages(server.base, owner)).filter((p) => !p.startsWith("/api/")).map((p): [string, string | null] => [p, owner]),
      ...SIGNED_OUT.map((p): [string, string | null] => [p, null]),
    ];
    const pages: Record<string, number> = {};
    let shared: Set<string> | null = null;
    const sizes = new Map<string, number>();
    for (const [p, cookie] of visits) {
      const chunks = await firstLoadChunks(server.base + p, cookie);
      for (const [c, bytes] of chunks) sizes.set(c, bytes);
      shared = new Set([...(shared ?? chunks.keys())].filter((c) => chunks.has(c)));
      pages[p] = kb([...chunks.values()].reduce((a, b) => a + b, 0));
      console.log(`${p.padEnd(80)} ${String(pages[p]).padStart(4)} kB gzip${cookie ? "" : "  (signed out)"}${pages[p] > TARGET_KB ? "  OVER" : ""}`);
    }
    const [maxPage, maxKb] = Object.entries(pages).sort((a, b) => b[1] - a[1])[0];
    // What every page pays before its own code: the framework runtime and the root layout.
    const sharedKb = kb([...(shared ?? [])].reduce((a, c) => a + (sizes.get(c) ?? 0), 0));
    console.log(`\nshared by every page: ${sharedKb} kB gzip`);
    console.log(`largest first-load JS: ${maxPage} ${maxKb} kB gzip (target ≤ ${TARGET_KB} kB)${maxKb > TARGET_KB ? "  OVER" : ""}`);
    const out = path.join(import.meta.dirname, "results");
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, "first-load-js.json"),
      JSON.stringify({ at: new Date().toISOString(), target_kb: TARGET_KB, max_kb: maxKb, max_page: maxPage, shared_kb: sharedKb, pages_kb: pages }, null, 2) + "\n",
    );
    console.log("figures in bench/results/first-load-js.json");
    if (maxKb > TARGET_KB) process.exitCode = 1;
  } finally {
    await server.stop();
  }
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
