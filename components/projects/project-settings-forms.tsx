"use client";

import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { hasFieldErrors } from "./field-errors";
import type { ProjectListItem } from "@/lib/data/projects";
import { changeVisibilityAction } from "@/lib/actions/projects/change-visibility";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { ColourField } from "./colour-field";
import { VisibilityFieldset } from "./visibility-fieldset";

type ProjectFields = Pick<ProjectListItem, "id" | "slug" | "name" | "description" | "tags" | "colour" | "visibility">;

export function ProjectGeneralForm({ project }: { project: ProjectFields }) {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(updateProjectAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="General">
      <input type="hidden" name="projectId" value={project.id} />
      <FormError message={hasFieldErrors(errors) ? null : formError} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Saved.</p> : null}
      <Field label="Project name" name="name" defaultValue={project.name} maxLength={80} errors={errors.name} hint={`The URL name stays “${project.slug}”, so shared links keep working.`} />
      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="field-description" name="description" rows={3} defaultValue={project.description} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.description} />
      </div>
      <Field label="Tags" name="tags" defaultValue={project.tags.join(", ")} errors={errors.tags} hint="Separated by commas." />
      <ColourField defaultValue={project.colour} errors={errors.colour} />
      <SubmitButton pending={pending} pendingLabel="Saving…">Save changes</SubmitButton>
    </form>
  );
}

export function VisibilityForm({ project, orgKind, allowPublic }: { project: ProjectFields; orgKind: "personal" | "team"; allowPublic: boolean }) {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(changeVisibilityAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Visibility">
      <input type="hidden" name="projectId" value={project.id} />
      <FormError message={errors.visibility ? null : formError} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Visibility changed.</p> : null}
      <VisibilityFieldset key={project.visibility} defaultValue={project.visibility} orgKind={orgKind} allowPublic={allowPublic} errors={errors.visibility} />
      <SubmitButton pending={pending} pendingLabel="Changing…">Change visibility</SubmitButton>
    </form>
  );
}

export function DeleteProjectForm({ project }: { project: ProjectFields }) {
  const { formProps, pending, errors, formError } = useActionForm(deleteProjectAction);
  return (
    <form {...formProps} className="space-y-3" aria-label="Delete project">
      <input type="hidden" name="projectId" value={project.id} />
      <FormError message={errors.confirm ? null : formError} />
      <p className="text-sm text-slate-700">Deleting the project deletes its resources and everyone&rsquo;s access to it. This cannot be undone.</p>
      <Field label={`Type “${project.name}” to confirm`} name="confirm" autoComplete="off" errors={errors.confirm} />
      <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">Delete this project</SubmitButton>
    </form>
  );
}
