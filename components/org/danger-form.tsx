"use client";

import { deleteOrganizationAction } from "@/lib/actions/org/delete-organization";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function DeleteOrgForm({ slug }: { slug: string }) {
  const { formProps, pending, errors, formError } = useActionForm(deleteOrganizationAction);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="org" value={slug} />
      <FormError message={formError && !errors.confirm ? formError : null} />
      <Field label={`Type “${slug}” to confirm`} name="confirm" autoComplete="off" errors={errors.confirm} />
      <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">Delete this organization</SubmitButton>
    </form>
  );
}
