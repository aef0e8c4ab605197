"use client";

import { cancelEmailChangeAction, changeEmailAction } from "@/lib/actions/account/change-email";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function EmailForm({ pendingEmail }: { pendingEmail: string | null }) {
  const change = useActionForm(changeEmailAction);
  const cancel = useActionForm(cancelEmailChangeAction);
  return (
    <div className="space-y-4">
      {pendingEmail ? (
        <form {...cancel.formProps} className="space-y-2">
          <p role="status" className="text-sm text-slate-700">
            Waiting for <strong>{pendingEmail}</strong> to be verified: open the link we sent there. Your current address stays in use until then.
          </p>
          <FormError message={cancel.formError} />
          <SubmitButton variant="secondary" pending={cancel.pending}>Cancel the change</SubmitButton>
        </form>
      ) : null}
      <form {...change.formProps} className="space-y-4">
        <FormError message={change.formError && !change.errors.email && !change.errors.currentPassword ? change.formError : null} />
        <Field id="email-change-address" label="New e-mail address" name="email" type="email" autoComplete="email" errors={change.errors.email} required />
        <Field id="email-change-password" label="Confirm with your password" name="currentPassword" type="password" autoComplete="current-password" errors={change.errors.currentPassword} required />
        <SubmitButton pending={change.pending} pendingLabel="Sending…">Change e-mail address</SubmitButton>
      </form>
    </div>
  );
}
