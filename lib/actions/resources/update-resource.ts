"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { resources } from "@/db/schema";
import { projectAction } from "../safe-action";
import { auditTarget, idSchema, projectIdSchema, lockResource, resourceDescriptionSchema, resourceNameSchema, urls } from "./shared";

const Input = z.object({ projectId: projectIdSchema, resourceId: idSchema, name: resourceNameSchema, description: resourceDescriptionSchema });

export const updateResourceAction = projectAction(Input, "resource.write", async (input, { tx, access, auditProject }) => {
  const before = await lockResource(tx, access.project.id, input.resourceId);
  await tx.update(resources).set({ name: input.name, description: input.description, updatedAt: sql`now()` }).where(eq(resources.id, before.id));
  await auditProject({
    action: "resource.update", ...auditTarget({ ...before, name: input.name }),
    before: { name: before.name, description: before.description },
    after: { name: input.name, description: input.description },
  });
  return { id: before.id, redirectTo: urls(access).resource(before.id) };
});
