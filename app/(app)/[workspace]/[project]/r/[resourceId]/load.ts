import "server-only";
import { notFound } from "next/navigation";
import { getResourceDetail, loadProjectPage } from "@/lib/data/resources";
import { KIND_LABELS, projectPath, resourcePath } from "@/lib/resources/kinds";

export type ResourceParams = Promise<{ workspace: string; project: string; resourceId: string }>;

/** The resource in this project as the viewer may see it; anything else is a 404. */
export async function loadResourcePage(params: ResourceParams) {
  const { workspace, project, resourceId } = await params;
  const { userId, access } = await loadProjectPage(workspace, project);
  if (!access) notFound();
  const resource = await getResourceDetail(access.project.id, resourceId);
  if (!resource) notFound();
  const base = projectPath(access.org.slug, access.project.slug);
  const self = resourcePath(access.org.slug, access.project.slug, resource.id);
  const crumbs = [
    { href: `/${access.org.slug}`, label: access.org.displayName },
    { href: base, label: access.project.name },
    { href: self, label: `${KIND_LABELS[resource.kind].one}: ${resource.name}` },
  ];
  return { userId, access, resource, base, self, crumbs };
}
