import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { Notice, Section } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/current-user";
import { projectCreateRefusal } from "@/lib/authz/project-create";
import { getWorkspace } from "@/lib/data/orgs";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage({ params }: { params: Promise<{ workspace: string }> }) {
  const user = await requireUser();
  const ws = await getWorkspace((await params).workspace, user.id);
  // Outsiders get the same answer as for a workspace that does not exist.
  if (!ws || !ws.role) notFound();
  const refusal = projectCreateRefusal(ws.org, ws.role, user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">New project in {ws.org.displayName}</h1>
      <Section title="Project">
        {refusal ? (
          <Notice>{refusal}</Notice>
        ) : (
          <CreateProjectForm org={{ slug: ws.org.slug, kind: ws.org.kind, allowPublicProjects: ws.org.allowPublicProjects }} />
        )}
      </Section>
    </div>
  );
}
