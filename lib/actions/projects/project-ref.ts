import { z } from "zod";

/** The project id every project-scoped form carries; the wrapper resolves the caller's level on it. */
export const projectRef = { projectId: z.uuid({ error: "Project not found." }) };
