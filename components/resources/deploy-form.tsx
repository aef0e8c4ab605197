"use client";

import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formLevel } from "./form-message";
import { deployAction } from "@/lib/actions/resources/deploy";

export function DeployForm({ projectId, resourceId, defaultName }: { projectId: string; resourceId: string; defaultName: string }) {
  const { formProps, pending, errors, formError } = useActionForm(deployAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <div className="grow">
        <Field label="Endpoint name" name="name" defaultValue={defaultName} errors={errors.name} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Deploying…">Deploy as endpoint</SubmitButton>
      <div className="w-full"><FormError message={formLevel(formError, errors)} /></div>
    </form>
  );
}
