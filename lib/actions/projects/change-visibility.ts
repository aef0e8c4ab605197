"use server";

import { z } from "zod";
import { visibilitySchema } from "@/lib/validation/project";
import { projectAction } from "../safe-action";
import { projectRef } from "./project-ref";
import { applyVisibility } from "./project-steps";

const Input = z.object({ ...projectRef, visibility: visibilitySchema });

export const changeVisibilityAction = projectAction(Input, "project.edit", (input, ctx) => applyVisibility(ctx, input.visibility));
