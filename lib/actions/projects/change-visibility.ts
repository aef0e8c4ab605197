"use server";

import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, projects } from "@/db/schema";
import { visibilitySchema } from "@/lib/validation/project";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";
import { checkVisibilityAllowed } from "./visibility-rules";

const Input = z.object({ ...projectRef, visibility: visibilitySchema });

export const changeVisibilityAction = projectAction(Input, "project.edit", async (input, { tx, access, auditProject }) => {
  const { project, org } = access;
  // Read under the transaction: the org's switch may have changed since the page was drawn.
  const [settings] = await tx.select({ allowPublic: organizations.allowPublicProjects }).from(organizations).where(eq(organizations.id, org.id));
  checkVisibilityAllowed(input.visibility, { kind: org.kind, allowPublicProjects: settings.allowPublic });
  if (input.visibility === project.visibility) return { id: project.id, visibility: project.visibility };
  await tx.update(projects).set({ visibility: input.visibility, updatedAt: sql`now()` }).where(eq(projects.id, project.id));
  await auditProject({
    action: "project.visibility", targetType: "project", targetId: project.id, targetLabel: project.name,
    before: { visibility: project.visibility }, after: { visibility: input.visibility },
  });
  return { id: project.id, visibility: input.visibility };
});
