"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resources } from "@/db/schema";
import { projectAllows } from "@/lib/authz/policy";
import { resourcePath } from "@/lib/resources/kinds";
import { lockProjectAndResolve } from "../locks";
import { ForbiddenError, NotFoundError } from "../result";
import { projectAction } from "../safe-action";
import { uuidSchema } from "@/lib/validation/ids";
import { auditTarget, idSchema, projectIdSchema, lockResource } from "./shared";

const Input = z.object({ projectId: projectIdSchema, resourceId: idSchema, targetProjectId: z.string().trim().min(1, "Choose a project.").pipe(uuidSchema("Target project not found.")) });

/**
 * From the user's own personal workspace into an organization project where they have write
 * (SPEC §1). Collaborators on someone else's personal project cannot carry its work away.
 */
export const transferResourceAction = projectAction(Input, "resource.move", async (input, { tx, user, access, audit }) => {
  // A personal workspace's only owner is the user it belongs to.
  if (access.org.kind !== "personal" || access.orgRole !== "owner") {
    throw new ForbiddenError("Only resources of your own personal workspace can be transferred to an organization.");
  }
  const resource = await lockResource(tx, access.project.id, input.resourceId);
  const target = await lockProjectAndResolve(tx, user.id, input.targetProjectId);
  if (!target || target.org.kind !== "team" || !target.orgRole) throw new NotFoundError("Target project not found.");
  if (!projectAllows(target.level, "resource.write", target.capabilities)) {
    throw new ForbiddenError(`Transferring needs write access on the target project; you have ${target.level} access to “${target.project.name}”.`);
  }
  await tx.update(resources).set({ projectId: target.project.id, updatedAt: sql`now()` }).where(eq(resources.id, resource.id));
  const entry = {
    action: "resource.transfer", ...auditTarget(resource),
    before: { workspace: access.org.slug, project: access.project.name },
    after: { workspace: target.org.slug, project: target.project.name },
  };
  // Both logs: the organization sees what arrived, the personal workspace what left.
  await audit(target.org.id, entry);
  await audit(access.org.id, entry);
  return { redirectTo: resourcePath(target.org.slug, target.project.slug, resource.id) };
});
