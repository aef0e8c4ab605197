"use client";

import { changePasswordAction } from "@/lib/actions/change-password";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function PasswordForm() {
  const { formProps, pending, errors, formError, succeeded } = useActionForm(changePasswordAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormError message={formError && !errors.currentPassword && !errors.newPassword ? formError : null} />
      {succeeded ? <p role="status" className="text-sm text-green-700">Password changed.</p> : null}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" errors={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" errors={errors.newPassword} hint="At least 8 characters." />
      <SubmitButton pending={pending} pendingLabel="Saving…">Change password</SubmitButton>
    </form>
  );
}
