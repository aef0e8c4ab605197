"use client";

import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { hasFieldErrors } from "./field-errors";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { PROJECT_COLOURS } from "@/lib/validation/form-options";
import { ColourField } from "./colour-field";
import { VisibilityFieldset } from "./visibility-fieldset";

interface Props {
  org: { slug: string; kind: "personal" | "team"; allowPublicProjects: boolean };
}

export function CreateProjectForm({ org }: Props) {
  const { formProps, pending, errors, formError } = useActionForm(createProjectAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="org" value={org.slug} />
      <FormError message={hasFieldErrors(errors) ? null : formError} />
      <Field label="Project name" name="name" required maxLength={80} errors={errors.name} hint="Unique in this workspace; the URL name is made from it." />
      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="field-description" name="description" rows={3} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.description} />
      </div>
      <Field label="Tags" name="tags" errors={errors.tags} hint="Separated by commas, e.g. churn, tabular." />
      <ColourField defaultValue={PROJECT_COLOURS[0].value} errors={errors.colour} />
      <VisibilityFieldset defaultValue="private" orgKind={org.kind} allowPublic={org.allowPublicProjects} errors={errors.visibility} />
      <SubmitButton pending={pending} pendingLabel="Creating…">Create project</SubmitButton>
    </form>
  );
}
