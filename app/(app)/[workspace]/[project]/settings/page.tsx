import { DeleteProjectForm, ProjectGeneralForm, VisibilityForm } from "@/components/projects/project-settings-forms";
import { Notice, Section } from "@/components/ui/notice";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { projectContext } from "../project-context";

export const metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ workspace: string; project: string }> }) {
  const { userId, access } = await projectContext(params);
  const { project, org, level } = access;
  if (!userId || !projectAllows(level, "project.edit")) return <Notice>{PROJECT_ACTIONS["project.edit"].why}</Notice>;
  return (
    <div className="space-y-4">
      <Section title="General">
        <ProjectGeneralForm project={project} />
      </Section>
      <Section title="Visibility">
        <VisibilityForm project={project} orgKind={org.kind} allowPublic={org.allowPublicProjects} />
      </Section>
      <Section title="Danger zone">
        {projectAllows(level, "project.delete") ? <DeleteProjectForm project={project} /> : <Notice>{PROJECT_ACTIONS["project.delete"].why}</Notice>}
      </Section>
    </div>
  );
}
