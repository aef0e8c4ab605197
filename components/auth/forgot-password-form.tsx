"use client";

import { forgotPasswordAction } from "@/lib/actions/account/forgot-password";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function ForgotPasswordForm() {
  const { formProps, pending, errors, formError, state } = useActionForm(forgotPasswordAction);
  if (state?.ok) return <p role="status" className="text-sm text-slate-700">{state.data.message}</p>;
  return (
    <form {...formProps} className="space-y-4">
      <FormError message={state && !state.ok && !state.fieldErrors ? formError : null} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" errors={errors.email} required />
      <SubmitButton pending={pending} pendingLabel="Sending…">Send reset link</SubmitButton>
    </form>
  );
}
