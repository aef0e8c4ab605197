"use client";

import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { updateResourceAction } from "@/lib/actions/resources/update-resource";

export function EditResourceForm({ projectId, resource }: { projectId: string; resource: { id: string; name: string; description: string } }) {
  const { formProps, pending, errors, formError } = useActionForm(updateResourceAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="resourceId" value={resource.id} />
      <FormError message={formLevel(formError, errors)} />
      <Field label="Name" name="name" defaultValue={resource.name} errors={errors.name} required />
      <div className="space-y-1">
        <label htmlFor="edit-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="edit-description" name="description" rows={3} defaultValue={resource.description} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.description} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">Save changes</SubmitButton>
    </form>
  );
}
