import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateLinks } from "@/components/resources/create-links";
import { ResourceList } from "@/components/resources/resource-list";
import { ResourceSearch } from "@/components/resources/search-form";
import { projectAllows } from "@/lib/authz/policy";
import { listProjectResources, loadProjectPage } from "@/lib/data/resources";
import { isResourceKind, projectPath } from "@/lib/resources/kinds";
import { queryParam } from "@/lib/validation/query";

type Props = {
  params: Promise<{ workspace: string; project: string }>;
  searchParams: Promise<{ q?: string | string[]; kind?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project } = await params;
  const { access } = await loadProjectPage(workspace, project);
  return { title: access ? access.project.name : "Not found" };
}

export default async function ProjectResourcesPage({ params, searchParams }: Props) {
  const [{ workspace, project }, search] = await Promise.all([params, searchParams]);
  const { userId, access } = await loadProjectPage(workspace, project);
  if (!access) notFound();
  const q = queryParam(search, "q", 100);
  const kindParam = queryParam(search, "kind");
  const kind = isResourceKind(kindParam) ? kindParam : undefined;
  const groups = await listProjectResources(access.project.id, { q, kind });
  const base = projectPath(access.org.slug, access.project.slug);
  return (
    <section aria-labelledby="resources-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="resources-heading" className="text-lg font-semibold">Resources</h2>
        <CreateLinks base={base} signedIn={!!userId} canWrite={projectAllows(access.level, "resource.write", access.capabilities)} />
      </div>
      <ResourceSearch q={q ?? ""} kind={kind ?? ""} />
      <ResourceList orgSlug={access.org.slug} projectSlug={access.project.slug} groups={groups} kinds={kind ? [kind] : undefined} searching={!!q || !!kind} />
    </section>
  );
}
