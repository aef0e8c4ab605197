"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { projectGrants } from "@/db/schema";
import { notify } from "@/lib/data/notify";
import { levelSchema } from "@/lib/validation/project";
import { projectAction } from "../safe-action";
import { grantOfProject } from "./grant-lookup";
import { projectRef } from "./project-ref";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...projectRef, grantId: uuidSchema("This access no longer exists."), level: levelSchema });

export const changeGrantAction = projectAction(Input, "project.people", async (input, { tx, user, access, auditProject }) => {
  const { project, org } = access;
  const grant = await grantOfProject(tx, project.id, input.grantId);
  if (grant.level === input.level) return { grantId: grant.id };
  await tx.update(projectGrants).set({ level: input.level }).where(eq(projectGrants.id, grant.id));
  await auditProject({
    action: "project.grant.change", targetType: grant.userId ? "user" : "team",
    targetId: grant.userId ?? grant.teamId, targetLabel: grant.username ?? grant.teamName ?? "",
    before: { project: project.name, projectId: project.id, level: grant.level },
    after: { project: project.name, projectId: project.id, level: input.level },
  });
  if (grant.userId && grant.userId !== user.id) {
    await notify(tx, grant.userId, {
      kind: "project.level",
      title: `Your access to ${project.name} is now ${input.level}`,
      body: `${user.username} changed your access to the project ${project.name} in ${org.displayName} from ${grant.level} to ${input.level}.`,
      link: `/${org.slug}/${project.slug}`,
    });
  }
  return { grantId: grant.id };
});
