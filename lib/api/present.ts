import type { ProjectAccess } from "@/lib/authz/resolve";
import type { ResourceListItem } from "@/lib/data/resources";

/** A project as the API shows it to a caller who may see it. */
export function presentProject(access: ProjectAccess) {
  const { project, org, level } = access;
  return {
    id: project.id, workspace: org.slug, slug: project.slug, name: project.name, description: project.description,
    tags: project.tags, colour: project.colour, visibility: project.visibility, level,
    createdAt: new Date(project.createdAt).toISOString(), updatedAt: new Date(project.updatedAt).toISOString(),
  };
}

export function presentResource(projectId: string, r: ResourceListItem) {
  return {
    id: r.id, projectId, kind: r.kind, name: r.name, description: r.description, metadata: r.metadata,
    creator: r.creator.username, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** Where the API serves a resource, for `Location` headers. */
export const apiPath = {
  project: (id: string) => `/api/v1/projects/${id}`,
  resource: (id: string) => `/api/v1/resources/${id}`,
};
