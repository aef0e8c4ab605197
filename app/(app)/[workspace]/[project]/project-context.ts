import "server-only";
import { notFound } from "next/navigation";
import { currentUserId } from "@/lib/auth/current-user";
import { projectForViewer } from "@/lib/data/projects";

/**
 * The project and the viewer's access for a project page. Signed-out visitors are allowed here:
 * a public project is readable by anyone. No access, another org's project or no such project
 * all answer 404 alike.
 */
export async function projectContext(params: Promise<{ workspace: string; project: string }>) {
  const { workspace, project } = await params;
  const userId = await currentUserId();
  const access = await projectForViewer(workspace, project, userId);
  if (!access) notFound();
  return { userId, access };
}
