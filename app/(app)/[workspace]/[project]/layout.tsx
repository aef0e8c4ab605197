import type { ReactNode } from "react";
import Link from "next/link";
import { describeSources } from "@/components/projects/access-summary";
import { VISIBILITY_LABELS } from "@/components/projects/project-card";
import { ProjectTabs } from "@/components/projects/project-tabs";
import { projectAllows } from "@/lib/authz/policy";
import { projectContext } from "./project-context";

type Params = Promise<{ workspace: string; project: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { project } = await params;
  return { title: project };
}

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { userId, access } = await projectContext(params);
  const { project, org, level, sources } = access;
  const base = `/${org.slug}/${project.slug}`;
  const tabs = [
    { href: base, label: "Resources" },
    ...(projectAllows(level, "resource.view") ? [{ href: `${base}/people`, label: "People" }] : []),
    ...(projectAllows(level, "project.edit") ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <p className="text-sm text-slate-600">
          <Link href={`/${org.slug}`}>{org.displayName}</Link> /
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <span aria-hidden className="inline-block h-4 w-4 rounded-full" style={{ background: project.colour }} />
          <h1 className="text-2xl font-semibold">{project.name}</h1>
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" aria-label={`Visibility: ${VISIBILITY_LABELS[project.visibility]}`}>
            {VISIBILITY_LABELS[project.visibility]}
          </span>
        </div>
        {project.description ? <p className="text-sm text-slate-700">{project.description}</p> : null}
        <p className="text-sm text-slate-700" data-testid="project-access">
          Your access: <strong>{level}</strong> — {describeSources(sources, org.kind)}
          {userId ? null : " · you are signed out, so this project is read-only."}
        </p>
      </header>
      <ProjectTabs tabs={tabs} />
      {children}
    </div>
  );
}
