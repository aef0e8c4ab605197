"use client";

import { createOrganizationAction } from "@/lib/actions/org/create-organization";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { PLAN_LABELS } from "./plans";

export function CreateOrgForm({ defaultEmail }: { defaultEmail: string }) {
  const { formProps, pending, errors, formError } = useActionForm(createOrganizationAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormError message={formError} />
      <Field
        label="Organization URL name"
        name="slug"
        errors={errors.slug}
        hint="Lower-case letters, numbers, “_” and “-”; 2–39 characters. It becomes the address /your-name and does not change."
        required
      />
      <Field label="Display name" name="displayName" errors={errors.displayName} required />
      <Field label="Contact e-mail" name="contactEmail" type="email" defaultValue={defaultEmail} errors={errors.contactEmail} hint="Receives organization notices." required />
      <div className="space-y-1">
        <label htmlFor="org-description" className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id="org-description" name="description" rows={3} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.description} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="org-plan" className="block text-sm font-medium text-slate-700">Plan</label>
          <select id="org-plan" name="plan" defaultValue="team" className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
            {Object.entries(PLAN_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </div>
        <Field label="Additional seats" name="additionalSeats" type="number" min={0} defaultValue={5} errors={errors.additionalSeats} hint="You, plus this many other people." />
      </div>
      <div className="space-y-1">
        <label htmlFor="org-billing" className="block text-sm font-medium text-slate-700">Billing details (optional)</label>
        <textarea id="org-billing" name="billingDetails" rows={2} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.billingDetails} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Creating…">Create organization</SubmitButton>
    </form>
  );
}
