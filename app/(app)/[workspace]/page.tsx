import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectCard } from "@/components/projects/project-card";
import { ROLE_LABELS } from "@/lib/authz/policy";
import { requireUser } from "@/lib/auth/current-user";
import { getWorkspace } from "@/lib/data/orgs";
import { listVisibleProjects } from "@/lib/data/projects";

type Props = { params: Promise<{ workspace: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).workspace };
}

export default async function WorkspacePage({ params }: Props) {
  const { workspace } = await params;
  const user = await requireUser();
  const ws = await getWorkspace(workspace, user.id);
  if (!ws) notFound();
  const { items } = await listVisibleProjects(ws.org.id, user.id, { limit: 100 });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{ws.org.displayName}</h1>
        <p className="text-sm text-slate-600">
          {ws.org.kind === "personal" ? "Personal workspace" : "Organization"}
          {ws.role && ws.org.kind === "team" ? ` · you are ${ROLE_LABELS[ws.role].toLowerCase()}` : ""}
          {ws.role && ws.org.kind === "team" ? (
            <>
              {" · "}
              <Link href={`/${ws.org.slug}/settings`}>Organization settings</Link>
            </>
          ) : null}
        </p>
      </div>
      <section aria-labelledby="projects-heading" className="space-y-3">
        <h2 id="projects-heading" className="text-lg font-semibold">Projects</h2>
        {items.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            No projects you can see here yet.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((p) => (
              <li key={p.id}>
                <ProjectCard workspace={ws.org.slug} project={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
