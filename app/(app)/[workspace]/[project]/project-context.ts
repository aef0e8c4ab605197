import "server-only";
import { notFound } from "next/navigation";
import { loadProjectPage } from "@/lib/data/resources";

/**
 * The project and the viewer's access for a project page. Signed-out visitors are allowed here:
 * a public project is readable by anyone. No access, another org's project or no such project
 * all answer 404 alike. Shares the per-request cache with the resource pages.
 */
export async function projectContext(params: Promise<{ workspace: string; project: string }>) {
  const { workspace, project } = await params;
  const { userId, access } = await loadProjectPage(workspace, project);
  if (!access) notFound();
  return { userId, access };
}
