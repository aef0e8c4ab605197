import { sql, type SQL } from "drizzle-orm";
import type { OrgRole } from "@/db/schema";
import { ORG_ACTIONS } from "./policy";

/** Stands for "nobody" where the viewer is signed out: no row has this id. */
export const NO_USER = "00000000-0000-0000-0000-000000000000";

export const RANK_LEVELS = [null, "read", "write", "admin"] as const;

export type SourceKind = "org-admin" | "direct" | "team" | "baseline" | "public";

/** One row per reason a viewer has access to a project: what `accessSourcesSql` yields. */
export interface SourceRow {
  kind: SourceKind;
  rank: number;
  /** org-admin: the org role; direct/baseline: the level; team: the team's name. */
  detail: string | null;
  can_deploy: boolean | null;
  can_predict: boolean | null;
}

const rankOf = (level: SQL) => sql`array_position(array['read','write','admin'], ${level}::text)`;

/**
 * The org roles a row of the policy table lets through, read at call time and sent as one array
 * parameter, so editing the row changes what the database answers: `project.all` (admin on every
 * project), `org.view` (the baseline on non-private projects), `project.granted` (grants count).
 */
export function policyRolesSql(action: "project.all" | "org.view" | "project.granted"): SQL {
  const roles = ORG_ACTIONS[action].roles as readonly OrgRole[];
  return sql`${`{${roles.join(",")}}`}::org_role[]`;
}

/**
 * The roles `policyRolesSql` sends for each row, as they stand now: a statement built once
 * (`statementShape`) names them in its key, so editing a row builds it again with the new roles.
 */
export function policyRolesKey(): string {
  return (["project.all", "org.view", "project.granted"] as const).map((a) => ORG_ACTIONS[a].roles.join(",")).join(";");
}

/** The org roles that see every project as admin (`project.all`). */
export function orgWideRolesSql(): SQL {
  return policyRolesSql("project.all");
}

interface SourcesScope {
  /** The viewer: a uuid parameter, or a column when the rules are evaluated for each person. */
  user: SQL;
  /**
   * The organization of every project in scope, when it is known up front: the viewer's
   * membership and the org's settings then become one-time conditions, checked once before any
   * project is read, instead of a join repeated for every project.
   */
  org?: SQL;
  /**
   * The caller has joined the viewer's rows (`viewerRowsSql`) for that organization: the rules
   * read `vo` and `vm` as they stand, and no source looks them up again.
   */
  viewerJoined?: boolean;
  /**
   * For a keyset page: each source yields only its own first `limit` projects in `order`, which
   * holds every project of the union's first `limit` (a project cannot come later in one source
   * than in the union of all). `columns` selects the sort keys under the names `order` uses.
   * Only through `accessPageSql`, which joins the viewer's rows and defines the counts read here.
   */
  page?: { columns: SQL; order: SQL; limit: number | SQL };
  /** Only the sources that are grants (direct and team), for a query that has the rest in bulk. */
  grantsOnly?: boolean;
}

export type SourcesQuery = SourcesScope & (
  /** A condition on `p` (projects): one project, or an organization's projects and filters. */
  | { where: SQL; oneProject?: undefined }
  /**
   * `p` is the caller's one project row, in scope as a lateral reference: the sources read no
   * project, only the viewer's grants on it.
   */
  | { oneProject: true; where?: undefined; page?: undefined; grantsOnly?: undefined }
);

/**
 * The viewer's rows in an organization, under the names the rules read when `viewerJoined`:
 * `vo` the organization, `vm` the viewer's membership in it (nulls for a non-member). The
 * caller joins it once and ties `vo` to the projects' organization.
 */
export function viewerRowsSql(user: SQL): SQL {
  return sql`organizations vo left join memberships vm on vm.org_id = vo.id and vm.user_id = ${user}::uuid`;
}

/**
 * Below this many grants the viewer's grants are read first and sorted; from it on, the
 * projects are walked in page order and each is probed for a grant, which stops after one page.
 * Either way the work is bounded by about this many index lookups.
 */
const FEW_GRANTS = 300;

const myTeamsSql = (uid: SQL) => sql`array(select tm.team_id from team_members tm where tm.user_id = ${uid})`;

/**
 * The user's teams are looked up once, then each team's grants by index, at most FEW_GRANTS
 * each: the bound keeps the planner from scanning the grants in the hope of an early stop.
 */
const boundedTeamGrantsSql = (uid: SQL) => sql`unnest(${myTeamsSql(uid)}) as my(team_id)
    cross join lateral (select g.project_id, g.level from project_grants g where g.team_id = my.team_id limit ${FEW_GRANTS}) g`;

/**
 * The rules of SPEC §3 as conditions, shared by every query that applies them. The three that
 * hold for whole classes of projects (`orgAdmin`, `baseline`, `public`) read only `p.visibility`
 * beside one-time lookups of the viewer, so they apply as written to any relation `p` with the
 * projects' `org_id` and `visibility`: the projects, or the per-tag counts of the tag filter.
 */
function accessRules(user: SQL, org: SQL, viewerJoined = false) {
  const uid = sql`${user}::uuid`;
  const role = viewerJoined ? sql`vm.role` : sql`(select vm.role from memberships vm where vm.org_id = ${org} and vm.user_id = ${uid})`;
  const setting = (column: SQL) => (viewerJoined ? column : sql`(select ${column} from organizations vo where vo.id = ${org})`);
  const baselineLevel = setting(sql`vo.baseline`);
  // Membership in the sense of the policy rows: whose baseline applies, whose grants count.
  const sees = sql`coalesce(${role} = any(${policyRolesSql("org.view")}), false)`;
  const member = sql`coalesce(${role} = any(${policyRolesSql("project.granted")}), false)`;
  return {
    uid, role, baselineLevel, member,
    /** Org roles of `project.all`: admin on every project. */
    orgAdmin: sql`${role} = any(${orgWideRolesSql()})`,
    /** The org baseline on projects that are not private, for members. */
    baseline: sql`p.visibility <> 'private' and ${sees} and ${baselineLevel} <> 'none'`,
    /** Read on public projects, for anyone. */
    public: sql`p.visibility = 'public'`,
    /** Whether the viewer's direct grants count (members; collaborators where allowed). */
    directCounts: sql`(${member} or ${setting(sql`vo.external_collaborators or vo.kind = 'personal'`)})`,
  };
}

/**
 * SPEC §3's effective permission as the sources it is the highest of, one SELECT per source,
 * each a handful of index lookups driven by what it filters on (the project, the user's grants,
 * the user's teams), never a sub-plan evaluated per candidate project:
 * - org roles of `project.all` → admin on every project of the org;
 * - the org baseline on projects that are not private, for members;
 * - read on public projects, for anyone;
 * - a direct grant, for members (or anyone where external collaborators are allowed, and in a
 *   personal workspace, where every collaborator is external);
 * - the grants of each of the user's teams, for members.
 * The resolver, the project list, the tag list, move targets and the People page all read this
 * one definition; none restates the rules.
 */
export function accessSourcesSql(q: SourcesQuery): SQL {
  const { user, org = sql`p.org_id`, page, grantsOnly } = q;
  const rules = accessRules(user, org, q.viewerJoined);
  const extra = page ? sql`, ${page.columns}` : sql``;
  const { uid, role, baselineLevel, member, directCounts } = rules;
  const cols = (kind: string, rank: SQL, detail: SQL, grant = sql`null::boolean as can_deploy, null::boolean as can_predict`) =>
    sql`select p.id as project_id, ${sql.raw(`'${kind}'`)}::text as kind, ${rank} as rank, ${detail}::text as detail, ${grant}${extra}`;
  const grantCols = sql`g.can_deploy as can_deploy, g.can_predict as can_predict`;
  const teamGrants = sql`team_members tm join project_grants g on g.team_id = tm.team_id and tm.user_id = ${uid}`;
  // With the one project in scope, a class rule is a condition on it and a grant a lookup by it.
  const where = q.oneProject ? null : q.where;
  const onProjects = (rule: SQL) => (where ? sql`from projects p where ${rule} and ${where}` : sql`where ${rule}`);
  const onGrantedProject = (cond: SQL) =>
    where ? sql`join projects p on p.id = g.project_id where ${cond} and ${where}` : sql`where g.project_id = p.id and ${cond}`;

  const fixed: SQL[] = [
    sql`${cols("org-admin", sql`3`, role)} ${onProjects(rules.orgAdmin)}`,
    sql`${cols("baseline", rankOf(baselineLevel), baselineLevel)} ${onProjects(rules.baseline)}`,
    sql`${cols("public", sql`1`, sql`null`)} ${onProjects(rules.public)}`,
  ];
  if (!page || !where) {
    return sql.join([
      ...(grantsOnly ? [] : fixed),
      sql`${cols("direct", rankOf(sql`g.level`), sql`g.level`, grantCols)}
          from project_grants g ${onGrantedProject(sql`g.user_id = ${uid} and ${directCounts}`)}`,
      sql`${cols("team", rankOf(sql`g.level`), sql`t.name`, grantCols)}
          from ${teamGrants} join teams t on t.id = tm.team_id ${onGrantedProject(member)}`,
    ], sql` union all `);
  }

  // A page needs one row per project and source kind, in page order. Grants come two ways (see
  // FEW_GRANTS), chosen when the statement runs by a bounded count; the other way never runs.
  // A page keeps only each project's best rank: for a viewer who is admin on every project no
  // other source can change it, so theirs do not run.
  const paged = (body: SQL) => sql`(${body} order by ${page.order} limit ${page.limit})`;
  const notAdminEverywhere = sql`not coalesce(${rules.orgAdmin}, false)`;
  const myTeamGrants = sql`project_grants g where g.team_id = any(${myTeamsSql(uid)})`;
  const boundedTeamGrants = boundedTeamGrantsSql(uid);
  // Read from the CTEs `accessPageSql` defines, so each count serves both ways.
  const directFew = sql`(select f.few from direct_few f)`;
  const teamFew = sql`(select f.few from team_few f)`;
  // `offset 0` keeps the lookup a lookup: the planner may not turn it into a walk of the projects.
  const byId = (id: SQL) => sql`select p.* from projects p where p.id = ${id} and ${where} offset 0`;
  const bestTeamGrant = sql`(select max(${rankOf(sql`g.level`)}) from ${myTeamGrants} and g.project_id = p.id)`;
  return sql.join([
    paged(fixed[0]),
    ...fixed.slice(1).map((f) => paged(sql`${f} and ${notAdminEverywhere}`)),
    paged(sql`${cols("direct", rankOf(sql`g.level`), sql`g.level`, grantCols)}
        from (select g.* from project_grants g where g.user_id = ${uid} limit ${FEW_GRANTS}) g
        cross join lateral (${byId(sql`g.project_id`)}) p
        where ${notAdminEverywhere} and ${directFew} and ${directCounts}`),
    paged(sql`${cols("direct", rankOf(sql`g.level`), sql`g.level`, grantCols)}
        from projects p join project_grants g on g.project_id = p.id and g.user_id = ${uid}
        where ${notAdminEverywhere} and not ${directFew} and ${directCounts} and ${where}`),
    paged(sql`${cols("team", sql`t.rank`, sql`null`)}
        from (select g.project_id, max(${rankOf(sql`g.level`)}) as rank from ${boundedTeamGrants} group by g.project_id) t
        cross join lateral (${byId(sql`t.project_id`)}) p
        where ${notAdminEverywhere} and ${teamFew} and ${member}`),
    paged(sql`${cols("team", bestTeamGrant, sql`null`)}
        from projects p
        where ${notAdminEverywhere} and not ${teamFew} and ${member} and ${where}
          and exists (select 1 from ${myTeamGrants} and g.project_id = p.id)`),
  ], sql` union all `);
}

/**
 * One page of an organization's projects a viewer sees, as (rank, sort_key, sort_id) rows in
 * page order: the sources of `accessSourcesSql` for a page, merged. The viewer's rows are read
 * once and the sources see them as one-time conditions; the merge runs inside the lateral, where
 * the sources' order holds, and groups by the sort keys alone (the last is the project's id), as
 * grouping by one more key would sort the merge again, in batches that read each source further
 * than the page. Whether the viewer's grants are few is counted at most once per kind, and only
 * if a source asks: a materialized CTE runs on its first read. The CTEs sit at this level, not
 * in the union, so the union stays one merge of ordered sources.
 */
export function accessPageSql(q: { user: SQL; org: SQL; where: SQL; page: NonNullable<SourcesScope["page"]> }): SQL {
  const uid = sql`${q.user}::uuid`;
  const few = (grants: SQL) => sql`(select count(*) from (${grants} limit ${FEW_GRANTS}) c) < ${FEW_GRANTS}`;
  const sources = accessSourcesSql({ user: q.user, where: q.where, page: q.page, viewerJoined: true });
  return sql`with direct_few as materialized (select ${few(sql`select 1 from project_grants g where g.user_id = ${uid}`)} as few),
      team_few as materialized (select ${few(sql`select 1 from ${boundedTeamGrantsSql(uid)}`)} as few)
    select v.rank, v.sort_key, v.sort_id
    from ${viewerRowsSql(q.user)}
    cross join lateral (select max(s.rank) as rank, s.sort_key, s.sort_id from (${sources}) s
      group by s.sort_key, s.sort_id order by ${q.page.order} limit ${q.page.limit}) v
    where vo.id = ${q.org}`;
}

/**
 * The tags of the projects a viewer sees in an organization, in order, by the same rules: the
 * classes of projects a role sees whole (all, the non-private, the public) give their tags from
 * the per-tag counts, a few rows per tag whatever the number of projects; the viewer's grants
 * are read only while some tag of the organization is still missing, and only for projects that
 * carry one.
 */
export function visibleTagsSql({ user, org }: { user: SQL; org: SQL }): SQL {
  const rules = accessRules(user, org);
  const missing = sql`(select m.tags from missing m)::text[]`;
  const granted = accessSourcesSql({
    user, org, grantsOnly: true,
    where: sql`p.org_id = ${org} and cardinality(${missing}) > 0 and p.tags && ${missing}`,
  });
  return sql`with whole as materialized (
      select distinct p.tag from project_tag_counts p
      where p.org_id = ${org} and ((${rules.orgAdmin}) or (${rules.baseline}) or (${rules.public}))),
    missing as materialized (
      select array(select distinct c.tag from project_tag_counts c
                   where c.org_id = ${org} and c.tag not in (select w.tag from whole w)) as tags)
    select w.tag from whole w
    union
    select t.tag from (${granted}) s join projects p on p.id = s.project_id
      cross join lateral unnest(p.tags) as t(tag)
    -- Gates the whole branch (a one-time filter above the join), so when every tag is already
    -- known not one project row is read, whatever join order the planner picks.
    where cardinality(${missing}) > 0 and t.tag = any(${missing})
    order by 1`;
}

/** The viewer's sources on a project as a JSON array plus their best rank, for `cross join lateral`. */
export function aggregatedAccessSql(q: SourcesQuery & { page?: undefined }, opts: { withoutPublic?: boolean } = {}): SQL {
  return sql`select max(s.rank) as rank,
      json_agg(json_build_object('kind', s.kind, 'rank', s.rank, 'detail', s.detail,
        'can_deploy', s.can_deploy, 'can_predict', s.can_predict)) as sources
    from (${accessSourcesSql(q)}) s ${opts.withoutPublic ? sql`where s.kind <> 'public'` : sql``}`;
}
