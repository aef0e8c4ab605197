import "server-only";
import type { Executor } from "@/db/client";
import type { OrgRole } from "@/db/schema";
import { orgAllows } from "@/lib/authz/policy";
import { teamInOrg, teamRoleOf } from "@/lib/data/teams";
import { ForbiddenError, NotFoundError } from "../result";

/**
 * SPEC §4: org owners/admins manage every team; a team owner updates, deletes and staffs their
 * own team. Returns the team, or refuses (a team of another organization is "not found").
 */
export async function requireTeamManager(tx: Executor, ctx: { org: { id: string }; role: OrgRole; user: { id: string } }, teamId: string) {
  const team = await teamInOrg(tx, ctx.org.id, teamId);
  if (!team) throw new NotFoundError("Team not found.");
  if (orgAllows(ctx.role, "org.members")) return team;
  if ((await teamRoleOf(tx, team.id, ctx.user.id)) === "owner") return team;
  throw new ForbiddenError("Only organization owners and admins, or this team's owners, can change this team.");
}
