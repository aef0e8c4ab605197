import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { OrgRole, ProjectLevel, Visibility } from "@/db/schema";
import { aggregatedAccessSql, orgWideRolesSql, RANK_LEVELS, type SourceRow } from "@/lib/authz/level-sql";
import { toAccessSources, type AccessSource } from "@/lib/authz/resolve";
import { getDb } from "@/lib/db";
import { keysetPage, type Page, type PageLinks } from "./keyset";

export interface ProjectPerson {
  id: string;
  username: string;
  name: string | null;
  /** Only filled for viewers allowed to see e-mails (project admins). */
  email: string | null;
  orgRole: OrgRole | null;
  level: ProjectLevel | null;
  sources: AccessSource[];
  directGrant: ({ id: string; level: ProjectLevel } & GrantOverrides) | null;
  /** A direct grant of someone outside the org while external collaborators are off: it gives nothing. */
  inactiveGrant: boolean;
}

/** Per-grant capability overrides (SPEC §3): null follows the org switch, true switches it on. */
export interface GrantOverrides {
  canDeploy: boolean | null;
  canPredict: boolean | null;
}

export interface TeamGrant extends GrantOverrides {
  grantId: string;
  teamId: string;
  name: string;
  level: ProjectLevel;
  members: number;
}

export interface ProjectPeople {
  /** The page asked for (everyone when no page was asked for). */
  people: ProjectPerson[];
  /** Where the neighbouring pages of `people` are, when a page was asked for. */
  pages: PageLinks | null;
  teams: TeamGrant[];
  /** Whether any org member could still be given a direct grant (the picker searches them: lib/data/pickers). */
  anyCandidate: boolean;
  /** Teams of the org without a grant on this project yet. */
  availableTeams: { id: string; name: string }[];
  /** The org-wide switches the per-grant overrides lift. */
  switches: { deployForWrite: boolean; predictForRead: boolean };
}

interface ProjectRef {
  id: string;
  orgId: string;
  visibility: Visibility;
}

type PersonRow = {
  id: string; username: string; username_key: string; name: string | null; email: string; org_role: OrgRole | null;
  grant_id: string | null; grant_level: ProjectLevel | null; grant_can_deploy: boolean | null; grant_can_predict: boolean | null;
  rank: number | null; sources: SourceRow[] | null;
};

/**
 * Everyone with access to a project and where it comes from, read from the resolver's own SQL
 * (`accessSourcesSql`) for each person who could have any: the organization's members and the
 * project's direct grantees (a team grant only counts for members). Public access, which anyone
 * has, is not listed per person.
 */
export async function listProjectPeople(
  db: Executor,
  project: ProjectRef,
  opts: { showEmails: boolean; page?: { cursor?: string; limit?: number } },
): Promise<ProjectPeople> {
  const [setting] = await rows<{ deploy_for_write: boolean; predict_for_read: boolean }>(
    db,
    sql`select deploy_for_write, predict_for_read from organizations where id = ${project.orgId}::uuid`,
  );
  const { items: list, ...pages } = await personRows(db, project, opts.page);
  const people: ProjectPerson[] = list.map((r) => {
    const sources = toAccessSources(r.sources);
    return {
      id: r.id, username: r.username, name: r.name, email: opts.showEmails ? r.email : null, orgRole: r.org_role,
      level: RANK_LEVELS[Number(r.rank ?? 0)] ?? null, sources,
      directGrant: r.grant_id && r.grant_level
        ? { id: r.grant_id, level: r.grant_level, canDeploy: r.grant_can_deploy, canPredict: r.grant_can_predict }
        : null,
      // A grant the rules do not count (an outsider's, while external collaborators are off).
      inactiveGrant: !!r.grant_id && !sources.some((s) => s.kind === "direct"),
    };
  });
  const teams = await rows<{
    grant_id: string; team_id: string; name: string; level: ProjectLevel; members: number;
    can_deploy: boolean | null; can_predict: boolean | null;
  }>(
    db,
    sql`select g.id as grant_id, t.id as team_id, t.name, g.level, g.can_deploy, g.can_predict,
          (select count(*)::int from team_members tm where tm.team_id = t.id) as members
        from project_grants g join teams t on t.id = g.team_id
        where g.project_id = ${project.id}::uuid order by lower(t.name)`,
  );
  // Who could still be given a direct grant: members whose role does not already give admin on
  // every project (the `project.all` row of the policy table).
  const [{ any_candidate: anyCandidate }] = await rows<{ any_candidate: boolean }>(
    db,
    sql`select exists (select 1 from memberships m
        where m.org_id = ${project.orgId}::uuid and not (m.role = any(${orgWideRolesSql()}))
          and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.user_id = m.user_id)) as any_candidate`,
  );
  const availableTeams = await rows<{ id: string; name: string }>(
    db,
    sql`select t.id, t.name from teams t where t.org_id = ${project.orgId}::uuid
          and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.team_id = t.id)
        order by lower(t.name)`,
  );
  return {
    people,
    pages: opts.page ? pages : null,
    teams: teams.map((t) => ({
      grantId: t.grant_id, teamId: t.team_id, name: t.name, level: t.level, members: Number(t.members),
      canDeploy: t.can_deploy, canPredict: t.can_predict,
    })),
    anyCandidate,
    availableTeams,
    switches: { deployForWrite: setting.deploy_for_write, predictForRead: setting.predict_for_read },
  };
}

/**
 * Each person who could have access to the project, with the sources the access SQL finds: a
 * page of them by username when `page` is given, in the same one statement.
 */
async function personRows(
  db: Executor,
  project: ProjectRef,
  page?: { cursor?: string; limit?: number },
  only?: { among: SQL; limit: number },
): Promise<Page<PersonRow>> {
  const access = aggregatedAccessSql(
    { user: sql`u.id`, org: sql`${project.orgId}::uuid`, where: sql`p.id = ${project.id}::uuid` },
    { withoutPublic: true },
  );
  const keyset = keysetPage(
    { list: "project-people", scope: project.id, keys: [{ expr: sql`lower(u.username)`, type: "text" }, { expr: sql`u.id`, type: "uuid" }] },
    page?.cursor,
    page?.limit,
  );
  const list = await rows<PersonRow>(
    db,
    sql`select u.id, u.username, lower(u.username) as username_key, u.name, u.email, m.role as org_role, g.id as grant_id, g.level as grant_level,
          g.can_deploy as grant_can_deploy, g.can_predict as grant_can_predict, a.rank, a.sources
        from users u
        left join memberships m on m.org_id = ${project.orgId}::uuid and m.user_id = u.id
        left join project_grants g on g.project_id = ${project.id}::uuid and g.user_id = u.id
        cross join lateral (${access}) a
        where u.id in (${only ? only.among : sql`
          select user_id from memberships where org_id = ${project.orgId}::uuid
          union select user_id from project_grants where project_id = ${project.id}::uuid and user_id is not null`})
          and (a.rank is not null or g.id is not null)
          and ${page ? keyset.where : sql`true`}
        order by ${keyset.order} ${page ? sql`limit ${keyset.limit}` : only ? sql`limit ${only.limit}` : sql``}`,
  );
  return page ? keyset.finish(list, (r) => [r.username_key, r.id]) : { items: list, next: null, prev: null, paged: false };
}

/**
 * What a viewer outside the organization (signed out, a reader of a public project, an external
 * collaborator) may see of a project's people: its own admins, those with an admin grant on the
 * project itself (and in a personal workspace, its owner), without org role, team or e-mail.
 */
export async function listProjectOwnAdmins(db: Executor, project: ProjectRef & { orgKind: "personal" | "team" }): Promise<{ id: string; username: string; name: string | null }[]> {
  // Only those who could be listed are read (admin grantees, a personal workspace's owner), and
  // at most OWN_ADMINS_LIMIT of them: an outsider's view never reads the whole organization.
  const among = sql`select user_id from project_grants where project_id = ${project.id}::uuid and user_id is not null and level = 'admin'
    ${project.orgKind === "personal" ? sql`union select user_id from memberships where org_id = ${project.orgId}::uuid and role = 'owner'` : sql``}`;
  const { items: list } = await personRows(db, project, undefined, { among, limit: OWN_ADMINS_LIMIT });
  return list
    .filter((r) => toAccessSources(r.sources).some((s) =>
      (s.kind === "direct" && s.level === "admin") || (s.kind === "org-admin" && project.orgKind === "personal" && r.org_role === "owner")))
    .map((r) => ({ id: r.id, username: r.username, name: r.name }));
}

/** How many of a project's own admins an outsider is shown. */
export const OWN_ADMINS_LIMIT = 20;

/** For pages: the project's own admins, as outsiders may see them. */
export async function projectOwnAdminsOverview(project: ProjectRef & { orgKind: "personal" | "team" }) {
  return listProjectOwnAdmins(await getDb(), project);
}

/** For pages: the people list on the request's database handle. */
export async function projectPeopleOverview(project: ProjectRef, opts: Parameters<typeof listProjectPeople>[2]): Promise<ProjectPeople> {
  return listProjectPeople(await getDb(), project, opts);
}
