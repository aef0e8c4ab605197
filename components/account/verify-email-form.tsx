"use client";

import Link from "next/link";
import { verifyEmailAction } from "@/lib/actions/account/verify-email";
import { SubmitButton } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

/**
 * A button, not verification on opening: mail scanners open links too, and a single-use link
 * spent by a scanner would leave the person with a dead one.
 */
export function VerifyEmailForm({ token, home }: { token: string; home: string }) {
  const { formProps, pending, formError, state } = useActionForm(verifyEmailAction);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-700">Your e-mail address {state.data.email} is verified.</p>
        <Link href={home}>Continue to your workspace</Link>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormError message={formError} />
      <SubmitButton pending={pending} pendingLabel="Verifying…">Verify my e-mail address</SubmitButton>
    </form>
  );
}
