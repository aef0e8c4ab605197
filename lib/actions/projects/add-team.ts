"use server";

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { projectGrants } from "@/db/schema";
import { findTeamInOrg } from "@/lib/data/project-writes";
import { levelSchema } from "@/lib/validation/project";
import { fieldError, NotFoundError } from "../result";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";

const Input = z.object({ ...projectRef, teamId: z.uuid({ error: "Choose a team." }), level: levelSchema });

/** SPEC §4: a team's grant reaches every member of the team, now and later. */
export const addTeamAction = projectAction(Input, "project.people", async (input, { tx, access, auditProject }) => {
  const { project, org } = access;
  const team = await findTeamInOrg(tx, org.id, input.teamId);
  if (!team) throw new NotFoundError("Team not found.");
  const [existing] = await tx
    .select({ id: projectGrants.id })
    .from(projectGrants)
    .where(and(eq(projectGrants.projectId, project.id), eq(projectGrants.teamId, team.id)));
  if (existing) throw fieldError("teamId", `The team ${team.name} already has access: change its level in the list.`);
  const [row] = await tx.insert(projectGrants).values({ projectId: project.id, teamId: team.id, level: input.level }).returning({ id: projectGrants.id });
  await auditProject({
    action: "project.grant.add", targetType: "team", targetId: team.id, targetLabel: team.name,
    before: null, after: { project: project.name, projectId: project.id, level: input.level },
  });
  return { grantId: row.id };
});
