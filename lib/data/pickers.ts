import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import { orgWideRolesSql } from "@/lib/authz/level-sql";

/** How many matches a picker shows: enough to choose from, few enough to send on every keystroke. */
export const PICKER_LIMIT = 20;

export interface PickerChoice {
  id: string;
  username: string;
  name: string | null;
}

/** A typed prefix as a LIKE pattern: its own `%`, `_` and `\` match themselves. */
export function prefixPattern(term: string): string {
  return term.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%";
}

/**
 * The one shape of every member picker: members of `orgId` whose username or name starts with
 * `q`, narrowed by `also`, at most PICKER_LIMIT, by username, in one statement read from the
 * org's memberships.
 */
function searchMembers(db: Executor, orgId: string, q: string, also: SQL): Promise<PickerChoice[]> {
  const like = prefixPattern(q);
  return rows<PickerChoice>(
    db,
    sql`select u.id, u.username, u.name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${orgId}::uuid
          and (lower(u.username) like ${like} or lower(coalesce(u.name, '')) like ${like})
          and ${also}
        order by lower(u.username), u.id limit ${PICKER_LIMIT}`,
  );
}

/**
 * Members of the project's organization who could be given a direct grant: not those whose role
 * already gives admin everywhere, nor those who have one.
 */
export function searchGrantCandidates(db: Executor, project: { id: string; orgId: string }, q: string): Promise<PickerChoice[]> {
  return searchMembers(db, project.orgId, q, sql`not (m.role = any(${orgWideRolesSql()}))
    and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.user_id = u.id)`);
}

/** The organization's members other than `viewerId` (the owner handing over). */
export function searchNewOwners(db: Executor, orgId: string, viewerId: string, q: string): Promise<PickerChoice[]> {
  return searchMembers(db, orgId, q, sql`m.user_id <> ${viewerId}::uuid`);
}

/** The organization's members not in the team yet. */
export function searchTeamCandidates(db: Executor, orgId: string, teamId: string, q: string): Promise<PickerChoice[]> {
  return searchMembers(db, orgId, q, sql`not exists (select 1 from team_members tm where tm.team_id = ${teamId}::uuid and tm.user_id = u.id)`);
}
