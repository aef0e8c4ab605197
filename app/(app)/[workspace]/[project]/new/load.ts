import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { projectAllows } from "@/lib/authz/policy";
import { getProjectAccess } from "@/lib/data/resources";
import { projectPath } from "@/lib/resources/kinds";

export type ProjectParams = Promise<{ workspace: string; project: string }>;

/** Creation pages need a signed-in viewer who can see the project; write decides form or reason. */
export async function loadCreatePage(params: ProjectParams) {
  const { workspace, project } = await params;
  const user = await requireUser();
  const access = await getProjectAccess(user.id, workspace, project);
  if (!access) notFound();
  const base = projectPath(access.org.slug, access.project.slug);
  return {
    access,
    base,
    canWrite: projectAllows(access.level, "resource.write", access.capabilities),
    crumbs: [{ href: `/${access.org.slug}`, label: access.org.displayName }, { href: base, label: access.project.name }],
  };
}
