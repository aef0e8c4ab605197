"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { signInAction } from "@/lib/actions/sign-in";
import { Field, FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";

export function SignInForm({ callbackUrl, defaultIdentifier }: { callbackUrl: string; defaultIdentifier?: string }) {
  const { formProps, pending, errors, formError, state } = useActionForm(signInAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state && !state.ok && !state.fieldErrors ? formError : null} />
      <Field label="Username or e-mail" name="identifier" autoComplete="username" defaultValue={defaultIdentifier} errors={errors.identifier} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" errors={errors.password} required />
      <SubmitButton pending={pending} pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
