"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { resources } from "@/db/schema";
import { projectAction } from "../safe-action";
import { auditTarget, idSchema, projectIdSchema, lockResource, urls } from "./shared";

const Input = z.object({ projectId: projectIdSchema, resourceId: idSchema });

/** Things made from it stay (models keep their tree, predictions their answer) with the link cleared. */
export const deleteResourceAction = projectAction(Input, "resource.write", async (input, { tx, access, auditProject }) => {
  const target = await lockResource(tx, access.project.id, input.resourceId);
  await tx.delete(resources).where(eq(resources.id, target.id));
  await auditProject({
    action: "resource.delete", ...auditTarget(target),
    before: { kind: target.kind, name: target.name, project: access.project.name },
  });
  return { redirectTo: urls(access).project };
});
