"use client";

import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { deleteResourceAction } from "@/lib/actions/resources/delete-resource";

export function DeleteResourceForm({ projectId, resourceId, name }: { projectId: string; resourceId: string; name: string }) {
  const { formProps, pending, formError } = useActionForm(deleteResourceAction);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <FormError message={formError} />
      <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">Delete “{name}”</SubmitButton>
    </form>
  );
}
