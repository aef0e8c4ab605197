"use client";

import { resetPasswordAction } from "@/lib/actions/account/reset-password";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { PASSWORD_MIN } from "@/lib/validation/form-options";

export function ResetPasswordForm({ token }: { token: string }) {
  const { formProps, pending, errors, formError, state } = useActionForm(resetPasswordAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state && !state.ok && !errors.password ? formError : null} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" errors={errors.password} hint={`At least ${PASSWORD_MIN} characters.`} required />
      <SubmitButton pending={pending} pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
