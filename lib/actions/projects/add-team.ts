"use server";

import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { projectGrants, teamMembers, users } from "@/db/schema";
import { tellUser } from "@/lib/data/member-notices";
import { findTeamInOrg } from "@/lib/data/project-writes";
import { levelSchema } from "@/lib/validation/project";
import { fieldError, NotFoundError } from "../result";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";

const Input = z.object({ ...projectRef, teamId: z.uuid({ error: "Choose a team." }), level: levelSchema });

/** SPEC §4: a team's grant reaches every member of the team, now and later. */
export const addTeamAction = projectAction(Input, "project.people", async (input, { tx, user, access, auditProject }) => {
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
  // Each member now has access they did not ask for: tell them as a direct grant would (SPEC §3).
  const members = await tx
    .select({ id: users.id, email: users.email })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, team.id), ne(teamMembers.userId, user.id)));
  for (const member of members) {
    await tellUser(tx, member, {
      kind: "project.added",
      subject: `Your team ${team.name} was added to the project ${project.name}`,
      text: `${user.username} gave the team ${team.name} ${input.level} access to the project ${project.name} in ${org.displayName}.`,
      link: `/${org.slug}/${project.slug}`,
    });
  }
  return { grantId: row.id };
});
