"use client";

import { useActionState } from "react";
import { signUpAction } from "@/lib/actions/sign-up";
import { Field, FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";
import { PASSWORD_MIN } from "@/lib/validation/names";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail?: string }) {
  const [state, action] = useActionState(signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state && !state.ok ? state.error : null} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        errors={errors?.username}
        hint="Your personal workspace's URL: lower-case letters, numbers, “_” and “-”, 2–39 characters."
        required
      />
      <Field label="E-mail" name="email" type="email" autoComplete="email" defaultValue={defaultEmail} errors={errors?.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        errors={errors?.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
        required
      />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
