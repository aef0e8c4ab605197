"use client";

import { updateOrganizationAction } from "@/lib/actions/org/update-organization";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

interface Props {
  org: { slug: string; displayName: string; contactEmail: string | null; description: string };
  readOnly: boolean;
}

export function GeneralForm({ org, readOnly }: Props) {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(updateOrganizationAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="org" value={org.slug} />
      <FormError message={formError} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Saved.</p> : null}
      <Field label="Organization URL name" name="slug-display" value={org.slug} readOnly disabled hint="The URL name does not change." />
      <Field label="Display name" name="displayName" defaultValue={org.displayName} errors={errors.displayName} readOnly={readOnly} />
      <Field label="Contact e-mail" name="contactEmail" type="email" defaultValue={org.contactEmail ?? ""} errors={errors.contactEmail} readOnly={readOnly} />
      <div className="space-y-1">
        <label htmlFor="general-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="general-description" name="description" rows={3} defaultValue={org.description} readOnly={readOnly} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm read-only:bg-slate-50" />
        <FieldErrors errors={errors.description} />
      </div>
      {readOnly ? null : <SubmitButton pending={pending} pendingLabel="Saving…">Save changes</SubmitButton>}
    </form>
  );
}
