// Benchmark of the permission hot paths and the pages built on them:
//   npm run bench                    quick: 2,000 projects, in-process checks only (add --http for the pages)
//   npm run bench -- --scale small   1,000 members, 5,000 projects, 500k grants, with HTTP
//   npm run bench -- --scale large   1,000 members, 50,000 projects, 5M grants, with HTTP
//   npm run bench -- --pglite-demo   the demo seed on in-process PGlite, every demo page timed
//   npm run bench -- --first-load-js the demo seed on PostgreSQL, every page's first-load JS (gzip)
// Each run uses a throw-away database on the PostgreSQL server, so it never touches your data.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, rows } from "../db/client";
import { hashPassword } from "../lib/auth/password";
import { resolveProjectAccess } from "../lib/authz/resolve";
import { BENCH_ORG, generate, rolesFor, SCALES } from "./generate";
import { ensureBuild, load, type Load, peakRssMb, sequential, signIn, startServer, staticChunk, type Server } from "./http";
import { line, pairedLine, ratio, sample, sampleVsFloor, stats, type Paired, type Stats } from "./stats";
import { writeAction } from "./write-action";

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? "") : undefined;
};
if (argv.includes("--pglite-demo")) {
  await import("./pglite-demo");
  process.exit(0);
}
if (argv.includes("--first-load-js")) {
  await import("./first-load-js");
  process.exit(process.exitCode ?? 0);
}
const scale = SCALES[opt("scale") ?? "quick"];
if (!scale) throw new Error(`--scale is one of ${Object.keys(SCALES).join(", ")}`);
const ROLES = rolesFor(scale);
const withHttp = argv.includes("--http") || (scale.name !== "quick" && !argv.includes("--no-http"));
const PORT = Number(opt("port") ?? process.env.BENCH_PORT ?? 3199);
const HTTP_SECONDS = Number(opt("seconds") ?? 10);
const PASSWORD = "bench-password-not-secret";

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `wb_bench_${scale.name}_${Date.now()}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.log(`\n${signal}: dropping ${dbName}`);
    await running?.stop();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
    process.exit(130);
  });
}
let running: Server | null = null;
const started = performance.now();
const result: Record<string, unknown> = {};

try {
  const setup = await openDb(dbUrl, { statementTimeoutMs: 0 });
  await migrateDb(setup);
  await setup.close();
  const t0 = performance.now();
  const counts = await generate(dbUrl, scale, await hashPassword(PASSWORD));
  const generateS = (performance.now() - t0) / 1000;
  console.log(`Generated ${counts.members} members, ${counts.projects} projects, ${counts.grants} grants (${counts.direct} direct, ${counts.team} team), ${counts.resources} resources in ${generateS.toFixed(0)} s.`);

  // Measured through the app's own modules and driver settings (statement timeout included).
  const handle = await openDb(dbUrl);
  (globalThis as Record<symbol, unknown>)[Symbol.for("workbench.db")] = Promise.resolve(handle);
  const { listVisibleProjects, listVisibleTags } = await import("../lib/data/projects");
  const { PROJECT_PAGE_SIZE } = await import("../lib/validation/project-list");
  const db = handle.db;
  const [org] = await rows<{ id: string }>(db, sql`select id from organizations where slug = ${BENCH_ORG}`);
  const people = await rows<{ id: string }>(db, sql`select m.user_id as id from memberships m where m.org_id = ${org.id}::uuid`);
  const projectIds = (await rows<{ id: string }>(db, sql`select id from projects where org_id = ${org.id}::uuid`)).map((p) => p.id);
  const byName = Object.fromEntries(
    (await rows<{ id: string; username: string }>(db, sql`select id, username from users where username in (${ROLES.owner}, ${ROLES.member}, ${ROLES.restricted})`)).map((u) => [u.username, u.id]),
  );
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];
  const N = scale.name === "quick" ? 300 : 500;

  // Warm the caches and the pool the same way for every measure.
  const pkLookup = () => rows(db, sql`select id, username from users where id = ${pick(people).id}::uuid`);
  for (let i = 0; i < 50; i++) await pkLookup();
  const pk = await sample(N, pkLookup);
  const floor = pk.p50;
  line("PK lookup, same driver (the floor)", pk, floor);
  // Every figure below is timed alternately with the PK lookup and divided by that one's median.
  const check = await sampleVsFloor(N, pkLookup, () => resolveProjectAccess(db, pick(people).id, { projectId: pick(projectIds) }));
  pairedLine("resolveProjectAccess", check);

  const list: Record<string, { first: Paired; next: Paired | null; items: number }> = {};
  const tags: Record<string, Paired> = {};
  const reps = scale.name === "quick" ? 30 : 50;
  for (const [role, username] of Object.entries(ROLES)) {
    const uid = byName[username];
    const page = await listVisibleProjects(org.id, uid, { limit: PROJECT_PAGE_SIZE }).catch(() => null);
    const first = await sampleVsFloor(reps, pkLookup, () => listVisibleProjects(org.id, uid, { limit: PROJECT_PAGE_SIZE }));
    const cursor = page?.nextCursor ?? null;
    const next = cursor === null ? null : await sampleVsFloor(reps, pkLookup, () => listVisibleProjects(org.id, uid, { limit: PROJECT_PAGE_SIZE, cursor }));
    list[role] = { first, next, items: page?.items.length ?? 0 };
    pairedLine(`list page (${PROJECT_PAGE_SIZE}), ${role}`, first);
    if (next) pairedLine(`list next page, ${role}`, next);
    tags[role] = await sampleVsFloor(reps, pkLookup, () => listVisibleTags(org.id, uid));
    pairedLine(`tag list, ${role}`, tags[role]);
  }
  const worstList = Math.max(...Object.values(list).flatMap((l) => [l.first.ratio, l.next?.ratio ?? 0]));
  const worstTags = Math.max(...Object.values(tags).map((t) => t.ratio));
  await handle.close();

  Object.assign(result, {
    scale: { name: scale.name, projects: counts.projects, members: counts.members, grants: counts.grants, direct_grants: counts.direct, team_grants: counts.team, resources: counts.resources },
    generate_s: Math.round(generateS),
    check_vs_pk: check.ratio,
    check_p95_vs_pk: ratio(check.stats.p95, check.floor.p95),
    list_sql_vs_pk: worstList,
    tags_vs_pk: worstTags,
    raw: { pk_ms: pk, resolve_ms: check, list_ms: list, tags_ms: tags },
  });

  if (withHttp) {
    const built = ensureBuild();
    if (built) console.log("(built the production bundle first)");
    const server = (running = await startServer(dbUrl, PORT));
    try {
      const cookies = {
        owner: await signIn(server.base, ROLES.owner, PASSWORD),
        member: await signIn(server.base, ROLES.member, PASSWORD),
        restricted: await signIn(server.base, ROLES.restricted, PASSWORD),
      };
      const jsonRoute = `/api/workspaces/${BENCH_ORG}/projects`;
      const single: Record<string, { page: Stats; page_rendered: Stats; json: Stats }> = {};
      for (const [role, cookie] of Object.entries(cookies)) {
        single[role] = {
          page: stats(await sequential(`${server.base}/${BENCH_ORG}`, cookie, 15)),
          page_rendered: stats(await sequential(`${server.base}/${BENCH_ORG}`, cookie, 15, true)),
          json: stats(await sequential(server.base + jsonRoute, cookie, 15)),
        };
        console.log(`one request alone, ${role}: list page p50 ${single[role].page.p50.toFixed(1)} ms (rendered each time: ${single[role].page_rendered.p50.toFixed(1)} ms), JSON p50 ${single[role].json.p50.toFixed(1)} ms`);
      }
      const kept = await fetch(`${server.base}/${BENCH_ORG}`, { headers: { cookie: cookies.member } });
      await kept.arrayBuffer();
      const pageCache = kept.headers.get("x-page-cache");
      console.log(`page cache on a repeated list page: ${pageCache ?? "(none: PAGE_CACHE_MB=0?)"}`);
      const write = await writeAction(server.base, cookies.member, BENCH_ORG, 20);
      if ("error" in write) console.log(`write action: ${write.error}`);
      else line("write action end to end (create project, HTTP)", write.stats, floor);

      const loads = {
        static_asset: await load(server.base, staticChunk(), null, HTTP_SECONDS),
        static_page: await load(server.base, "/_not-found", null, HTTP_SECONDS),
        list_page: await load(server.base, `/${BENCH_ORG}`, cookies.member, HTTP_SECONDS),
        json_route: await load(server.base, jsonRoute, cookies.member, HTTP_SECONDS),
        project_page: await load(server.base, `/${BENCH_ORG}/p1`, cookies.member, HTTP_SECONDS),
        list_page_rendered: null as Load | null,
      };
      const rss = peakRssMb(server);
      // Last, so the peak above is that of the pages as they are asked for again and again.
      loads.list_page_rendered = await load(server.base, `/${BENCH_ORG}`, cookies.member, HTTP_SECONDS, true);
      const rssRendered = peakRssMb(server);
      const st = loads.static_page.req_per_s;
      console.log(`\nHTTP, 10 connections, ${HTTP_SECONDS} s each, signed in as a member:`);
      for (const [name, l] of Object.entries(loads)) {
        if (!l) continue;
        const bad = l.non_2xx + l.errors + l.timeouts;
        console.log(`${name.padEnd(14)} ${l.path.padEnd(44)} ${l.req_per_s.toFixed(0).padStart(6)} req/s  p50 ${String(l.latency_p50_ms).padStart(5)} ms  = ${ratio(l.req_per_s, st)}× the static page${bad ? `  (${l.non_2xx} non-2xx, ${l.errors} errors, ${l.timeouts} timeouts)` : ""}`);
      }
      console.log(`server peak RSS (VmHWM): ${rss.total_mb} MB over ${rss.processes} process(es), largest ${rss.largest_mb} MB; after the rendered-every-time load: ${rssRendered.total_mb} MB`);
      Object.assign(result, {
        http_list_vs_static: ratio(loads.list_page.req_per_s, st),
        // The same page when every request must be rendered (a page that changed since, or a
        // first visit): what the page cache does not help with.
        http_list_rendered_vs_static: ratio(loads.list_page_rendered.req_per_s, st),
        rss_rendered_mb: rssRendered.total_mb,
        page_cache: pageCache,
        http_json_vs_static: ratio(loads.json_route.req_per_s, st),
        http_project_vs_static: ratio(loads.project_page.req_per_s, st),
        rss_mb: rss.total_mb,
        write_vs_pk: "error" in write ? null : ratio(write.stats.p50, floor),
      });
      Object.assign(result.raw as object, { http: loads, single_request_ms: single, rss, rss_rendered: rssRendered, write_action: write });
    } finally {
      await server.stop();
    }
  }
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}

result.machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, load_average: os.loadavg().map((l) => Math.round(l * 10) / 10) };
result.total_s = Math.round((performance.now() - started) / 1000);
result.at = new Date().toISOString();
const out = path.join(import.meta.dirname, "results");
mkdirSync(out, { recursive: true });
const small = path.join(out, "small.json");
if (scale.name === "large" && existsSync(small)) {
  // The growth is read from each run's own ratio to the floor, so the two runs' loads cancel out.
  const s = JSON.parse(readFileSync(small, "utf8"));
  result.list_growth_small_to_large = ratio(result.list_sql_vs_pk as number, s.list_sql_vs_pk);
  console.log(`list page, ${s.scale.projects} → ${(result.scale as { projects: number }).projects} projects: ${result.list_growth_small_to_large}× (worst role, ratio to the PK lookup)`);
}
writeFileSync(path.join(out, `${scale.name}.json`), JSON.stringify(result, null, 2) + "\n");
if (scale.name === "large") writeFileSync(path.join(out, "latest.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`\n${JSON.stringify(Object.fromEntries(Object.entries(result).filter(([k]) => k !== "raw")))}`);
console.log(`Done in ${result.total_s} s; figures in bench/results/${scale.name}.json${scale.name === "large" ? " and latest.json" : ""}.`);
