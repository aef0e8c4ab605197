"use server";

import { z } from "zod";
import { colourValue, projectDescriptionValue, projectNameSchema, tagsValue, visibilitySchema } from "@/lib/validation/project";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";
import { applyDetails, applyVisibility } from "./project-steps";

// Every field may be left out, and then keeps its value: no defaults here, unlike the forms.
const Input = z.object({
  ...projectRef,
  name: projectNameSchema.optional(),
  description: projectDescriptionValue.optional(),
  tags: tagsValue.optional(),
  colour: colourValue.optional(),
  visibility: visibilitySchema.optional(),
});

/**
 * The settings and visibility forms' changes in one transaction, for a caller that sends them
 * together (the API's PATCH): a refused visibility leaves the new name unwritten too. The fields
 * left out are read from the project under the lock, so a concurrent edit of them is not undone.
 */
export const editProjectAction = projectAction(Input, "project.edit", async (input, ctx) => {
  const { project } = ctx.access;
  const { name, description, tags, colour, visibility } = input;
  const touched = [name, description, tags, colour].some((v) => v !== undefined);
  const details = {
    name: name ?? project.name, description: description ?? project.description,
    tags: tags ?? project.tags, colour: colour ?? project.colour,
  };
  if (touched) await applyDetails(ctx, details);
  if (visibility !== undefined) await applyVisibility(ctx, visibility, details.name);
  return { id: project.id };
});
