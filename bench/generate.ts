// Bulk generation of one large organization, all in SQL (generate_series), so 5M grants take
// minutes, not hours. Every row is derived from its index, so a scale always yields the same data.
import postgres from "postgres";

export interface Scale {
  name: string;
  members: number;
  projects: number;
  /** direct + team grants, aimed at; the exact count is read back from the database */
  grants: number;
  resources: number;
  teams: number;
}

export const SCALES: Record<string, Scale> = {
  quick: { name: "quick", members: 200, projects: 2_000, grants: 40_000, resources: 10_000, teams: 20 },
  small: { name: "small", members: 1_000, projects: 5_000, grants: 500_000, resources: 25_000, teams: 100 },
  large: { name: "large", members: 1_000, projects: 50_000, grants: 5_000_000, resources: 250_000, teams: 100 },
};

export const BENCH_ORG = "bench-org";
/** Who the bench measures as: the owner, a member with the baseline, a restricted member with exactly 10 grants. */
export function rolesFor(scale: Scale) {
  return { owner: "bench1", member: `bench${Math.floor(scale.members / 2)}`, restricted: RESTRICTED_10 } as const;
}
const RESTRICTED_10 = "bench_r10";

// Warning: runs with foreign-key triggers off (session_replication_role = replica) and the
// secondary indexes dropped during the load, both restored before anything is measured.
async function withoutIndexes(sql: postgres.Sql, table: string, load: () => Promise<void>) {
  const indexes = await sql<{ name: string; def: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i where i.indrelid = ${table}::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const ix of indexes) await sql.unsafe(`drop index ${ix.name}`);
  await load();
  for (const ix of indexes) await sql.unsafe(ix.def);
}

/** Fills an empty, migrated database; returns the counts actually written. */
export async function generate(url: string, scale: Scale, passwordHash: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`set session_replication_role = replica; set maintenance_work_mem = '512MB'; set synchronous_commit = off`);
    const { members, projects, teams } = scale;
    // Users bench1..benchN (bench1 owns the org, 2–20 admins, the last tenth restricted) with their
    // personal workspaces, plus one restricted member who has exactly 10 grants and no team.
    await sql`insert into users (username, email, password_hash)
              select 'bench' || i, 'bench' || i || '@example.test', ${passwordHash} from generate_series(1, ${members - 1}) i
              union all select ${RESTRICTED_10}, ${RESTRICTED_10 + "@example.test"}, ${passwordHash}`;
    await sql`insert into organizations (slug, kind, personal_user_id, display_name, additional_seats)
              select username, 'personal', id, username, 0 from users`;
    await sql`insert into memberships (org_id, user_id, role) select o.id, o.personal_user_id, 'owner' from organizations o`;
    await sql`insert into organizations (slug, kind, display_name, additional_seats, plan) values (${BENCH_ORG}, 'team', 'Bench', ${members}, 'free')`;
    await sql`create temporary table bench_users as
              select u.id, coalesce(nullif(substr(u.username, 6), '_r10')::int, 0) as i, u.username from users u`;
    await sql`insert into memberships (org_id, user_id, role)
              select o.id, u.id, (case when u.i = 1 then 'owner' when u.i between 2 and 20 then 'admin'
                                       when u.i = 0 or u.i > ${members * 0.9} then 'restricted' else 'member' end)::org_role
              from organizations o, bench_users u where o.slug = ${BENCH_ORG}`;
    await sql`update users u set default_org_id = o.id from organizations o where o.slug = ${BENCH_ORG}`;
    await sql`insert into teams (org_id, name) select o.id, 'team ' || t from organizations o, generate_series(1, ${teams}) t where o.slug = ${BENCH_ORG}`;
    await sql`create temporary table bench_teams as select id, row_number() over (order by name)::int as t from teams`;
    // Each member (not the 10-grant one) in three teams.
    await sql`insert into team_members (team_id, user_id)
              select distinct t.id, u.id from bench_users u, generate_series(0, 2) k, bench_teams t
              where u.i > 0 and t.t = 1 + (u.i * (7 + k * 6)) % ${teams}`;
    // With triggers on for this one statement: they keep the per-tag counts, as for any write.
    await sql.unsafe(`set session_replication_role = origin`);
    await sql`insert into projects (org_id, slug, name, description, visibility, tags, created_by, updated_at)
              select o.id, 'p' || i, 'Project ' || lpad(i::text, 6, '0'), 'Generated project ' || i,
                     (array['private','organization','public'])[1 + i % 3]::project_visibility,
                     array['tag' || (i % 40), 'area' || (i % 7)], null, now() - (i || ' minutes')::interval
              from organizations o, generate_series(1, ${projects}) i where o.slug = ${BENCH_ORG}`;
    await sql.unsafe(`set session_replication_role = replica`);
    await sql`create temporary table bench_projects as select id, substr(slug, 2)::int - 1 as j from projects where slug ~ '^p[0-9]+$'`;
    await sql`create index on bench_projects (j)`;

    // A tenth of the grants go to teams, the rest are direct, spread evenly over users.
    const teamPerTeam = Math.floor((scale.grants * 0.1) / teams);
    const directPerUser = Math.floor((scale.grants - teamPerTeam * teams - 10) / (members - 1));
    await withoutIndexes(sql, "project_grants", async () => {
      await sql.unsafe(`alter table project_grants drop constraint project_grants_pkey`);
      // (a + k·step) mod N with step coprime to N visits distinct projects for k < N.
      await sql`insert into project_grants (project_id, user_id, level)
                select p.id, u.id, (array['read','write','admin'])[1 + k % 3]::project_level
                from bench_users u, generate_series(0, ${directPerUser - 1}) k, bench_projects p
                where u.i > 0 and p.j = (u.i * 7919 + k * 11) % ${projects}`;
      await sql`insert into project_grants (project_id, user_id, level)
                select p.id, u.id, 'write' from bench_users u, bench_projects p where u.i = 0 and p.j % ${Math.floor(projects / 10)} = 3`;
      await sql`insert into project_grants (project_id, team_id, level)
                select p.id, t.id, (array['read','write'])[1 + k % 2]::project_level
                from bench_teams t, generate_series(0, ${teamPerTeam - 1}) k, bench_projects p
                where p.j = (t.t * 104729 + k * 13) % ${projects}`;
      await sql.unsafe(`alter table project_grants add primary key (id)`);
    });
    const perProject = Math.max(1, Math.round(scale.resources / projects));
    await withoutIndexes(sql, "resources", async () => {
      await sql`insert into resources (project_id, kind, name)
                select p.id, (array['dataset','model','run','endpoint','prediction'])[1 + k % 5]::resource_kind, 'resource ' || k
                from bench_projects p, generate_series(1, ${perProject}) k`;
    });
    await sql.unsafe(`vacuum analyze`);
    const [counts] = await sql<{ projects: number; members: number; grants: number; direct: number; team: number; resources: number }[]>`
      select (select count(*)::int from projects) as projects,
             (select count(*)::int from memberships m join organizations o on o.id = m.org_id where o.slug = ${BENCH_ORG}) as members,
             (select count(*)::int from project_grants) as grants,
             (select count(*)::int from project_grants where user_id is not null) as direct,
             (select count(*)::int from project_grants where team_id is not null) as team,
             (select count(*)::int from resources) as resources`;
    return counts;
  } finally {
    await sql.end();
  }
}
