"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { signUpAction } from "@/lib/actions/sign-up";
import { Field, FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";
import { PASSWORD_MIN } from "@/lib/validation/form-options";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail?: string }) {
  const { formProps, pending, errors, formError } = useActionForm(signUpAction);
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={formError} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        errors={errors.username}
        hint="Your personal workspace's URL: lower-case letters, numbers, “_” and “-”, 2–39 characters."
        required
      />
      <Field label="E-mail" name="email" type="email" autoComplete="email" defaultValue={defaultEmail} errors={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        errors={errors.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
        required
      />
      <SubmitButton pending={pending} pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
