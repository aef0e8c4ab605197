import { uuidSchema } from "@/lib/validation/ids";

/** The project id every project-scoped form carries; the wrapper resolves the caller's level on it. */
export const projectRef = { projectId: uuidSchema("Project not found.") };
