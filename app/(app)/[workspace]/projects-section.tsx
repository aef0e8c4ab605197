import { ProjectList } from "@/components/projects/project-list";
import { listVisibleProjects, listVisibleTags } from "@/lib/data/projects";
import { PROJECT_PAGE_SIZE, type ProjectListParams } from "@/lib/validation/project-list";

/** The first page of the list and the tag filter; later pages come through the route handler as the user scrolls. */
export async function ProjectsSection({ orgId, workspace, userId, filters }: { orgId: string; workspace: string; userId: string; filters: ProjectListParams }) {
  const [firstPage, tags] = await Promise.all([
    listVisibleProjects(orgId, userId, { ...filters, limit: PROJECT_PAGE_SIZE }),
    listVisibleTags(orgId, userId),
  ]);
  return <ProjectList workspace={workspace} tags={tags} initialParams={filters} initialPage={firstPage} />;
}
