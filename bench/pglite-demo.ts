// The demo as `npm run demo` runs it: the Greg's Gyms seed in an embedded PGlite inside the
// production server. Times every page of the demo for its owner (one request at a time, so the
// time is the server's), then loads the list page and reads the server's peak memory.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ORG, demoPages, firstLoadJsKb } from "./first-load";
import { ensureBuild, load, peakRssMb, sequential, signIn, startServer } from "./http";
import { stats, type Stats } from "./stats";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "wb-bench-pglite-"));
const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, NODE_ENV: "production" };
delete env.DATABASE_URL;
try {
  if (ensureBuild()) console.log("(built the production bundle first)");
  const seeded = spawnSync("npm", ["run", "--silent", "db:seed"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  if (seeded.status !== 0) throw new Error("the demo seed failed");
  const server = await startServer(null, Number(process.env.BENCH_PORT ?? 3199), { PGLITE_DIR: dir });
  try {
    const cookie = await signIn(server.base, "jones", "gregs-gyms-demo");
    const org = DEMO_ORG;
    const pages = await demoPages(server.base, cookie);
    const timed: Record<string, Stats> = {};
    const firstLoadKb: Record<string, number> = {};
    for (const p of pages) {
      if (!p.startsWith("/api/")) firstLoadKb[p] = await firstLoadJsKb(server.base + p, cookie);
      await sequential(server.base + p, cookie, 2, true); // first render of a route compiles nothing, but warms caches
      // Rendered every time (a query string of its own): the page cache would answer a repeat.
      timed[p] = stats(await sequential(server.base + p, cookie, 10, true));
      console.log(`${p.padEnd(60)} p50 ${timed[p].p50.toFixed(1).padStart(6)} ms  max ${timed[p].max.toFixed(1).padStart(6)} ms${p in firstLoadKb ? `  first-load JS ${firstLoadKb[p]} kB gzip` : ""}`);
    }
    const list = await load(server.base, `/${org}`, cookie, 10);
    const listRendered = await load(server.base, `/${org}`, cookie, 10, true);
    const rss = peakRssMb(server);
    const slowest = Object.entries(timed).sort((a, b) => b[1].p50 - a[1].p50)[0];
    console.log(`\nlist page under load (10 connections): ${list.req_per_s.toFixed(0)} req/s, p50 ${list.latency_p50_ms} ms; rendered every time: ${listRendered.req_per_s.toFixed(0)} req/s, p50 ${listRendered.latency_p50_ms} ms`);
    console.log(`slowest page: ${slowest[0]} p50 ${slowest[1].p50.toFixed(1)} ms (target ≤ 50 ms)`);
    console.log(`server peak RSS with PGlite inside: ${rss.total_mb} MB (target < 400 MB)`);
    const heaviest = Object.entries(firstLoadKb).sort((a, b) => b[1] - a[1])[0];
    console.log(`largest first-load JS: ${heaviest[0]} ${heaviest[1]} kB gzip (target ≤ 150 kB)`);
    const out = path.join(import.meta.dirname, "results");
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, "pglite-demo.json"),
      JSON.stringify({ at: new Date().toISOString(), slowest_page: slowest[0], slowest_p50_ms: slowest[1].p50, rss_mb: rss.total_mb, max_first_load_js_kb: heaviest[1], list_load: list, list_load_rendered: listRendered, pages_ms: timed, first_load_js_kb: firstLoadKb, rss }, null, 2) + "\n",
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
