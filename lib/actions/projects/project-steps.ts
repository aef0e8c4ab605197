import { eq, sql } from "drizzle-orm";
import { organizations, projects, type Visibility } from "@/db/schema";
import { projectNameTaken } from "@/lib/data/project-writes";
import { fieldError } from "../result";
import type { ProjectContext } from "../safe-action";
import { checkVisibilityAllowed } from "./visibility-rules";

// The writes behind the project settings forms, run inside an action's transaction after its
// wrapper authorized "project.edit". Kept apart from the actions so that one request changing
// both (an API PATCH) writes both or neither, by the same rules and audit entries as the forms.

export interface ProjectDetails {
  name: string;
  description: string;
  tags: string[];
  colour: string;
}

/** Name, description, tags and colour. The URL name stays, so links already shared keep working. */
export async function applyDetails({ tx, access, auditProject }: ProjectContext, after: ProjectDetails): Promise<{ id: string }> {
  const { project } = access;
  if (await projectNameTaken(tx, project.orgId, after.name, project.id)) {
    throw fieldError("name", "A project with this name already exists in this workspace.");
  }
  const before = { name: project.name, description: project.description, tags: project.tags, colour: project.colour };
  await tx.update(projects).set({ ...after, updatedAt: sql`now()` }).where(eq(projects.id, project.id));
  await auditProject({ action: "project.update", targetType: "project", targetId: project.id, targetLabel: after.name, before, after });
  return { id: project.id };
}

/** Who may see the project, within what the organization allows (SPEC §3). */
export async function applyVisibility(
  { tx, access, auditProject }: ProjectContext,
  visibility: Visibility,
  label = access.project.name,
): Promise<{ id: string; visibility: Visibility }> {
  const { project, org } = access;
  // Read under the transaction: the org's switch may have changed since the page was drawn.
  const [settings] = await tx.select({ allowPublic: organizations.allowPublicProjects }).from(organizations).where(eq(organizations.id, org.id));
  checkVisibilityAllowed(visibility, { kind: org.kind, allowPublicProjects: settings.allowPublic });
  if (visibility === project.visibility) return { id: project.id, visibility: project.visibility };
  await tx.update(projects).set({ visibility, updatedAt: sql`now()` }).where(eq(projects.id, project.id));
  await auditProject({
    action: "project.visibility", targetType: "project", targetId: project.id, targetLabel: label,
    before: { visibility: project.visibility }, after: { visibility },
  });
  return { id: project.id, visibility };
}
