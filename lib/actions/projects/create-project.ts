"use server";

import { eq } from "drizzle-orm";
import { z } from "zod";
import { organizations, projectGrants, projects } from "@/db/schema";
import { freeProjectSlug, projectNameTaken } from "@/lib/data/project-writes";
import { orgRef } from "@/lib/validation/org";
import { colourSchema, projectDescriptionSchema, projectNameSchema, tagsSchema, visibilitySchema } from "@/lib/validation/project";
import { ForbiddenError, fieldError } from "../result";
import { orgAction } from "../safe-action";
import { checkVisibilityAllowed } from "./visibility-rules";

const Input = z.object({
  ...orgRef,
  name: projectNameSchema,
  description: projectDescriptionSchema,
  tags: tagsSchema,
  colour: colourSchema,
  visibility: visibilitySchema.default("private"),
});

export const createProjectAction = orgAction(Input, "project.create", async (input, { tx, user, org, role, auditOrg }) => {
  // In a personal workspace collaborators hold grants, never a membership, so only the owner gets here;
  // the check stays explicit in case that ever changes.
  if (org.kind === "personal" && org.personalUserId !== user.id) {
    throw new ForbiddenError("Only the owner of a personal workspace can create projects in it.");
  }
  const [settings] = await tx.select({ allowPublic: organizations.allowPublicProjects }).from(organizations).where(eq(organizations.id, org.id));
  checkVisibilityAllowed(input.visibility, { kind: org.kind, allowPublicProjects: settings.allowPublic });
  if (await projectNameTaken(tx, org.id, input.name)) {
    throw fieldError("name", "A project with this name already exists in this workspace.");
  }
  const slug = await freeProjectSlug(tx, org.id, input.name);
  const [project] = await tx
    .insert(projects)
    .values({
      orgId: org.id, slug, name: input.name, description: input.description, tags: input.tags, colour: input.colour,
      visibility: input.visibility, createdBy: user.id,
    })
    .returning();
  // The creator is the project's admin by a grant of its own, which outlives a later role change.
  await tx.insert(projectGrants).values({ projectId: project.id, userId: user.id, level: "admin" });
  await auditOrg({
    action: "project.create", targetType: "project", targetId: project.id, targetLabel: project.name,
    after: { name: project.name, slug, visibility: project.visibility, tags: project.tags, colour: project.colour, creatorRole: role },
  });
  return { id: project.id, slug, redirectTo: `/${org.slug}/${slug}` };
});
