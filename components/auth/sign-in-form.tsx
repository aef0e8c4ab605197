"use client";

import { useActionState } from "react";
import { signInAction } from "@/lib/actions/sign-in";
import { Field, FormError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";

export function SignInForm({ callbackUrl, defaultIdentifier }: { callbackUrl: string; defaultIdentifier?: string }) {
  const [state, action] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state && !state.ok && !errors ? state.error : null} />
      <Field label="Username or e-mail" name="identifier" autoComplete="username" defaultValue={defaultIdentifier} errors={errors?.identifier} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" errors={errors?.password} required />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
