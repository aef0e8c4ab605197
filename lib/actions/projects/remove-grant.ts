"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { projectGrants } from "@/db/schema";
import { tellUser } from "@/lib/data/member-notices";
import { projectAction } from "../safe-action";
import { grantOfProject } from "./grant-lookup";
import { projectRef } from "./project-ref";
import { uuidSchema } from "@/lib/validation/ids";

const Input = z.object({ ...projectRef, grantId: uuidSchema("This access no longer exists.") });

export const removeGrantAction = projectAction(Input, "project.people", async (input, { tx, user, access, auditProject }) => {
  const { project, org } = access;
  const grant = await grantOfProject(tx, project.id, input.grantId);
  await tx.delete(projectGrants).where(eq(projectGrants.id, grant.id));
  await auditProject({
    action: "project.grant.remove", targetType: grant.userId ? "user" : "team",
    targetId: grant.userId ?? grant.teamId, targetLabel: grant.username ?? grant.teamName ?? "",
    before: { project: project.name, projectId: project.id, level: grant.level }, after: null,
  });
  if (grant.userId && grant.email) {
    await tellUser(tx, { id: grant.userId, email: grant.email }, {
      kind: "project.removed",
      subject: `You were removed from the project ${project.name}`,
      text: `${user.username} removed your direct access to the project ${project.name} in ${org.displayName}.`,
    });
  }
  return { grantId: grant.id };
});
