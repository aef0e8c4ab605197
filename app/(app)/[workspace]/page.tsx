import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SectionErrorBoundary } from "@/components/ui/section-error-boundary";
import { CardGridSkeleton } from "@/components/ui/skeleton";
import { NewProjectButton } from "@/components/projects/new-project-button";
import { projectCreateRefusal } from "@/lib/authz/project-create";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { requireUser } from "@/lib/auth/current-user";
import { getWorkspace } from "@/lib/data/orgs";
import { parseListParams } from "@/lib/validation/project-list";
import { ProjectsSection } from "./projects-section";

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).workspace };
}

export default async function WorkspacePage({ params, searchParams }: Props) {
  const { workspace } = await params;
  const user = await requireUser();
  const ws = await getWorkspace(workspace, user.id);
  if (!ws) notFound();
  const { q, tag, visibility, sort } = parseListParams(await searchParams);
  const filters = { q, tag, visibility, sort };
  const isTeam = ws.org.kind === "team";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{ws.org.displayName}</h1>
          <p className="text-sm text-slate-600">
            {isTeam ? "Organization" : "Personal workspace"}
            {ws.role && isTeam ? ` · you are ${ROLE_LABELS[ws.role].toLowerCase()}` : ""}
            {ws.role && isTeam ? (
              <>
                {" · "}
                <Link href={`/${ws.org.slug}/settings`}>Organization settings</Link>
              </>
            ) : null}
          </p>
          {!ws.role ? <p className="text-sm text-slate-600">You are not a member here: you see its public projects only.</p> : null}
        </div>
        {ws.role ? <NewProjectButton workspace={ws.org.slug} refusal={projectCreateRefusal(ws.org, ws.role, user.id)} /> : null}
      </div>
      <section aria-labelledby="projects-heading" className="space-y-3">
        <h2 id="projects-heading" className="text-lg font-semibold">Projects</h2>
        {/* The shell goes out first; the list and its tags stream in when their queries answer. */}
        <SectionErrorBoundary key={JSON.stringify(filters)} what="The projects">
          <Suspense fallback={<CardGridSkeleton label="Loading projects…" />}>
            <ProjectsSection orgId={ws.org.id} workspace={ws.org.slug} userId={user.id} filters={filters} />
          </Suspense>
        </SectionErrorBoundary>
      </section>
    </div>
  );
}
