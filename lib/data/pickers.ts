import "server-only";
import { sql } from "drizzle-orm";
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
function prefixPattern(term: string): string {
  return term.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%";
}

/**
 * Members of the project's organization who could be given a direct grant (not those whose role
 * already gives admin everywhere, nor those who have one), whose username or name starts with
 * `q`: at most PICKER_LIMIT, by username, in one statement read from the org's memberships.
 */
export async function searchGrantCandidates(db: Executor, project: { id: string; orgId: string }, q: string): Promise<PickerChoice[]> {
  const like = prefixPattern(q);
  return rows<PickerChoice>(
    db,
    sql`select u.id, u.username, u.name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${project.orgId}::uuid and not (m.role = any(${orgWideRolesSql()}))
          and (lower(u.username) like ${like} or lower(coalesce(u.name, '')) like ${like})
          and not exists (select 1 from project_grants g where g.project_id = ${project.id}::uuid and g.user_id = u.id)
        order by lower(u.username), u.id limit ${PICKER_LIMIT}`,
  );
}

/** The organization's members other than `viewerId` whose username or name starts with `q`: at most PICKER_LIMIT, by username. */
export async function searchNewOwners(db: Executor, orgId: string, viewerId: string, q: string): Promise<PickerChoice[]> {
  const like = prefixPattern(q);
  return rows<PickerChoice>(
    db,
    sql`select u.id, u.username, u.name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${orgId}::uuid and m.user_id <> ${viewerId}::uuid
          and (lower(u.username) like ${like} or lower(coalesce(u.name, '')) like ${like})
        order by lower(u.username), u.id limit ${PICKER_LIMIT}`,
  );
}
