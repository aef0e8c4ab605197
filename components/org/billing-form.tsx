"use client";

import { updateBillingAction } from "@/lib/actions/org/update-billing";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldErrors, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { PLAN_LABELS } from "./plans";

interface Props {
  org: { slug: string; plan: keyof typeof PLAN_LABELS; additionalSeats: number; billingDetails: string };
}

export function BillingForm({ org }: Props) {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(updateBillingAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="org" value={org.slug} />
      <FormError message={formError} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Saved.</p> : null}
      <div className="space-y-1">
        <label htmlFor="billing-plan" className="block text-sm font-medium text-slate-700">Plan</label>
        <select id="billing-plan" name="plan" defaultValue={org.plan} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
          {Object.entries(PLAN_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <Field label="Additional seats" name="additionalSeats" type="number" min={0} defaultValue={org.additionalSeats} errors={errors.additionalSeats} hint="The owner's seat plus this many other people (members and pending invitations)." />
      <div className="space-y-1">
        <label htmlFor="billing-details" className="block text-sm font-medium text-slate-700">Billing details</label>
        <textarea id="billing-details" name="billingDetails" rows={3} defaultValue={org.billingDetails} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldErrors errors={errors.billingDetails} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">Save billing</SubmitButton>
    </form>
  );
}
