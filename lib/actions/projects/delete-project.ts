"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { projects } from "@/db/schema";
import { fieldError } from "../result";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";

const Input = z.object({ ...projectRef, confirm: z.string().trim().default("") });

export const deleteProjectAction = projectAction(Input, "project.delete", async (input, { tx, access, auditProject }) => {
  const { project, org } = access;
  if (input.confirm !== project.name) throw fieldError("confirm", `Type “${project.name}” to confirm.`);
  await auditProject({
    action: "project.delete", targetType: "project", targetId: project.id, targetLabel: project.name,
    before: { name: project.name, slug: project.slug, visibility: project.visibility, tags: project.tags }, after: null,
  });
  // Grants and resources go with the project (foreign keys cascade).
  await tx.delete(projects).where(eq(projects.id, project.id));
  return { redirectTo: `/${org.slug}` };
});
