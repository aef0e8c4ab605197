"use server";

import { z } from "zod";
import { colourSchema, projectDescriptionSchema, projectNameSchema, tagsSchema } from "@/lib/validation/project";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";
import { applyDetails } from "./project-steps";

const Input = z.object({
  ...projectRef,
  name: projectNameSchema,
  description: projectDescriptionSchema,
  tags: tagsSchema,
  colour: colourSchema,
});

/** The settings form: name, description, tags and colour. */
export const updateProjectAction = projectAction(Input, "project.edit", ({ name, description, tags, colour }, ctx) =>
  applyDetails(ctx, { name, description, tags, colour }),
);
