import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { projectGrants, teams, users } from "@/db/schema";
import { NotFoundError } from "../result";

/** A grant of this project with its grantee; a grant of any other project is "not found". */
export async function grantOfProject(tx: Executor, projectId: string, grantId: string) {
  const [row] = await tx
    .select({
      id: projectGrants.id, level: projectGrants.level, userId: projectGrants.userId, teamId: projectGrants.teamId,
      username: users.username, email: users.email, teamName: teams.name,
    })
    .from(projectGrants)
    .leftJoin(users, eq(users.id, projectGrants.userId))
    .leftJoin(teams, eq(teams.id, projectGrants.teamId))
    .where(and(eq(projectGrants.id, grantId), eq(projectGrants.projectId, projectId)))
    .for("update", { of: projectGrants });
  if (!row) throw new NotFoundError("This access no longer exists.");
  return row;
}
