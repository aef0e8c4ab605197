import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rows, type Executor } from "@/db/client";
import { GET as listRoute } from "@/app/api/workspaces/[workspace]/projects/route";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { listVisibleProjects, listVisibleTags } from "@/lib/data/projects";
import { db, unique } from "../factories";
import { signInAs } from "../setup/session";

/**
 * A regression guard that times nothing: on a mid-size organization (5,000 projects, ~200,000
 * grants) the planner, with real statistics, must answer every access query from indexes. A
 * sequential scan of one of these tables is what made the list take seconds (issue 12).
 */
const NEVER_SCANNED = ["project_grants", "memberships", "team_members", "resources"];

type Client = Record<string, (...args: unknown[]) => unknown> & {
  unsafe(q: string, p?: unknown[]): Promise<Record<string, unknown>[]>;
};
type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

async function client(): Promise<Client> {
  return ((await db()) as unknown as { $client: Client }).$client;
}

/** Every statement fn sends to the server, caught below drizzle. */
async function statementsOf(fn: () => Promise<unknown>): Promise<{ query: string; params: unknown[] }[]> {
  const c = await client();
  const spy = vi.spyOn(c, "unsafe");
  try {
    await fn();
    return spy.mock.calls.map(([query, params]) => ({ query: query as string, params: (params ?? []) as unknown[] }));
  } finally {
    spy.mockRestore();
  }
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

type Statement = { query: string; params: unknown[] };

/** The tables a statement's plan reads by sequential scan, planned for these parameter values. */
async function scannedTables(statement: Statement): Promise<string[]> {
  const [row] = await (await client()).unsafe(`explain (format json) ${statement.query}`, statement.params);
  const plan = row["QUERY PLAN"] as { Plan: PlanNode }[];
  return seqScans(plan[0].Plan);
}

const literal = (v: unknown) => (v === null || v === undefined ? "null" : `'${String(v).replace(/'/g, "''")}'`);

/**
 * The same for the generic plan, the one made without looking at the parameter values: the app
 * sends these statements prepared (db/client.ts `plannedRows`), and after a few runs PostgreSQL
 * may keep one plan for every later call, whatever the viewer.
 */
async function genericScannedTables(statement: Statement): Promise<string[]> {
  const session = await (await client() as unknown as { reserve(): Promise<Client & { release(): void }> }).reserve();
  try {
    await session.unsafe("set plan_cache_mode = force_generic_plan");
    await session.unsafe(`prepare plan_guard as ${statement.query}`);
    const [row] = await session.unsafe(`explain (format json) execute plan_guard(${statement.params.map(literal).join(", ")})`);
    const plan = row["QUERY PLAN"] as { Plan: PlanNode }[];
    return seqScans(plan[0].Plan);
  } finally {
    await session.unsafe("deallocate all");
    await session.unsafe("reset plan_cache_mode");
    session.release();
  }
}

/** Sequential scans of the guarded tables in either plan, custom and generic, labelled. */
async function guardedScans(statement: Statement): Promise<string[]> {
  const custom = (await scannedTables(statement)).filter((t) => NEVER_SCANNED.includes(t));
  const generic = (await genericScannedTables(statement)).filter((t) => NEVER_SCANNED.includes(t));
  return [...custom.map((t) => `custom: ${t}`), ...generic.map((t) => `generic: ${t}`)];
}

type AnalyzedNode = PlanNode & { "Actual Rows"?: number; "Actual Loops"?: number; Plans?: AnalyzedNode[] };

/** How many rows of a table the statement actually read, run once (EXPLAIN ANALYZE). */
async function rowsReadFrom(statement: Statement, table: string): Promise<number> {
  const [row] = await (await client()).unsafe(`explain (analyze, format json) ${statement.query}`, statement.params);
  const walk = (n: AnalyzedNode): number =>
    (n["Relation Name"] === table ? (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 0) : 0) +
    (n.Plans ?? []).reduce((sum, c) => sum + walk(c), 0);
  return walk((row["QUERY PLAN"] as { Plan: AnalyzedNode }[])[0].Plan);
}

const world = {} as {
  orgId: string; slug: string; projectId: string; privateProjectId: string;
  owner: string; member: string; restricted: string; outsider: string;
};

beforeAll(async () => {
  await (await db()).transaction(async (tx) => {
    // Generating ~200,000 rows can outlast the app's per-statement timeout on a busy machine.
    await tx.execute(sql`set local statement_timeout = 0`);
    await arrange(tx);
  });
  await (await db()).execute(sql`analyze`);
}, 300_000);

async function arrange(d: Executor) {
  const tag = unique("plan").replace(/[^a-z0-9]/g, "");
  // Arranged by SQL, not through the actions: this test is about query plans at size, not about
  // how the rows got there.
  await d.execute(sql`insert into users (username, email, password_hash)
    select ${tag} || '_' || i, ${tag} || '_' || i || '@example.test', 'x' from generate_series(1, 500) i`);
  const [org] = await rows<{ id: string }>(d, sql`insert into organizations (slug, kind, display_name, additional_seats, baseline)
    values (${tag}, 'team', 'Plans', 1000, 'read') returning id`);
  world.orgId = org.id;
  world.slug = tag;
  // User 1 owns, 2–5 are admins, every tenth is restricted, 500 stays outside.
  await d.execute(sql`insert into memberships (org_id, user_id, role)
    select ${org.id}::uuid, u.id, (case when n = 1 then 'owner' when n <= 5 then 'admin' when n % 10 = 0 then 'restricted' else 'member' end)::org_role
    from (select id, substr(username, length(${tag}) + 2)::int as n from users where username like ${tag} || '\\_%') u where n < 500`);
  await d.execute(sql`insert into teams (org_id, name) select ${org.id}::uuid, 'team ' || i from generate_series(1, 20) i`);
  await d.execute(sql`insert into team_members (team_id, user_id)
    select t.id, m.user_id from teams t join memberships m on m.org_id = t.org_id
    where t.org_id = ${org.id}::uuid and (hashtext(t.id::text || m.user_id::text) & 15) < 2 and m.role <> 'restricted'`);
  await d.execute(sql`insert into projects (org_id, slug, name, visibility, tags, updated_at)
    select ${org.id}::uuid, 'p' || j, 'Project ' || md5(j::text), (array['private','private','organization','public'])[1 + j % 4]::project_visibility,
      array['tag' || (j % 30)], now() - (j || ' minutes')::interval
    from generate_series(1, 5000) j`);
  // ~36 direct grants a project (none to the restricted user 10, who gets exactly 10) and 4 team grants.
  await d.execute(sql`insert into project_grants (project_id, user_id, level)
    select p.id, u.id, (array['read','write','admin'])[1 + (u.n + p.j) % 3]::project_level
    from (select id, substr(slug, 2)::int as j from projects where org_id = ${org.id}::uuid) p
    join (select id, substr(username, length(${tag}) + 2)::int as n from users where username like ${tag} || '\\_%') u
      on u.n <> 10 and (u.n::bigint * 7919 + p.j::bigint * 104729) % 500 < 36`);
  await d.execute(sql`insert into project_grants (project_id, user_id, level)
    select p.id, (select id from users where username = ${tag} || '_10'), 'read'
    from projects p where p.org_id = ${org.id}::uuid and p.visibility = 'private' order by p.slug limit 10`);
  await d.execute(sql`insert into project_grants (project_id, team_id, level)
    select p.id, t.id, 'write'
    from (select id, substr(slug, 2)::int as j from projects where org_id = ${org.id}::uuid) p
    join (select id, substr(name, 6)::int as k from teams where org_id = ${org.id}::uuid) t on (t.k * 7 + p.j * 3) % 20 < 4`);
  await d.execute(sql`insert into resources (project_id, kind, name)
    select p.id, (array['dataset','model','run'])[1 + i % 3]::resource_kind, 'r' || i
    from projects p, generate_series(1, 3) i where p.org_id = ${org.id}::uuid`);
  const id = async (n: number) => (await rows<{ id: string }>(d, sql`select id from users where username = ${`${tag}_${n}`}`))[0].id;
  Object.assign(world, { owner: await id(1), member: await id(11), restricted: await id(10), outsider: await id(500) });
  const [pick] = await rows<{ pub: string; priv: string }>(d, sql`select
      (select id from projects where org_id = ${org.id}::uuid and slug = 'p777') as pub,
      (select id from projects where org_id = ${org.id}::uuid and slug = 'p780') as priv`);
  world.projectId = pick.pub;
  world.privateProjectId = pick.priv;
}

describe("access queries at 5,000 projects and ~200,000 grants", () => {
  it("built the organization it claims to (positive control for the data)", async () => {
    const [n] = await rows<{ projects: number; grants: number; restricted_grants: number }>(await db(), sql`select
        (select count(*)::int from projects where org_id = ${world.orgId}::uuid) as projects,
        (select count(*)::int from project_grants g join projects p on p.id = g.project_id where p.org_id = ${world.orgId}::uuid) as grants,
        (select count(*)::int from project_grants where user_id = ${world.restricted}::uuid) as restricted_grants`);
    expect(n.projects).toBe(5000);
    expect(n.grants).toBeGreaterThan(180_000);
    expect(n.restricted_grants).toBe(10);
  });

  it("the explain walker does report a sequential scan when there is one, custom or generic (positive control)", async () => {
    expect(await guardedScans({ query: "select count(*) from project_grants where level::text <> $1", params: ["x"] }))
      .toEqual(["custom: project_grants", "generic: project_grants"]);
    // A lookup by key, generic too, is no scan.
    expect(await guardedScans({ query: "select * from project_grants where project_id = $1::uuid", params: [world.projectId] })).toEqual([]);
  });

  const viewers = ["owner", "member", "restricted"] as const;
  for (const who of viewers) {
    for (const sort of ["name", "updated"] as const) {
      it(`list page (${who}, by ${sort}): one statement, no sequential scan of ${NEVER_SCANNED.join(", ")}`, async () => {
        let first: Awaited<ReturnType<typeof listVisibleProjects>> | undefined;
        const sent = await statementsOf(async () => { first = await listVisibleProjects(world.orgId, world[who], { limit: 24, sort }); });
        expect(sent).toHaveLength(1);
        expect(first!.items).toHaveLength(24);
        expect(await guardedScans(sent[0])).toEqual([]);
        // The next page, through its cursor, and a filtered page are planned the same way.
        const next = await statementsOf(() => listVisibleProjects(world.orgId, world[who], { limit: 24, sort, cursor: first!.nextCursor! }));
        const filtered = await statementsOf(() => listVisibleProjects(world.orgId, world[who], { limit: 24, sort, tag: "tag7", q: "a" }));
        expect([next.length, filtered.length]).toEqual([1, 1]);
        for (const s of [...next, ...filtered]) expect(await guardedScans(s)).toEqual([]);
      });
    }

    it(`tag list (${who}): one statement, no sequential scan of ${NEVER_SCANNED.join(", ")}, no project read`, async () => {
      let tags: string[] = [];
      const sent = await statementsOf(async () => { tags = await listVisibleTags(world.orgId, world[who]); });
      expect(sent).toHaveLength(1);
      expect(tags).toHaveLength(30);
      expect(await guardedScans(sent[0])).toEqual([]);
      // Every viewer here sees organization-visible and public projects, which between them carry
      // all 30 tags: the answer comes from the per-tag counts, not one project or grant is read.
      expect(await rowsReadFrom(sent[0], "projects")).toBe(0);
      expect(await rowsReadFrom(sent[0], "project_grants")).toBe(0);
    });

    it(`resolver (${who}): one statement, no sequential scan of ${NEVER_SCANNED.join(", ")}`, async () => {
      const d = await db();
      for (const projectId of [world.projectId, world.privateProjectId]) {
        const sent = await statementsOf(() => resolveProjectAccess(d, world[who], { projectId }));
        expect(sent).toHaveLength(1);
        expect(await guardedScans(sent[0])).toEqual([]);
      }
    });
  }

  it("the projects JSON route: the page is one statement, and no statement of the request scans those tables", async () => {
    for (const who of [...viewers, "outsider"] as const) {
      signInAs({ id: world[who] });
      let status = 0;
      const sent = await statementsOf(async () => {
        const res = await listRoute(new NextRequest(`http://localhost/api/workspaces/${world.slug}/projects?sort=updated`), {
          params: Promise.resolve({ workspace: world.slug }),
        });
        status = res.status;
      });
      expect(status).toBe(200);
      expect(sent.filter((s) => s.query.includes("union all"))).toHaveLength(1);
      for (const s of sent) expect(await guardedScans(s)).toEqual([]);
    }
    signInAs(null);
  });
});
