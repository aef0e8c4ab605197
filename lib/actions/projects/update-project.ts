"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { projects } from "@/db/schema";
import { projectNameTaken } from "@/lib/data/project-writes";
import { colourSchema, projectDescriptionSchema, projectNameSchema, tagsSchema } from "@/lib/validation/project";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";

const Input = z.object({
  ...projectRef,
  name: projectNameSchema,
  description: projectDescriptionSchema,
  tags: tagsSchema,
  colour: colourSchema,
});

/** Name, description, tags and colour. The URL name stays, so links already shared keep working. */
export const updateProjectAction = projectAction(Input, "project.edit", async (input, { tx, access, auditProject }) => {
  const { project } = access;
  if (await projectNameTaken(tx, project.orgId, input.name, project.id)) {
    throw fieldError("name", "A project with this name already exists in this workspace.");
  }
  const before = { name: project.name, description: project.description, tags: project.tags, colour: project.colour };
  const after = { name: input.name, description: input.description, tags: input.tags, colour: input.colour };
  await tx.update(projects).set({ ...after, updatedAt: sql`now()` }).where(eq(projects.id, project.id));
  await auditProject({ action: "project.update", targetType: "project", targetId: project.id, targetLabel: input.name, before, after });
  return { id: project.id };
});
