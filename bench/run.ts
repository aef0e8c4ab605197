// Benchmark of the permission hot paths on a generated organization:
//   npm run bench  [-- --projects 2000 --users 200]
// Uses a throw-away database on the PostgreSQL server when one answers (else in-memory PGlite),
// so it never touches your data.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrateDb, openDb, rows, type DbHandle } from "../db/client";
import { resolveProjectAccess } from "../lib/authz/resolve";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const PROJECTS = arg("projects", 2000);
const USERS = arg("users", 200);
const RESOURCES_PER_PROJECT = arg("resources", 5);
const ITERATIONS = arg("iterations", 500);

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `wb_bench_${Date.now()}`;

async function open(): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  try {
    const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    await admin.unsafe(`create database "${dbName}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const handle = await openDb(url.toString());
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${dbName}" with (force)`);
        await a.end();
      },
    };
  } catch {
    console.log("No PostgreSQL server reachable: benchmarking in-memory PGlite.");
    const handle = await openDb("memory://");
    return { handle, cleanup: () => handle.close() };
  }
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(2)} ms · p95 ${q(0.95).toFixed(2)} ms · max ${s[s.length - 1].toFixed(2)} ms`;
}

const { handle, cleanup } = await open();
try {
  await migrateDb(handle);
  const db = handle.db;
  const t0 = performance.now();
  // Bulk generation in SQL: users, one org, memberships of every role, teams, projects of every
  // visibility, direct and team grants, and resources.
  const steps = [
    sql`insert into users (username, email, password_hash)
          select 'bench' || i, 'bench' || i || '@example.test', 'x' from generate_series(1, ${USERS}) i`,
    sql`insert into organizations (slug, kind, display_name, additional_seats) values ('bench-org', 'team', 'Bench', ${USERS})`,
    sql`insert into memberships (org_id, user_id, role)
          select o.id, u.id, (case when u.username = 'bench1' then 'owner' when random() < 0.05 then 'admin'
                                   when random() < 0.8 then 'member' else 'restricted' end)::org_role
          from organizations o, users u where o.slug = 'bench-org'`,
    sql`insert into teams (org_id, name) select o.id, 'team ' || i from organizations o, generate_series(1, 20) i where o.slug = 'bench-org'`,
    sql`insert into team_members (team_id, user_id) select t.id, u.id from teams t, users u where random() < 0.1 on conflict do nothing`,
    sql`insert into projects (org_id, slug, name, visibility)
          select o.id, 'p' || i, 'Project ' || i, (array['private','organization','public'])[1 + i % 3]::project_visibility
          from organizations o, generate_series(1, ${PROJECTS}) i where o.slug = 'bench-org'`,
    sql`insert into project_grants (project_id, user_id, level)
          select p.id, u.id, (array['read','write','admin'])[1 + (random() * 2)::int]::project_level
          from projects p, users u where random() < 0.02 on conflict do nothing`,
    sql`insert into project_grants (project_id, team_id, level)
          select p.id, t.id, 'write' from projects p, teams t where random() < 0.02 on conflict do nothing`,
    sql`insert into resources (project_id, kind, name)
          select p.id, (array['dataset','model','run','endpoint','prediction'])[1 + i % 5]::resource_kind, 'r' || i
          from projects p, generate_series(1, ${RESOURCES_PER_PROJECT}) i`,
    sql`analyze`,
  ];
  for (const step of steps) await db.execute(step);
  console.log(`Generated ${USERS} users, ${PROJECTS} projects, ${PROJECTS * RESOURCES_PER_PROJECT} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s (${handle.kind}).`);

  const people = await rows<{ id: string; role: string }>(db, sql`select u.id, m.role from users u join memberships m on m.user_id = u.id`);
  const projectIds = (await rows<{ id: string }>(db, sql`select id from projects`)).map((p) => p.id);
  const pick = <T,>(list: T[]) => list[Math.floor(Math.random() * list.length)];

  const resolveSamples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await resolveProjectAccess(db, pick(people).id, { projectId: pick(projectIds) });
    resolveSamples.push(performance.now() - start);
  }
  console.log(`resolveProjectAccess (one query):      ${stats(resolveSamples)}`);

  // The app's own list function, pointed at this database through the handle it looks up.
  (globalThis as Record<symbol, unknown>)[Symbol.for("workbench.db")] = Promise.resolve(handle);
  const { listVisibleProjects } = await import("../lib/data/projects");
  const orgId = (await rows<{ id: string }>(db, sql`select id from organizations where slug = 'bench-org'`))[0].id;
  const listSamples: number[] = [];
  for (let i = 0; i < Math.min(ITERATIONS, 200); i++) {
    const start = performance.now();
    await listVisibleProjects(orgId, pick(people).id, { limit: 25 });
    listSamples.push(performance.now() - start);
  }
  console.log(`project list page of 25 (one query):   ${stats(listSamples)}`);
} finally {
  await cleanup();
}
