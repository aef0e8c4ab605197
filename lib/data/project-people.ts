import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { OrgRole, ProjectLevel, Visibility } from "@/db/schema";
import { maxLevel } from "@/lib/authz/policy";
import type { AccessSource } from "@/lib/authz/resolve";
import { getDb } from "@/lib/db";

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
  people: ProjectPerson[];
  teams: TeamGrant[];
  /** Org members who could be given a direct grant (not owner/admins, who are already admin). */
  candidates: { id: string; username: string; name: string | null }[];
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
  id: string; username: string; name: string | null; email: string; org_role: OrgRole | null;
  grant_id: string | null; grant_level: ProjectLevel | null; grant_can_deploy: boolean | null; grant_can_predict: boolean | null;
  teams: { team: string; level: ProjectLevel }[] | null;
};

/**
 * Everyone with access to a project and where it comes from, by the same rules as the resolver
 * (SPEC §3): org owner/admins, direct grants, team grants, and the baseline for members when the
 * project is not private. Public access for anyone is not listed per person.
 */
export async function listProjectPeople(db: Executor, project: ProjectRef, opts: { showEmails: boolean }): Promise<ProjectPeople> {
  const [setting] = await rows<{
    kind: "personal" | "team"; baseline: "none" | ProjectLevel; external_collaborators: boolean;
    deploy_for_write: boolean; predict_for_read: boolean;
  }>(
    db,
    sql`select kind, baseline, external_collaborators, deploy_for_write, predict_for_read
        from organizations where id = ${project.orgId}::uuid`,
  );
  const baselineApplies = project.visibility !== "private" && setting.baseline !== "none";
  const list = await rows<PersonRow>(
    db,
    sql`select u.id, u.username, u.name, u.email, m.role as org_role, g.id as grant_id, g.level as grant_level,
          g.can_deploy as grant_can_deploy, g.can_predict as grant_can_predict,
          (select json_agg(json_build_object('team', t.name, 'level', tg.level) order by lower(t.name))
             from project_grants tg join teams t on t.id = tg.team_id
             join team_members tm on tm.team_id = t.id and tm.user_id = u.id
             where tg.project_id = ${project.id}::uuid and m.role is not null) as teams
        from users u
        left join memberships m on m.org_id = ${project.orgId}::uuid and m.user_id = u.id
        left join project_grants g on g.project_id = ${project.id}::uuid and g.user_id = u.id
        where u.id in (
          select user_id from memberships
            where org_id = ${project.orgId}::uuid and (role in ('owner', 'admin') or ${baselineApplies})
          union select user_id from project_grants where project_id = ${project.id}::uuid and user_id is not null
          union select tm.user_id from project_grants g2 join team_members tm on tm.team_id = g2.team_id
            where g2.project_id = ${project.id}::uuid)
        order by lower(u.username)`,
  );
  const people: ProjectPerson[] = [];
  for (const r of list) {
    const member = r.org_role !== null;
    const grantCounts = member || setting.external_collaborators || setting.kind === "personal";
    const sources: AccessSource[] = [];
    if (r.org_role === "owner" || r.org_role === "admin") sources.push({ kind: "org-admin", role: r.org_role });
    if (r.grant_level && grantCounts) sources.push({ kind: "direct", level: r.grant_level });
    for (const t of r.teams ?? []) sources.push({ kind: "team", team: t.team, level: t.level });
    if (baselineApplies && member) sources.push({ kind: "baseline", level: setting.baseline as ProjectLevel });
    const level = maxLevel(
      ...sources.map((s) => (s.kind === "org-admin" ? "admin" : s.kind === "public" ? "read" : s.level)),
    );
    if (!level && !r.grant_id) continue;
    people.push({
      id: r.id, username: r.username, name: r.name, email: opts.showEmails ? r.email : null, orgRole: r.org_role,
      level, sources, directGrant: r.grant_id && r.grant_level
        ? { id: r.grant_id, level: r.grant_level, canDeploy: r.grant_can_deploy, canPredict: r.grant_can_predict }
        : null,
      inactiveGrant: !!r.grant_id && !grantCounts,
    });
  }
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
  const candidates = await rows<{ id: string; username: string; name: string | null }>(
    db,
    sql`select u.id, u.username, u.name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${project.orgId}::uuid and m.role in ('member', 'restricted')
          and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.user_id = u.id)
        order by lower(u.username)`,
  );
  const availableTeams = await rows<{ id: string; name: string }>(
    db,
    sql`select t.id, t.name from teams t where t.org_id = ${project.orgId}::uuid
          and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.team_id = t.id)
        order by lower(t.name)`,
  );
  return {
    people,
    teams: teams.map((t) => ({
      grantId: t.grant_id, teamId: t.team_id, name: t.name, level: t.level, members: Number(t.members),
      canDeploy: t.can_deploy, canPredict: t.can_predict,
    })),
    candidates,
    availableTeams,
    switches: { deployForWrite: setting.deploy_for_write, predictForRead: setting.predict_for_read },
  };
}

/** For pages: the people list on the request's database handle. */
export async function projectPeopleOverview(project: ProjectRef, opts: { showEmails: boolean }): Promise<ProjectPeople> {
  return listProjectPeople(await getDb(), project, opts);
}
