"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resources } from "@/db/schema";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { projectPath, resourcePath } from "@/lib/resources/kinds";
import { lockProjectAndResolve } from "../locks";
import { fieldError, ForbiddenError, NotFoundError } from "../result";
import { projectAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";
import { auditTarget, idSchema, projectIdSchema, lockResource } from "./shared";

const Input = z.object({ projectId: projectIdSchema, resourceId: idSchema, targetProjectId: z.string().trim().min(1, "Choose a project.").pipe(uuidSchema("Target project not found.")) });

/** To another project of the same organization; the mover needs write on both ends. */
export const moveResourceAction = projectAction(Input, "resource.move", async (input, { tx, user, access, auditProject }) => {
  if (input.targetProjectId === access.project.id) throw fieldError("targetProjectId", "The resource is already in this project.");
  const resource = await lockResource(tx, access.project.id, input.resourceId);
  const target = await lockProjectAndResolve(tx, user.id, input.targetProjectId);
  // Another organization's project answers like a missing one, so ids cannot be probed.
  if (!target || target.org.id !== access.org.id) throw new NotFoundError("Target project not found.");
  if (!projectAllows(target.level, "resource.write", target.capabilities)) {
    throw new ForbiddenError(`${PROJECT_ACTIONS["resource.move"].why} You have ${target.level} access to “${target.project.name}”.`);
  }
  await tx.update(resources).set({ projectId: target.project.id, updatedAt: sql`now()` }).where(eq(resources.id, resource.id));
  await auditProject({
    action: "resource.move", ...auditTarget(resource),
    before: { project: access.project.name }, after: { project: target.project.name },
  });
  return {
    redirectTo: resourcePath(target.org.slug, target.project.slug, resource.id),
    from: projectPath(access.org.slug, access.project.slug),
  };
});
